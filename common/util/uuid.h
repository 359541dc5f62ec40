/* common/util/uuid.h: 16-byte UUIDs and their 36-character text form. */
#pragma once

#include <stdbool.h>

#define UUID_RAW_LEN 16
#define UUID_STR_LEN 37   /* 36 characters + NUL, like VIR_UUID_STRING_BUFLEN */

/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (also accepts the 32 hex
 * digits without dashes, like libvirt). Return 0 or -EINVAL. */
int uuid_parse(const char *s, unsigned char out[UUID_RAW_LEN]);
void uuid_format(const unsigned char uuid[UUID_RAW_LEN], char out[UUID_STR_LEN]);
/* Random version-4 UUID. */
void uuid_generate(unsigned char out[UUID_RAW_LEN]);
bool uuid_is_null(const unsigned char uuid[UUID_RAW_LEN]);
