/* common/util/file.h: file helpers. Functions return 0 or -errno and never
 * report errors; callers report with context. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Write @len bytes to @path atomically: temp file in the same directory,
 * fsync, rename over @path, fsync the directory. */
int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode);
/* fsync directory @dir, so that a rename or unlink in it is durable. */
int file_fsync_dir(const char *dir);
/* Read a whole file (at most @max bytes; -EFBIG beyond). NUL-terminated. */
int file_read_all(const char *path, size_t max, char **ret_data, size_t *ret_len);
/* mkdir -p with @mode for the directories it creates. */
int file_mkdir_p(const char *path, mode_t mode);
/* unlink that treats ENOENT as success. */
int file_unlink_if_exists(const char *path);
bool file_exists(const char *path);
/* Take an exclusive fcntl lock on @path (created 0644) and write our pid.
 * Return: the open fd (keep it open to hold the lock), -EAGAIN when another
 * process holds it, or -errno. */
int file_pidfile_acquire(const char *path, pid_t pid);
