/* common/conf/xmlout.c: the XML text writer used by the engine and by
 * CUSTOM hooks: libvirt's layout (two-space indentation, ' quotes, empty
 * elements self-closed) built in one pass without look-ahead. */
#include "config.h"

#include <string.h>
#include <libxml/tree.h>

#include "common/conf/xmlout-priv.h"

/**
 * xmlout_new() - start an output buffer for formatting
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the output; xmlout_finish() turns it into a string.
 */
XmlOut *
xmlout_new(unsigned int flags)
{
    XmlOut *out = g_new(XmlOut, 1);

    xmlout_init(out, flags);
    return out;
}

/**
 * xmlout_init() - start an output in caller-provided storage
 * @out: the output; only the frames in use are ever read, so they are not
 *       cleared
 * @flags: XMLMAP_FORMAT_*
 */
void
xmlout_init(XmlOut *out, unsigned int flags)
{
    /* 256 bytes keeps a small document's buffer out of malloc's large
     * bins; bigger documents grow it by doubling. */
    out->buf = g_string_sized_new(256);
    out->flags = flags;
    out->depth = 0;
    out->last_empty = false;
}

/**
 * xmlout_finish() - take the text of a finished output and free it
 * @out: output with every element closed
 *
 * Return: the text (caller frees).
 */
char *
xmlout_finish(XmlOut *out)
{
    char *s = xmlout_take(out);

    g_free(out);
    return s;
}

/**
 * xmlout_take() - take the text of a finished output started by xmlout_init()
 * @out: output with every element closed
 *
 * Return: the text (caller frees).
 */
char *
xmlout_take(XmlOut *out)
{
    g_assert(out->depth == 0);
    return g_string_free(out->buf, FALSE);
}

/* Two spaces per level, for every level up to XMLOUT_MAX_DEPTH. */
static const char spaces[2 * XMLOUT_MAX_DEPTH + 1] =
    "                                                                "
    "                                                                ";

static void
indent(XmlOut *out, int depth)
{
    xml_buf_put(out->buf, spaces, 2 * (size_t) depth);
}

/* Write "</name>\n". */
static void
end_tag(GString *buf, const char *name)
{
    xml_buf_put(buf, "</", 2);
    xml_buf_puts(buf, name);
    xml_buf_put(buf, ">\n", 2);
}

/**
 * xml_buf_put_ull() - see xmlout-priv.h
 */
void
xml_buf_put_ull(GString *buf, unsigned long long v)
{
    char digits[24];
    size_t i = sizeof(digits);

    do {
        digits[--i] = (char) ('0' + v % 10);
        v /= 10;
    } while (v);
    xml_buf_put(buf, digits + i, sizeof(digits) - i);
}

/**
 * xmlout_open_for_child() - prepare the innermost element for a child line
 * @out: output
 *
 * Closes an open start tag (">\n") or ends a text run, and marks the element
 * as having children.
 */
void
xmlout_open_for_child(XmlOut *out)
{
    OutFrame *top;

    if (out->depth == 0)
        return;
    top = &out->frames[out->depth - 1];
    if (top->state == FRAME_TAG_OPEN)
        xml_buf_put(out->buf, ">\n\n", top->blank_lines ? 3 : 2);
    else if (top->state == FRAME_HAS_TEXT)
        g_string_append_c(out->buf, '\n');
    top->state = FRAME_HAS_CHILDREN;
    top->placeholder_only = false;
}

/**
 * xmlout_flags() - the XMLMAP_FORMAT_* flags of this output
 * @out: output
 *
 * Return: the flags.
 */
unsigned int
xmlout_flags(const XmlOut *out)
{
    return out->flags;
}

/**
 * xmlout_start() - begin element @name (attributes may follow)
 * @out: output
 * @name: element name, must stay valid until xmlout_end()
 */
void
xmlout_start(XmlOut *out, const char *name)
{
    OutFrame *fr;

    g_assert(out->depth < XMLOUT_MAX_DEPTH);
    xmlout_open_for_child(out);
    indent(out, out->depth);
    g_string_append_c(out->buf, '<');
    xml_buf_puts(out->buf, name);
    fr = &out->frames[out->depth++];
    *fr = (OutFrame) { .name = name, .state = FRAME_TAG_OPEN };
}

/**
 * xmlout_attr_begin() - write " name='" into the open start tag
 * @out: output
 * @name: attribute name
 *
 * The caller appends the escaped value and the closing quote.
 */
void
xmlout_attr_begin(XmlOut *out, const char *name)
{
    OutFrame *top = &out->frames[out->depth - 1];

    g_assert(out->depth > 0 && top->state == FRAME_TAG_OPEN);
    top->nattrs++;
    g_string_append_c(out->buf, ' ');
    xml_buf_puts(out->buf, name);
    xml_buf_put(out->buf, "='", 2);
}

/**
 * xmlout_attr() - add attribute @name='@value' (escaped) to the open start tag
 * @out: output
 * @name: attribute name
 * @value: value; NULL adds nothing
 */
void
xmlout_attr(XmlOut *out, const char *name, const char *value)
{
    if (!value)
        return;
    xmlout_attr_begin(out, name);
    xml_escape_append(out->buf, value);
    g_string_append_c(out->buf, '\'');
}

/**
 * xmlout_attr_printf() - add an attribute whose value is built with printf
 * @out: output
 * @name: attribute name
 * @fmt: format of the value (the result is escaped)
 */
void
xmlout_attr_printf(XmlOut *out, const char *name, const char *fmt, ...)
{
    g_autofree char *v = NULL;
    va_list ap;

    va_start(ap, fmt);
    v = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    xmlout_attr(out, name, v);
}

/**
 * xmlout_text_begin() - switch the innermost element to text content
 * @out: output
 */
void
xmlout_text_begin(XmlOut *out)
{
    OutFrame *top = &out->frames[out->depth - 1];

    g_assert(out->depth > 0 && top->state != FRAME_HAS_CHILDREN);
    if (top->state == FRAME_TAG_OPEN)
        g_string_append_c(out->buf, '>');
    top->state = FRAME_HAS_TEXT;
}

/**
 * xmlout_text() - write escaped text content into the innermost element
 * @out: output
 * @text: text
 */
void
xmlout_text(XmlOut *out, const char *text)
{
    xmlout_text_begin(out);
    xml_escape_append(out->buf, text);
}

/**
 * xmlout_end() - close the innermost element: self-closing when it has no
 * content, "</name>" after text, or on its own line after children
 * @out: output
 */
void
xmlout_end(XmlOut *out)
{
    OutFrame *fr;

    g_assert(out->depth > 0);
    fr = &out->frames[--out->depth];
    out->last_empty = (fr->state == FRAME_TAG_OPEN || fr->placeholder_only) &&
                      fr->nattrs == 0;
    switch (fr->state) {
    case FRAME_TAG_OPEN:
        if (!fr->no_self_close) {
            if (fr->space_close)
                xml_buf_put(out->buf, " />\n", 4);
            else
                xml_buf_put(out->buf, "/>\n", 3);
            break;
        }
        xml_buf_put(out->buf, ">\n", 2);
        indent(out, out->depth);
        end_tag(out->buf, fr->name);
        break;
    case FRAME_HAS_TEXT:
        end_tag(out->buf, fr->name);
        break;
    case FRAME_HAS_CHILDREN:
        indent(out, out->depth);
        end_tag(out->buf, fr->name);
        break;
    }
    if (out->depth > 0 && out->frames[out->depth - 1].blank_lines)
        g_string_append_c(out->buf, '\n');
}

/**
 * xmlout_text_element() - write <name>text</name> on its own line
 * @out: output
 * @name: element name
 * @text: escaped on output; NULL writes nothing
 */
void
xmlout_text_element(XmlOut *out, const char *name, const char *text)
{
    if (!text)
        return;
    xmlout_start(out, name);
    xmlout_text(out, text);
    xmlout_end(out);
}

/**
 * xmlout_field_value() - write a field's value as text of the open element
 * @out: output
 * @f: field whose codec formats the value
 * @slot: the value
 */
void
xmlout_field_value(XmlOut *out, const XmlField *f, const void *slot)
{
    xmlout_text_begin(out);
    f->codec->format(f, slot, out->buf);
}

/**
 * xmlout_node() - write a libxml2 element verbatim, indented to fit
 * @out: output
 * @node: element (its document provides namespace context)
 */
void
xmlout_node(XmlOut *out, xmlNode *node)
{
    xmlBuffer *xb = xmlBufferCreate();
    const char *s;

    if (!xb)
        g_error("out of memory creating an XML buffer");
    xmlout_open_for_child(out);
    xmlNodeDump(xb, node->doc, node, out->depth, 1);
    s = (const char *) xmlBufferContent(xb);
    /* Newer libxml2 indents the first line too; we indent it ourselves. */
    while (*s == ' ')
        s++;
    indent(out, out->depth);
    g_string_append(out->buf, s);
    g_string_append_c(out->buf, '\n');
    xmlBufferFree(xb);
}

