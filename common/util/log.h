/* common/util/log.h: leveled logging with libvirt's filter/output syntax.
 * Knows nothing of errors or drivers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

typedef enum {
    LOG_LEVEL_DEBUG = 1,
    LOG_LEVEL_INFO = 2,
    LOG_LEVEL_WARN = 3,
    LOG_LEVEL_ERROR = 4,
} LogLevel;

void log_message(LogLevel level, const char *file, const char *func, int line,
                 const char *fmt, ...) G_GNUC_PRINTF(5, 6);
bool log_enabled(LogLevel level, const char *file);

int log_setup(const char *progname, LogLevel default_level,
              const char *filters, const char *outputs);
int log_setup_from_env(const char *progname, LogLevel default_level);
void log_set_default_level(LogLevel level);
int log_set_filters(const char *filters);
int log_set_outputs(const char *outputs);
char *log_get_filters(size_t *ret_count);
char *log_get_outputs(size_t *ret_count);

#define log_debug(...) log_message(LOG_LEVEL_DEBUG, __FILE__, __func__, __LINE__, __VA_ARGS__)
#define log_info(...)  log_message(LOG_LEVEL_INFO, __FILE__, __func__, __LINE__, __VA_ARGS__)
#define log_warn(...)  log_message(LOG_LEVEL_WARN, __FILE__, __func__, __LINE__, __VA_ARGS__)
#define log_error(...) log_message(LOG_LEVEL_ERROR, __FILE__, __func__, __LINE__, __VA_ARGS__)
