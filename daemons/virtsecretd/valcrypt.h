/* daemons/virtsecretd/valcrypt.h: encryption at rest of secret values.
 *
 * A value file holds one secret value sealed with AES-256-GCM under a
 * per-host key. Layout of a sealed blob (all sizes in bytes):
 *
 *   "MVS1" (4) | nonce (12) | ciphertext (n) | GCM tag (16)
 *
 * The UUID of the owning secret (36-character text form) is bound in as
 * associated data, so a value file copied onto another secret's name fails
 * to open instead of silently handing out the wrong value.
 *
 * The key file is exactly VALCRYPT_KEY_LEN random bytes, mode 0600.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define VALCRYPT_KEY_LEN 32

typedef struct {
    unsigned char bytes[VALCRYPT_KEY_LEN];
} ValcryptKey;

/**
 * valcrypt_key_load_or_create() - read the host key, creating it if absent
 * @path:    key file; its directory is created 0700 when missing
 * @ret_key: filled on success
 * @ret_created: set to true when a new key was generated (may be NULL)
 *
 * A new key is written atomically (0600) and fsync'd before this returns,
 * so no value can ever be sealed with a key that is not on disk.
 *
 * Return: 0, or -1 with an error reported (unreadable or malformed key).
 */
int valcrypt_key_load_or_create(const char *path, ValcryptKey *ret_key,
                                bool *ret_created);

/**
 * valcrypt_seal() - encrypt one value
 * @key:   host key
 * @aad:   associated data (the secret's UUID string), NUL-terminated
 * @plain: value bytes
 * @len:   value length
 * @ret_blob: set to a g_malloc'd sealed blob
 * @ret_blob_len: its length
 *
 * Return: 0, or -1 with an error reported.
 */
int valcrypt_seal(const ValcryptKey *key, const char *aad,
                  const unsigned char *plain, size_t len,
                  unsigned char **ret_blob, size_t *ret_blob_len);

/**
 * valcrypt_open() - decrypt and authenticate a sealed blob
 * @key:  host key
 * @aad:  associated data given to valcrypt_seal()
 * @blob: sealed bytes
 * @blob_len: their length
 * @ret_plain: set to a g_malloc'd copy of the value (free with
 *             valcrypt_wipe_free())
 * @ret_len: value length
 *
 * Return: 0, or -1 with an error reported (bad magic, truncated file,
 *         wrong key, tampered data).
 */
int valcrypt_open(const ValcryptKey *key, const char *aad,
                  const unsigned char *blob, size_t blob_len,
                  unsigned char **ret_plain, size_t *ret_len);

/* Zero @len bytes of @p (not optimised away) and free it; NULL is fine. */
void valcrypt_wipe_free(void *p, size_t len);
