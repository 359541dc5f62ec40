/* daemons/virtsecretd/valcrypt.c: AES-256-GCM sealing of secret values and
 * the per-host key file. Owns nothing but bytes: it never names a secret
 * file and knows nothing of the store's tables.
 *
 * Crypto comes from Nettle, the library GnuTLS itself is built on: linking
 * GnuTLS would pull in p11-kit and friends and cost the idle daemon about
 * 2 MB of RSS (DESIGN.md 3a) for the same AES-GCM code. Randomness comes
 * from the kernel (getrandom). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <glib.h>
#include <nettle/gcm.h>
#include <nettle/memops.h>

#include "common/util/err.h"
#include "common/util/file.h"
#include "daemons/virtsecretd/valcrypt.h"

#define VALCRYPT_MAGIC "MVS1"
#define VALCRYPT_MAGIC_LEN 4
#define VALCRYPT_NONCE_LEN GCM_IV_SIZE
#define VALCRYPT_TAG_LEN GCM_DIGEST_SIZE
#define VALCRYPT_OVERHEAD (VALCRYPT_MAGIC_LEN + VALCRYPT_NONCE_LEN + VALCRYPT_TAG_LEN)

/**
 * valcrypt_wipe_free() - clear and free a buffer that held secret bytes
 * @p:   buffer from g_malloc (may be NULL)
 * @len: bytes to clear
 */
void
valcrypt_wipe_free(void *p, size_t len)
{
    if (!p)
        return;
    explicit_bzero(p, len);
    g_free(p);
}

/* Fill @buf from the kernel CSPRNG. Return 0 or -errno. */
static int
valcrypt_random(void *buf, size_t len)
{
    unsigned char *p = buf;

    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int
valcrypt_key_generate(const char *path, ValcryptKey *ret_key)
{
    ValcryptKey key;
    int r;

    r = valcrypt_random(key.bytes, sizeof(key.bytes));
    if (r < 0) {
        err_report_system(-r, "%s", "cannot generate the secret encryption key");
        return -1;
    }
    r = file_write_atomic(path, key.bytes, sizeof(key.bytes), S_IRUSR | S_IWUSR);
    if (r < 0) {
        explicit_bzero(&key, sizeof(key));
        err_report_system(-r, "cannot write secret encryption key '%s'", path);
        return -1;
    }
    *ret_key = key;
    explicit_bzero(&key, sizeof(key));
    return 0;
}

/**
 * valcrypt_key_load_or_create() - see valcrypt.h
 */
int
valcrypt_key_load_or_create(const char *path, ValcryptKey *ret_key,
                            bool *ret_created)
{
    g_autofree char *dir = g_path_get_dirname(path);
    char *data = NULL;
    size_t len = 0;
    int r;

    r = file_mkdir_p(dir, S_IRWXU);
    if (r < 0) {
        err_report_system(-r, "cannot create directory '%s'", dir);
        return -1;
    }

    r = file_read_all(path, VALCRYPT_KEY_LEN + 1, &data, &len);
    if (r == -ENOENT) {
        if (valcrypt_key_generate(path, ret_key) < 0)
            return -1;
        if (ret_created)
            *ret_created = true;
        return 0;
    }
    if (r < 0 && r != -EFBIG) {
        err_report_system(-r, "cannot read secret encryption key '%s'", path);
        return -1;
    }
    if (r == -EFBIG || len != VALCRYPT_KEY_LEN) {
        valcrypt_wipe_free(data, len);
        err_report(VIR_ERR_INTERNAL_ERROR,
                   "secret encryption key '%s' must be exactly %d bytes",
                   path, VALCRYPT_KEY_LEN);
        return -1;
    }
    memcpy(ret_key->bytes, data, VALCRYPT_KEY_LEN);
    valcrypt_wipe_free(data, len);
    if (ret_created)
        *ret_created = false;
    return 0;
}

/**
 * valcrypt_seal() - see valcrypt.h
 */
int
valcrypt_seal(const ValcryptKey *key, const char *aad,
              const unsigned char *plain, size_t len,
              unsigned char **ret_blob, size_t *ret_blob_len)
{
    struct gcm_aes256_ctx ctx;
    size_t total = VALCRYPT_OVERHEAD + len;
    unsigned char *blob = g_malloc(total);
    unsigned char *nonce = blob + VALCRYPT_MAGIC_LEN;
    unsigned char *ctext = nonce + VALCRYPT_NONCE_LEN;
    int r;

    memcpy(blob, VALCRYPT_MAGIC, VALCRYPT_MAGIC_LEN);
    /* A fresh random 96-bit nonce per value file: with one key per host
     * and far fewer than 2^32 writes, a repeat is not a practical risk. */
    r = valcrypt_random(nonce, VALCRYPT_NONCE_LEN);
    if (r < 0) {
        g_free(blob);
        err_report_system(-r, "%s", "cannot generate a nonce for a secret value");
        return -1;
    }
    gcm_aes256_set_key(&ctx, key->bytes);
    gcm_aes256_set_iv(&ctx, VALCRYPT_NONCE_LEN, nonce);
    gcm_aes256_update(&ctx, strlen(aad), (const uint8_t *) aad);
    gcm_aes256_encrypt(&ctx, len, ctext, plain);
    gcm_aes256_digest(&ctx, VALCRYPT_TAG_LEN, ctext + len);
    explicit_bzero(&ctx, sizeof(ctx));

    *ret_blob = blob;
    *ret_blob_len = total;
    return 0;
}

/**
 * valcrypt_open() - see valcrypt.h
 */
int
valcrypt_open(const ValcryptKey *key, const char *aad,
              const unsigned char *blob, size_t blob_len,
              unsigned char **ret_plain, size_t *ret_len)
{
    struct gcm_aes256_ctx ctx;
    const unsigned char *nonce = blob + VALCRYPT_MAGIC_LEN;
    const unsigned char *ctext = nonce + VALCRYPT_NONCE_LEN;
    unsigned char tag[VALCRYPT_TAG_LEN];
    unsigned char *plain;
    size_t len;

    if (blob_len < VALCRYPT_OVERHEAD ||
        memcmp(blob, VALCRYPT_MAGIC, VALCRYPT_MAGIC_LEN) != 0) {
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "secret value file is not in the expected format");
        return -1;
    }
    len = blob_len - VALCRYPT_OVERHEAD;
    /* one spare byte so a zero-length value still gets a real buffer */
    plain = g_malloc(len + 1);
    gcm_aes256_set_key(&ctx, key->bytes);
    gcm_aes256_set_iv(&ctx, VALCRYPT_NONCE_LEN, nonce);
    gcm_aes256_update(&ctx, strlen(aad), (const uint8_t *) aad);
    gcm_aes256_decrypt(&ctx, len, plain, ctext);
    gcm_aes256_digest(&ctx, VALCRYPT_TAG_LEN, tag);
    explicit_bzero(&ctx, sizeof(ctx));

    if (!memeql_sec(tag, ctext + len, VALCRYPT_TAG_LEN)) {
        valcrypt_wipe_free(plain, len + 1);
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "cannot decrypt secret value (wrong key or damaged file)");
        return -1;
    }
    *ret_plain = plain;
    *ret_len = len;
    return 0;
}
