/* tests/fuzz/replay.c: a main() for the libFuzzer entry points, so that every
 * build (gcc, no sanitizers, no -Dfuzz) runs the fuzz targets in the test
 * suite. It feeds each corpus file to LLVMFuzzerTestOneInput(), then a
 * fixed number of deterministic mutations of it (own mutator: bit flips,
 * interesting bytes and words, truncation, chunk deletion, duplication and
 * swapping, dictionary tokens, number replacement, splicing with another
 * corpus file). The same arguments always run the same inputs.
 *
 * usage: replay [-n MUTATIONS | -N TOTAL] [-s SEED] [-t SECONDS] [-o CRASH_DIR] [-v] PATH...
 *   PATH       a file or a directory (its regular files, sorted, not recursive)
 *   -n         mutations per corpus file (default 100)
 *   -N         mutations in all, spread evenly over the corpus files (at
 *              least one each), so that the run time does not grow with
 *              the corpus
 *   -s         seed mixed into every file's random stream (default 0)
 *   -t         stop mutating (but still run every corpus file) after this
 *              many seconds; 0 = no limit (default)
 *   -o         where the input that crashes is written (default: .)
 * Exit status: 0, or the target's crash (abort, sanitizer report). Before a
 * crash the offending input is saved as CRASH_DIR/replay-crash-<hash>. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "common/util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

#define REPLAY_MAX_INPUT (1024 * 1024)

typedef struct {
    char *path;
    uint8_t *data;
    size_t len;
} Seed;

static GPtrArray *seeds;            /* Seed * */

/* The input being run, for the crash handlers. */
static const uint8_t *cur_data;
static size_t cur_len;
static const char *cur_path;
static unsigned int cur_mutation;   /* 0 = the corpus file itself */
static char crash_dir[4096] = ".";

/* ---- deterministic randomness (xorshift64*) ---- */

typedef struct {
    uint64_t s;
} Rng;

static uint64_t
rng_next(Rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

/* Uniform-enough value in [0, n); n > 0. */
static size_t
rng_below(Rng *r, size_t n)
{
    return (size_t) (rng_next(r) % n);
}

static uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ULL;      /* FNV-1a */
    return h;
}

/* ---- crash reporting ---- */

static void
save_crash(void)
{
    char path[4200];
    uint64_t h = hash_bytes(14695981039346656037ULL, cur_data, cur_len);
    int fd;

    if (!cur_data)
        return;
    snprintf(path, sizeof(path), "%s/replay-crash-%016llx", crash_dir,
             (unsigned long long) h);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        size_t off = 0;

        while (off < cur_len) {
            ssize_t w = write(fd, cur_data + off, cur_len - off);

            if (w <= 0)
                break;
            off += (size_t) w;
        }
        close(fd);
    }
    fprintf(stderr, "replay: crashed on %s, mutation %u (%zu bytes); input saved as %s\n",
            cur_path ? cur_path : "?", cur_mutation, cur_len, path);
    cur_data = NULL;
}

static void
on_signal(int sig)
{
    save_crash();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---- the mutator ---- */

static const char *const tokens[] = {
    "<", ">", "/>", "</", "='", "'", "\"", "&amp;", "&#0;", "&#x10FFFF;", "&lt;",
    "<![CDATA[", "]]>", "<!--", "-->", "<?xml version='1.0'?>", "xmlns:", "=",
    " ", "\n", "yes", "no", "on", "off", "KiB", "TiB", "EiB", "%", "00:", "::", ".0",
    "/", "..", "\xff", "\xc3\xa9",
};

static const char *const numbers[] = {
    "-1", "0", "1", "65535", "65536", "2147483647", "2147483648", "4294967295",
    "4294967296", "9223372036854775807", "18446744073709551615",
    "18446744073709551616", "0x", "0xffffffff", "1e9", "-0", "+1",
};

static const uint32_t words[] = {
    0, 1, 2, 3, 4, 7, 16, 32, 33, 255, 256, 1024, 4095, 4096, 65535, 65536,
    262120, 4194304, 4194305, 33554432, 33554433, 0x7fffffff, 0x80000000,
    0xfffffffe, 0xffffffff,
};

static const uint8_t bytes_of_note[] = {
    0, 1, 0x7f, 0x80, 0xff, '<', '>', '/', '=', '\'', '"', '&', ';', '0', '9', '-',
    ' ', '\n', 'a', 'z',
};

static void
buf_insert(GByteArray *buf, size_t at, const void *p, size_t n)
{
    size_t old = buf->len;

    g_byte_array_set_size(buf, (guint) (old + n));
    memmove(buf->data + at + n, buf->data + at, old - at);
    memcpy(buf->data + at, p, n);
}

/* Apply one random edit to @buf (a GByteArray). */
static void
mutate_once(Rng *r, GByteArray *buf, const Seed *self)
{
    size_t len = buf->len;
    size_t pos = len ? rng_below(r, len) : 0;
    size_t n = len ? 1 + rng_below(r, MIN(len - pos, (size_t) 64)) : 0;

    switch (rng_below(r, 11)) {
    case 0:                                         /* flip a bit */
        if (len)
            buf->data[pos] ^= (uint8_t) (1u << rng_below(r, 8));
        break;
    case 1:                                         /* byte of note */
        if (len)
            buf->data[pos] = bytes_of_note[rng_below(r, sizeof(bytes_of_note))];
        break;
    case 2:                                         /* big-endian word (XDR) */
        if (len >= 4) {
            uint32_t w = words[rng_below(r, G_N_ELEMENTS(words))];
            size_t at = rng_below(r, len / 4) * 4;

            buf->data[at] = (uint8_t) (w >> 24);
            buf->data[at + 1] = (uint8_t) (w >> 16);
            buf->data[at + 2] = (uint8_t) (w >> 8);
            buf->data[at + 3] = (uint8_t) w;
        }
        break;
    case 3:                                         /* truncate */
        g_byte_array_set_size(buf, pos);
        break;
    case 4:                                         /* delete a chunk */
        if (len)
            g_byte_array_remove_range(buf, (guint) pos, (guint) n);
        break;
    case 5: {                                       /* duplicate a chunk */
        g_autofree uint8_t *chunk = NULL;

        if (!len || len + n > REPLAY_MAX_INPUT)
            break;
        chunk = g_memdup2(buf->data + pos, n);
        buf_insert(buf, rng_below(r, len + 1), chunk, n);
        break;
    }
    case 6: {                                       /* insert a token */
        const char *t = rng_below(r, 2) ? tokens[rng_below(r, G_N_ELEMENTS(tokens))]
                                        : numbers[rng_below(r, G_N_ELEMENTS(numbers))];

        buf_insert(buf, len ? rng_below(r, len + 1) : 0, t, strlen(t));
        break;
    }
    case 7: {                                       /* replace a number */
        const char *t = numbers[rng_below(r, G_N_ELEMENTS(numbers))];
        size_t end = pos;

        while (pos < len && !g_ascii_isdigit(buf->data[pos]))
            pos++;
        end = pos;
        while (end < len && g_ascii_isxdigit(buf->data[end]))
            end++;
        if (end > pos) {
            g_byte_array_remove_range(buf, (guint) pos, (guint) (end - pos));
            buf_insert(buf, pos, t, strlen(t));
        }
        break;
    }
    case 8: {                                       /* swap two chunks */
        size_t other = len ? rng_below(r, len) : 0;
        size_t m = MIN(n, len - MAX(pos, other));

        for (size_t i = 0; i < m && pos + i < len && other + i < len; i++) {
            uint8_t t = buf->data[pos + i];

            buf->data[pos + i] = buf->data[other + i];
            buf->data[other + i] = t;
        }
        break;
    }
    case 9: {                                       /* copy a chunk over another */
        size_t to = len ? rng_below(r, len) : 0;

        if (len)
            memmove(buf->data + to, buf->data + pos, MIN(n, len - MAX(to, pos)));
        break;
    }
    default: {                                      /* splice with another seed */
        const Seed *o = g_ptr_array_index(seeds, rng_below(r, seeds->len));
        size_t cut = o->len ? rng_below(r, o->len) : 0;

        if (o == self || !o->len)
            break;
        g_byte_array_set_size(buf, pos);
        g_byte_array_append(buf, o->data + cut, (guint) MIN(o->len - cut,
                                                            REPLAY_MAX_INPUT - pos));
        break;
    }
    }
}

static void
run_one(const uint8_t *data, size_t len)
{
    /* a private copy, so that reads past the end are seen by ASan */
    g_autofree uint8_t *copy = g_memdup2(data, len ? len : 1);

    cur_data = copy;
    cur_len = len;
    LLVMFuzzerTestOneInput(copy, len);
    cur_data = NULL;
}

/* ---- corpus loading ---- */

static int
seed_cmp(gconstpointer a, gconstpointer b)
{
    const Seed *x = *(Seed *const *) a;
    const Seed *y = *(Seed *const *) b;

    return strcmp(x->path, y->path);
}

static void
seed_free(gpointer p)
{
    Seed *s = p;

    g_free(s->path);
    g_free(s->data);
    g_free(s);
}

static void
load_file(const char *path)
{
    Seed *s = g_new0(Seed, 1);
    g_autoptr(GError) err = NULL;
    gchar *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "replay: %s\n", err->message);
        exit(2);
    }
    s->path = g_strdup(path);
    s->data = (uint8_t *) data;
    s->len = MIN(len, (gsize) REPLAY_MAX_INPUT);
    g_ptr_array_add(seeds, s);
}

static void
load_path(const char *path)
{
    g_autoptr(GError) err = NULL;
    GDir *dir;
    const char *name;

    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        load_file(path);
        return;
    }
    dir = g_dir_open(path, 0, &err);
    if (!dir) {
        fprintf(stderr, "replay: %s\n", err->message);
        exit(2);
    }
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *full = g_build_filename(path, name, NULL);

        if (name[0] != '.' && g_file_test(full, G_FILE_TEST_IS_REGULAR))
            load_file(full);
    }
    g_dir_close(dir);
}

static unsigned long long
parse_number(const char *opt, const char *text)
{
    unsigned long long v;

    if (parse_ull(text, 10, &v) < 0) {
        fprintf(stderr, "replay: %s needs a number, not '%s'\n", opt, text);
        exit(2);
    }
    return v;
}

int
main(int argc, char **argv)
{
    unsigned long long nmut = 100;
    unsigned long long total = 0;
    unsigned long long seed = 0;
    unsigned long long max_seconds = 0;
    unsigned long long runs = 0;
    bool verbose = false;
    bool cut_short = false;
    gint64 start = g_get_monotonic_time();
    int opt;

    while ((opt = getopt(argc, argv, "n:N:s:t:o:v")) != -1) {
        switch (opt) {
        case 'n': nmut = parse_number("-n", optarg); break;
        case 'N': total = parse_number("-N", optarg); break;
        case 's': seed = parse_number("-s", optarg); break;
        case 't': max_seconds = parse_number("-t", optarg); break;
        case 'o': g_strlcpy(crash_dir, optarg, sizeof(crash_dir)); break;
        case 'v': verbose = true; break;
        default:
            fprintf(stderr, "usage: %s [-n MUTATIONS | -N TOTAL] [-s SEED] [-t SECONDS] "
                    "[-o CRASH_DIR] [-v] PATH...\n", argv[0]);
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "replay: no corpus given\n");
        return 2;
    }
    seeds = g_ptr_array_new_with_free_func(seed_free);
    for (int i = optind; i < argc; i++)
        load_path(argv[i]);
    g_ptr_array_sort(seeds, seed_cmp);
    if (total && seeds->len)
        nmut = MAX(1, total / seeds->len);

    signal(SIGABRT, on_signal);
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGFPE, on_signal);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(save_crash);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);

    /* every corpus file as it is first: those are the regression tests */
    for (guint i = 0; i < seeds->len; i++) {
        const Seed *s = g_ptr_array_index(seeds, i);

        cur_path = s->path;
        cur_mutation = 0;
        if (verbose)
            fprintf(stderr, "replay: %s\n", s->path);
        run_one(s->data, s->len);
        runs++;
    }
    for (guint i = 0; i < seeds->len && !cut_short; i++) {
        const Seed *s = g_ptr_array_index(seeds, i);
        g_autofree char *base = g_path_get_basename(s->path);
        Rng r = { hash_bytes(14695981039346656037ULL ^ seed, base, strlen(base)) | 1 };

        cur_path = s->path;
        for (unsigned long long m = 1; m <= nmut; m++) {
            g_autoptr(GByteArray) buf = g_byte_array_sized_new((guint) s->len + 64);
            unsigned int edits = 1 + (unsigned int) rng_below(&r, 4);

            if (max_seconds && g_get_monotonic_time() - start > (gint64) max_seconds * G_USEC_PER_SEC) {
                cut_short = true;
                break;
            }
            g_byte_array_append(buf, s->data, (guint) s->len);
            for (unsigned int e = 0; e < edits; e++)
                mutate_once(&r, buf, s);
            cur_mutation = (unsigned int) m;
            run_one(buf->data, buf->len);
            runs++;
        }
    }
    fprintf(stderr, "replay: %u corpus files, %llu runs in %.1f s%s\n", seeds->len, runs,
            (double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC,
            cut_short ? " (mutations cut short by -t)" : "");
    g_ptr_array_unref(seeds);
    return 0;
}
