/*
 * util.c: helpers shared by command families: reading files and passphrases,
 * wiping secrets, printing XML (with --xpath/--wrap), timestamps.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "tools/virsh/virsh.h"

/**
 * vsh_read_file() - read a whole file of at most @max bytes
 * @ret_data: NUL-terminated contents (the NUL is not counted in @ret_len)
 * Return: 0, or -1 after reporting "Failed to open/read file".
 */
int
vsh_read_file(VshCtl *ctl, const char *path, size_t max, char **ret_data, size_t *ret_len)
{
    g_autoptr(GByteArray) buf = g_byte_array_new();
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        vsh_error(ctl, "Failed to open file '%s': %s", path, g_strerror(errno));
        return -1;
    }
    for (;;) {
        guint8 chunk[8192];
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;

            close(fd);
            vsh_error(ctl, "Failed to read file '%s': %s", path, g_strerror(saved));
            return -1;
        }
        if (n == 0)
            break;
        if (buf->len + (size_t) n > max) {
            close(fd);
            vsh_error(ctl, "Failed to read file '%s': %s", path, g_strerror(EFBIG));
            return -1;
        }
        g_byte_array_append(buf, chunk, (guint) n);
    }
    close(fd);
    *ret_len = buf->len;
    g_byte_array_append(buf, (const guint8 *) "", 1);
    *ret_data = (char *) g_byte_array_free(g_steal_pointer(&buf), FALSE);
    return 0;
}

/**
 * vsh_erase() - overwrite memory that held a secret
 */
void
vsh_erase(void *buf, size_t len)
{
    if (buf)
        explicit_bzero(buf, len);
}

/**
 * vsh_read_passphrase() - prompt on stdout and read one line from stdin, without echo
 *                         when stdin is a terminal
 * Return: the line without its newline; NULL at end of input with nothing read.
 */
char *
vsh_read_passphrase(VshCtl *ctl, const char *prompt)
{
    g_autoptr(GString) line = g_string_new(NULL);
    struct termios saved, noecho;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    bool got = false;
    int c;

    vsh_print(ctl, "%s", prompt);
    if (tty) {
        noecho = saved;
        noecho.c_lflag &= ~(tcflag_t) ECHO;
        noecho.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
    }
    while ((c = getchar()) != EOF) {
        got = true;
        if (c == '\n')
            break;
        g_string_append_c(line, (char) c);
    }
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!got)
        return NULL;
    if (line->len && line->str[line->len - 1] == '\r')
        g_string_truncate(line, line->len - 1);
    return g_string_free(g_steal_pointer(&line), FALSE);
}

/**
 * vsh_timestamp() - "YYYY-MM-DD HH:MM:SS.mmm+0000", now, in UTC
 */
char *
vsh_timestamp(void)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();

    return g_strdup_printf("%04d-%02d-%02d %02d:%02d:%02d.%03d+0000",
                           g_date_time_get_year(now), g_date_time_get_month(now),
                           g_date_time_get_day_of_month(now), g_date_time_get_hour(now),
                           g_date_time_get_minute(now), g_date_time_get_second(now),
                           g_date_time_get_microsecond(now) / 1000);
}

static bool
cmd_declares(const VshCmd *cmd, const char *name)
{
    if (!cmd->def->opts)
        return false;
    for (const VshOptDef *o = cmd->def->opts; o->name; o++) {
        if (g_str_equal(o->name, name))
            return true;
    }
    return false;
}

static void
dump_node(GString *out, xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();

    xmlNodeDump(buf, doc, node, 0, 1);
    g_string_append_len(out, (const char *) xmlBufferContent(buf), xmlBufferLength(buf));
    xmlBufferFree(buf);
}

/**
 * vsh_print_xml() - print an object's XML, filtered by --xpath (and --wrap) when the
 *                   command declares those options and they were given
 * Return: false on an XPath that does not select nodes (reported).
 */
bool
vsh_print_xml(VshCtl *ctl, const VshCmd *cmd, const char *xml)
{
    const char *xpath = NULL;
    bool wrap;
    g_autoptr(GString) out = NULL;
    xmlDocPtr doc;
    xmlXPathContextPtr xctx;
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set;

    if (!cmd_declares(cmd, "xpath") || vsh_opt_string(ctl, cmd, "xpath", &xpath) <= 0) {
        vsh_print(ctl, "%s", xml);
        return true;
    }
    wrap = cmd_declares(cmd, "wrap") && vsh_opt_bool(cmd, "wrap");

    doc = xmlReadMemory(xml, (int) strlen(xml), "domain.xml", NULL,
                        XML_PARSE_NOBLANKS | XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!doc) {
        vsh_error(ctl, "Failed to parse XML");
        return false;
    }
    xctx = xmlXPathNewContext(doc);
    obj = xmlXPathEvalExpression((const xmlChar *) xpath, xctx);
    if (obj && obj->type != XPATH_NODESET) {
        vsh_error(ctl, "internal error: Incorrect xpath '%s'", xpath);
        xmlXPathFreeObject(obj);
        xmlXPathFreeContext(xctx);
        xmlFreeDoc(doc);
        return false;
    }
    set = obj ? obj->nodesetval : NULL;
    out = g_string_new(NULL);
    if (wrap) {
        xmlDocPtr wdoc = xmlNewDoc((const xmlChar *) "1.0");
        xmlNodePtr root = xmlNewDocNode(wdoc, NULL, (const xmlChar *) "nodes", NULL);

        xmlDocSetRootElement(wdoc, root);
        for (int i = 0; set && i < set->nodeNr; i++)
            xmlAddChild(root, xmlDocCopyNode(set->nodeTab[i], wdoc, 1));
        dump_node(out, wdoc, root);
        g_string_append_c(out, '\n');
        xmlFreeDoc(wdoc);
    } else {
        for (int i = 0; set && i < set->nodeNr; i++) {
            dump_node(out, doc, set->nodeTab[i]);
            g_string_append_c(out, '\n');
        }
    }
    vsh_print(ctl, "%s", out->str);
    if (obj)
        xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    return true;
}
