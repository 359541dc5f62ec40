/*
 * fmt.c: formatting and option helpers shared by several families: sizes with
 * units, domain state names, CPU maps, --config/--live/--current, XML snippets.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

/**
 * vsh_pretty_bytes() - "%.2f <unit>" with the largest binary unit not above @bytes
 */
char *
vsh_pretty_bytes(unsigned long long bytes)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double) bytes;
    size_t u = 0;

    while (u + 1 < G_N_ELEMENTS(units) && bytes >= (1ULL << (10 * (u + 1))))
        u++;
    v /= (double) (1ULL << (10 * u));
    return g_strdup_printf("%.2f %s", v, units[u]);
}

/**
 * vsh_domain_state_str() - the words virsh uses for a virDomainState
 */
const char *
vsh_domain_state_str(int state)
{
    static const char *const names[] = {
        [VIR_DOMAIN_NOSTATE] = "no state",
        [VIR_DOMAIN_RUNNING] = "running",
        [VIR_DOMAIN_BLOCKED] = "idle",
        [VIR_DOMAIN_PAUSED] = "paused",
        [VIR_DOMAIN_SHUTDOWN] = "in shutdown",
        [VIR_DOMAIN_SHUTOFF] = "shut off",
        [VIR_DOMAIN_CRASHED] = "crashed",
        [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
    };
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VIR_DOMAIN_LAST);

    if (state < 0 || state >= VIR_DOMAIN_LAST)
        return "no state";
    return names[state];
}

static const char *const reasons_running[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
    "post-copy failed",
};
static const char *const reasons_paused[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
    "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
    "post-copy", "post-copy failed",
};
static const char *const reasons_shutdown[] = { "unknown", "user" };
static const char *const reasons_shutoff[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from snapshot", "daemon",
};
static const char *const reasons_crashed[] = { "unknown", "panicked" };

/**
 * vsh_domain_reason_str() - the words for a state reason ("unknown" when unlisted)
 */
const char *
vsh_domain_reason_str(int state, int reason)
{
    const char *const *tab = NULL;
    size_t n = 0;

#define USE(t) do { tab = (t); n = G_N_ELEMENTS(t); } while (0)
    switch (state) {
    case VIR_DOMAIN_RUNNING: USE(reasons_running); break;
    case VIR_DOMAIN_PAUSED: USE(reasons_paused); break;
    case VIR_DOMAIN_SHUTDOWN: USE(reasons_shutdown); break;
    case VIR_DOMAIN_SHUTOFF: USE(reasons_shutoff); break;
    case VIR_DOMAIN_CRASHED: USE(reasons_crashed); break;
    default: break;
    }
#undef USE
    if (!tab || reason < 0 || (size_t) reason >= n)
        return "unknown";
    return tab[reason];
}

/**
 * vsh_cpumap_str() - "0-3,6" for the CPUs set in @map
 */
char *
vsh_cpumap_str(const unsigned char *map, int maxcpus)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < maxcpus; i++) {
        int j = i;

        if (!VIR_CPU_USABLE(map, VIR_CPU_MAPLEN(maxcpus), 0, i))
            continue;
        while (j + 1 < maxcpus && VIR_CPU_USABLE(map, VIR_CPU_MAPLEN(maxcpus), 0, j + 1))
            j++;
        if (s->len)
            g_string_append_c(s, ',');
        if (j > i)
            g_string_append_printf(s, "%d-%d", i, j);
        else
            g_string_append_printf(s, "%d", i);
        i = j;
    }
    return g_string_free(s, FALSE);
}

/**
 * vsh_cpumap_yn() - one 'y' or '-' per CPU
 */
char *
vsh_cpumap_yn(const unsigned char *map, int maxcpus)
{
    char *s = g_new0(char, maxcpus + 1);

    for (int i = 0; i < maxcpus; i++)
        s[i] = VIR_CPU_USABLE(map, VIR_CPU_MAPLEN(maxcpus), 0, i) ? 'y' : '-';
    return s;
}

/* Parse "0-3,^2,7" into a bit array; false when malformed. */
static bool
cpulist_bits(const char *list, GArray *bits)
{
    g_auto(GStrv) items = g_strsplit(list, ",", -1);

    if (!*list)
        return false;
    for (size_t i = 0; items[i]; i++) {
        char *it = g_strstrip(items[i]);
        bool neg = false;
        char *dash;
        unsigned int a, b;

        if (*it == '^') {
            neg = true;
            it++;
        }
        if ((dash = strchr(it, '-'))) {
            *dash = '\0';
            if (parse_uint(it, 10, &a) < 0 || parse_uint(dash + 1, 10, &b) < 0 ||
                b < a || b > 65535)
                return false;
        } else {
            if (parse_uint(it, 10, &a) < 0 || a > 65535)
                return false;
            b = a;
        }
        for (unsigned int c = a; c <= b; c++) {
            gboolean v = !neg;

            if (c >= bits->len)
                g_array_set_size(bits, c + 1);
            g_array_index(bits, gboolean, c) = v;
        }
    }
    return true;
}

/**
 * vsh_cpulist_parse() - a CPU list ("r" for all) into a cpumap for @maxcpus CPUs
 * Return: 0, or -1 after reporting.
 */
int
vsh_cpulist_parse(VshCtl *ctl, const char *list, int maxcpus, unsigned char **ret_map,
                  int *ret_len)
{
    g_autoptr(GArray) bits = g_array_new(FALSE, TRUE, sizeof(gboolean));
    int len = VIR_CPU_MAPLEN(maxcpus);
    unsigned char *map = g_new0(unsigned char, len);
    bool any = false;

    if (g_str_equal(list, "r")) {
        for (int i = 0; i < maxcpus; i++)
            VIR_USE_CPU(map, i);
        *ret_map = map;
        *ret_len = len;
        return 0;
    }
    if (!cpulist_bits(list, bits)) {
        vsh_error(ctl, "Invalid cpulist '%s'", list);
        vsh_error(ctl, "invalid argument: Failed to parse bitmap '%s'", list);
        g_free(map);
        return -1;
    }
    for (guint i = 0; i < bits->len; i++) {
        if (!g_array_index(bits, gboolean, i))
            continue;
        if ((int) i >= maxcpus) {
            vsh_error(ctl, "CPU %u in cpulist '%s' exceed the maxcpu %d", i, list, maxcpus);
            g_free(map);
            return -1;
        }
        VIR_USE_CPU(map, i);
        any = true;
    }
    if (!any) {
        vsh_error(ctl, "Invalid cpulist '%s'", list);
        g_free(map);
        return -1;
    }
    *ret_map = map;
    *ret_len = len;
    return 0;
}

/**
 * vsh_node_cpus() - the number of host CPUs; -1 after reporting
 */
int
vsh_node_cpus(VshCtl *ctl)
{
    int n = virNodeGetCPUMap(vsh_conn(ctl), NULL, NULL, 0);

    if (n < 0)
        vsh_error(ctl, "Unable to get cpu map");
    return n;
}

/**
 * vsh_yes_no() - "yes" or "no" for a library query's 1 or 0, @failed when it failed (< 0)
 */
const char *
vsh_yes_no(int val, const char *failed)
{
    return val < 0 ? failed : val ? "yes" : "no";
}

/**
 * vsh_suspend_target() - the VIR_NODE_SUSPEND_TARGET_* named "mem", "disk" or "hybrid"
 * Return: false for any other name (reported).
 */
bool
vsh_suspend_target(VshCtl *ctl, const char *name, unsigned int *ret)
{
    static const char *const names[] = {
        [VIR_NODE_SUSPEND_TARGET_MEM] = "mem",
        [VIR_NODE_SUSPEND_TARGET_DISK] = "disk",
        [VIR_NODE_SUSPEND_TARGET_HYBRID] = "hybrid",
    };
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VIR_NODE_SUSPEND_TARGET_LAST);

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_str_equal(name, names[i])) {
            *ret = (unsigned int) i;
            return true;
        }
    }
    vsh_error(ctl, "Invalid target");
    return false;
}

/**
 * vsh_affect_flags() - VIR_DOMAIN_AFFECT_* from --config/--live/--current
 * Return: false when --current was combined with another (reported).
 */
bool
vsh_affect_flags(VshCtl *ctl, const VshCmd *cmd, unsigned int *flags)
{
    bool config = vsh_opt_bool(cmd, "config");
    bool live = vsh_opt_bool(cmd, "live");

    if (!vsh_opt_exclusive(ctl, cmd, "current", "live") ||
        !vsh_opt_exclusive(ctl, cmd, "current", "config"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (config)
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    return true;
}

/**
 * vsh_xml_get() - the string value of XPath @xpath in @xml; NULL when empty/absent
 */
char *
vsh_xml_get(const char *xml, const char *xpath)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int) strlen(xml), "obj.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    xmlXPathContextPtr x;
    xmlXPathObjectPtr r;
    char *ret = NULL;

    if (!doc)
        return NULL;
    x = xmlXPathNewContext(doc);
    r = xmlXPathEvalExpression((const xmlChar *) xpath, x);
    if (r && r->type == XPATH_STRING && r->stringval && *r->stringval)
        ret = g_strdup((const char *) r->stringval);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
    return ret;
}

/**
 * vsh_read_xml_opt() - read the XML file named by option @opt
 * Return: 0, or -1 after reporting.
 */
int
vsh_read_xml_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, char **ret_xml)
{
    const char *file = NULL;
    size_t len;

    if (vsh_opt_string(ctl, cmd, opt, &file) <= 0)
        return -1;
    return vsh_read_file(ctl, file, VSH_MAX_XML_FILE, ret_xml, &len);
}

/**
 * vsh_split_commas() - split "a,b,,c" at single commas (",," is a literal comma)
 * Return: the parts (an array that frees them)
 */
GPtrArray *
vsh_split_commas(const char *s)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (; *s; s++) {
        if (*s == ',' && s[1] == ',') {
            g_string_append_c(cur, ',');
            s++;
        } else if (*s == ',') {
            g_ptr_array_add(parts, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *s);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

/**
 * vsh_xml_escape() - @s escaped for an XML attribute value or text
 */
char *
vsh_xml_escape(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        switch (*s) {
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '&': g_string_append(out, "&amp;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&apos;"); break;
        default: g_string_append_c(out, *s); break;
        }
    }
    return g_string_free(out, FALSE);
}

/* Print entry @i and, below it, its children: "+- child" lines joined by '|'. */
static void
tree_node(VshCtl *ctl, const char *const *names, const char *const *parents, size_t n,
          size_t i, GString *indent, bool root, bool last)
{
    size_t saved = indent->len;
    ssize_t lastchild = -1;

    vsh_print(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", names[i]);
    if (!root)
        g_string_append(indent, last ? "  " : "| ");
    for (size_t c = 0; c < n; c++) {
        if (parents[c] && g_str_equal(parents[c], names[i]))
            lastchild = (ssize_t) c;
    }
    if (lastchild >= 0)
        vsh_print(ctl, "%s  |\n", indent->str);
    g_string_append(indent, "  ");
    for (size_t c = 0; c < n; c++) {
        if (parents[c] && g_str_equal(parents[c], names[i]))
            tree_node(ctl, names, parents, n, c, indent, false, (ssize_t) c == lastchild);
    }
    g_string_truncate(indent, indent->len - 2);
    if (lastchild < 0 && last)
        vsh_print(ctl, "%s\n", indent->str);
    g_string_truncate(indent, saved);
}

/**
 * vsh_tree_print() - print entries as trees, one per entry whose parent is not listed
 * @parents: each entry's parent name, or NULL
 */
void
vsh_tree_print(VshCtl *ctl, const char *const *names, const char *const *parents, size_t n)
{
    g_autoptr(GString) indent = g_string_new(NULL);

    for (size_t i = 0; i < n; i++) {
        bool listed = false;

        for (size_t j = 0; parents[i] && j < n; j++) {
            if (g_str_equal(names[j], parents[i]))
                listed = true;
        }
        if (!listed)
            tree_node(ctl, names, parents, n, i, indent, true, true);
    }
}
