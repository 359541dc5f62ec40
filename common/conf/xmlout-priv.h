/* common/conf/xmlout-priv.h: the XML writer's state, shared by the writer
 * (xmlout.c), the engine's formatter (xmlmap.c) and the codecs (xmlcodec.c).
 * Nothing outside the engine includes it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <glib.h>

#include "common/conf/xmlmap.h"

#define XMLOUT_MAX_DEPTH 64

typedef enum {
    FRAME_TAG_OPEN,         /* "<name attr='v'" written, nothing after it yet */
    FRAME_HAS_TEXT,         /* ">text" written */
    FRAME_HAS_CHILDREN,     /* ">\n" and child lines written */
} FrameState;

typedef struct {
    const char *name;
    FrameState state;
    size_t nattrs;              /* attributes written, key attribute excluded */
    bool no_self_close;
    bool space_close;
    bool blank_lines;
    bool placeholder_only;      /* its only children are required-but-empty
                                 * placeholders: it still counts as empty */
} OutFrame;

struct XmlOut {
    GString *buf;
    unsigned int flags;
    int depth;
    bool last_empty;        /* the element closed last had no attrs or content */
    OutFrame frames[XMLOUT_MAX_DEPTH];
};

/* Start an output in caller storage (xmlmap_format() keeps it on the stack);
 * xmlout_take() returns its text. */
void xmlout_init(XmlOut *out, unsigned int flags);
char *xmlout_take(XmlOut *out);
/* Begin attribute @name=' on the open start tag; the caller writes the
 * escaped value and the closing quote. */
void xmlout_attr_begin(XmlOut *out, const char *name);
/* Switch the innermost element to text content. */
void xmlout_text_begin(XmlOut *out);
/* Close the innermost start tag (if open) before a child line. */
void xmlout_open_for_child(XmlOut *out);

/* Append @len bytes of @s to @buf. GLib's g_string_append_len() goes through
 * the general insert path; the writer appends short pieces all the time. */
static inline void
xml_buf_put(GString *buf, const char *s, size_t len)
{
    if (G_LIKELY(buf->len + len < buf->allocated_len)) {
        memcpy(buf->str + buf->len, s, len);
        buf->len += len;
        buf->str[buf->len] = '\0';
    } else {
        g_string_append_len(buf, s, (gssize) len);
    }
}

static inline void
xml_buf_puts(GString *buf, const char *s)
{
    xml_buf_put(buf, s, strlen(s));
}

/* Append @v in decimal (printf's "%llu"). */
void xml_buf_put_ull(GString *buf, unsigned long long v);
