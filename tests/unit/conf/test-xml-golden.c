/* tests/unit/conf/test-xml-golden.c: one runner for every XML format's golden
 * files (STYLE.md practice 14). It scans tests/data/<format>/ for
 *   <case>.in.xml              input (required)
 *   <case>.out.xml             expected output, when it differs from the input
 *   <case>.err                 instead of output: "VIR_ERR_<NAME>\n<message fragment>\n"
 *   <case>.flags               optional words: parse-inactive strict skip-validate
 *                              secure inactive migratable nodedev-create
 * Any other file, or an .out.xml/.err/.flags without its .in.xml, fails.
 * Valid cases also check idempotence: format(parse(out)) == out.
 * MODVIRT_TEST_REGEN=1 rewrites .out.xml/.err from what the code does.
 * With --rng, every valid case's output is checked with virt-xml-validate
 * against libvirt's schema for the format (suite 'interop'). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "common/conf/xmlmap.h"
#include "common/conf/capabilities_conf.h"
#include "common/conf/domain/domain.h"
#include "common/conf/domaincaps_conf.h"
#include "common/conf/interface_conf.h"
#include "common/conf/network_conf.h"
#include "common/conf/networkport_conf.h"
#include "common/conf/nodedev_conf.h"
#include "common/conf/nwfilter_conf.h"
#include "common/conf/nwfilterbinding_conf.h"
#include "common/conf/secret_conf.h"
#include "common/conf/storage_conf.h"
#include "common/conf/storagevol_conf.h"
#include "common/util/err.h"

typedef struct {
    const char *dir;            /* tests/data/<dir> */
    const char *rng;            /* virt-xml-validate schema name; NULL = none */
    const XmlSchema *schema;
} GoldenFormat;

static const GoldenFormat formats[] = {
    { "capabilities", "capability", &caps_def_schema },
    { "domain", "domain", &domain_def_schema },
    { "domaincaps", "domaincaps", &domcaps_def_schema },
    { "interface", "interface", &iface_def_schema },
    { "network", "network", &net_def_schema },
    { "networkport", "networkport", &net_port_def_schema },
    { "nodedev", "nodedev", &nodedev_def_schema },
    { "nwfilter", "nwfilter", &nwfilter_def_schema },
    { "nwfilterbinding", "nwfilterbinding", &nwfilter_binding_def_schema },
    { "secret", "secret", &secret_def_schema },
    { "storagepool", "storagepool", &pool_def_schema },
    { "storagevol", "storagevol", &vol_def_schema },
};

typedef struct {
    const GoldenFormat *fmt;
    char *name;
    char *in_path;
    char *out_path;             /* NULL: output must equal the input */
    char *err_path;
    char *flags_path;
    char *problem;              /* set for orphan/unknown files: the case fails */
} GoldenCase;

static GHashTable *err_names;   /* code (GINT) -> "VIR_ERR_..." */
static bool regen;
static const char *validator;

static const char *
srcdir(void)
{
    const char *env = g_getenv("MODVIRT_SRCDIR");

    return env ? env : SRCDIR;
}

/* virErrorLevel shares the VIR_ERR_ prefix with the error codes. */
static bool
err_is_level_name(const char *name)
{
    return g_str_equal(name, "VIR_ERR_NONE") || g_str_equal(name, "VIR_ERR_WARNING") ||
           g_str_equal(name, "VIR_ERR_ERROR");
}

/* Error code names come from the public header, so the table cannot drift. */
static void
load_err_names(void)
{
    g_autofree char *path = g_build_filename(srcdir(), "api", "include", "libvirt",
                                             "virterror.h", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    err_names = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        char name[128];
        int code;

        if (sscanf(*l, " %127[A-Z0-9_] = %d", name, &code) == 2 &&
            (g_str_has_prefix(name, "VIR_ERR_") || g_str_has_prefix(name, "VIR_WAR_")) &&
            !err_is_level_name(name) &&
            !g_hash_table_contains(err_names, GINT_TO_POINTER(code)))
            g_hash_table_insert(err_names, GINT_TO_POINTER(code), g_strdup(name));
    }
}

static const char *
err_name(int code)
{
    const char *n = g_hash_table_lookup(err_names, GINT_TO_POINTER(code));

    return n ? n : "VIR_ERR_UNKNOWN";
}

static char *
slurp(const char *path)
{
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        fail_msg("cannot read %s", path);
    return text;
}

static void
spit(const char *path, const char *text)
{
    if (!g_file_set_contents(path, text, -1, NULL))
        fail_msg("cannot write %s", path);
}

static void
case_flags(const GoldenCase *c, unsigned int *ret_parse, unsigned int *ret_format)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) words = NULL;
    static const struct {
        const char *word;
        bool format;
        unsigned int flag;
    } table[] = {
        { "parse-inactive", false, XMLMAP_PARSE_INACTIVE },
        { "strict", false, XMLMAP_PARSE_STRICT },
        { "skip-validate", false, XMLMAP_PARSE_SKIP_VALIDATE },
        { "nodedev-create", false, NODEDEV_PARSE_CREATE },
        { "secure", true, XMLMAP_FORMAT_SECURE },
        { "inactive", true, XMLMAP_FORMAT_INACTIVE },
        { "migratable", true, XMLMAP_FORMAT_MIGRATABLE },
    };

    *ret_parse = 0;
    *ret_format = 0;
    if (!c->flags_path)
        return;
    text = slurp(c->flags_path);
    words = g_strsplit_set(g_strstrip(text), " \t\n", -1);
    for (char **w = words; *w; w++) {
        size_t i;

        if (!**w)
            continue;
        for (i = 0; i < G_N_ELEMENTS(table); i++) {
            if (g_str_equal(*w, table[i].word)) {
                *(table[i].format ? ret_format : ret_parse) |= table[i].flag;
                break;
            }
        }
        if (i == G_N_ELEMENTS(table))
            fail_msg("%s: unknown flag word '%s'", c->flags_path, *w);
    }
}

static char *
case_path(const GoldenCase *c, const char *suffix)
{
    g_autofree char *base = g_strconcat(c->name, suffix, NULL);

    return g_build_filename(srcdir(), "tests", "data", c->fmt->dir, base, NULL);
}

/* Parse and format; NULL when parsing failed (the error is left set). */
static char *
parse_format(const GoldenFormat *fmt, const char *xml, unsigned int pflags,
             unsigned int fflags)
{
    void *obj = NULL;
    char *out;

    err_reset_last();
    if (fmt->schema == &domain_def_schema) {
        /* what drivers call: it adds the parse-mode steps of a domain */
        obj = domain_def_parse_string(xml, pflags);
        if (!obj)
            return NULL;
    } else if (xmlmap_parse_string(fmt->schema, xml, &obj, pflags) < 0) {
        return NULL;
    }
    out = xmlmap_format(fmt->schema, obj, fflags);
    xmlmap_free(fmt->schema, obj);
    return out;
}

static void
regenerate(const GoldenCase *c, const char *in, const char *out)
{
    g_autofree char *out_path = case_path(c, ".out.xml");
    g_autofree char *err_path = case_path(c, ".err");

    if (out) {
        if (g_str_equal(in, out))
            unlink(out_path);
        else
            spit(out_path, out);
        unlink(err_path);
    } else {
        g_autofree char *err = g_strdup_printf("%s\n%s\n", err_name(err_last_code()),
                                               err_last_message());

        spit(err_path, err);
        unlink(out_path);
    }
}

static void
check_error(const GoldenCase *c)
{
    g_autofree char *text = slurp(c->err_path);
    g_auto(GStrv) lines = g_strsplit(text, "\n", 3);
    const char *want_code = lines[0] ? lines[0] : "";
    const char *want_msg = lines[0] && lines[1] ? lines[1] : "";
    const char *got_msg = err_last_message();

    if (!*want_msg)
        fail_msg("%s: line 2 must hold a message fragment", c->err_path);
    if (!g_str_equal(want_code, err_name(err_last_code())) || !got_msg ||
        !strstr(got_msg, want_msg))
        fail_msg("%s: want %s with '%s'\n  got %s: %s", c->name, want_code, want_msg,
                 err_name(err_last_code()), got_msg ? got_msg : "(no message)");
}

static void
run_case(void **state)
{
    const GoldenCase *c = *state;
    g_autofree char *in = NULL;
    g_autofree char *out = NULL;
    g_autofree char *again = NULL;
    g_autofree char *want = NULL;
    unsigned int pflags, fflags;

    if (c->problem)
        fail_msg("%s", c->problem);
    case_flags(c, &pflags, &fflags);
    in = slurp(c->in_path);
    out = parse_format(c->fmt, in, pflags, fflags);
    if (regen) {
        regenerate(c, in, out);
        return;
    }
    if (c->err_path) {
        if (out)
            fail_msg("%s: parse succeeded but %s expects an error:\n%s", c->name,
                     c->err_path, out);
        check_error(c);
        return;
    }
    if (!out)
        fail_msg("%s: unexpected error %s: %s", c->name, err_name(err_last_code()),
                 err_last_message());
    want = c->out_path ? slurp(c->out_path) : g_strdup(in);
    if (!g_str_equal(out, want))
        fail_msg("%s: output differs from %s\n--- got:\n%s--- want:\n%s", c->name,
                 c->out_path ? c->out_path : c->in_path, out, want);
    again = parse_format(c->fmt, out, pflags, fflags);
    if (!again)
        fail_msg("%s: own output does not parse: %s", c->name, err_last_message());
    if (!g_str_equal(again, out))
        fail_msg("%s: not idempotent\n--- first:\n%s--- second:\n%s", c->name, out, again);
}

/* virt-xml-validate on the formatted output of a valid case. */
static void
run_rng(void **state)
{
    const GoldenCase *c = *state;
    g_autofree char *in = NULL;
    g_autofree char *out = NULL;
    g_autofree char *tmp = NULL;
    g_autofree char *child_out = NULL;
    g_autoptr(GError) error = NULL;
    unsigned int pflags, fflags;
    int fd, status = 0;

    if (c->problem)
        fail_msg("%s", c->problem);
    if (!validator)
        skip();
    case_flags(c, &pflags, &fflags);
    in = slurp(c->in_path);
    out = parse_format(c->fmt, in, pflags, fflags);
    if (!out)
        fail_msg("%s: %s", c->name, err_last_message());
    fd = g_file_open_tmp("golden-XXXXXX.xml", &tmp, &error);
    if (fd < 0)
        fail_msg("temp file: %s", error->message);
    close(fd);
    spit(tmp, out);
    {
        const char *argv[] = { validator, tmp, c->fmt->rng, NULL };

        if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                          &child_out, NULL, &status, &error))
            fail_msg("cannot run %s: %s", validator, error->message);
    }
    unlink(tmp);
    if (!g_spawn_check_wait_status(status, NULL))
        fail_msg("%s: output does not validate against libvirt's '%s' schema:\n%s%s",
                 c->name, c->fmt->rng, out, child_out ? child_out : "");
}

static void
case_free(gpointer p)
{
    GoldenCase *c = p;

    g_free(c->name);
    g_free(c->in_path);
    g_free(c->out_path);
    g_free(c->err_path);
    g_free(c->flags_path);
    g_free(c->problem);
    g_free(c);
}

static GoldenCase *
case_get(GHashTable *cases, const GoldenFormat *fmt, const char *name)
{
    GoldenCase *c = g_hash_table_lookup(cases, name);

    if (!c) {
        c = g_new0(GoldenCase, 1);
        c->fmt = fmt;
        c->name = g_strdup(name);
        g_hash_table_insert(cases, c->name, c);
    }
    return c;
}

static void
scan_format(const GoldenFormat *fmt, GPtrArray *all)
{
    static const char *const suffixes[] = { ".in.xml", ".out.xml", ".err", ".flags" };
    g_autofree char *dirpath = g_build_filename(srcdir(), "tests", "data", fmt->dir, NULL);
    g_autoptr(GDir) dir = g_dir_open(dirpath, 0, NULL);
    g_autoptr(GHashTable) cases = g_hash_table_new(g_str_hash, g_str_equal);
    const char *entry;

    if (!dir)
        return;
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(dirpath, entry, NULL);
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(suffixes); i++) {
            if (g_str_has_suffix(entry, suffixes[i]))
                break;
        }
        if (i == G_N_ELEMENTS(suffixes)) {
            GoldenCase *c = case_get(cases, fmt, entry);

            c->problem = g_strdup_printf("%s: not a golden file (.in.xml, .out.xml, "
                                         ".err or .flags)", path);
            continue;
        }
        {
            g_autofree char *name = g_strndup(entry, strlen(entry) - strlen(suffixes[i]));
            GoldenCase *c = case_get(cases, fmt, name);
            char **slot[] = { &c->in_path, &c->out_path, &c->err_path, &c->flags_path };

            *slot[i] = g_steal_pointer(&path);
        }
    }
    {
        GHashTableIter it;
        gpointer v;

        g_hash_table_iter_init(&it, cases);
        while (g_hash_table_iter_next(&it, NULL, &v)) {
            GoldenCase *c = v;

            if (!c->problem && !c->in_path)
                c->problem = g_strdup_printf("%s/%s: .out.xml/.err/.flags without .in.xml",
                                             dirpath, c->name);
            else if (!c->problem && c->out_path && c->err_path)
                c->problem = g_strdup_printf("%s/%s: has both .out.xml and .err",
                                             dirpath, c->name);
            g_ptr_array_add(all, c);
        }
    }
}

static int
name_cmp(gconstpointer a, gconstpointer b)
{
    const GoldenCase *x = *(const GoldenCase *const *) a;
    const GoldenCase *y = *(const GoldenCase *const *) b;
    int r = strcmp(x->fmt->dir, y->fmt->dir);

    return r ? r : strcmp(x->name, y->name);
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(case_free);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) tests = g_array_new(FALSE, TRUE, sizeof(struct CMUnitTest));
    const char *only = NULL;
    bool rng = false;
    int rc;

    for (int i = 1; i < argc; i++) {
        if (g_str_equal(argv[i], "--rng"))
            rng = true;
        else
            only = argv[i];
    }
    regen = g_getenv("MODVIRT_TEST_REGEN") && !rng;
    if (rng)
        validator = g_find_program_in_path("virt-xml-validate");
    load_err_names();
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
        if (only && !g_str_equal(only, formats[i].dir))
            continue;
        if (rng && !formats[i].rng)
            continue;
        scan_format(&formats[i], cases);
    }
    g_ptr_array_sort(cases, name_cmp);
    for (guint i = 0; i < cases->len; i++) {
        GoldenCase *c = cases->pdata[i];
        struct CMUnitTest t = {
            .name = g_strdup_printf("%s/%s", c->fmt->dir, c->name),
            .test_func = rng ? run_rng : run_case,
            .initial_state = c,
        };

        g_ptr_array_add(names, (char *) t.name);
        if (rng && c->err_path && !c->problem)
            continue;
        g_array_append_val(tests, t);
    }
    if (tests->len == 0) {
        fprintf(stderr, "no golden cases found under %s/tests/data\n", srcdir());
        return 1;
    }
    rc = _cmocka_run_group_tests(rng ? "xml-rng" : "xml-golden",
                                 (const struct CMUnitTest *) tests->data, tests->len,
                                 NULL, NULL);
    g_hash_table_unref(err_names);
    return rc;
}
