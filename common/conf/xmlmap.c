/* common/conf/xmlmap.c: the table-driven XML engine. It walks XmlField tables
 * to parse libxml2 trees into C structs, validate them, format them back in
 * table order (libvirt's layout: 2-space indent, ' quotes, self-closing empty
 * elements) and free them. It knows no model; models live in *_conf.c. */
#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#define ERR_DOMAIN VIR_FROM_XML
#include "common/util/err.h"
#include "common/conf/xmlmap.h"
#include "common/conf/xmlindex-priv.h"
#include "common/conf/xmlout-priv.h"

/* Internal format flag: show every field (used by xmlmap_copy). */
#define XMLMAP_FORMAT_ALL (1U << 30)

/* One child element matched by a field (parse_fields() scratch). */
typedef struct {
    xmlNode *node;
    size_t next;            /* next match of the same field, in document order */
} MatchHit;

/* The child elements one field matched (parse_fields() scratch). */
typedef struct {
    size_t count;
    size_t first;           /* index of the first MatchHit, when count > 0 */
    size_t last;
} Matches;

struct XmlCtx {
    unsigned int flags;
    int domain;
    GString *path;
    size_t *marks;          /* path length before each push */
    size_t nmarks;
    size_t marks_cap;
    /* Scratch of parse_fields(), used as two stacks: each call takes its
     * entries past those of the calls it is nested in and gives them back.
     * Entries are addressed by index since nested calls may move them. */
    Matches *matches;
    size_t nmatches;
    size_t matches_cap;
    MatchHit *hits;
    size_t nhits;
    size_t hits_cap;
    /* where the arrays above start out (large blocks from malloc cost more) */
    size_t marks_buf[32];
    Matches matches_buf[64];
    MatchHit hits_buf[128];
};


static int parse_element(XmlCtx *ctx, const XmlSchema *s, xmlNode *node, void *obj);
static int parse_fields(XmlCtx *ctx, const XmlField *fields, xmlNode *node, void *obj);
static void clear_element(const XmlSchema *s, void *obj);
static void clear_fields(const XmlField *fields, void *obj);
static int validate_element(XmlCtx *ctx, const XmlSchema *s, const void *obj);
static void format_attrs(XmlOut *out, const XmlField *fields, const void *obj);
static void format_body(XmlOut *out, const XmlField *fields, const void *obj);

/* ---- small helpers --------------------------------------------------------- */

static void *
slot_of(const void *obj, size_t offset)
{
    return (char *) obj + offset;
}

static size_t *
count_of(const void *obj, const XmlField *f)
{
    return (size_t *) slot_of(obj, f->count_offset);
}

static bool
node_is(const xmlNode *n, const char *name, const char *ns)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (!ns)
        return n->ns == NULL && xmlStrEqual(n->name, BAD_CAST name);
    /* a namespaced field is named "prefix:local"; documents may use any prefix */
    if (strchr(name, ':'))
        name = strchr(name, ':') + 1;
    return xmlStrEqual(n->name, BAD_CAST name) &&
        n->ns && n->ns->href && xmlStrEqual(n->ns->href, BAD_CAST ns);
}

/* The value of attribute @a (no namespace) as xmlGetNoNsProp() gives it;
 * *@owned is set to the copy to xmlFree() when one had to be made. */
static const char *
attr_value(xmlAttr *a, xmlChar **owned)
{
    const xmlNode *t = a->children;

    *owned = NULL;
    if (!t)
        return "";
    if (!t->next && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
        t->content)
        return (const char *) t->content;
    /* entity references and the like: let libxml2 assemble the value */
    *owned = xmlGetNoNsProp(a->parent, a->name);
    return (const char *) *owned;
}

/*
 * attr_ref() - value of attribute @name (in no namespace) of element @node,
 * as xmlGetNoNsProp() returns it but without a copy in the common case
 * @node: element
 * @name: attribute name
 * @owned: set to a copy to release with xmlFree() when one had to be made
 *
 * Return: the value, NULL when absent; valid while @node and *@owned live.
 */
static const char *
attr_ref(xmlNode *node, const char *name, xmlChar **owned)
{
    *owned = NULL;
    for (xmlAttr *a = node->properties; a; a = a->next) {
        if (!a->ns && a->name[0] == (xmlChar) name[0] &&
            g_str_equal((const char *) a->name, name))
            return attr_value(a, owned);
    }
    /* only a DTD can still supply a default value */
    if (node->doc && node->doc->intSubset) {
        *owned = xmlGetNoNsProp(node, BAD_CAST name);
        return (const char *) *owned;
    }
    return NULL;
}

/* Whether child element @c, whose name is already known to be
 * the one its index files it under, is the one field @f describes. */
static bool
field_matches_named(const XmlField *f, xmlNode *c)
{
    xmlChar *owned;
    const char *key;
    bool r;

    if (!f->ns) {
        if (c->ns)
            return false;
    } else if (!c->ns || !c->ns->href || !xmlStrEqual(c->ns->href, BAD_CAST f->ns)) {
        return false;
    }
    if (!f->key_attr)
        return true;
    key = attr_ref(c, f->key_attr, &owned);
    r = key && g_str_equal(key, f->key_value);
    xmlFree(owned);
    return r;
}

/* Text directly inside @node (not in its child elements); NULL when none. */
static char *
own_text(xmlNode *node)
{
    GString *s = NULL;

    for (xmlNode *c = node->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            if (!s)
                s = g_string_new(NULL);
            g_string_append(s, (const char *) c->content);
        }
    }
    return s ? g_string_free(s, FALSE) : NULL;
}

/* own_text() without a copy when the text is a single node: *@owned is
 * set to the copy to free when one had to be made. */
static const char *
own_text_ref(xmlNode *node, char **owned)
{
    const xmlNode *only = NULL;

    *owned = NULL;
    for (xmlNode *c = node->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            if (only) {
                *owned = own_text(node);
                return *owned;
            }
            only = c;
        }
    }
    return only ? (const char *) only->content : NULL;
}

static int
bad_value_code(const XmlField *f)
{
    return f->errcode ? f->errcode : VIR_ERR_XML_ERROR;
}

/* ---- parse context ----------------------------------------------------------- */

static void
ctx_init(XmlCtx *ctx, const XmlSchema *s, unsigned int flags)
{
    ctx->flags = flags;
    ctx->domain = s->domain ? s->domain : VIR_FROM_XML;
    ctx->path = g_string_sized_new(128);
    ctx->marks = ctx->marks_buf;
    ctx->nmarks = 0;
    ctx->marks_cap = G_N_ELEMENTS(ctx->marks_buf);
    ctx->matches = ctx->matches_buf;
    ctx->nmatches = 0;
    ctx->matches_cap = G_N_ELEMENTS(ctx->matches_buf);
    ctx->hits = ctx->hits_buf;
    ctx->nhits = 0;
    ctx->hits_cap = G_N_ELEMENTS(ctx->hits_buf);
}

static void
ctx_done(XmlCtx *ctx)
{
    g_string_free(ctx->path, TRUE);
    if (ctx->marks != ctx->marks_buf)
        g_free(ctx->marks);
    if (ctx->matches != ctx->matches_buf)
        g_free(ctx->matches);
    if (ctx->hits != ctx->hits_buf)
        g_free(ctx->hits);
}

/* Grow scratch array *@arr of @size-byte items (capacity *@cap, first kept
 * in @buf) to hold at least @need items. */
static void
scratch_grow(void **arr, size_t *cap, size_t need, size_t size, void *buf)
{
    size_t ncap = MAX(need, 2 * *cap);

    if (*arr == buf) {
        void *heap = g_malloc_n(ncap, size);

        memcpy(heap, buf, *cap * size);
        *arr = heap;
    } else {
        *arr = g_realloc_n(*arr, ncap, size);
    }
    *cap = ncap;
}

/**
 * xmlmap_ctx_flags() - the XMLMAP_PARSE_* flags of a parse
 * @ctx: parse context handed to a hook
 *
 * Return: the flags.
 */
unsigned int
xmlmap_ctx_flags(const XmlCtx *ctx)
{
    return ctx->flags;
}

/**
 * xmlmap_ctx_path() - element path of the element being parsed or validated
 * @ctx: parse context
 *
 * Return: a path such as "/network/ip/dhcp", valid until the next push/pop.
 */
const char *
xmlmap_ctx_path(const XmlCtx *ctx)
{
    return ctx->path->len ? ctx->path->str : "/";
}

/**
 * xmlmap_ctx_domain() - VIR_FROM_* domain errors of this parse are reported in
 * @ctx: parse context
 *
 * Return: the domain of the root schema.
 */
int
xmlmap_ctx_domain(const XmlCtx *ctx)
{
    return ctx->domain;
}

/**
 * xmlmap_ctx_push() - enter child element @elem (for error paths)
 * @ctx: parse context
 * @elem: element name
 */
void
xmlmap_ctx_push(XmlCtx *ctx, const char *elem)
{
    if (ctx->nmarks == ctx->marks_cap)
        scratch_grow((void **) &ctx->marks, &ctx->marks_cap, ctx->nmarks + 1,
                     sizeof(size_t), ctx->marks_buf);
    ctx->marks[ctx->nmarks++] = ctx->path->len;
    g_string_append_c(ctx->path, '/');
    xml_buf_puts(ctx->path, elem);
}

/**
 * xmlmap_ctx_pop() - leave the element entered by the last xmlmap_ctx_push()
 * @ctx: parse context
 */
void
xmlmap_ctx_pop(XmlCtx *ctx)
{
    size_t mark;

    g_assert(ctx->nmarks > 0);
    mark = ctx->marks[--ctx->nmarks];
    ctx->path->len = mark;
    ctx->path->str[mark] = '\0';
}

/**
 * xmlmap_report() - report an error in the parse's error domain
 * @ctx: parse context
 * @code: VIR_ERR_* code
 * @fmt: printf format of the detail
 */
void
xmlmap_report(XmlCtx *ctx, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    err_report_va(ctx->domain, code, __FILE__, __func__, __LINE__, fmt, ap);
    va_end(ap);
}

/**
 * xmlmap_parse_value() - run a field's codec and report a rejection
 * @ctx: parse context (its path names the element that holds the value)
 * @f: field: its kind decides whether @text is an attribute or element text
 * @node: element carrying the value (for unit= of scaled values)
 * @text: the raw text
 * @slot: where the C value goes
 *
 * Return: 0, or -1 with an error naming the path, attribute and bad value.
 */
/* A scaled value was refused: report it as libvirt does, unless the field
 * keeps the engine's message for bad numbers. Return: true if reported. */
static bool
report_scaled(XmlCtx *ctx, const XmlField *f, xmlNode *node, const char *text)
{
    unsigned long long value;
    char *unit = NULL;
    bool done = true;

    switch (xml_scaled_check(f, node, text, &value, &unit)) {
    case XML_SCALED_BAD_NUMBER:
        if (f->xpath)
            err_report_full(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                            "Invalid value '%s' for element or attribute '%s'", text,
                            f->xpath);
        else if (f->bad_number)
            xmlmap_report(ctx, VIR_ERR_XML_ERROR, "%s", f->bad_number);
        else
            done = false;
        break;
    case XML_SCALED_BAD_UNIT:
        /* libvirt's unit scaling reports without an error domain */
        err_report_full(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "unknown suffix '%s'", unit);
        break;
    case XML_SCALED_TOO_LARGE:
        err_report_full(VIR_FROM_NONE, VIR_ERR_OVERFLOW, __FILE__, __func__, __LINE__,
                        "value too large: %llu%s", value, unit ? unit : "");
        break;
    default:
        done = false;
        break;
    }
    xmlFree(unit);
    return done;
}

int
xmlmap_parse_value(XmlCtx *ctx, const XmlField *f, xmlNode *node,
                   const char *text, void *slot)
{
    g_autofree char *why = NULL;

    if (f->codec->parse(f, node, text, slot, &why) == 0)
        return 0;
    if (f->codec == &xml_codec_scaled && report_scaled(ctx, f, node, text))
        return -1;
    if (f->kind == XML_KIND_ATTR || f->kind == XML_KIND_UNION)
        xmlmap_report(ctx, bad_value_code(f),
                      "invalid value '%s' for attribute '%s' of element '%s': %s",
                      text, f->name, xmlmap_ctx_path(ctx), why);
    else
        xmlmap_report(ctx, bad_value_code(f), "invalid value '%s' in element '%s': %s",
                      text, xmlmap_ctx_path(ctx), why);
    return -1;
}

static void
report_missing(XmlCtx *ctx, const XmlField *f)
{
    if (f->missing_code)
        /* the code says it all, as libvirt's bare VIR_ERR_NO_NAME does */
        err_report_full(ctx->domain, f->missing_code, __FILE__, __func__, __LINE__, NULL);
    else if (f->kind == XML_KIND_ATTR || f->kind == XML_KIND_UNION)
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing required attribute '%s' in element '%s'",
                      f->name, xmlmap_ctx_path(ctx));
    else if (f->kind == XML_KIND_TEXT && !f->name)
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "missing value of element '%s'",
                      xmlmap_ctx_path(ctx));
    else
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing required element '%s' in element '%s'",
                      f->kind == XML_KIND_CUSTOM ? "?" : xml_field_elem_name(f),
                      xmlmap_ctx_path(ctx));
}

/* ---- parsing: one function per field kind, each returns 1/0/-1 ---------------- */

static int
parse_attr(XmlCtx *ctx, const XmlField *f, xmlNode *node, void *obj)
{
    xmlChar *owned;
    const char *v = attr_ref(node, f->name, &owned);
    int r;

    if (!v)
        return 0;
    r = xmlmap_parse_value(ctx, f, node, v, slot_of(obj, f->offset)) < 0 ? -1 : 1;
    xmlFree(owned);
    return r;
}

/* Strict mode: a value-holding child may carry only unit= (scaled codecs). */
static int
check_text_child_attrs(XmlCtx *ctx, const XmlField *f, xmlNode *child)
{
    for (xmlAttr *a = child->properties; a; a = a->next) {
        if (a->ns || ((f->codec->flags & XC_UNIT) && xmlStrEqual(a->name, BAD_CAST "unit")) ||
            (f->key_attr && xmlStrEqual(a->name, BAD_CAST f->key_attr)))
            continue;
        xmlmap_report(ctx, VIR_ERR_XML_INVALID_SCHEMA, "unknown attribute '%s' in element '%s'",
                      (const char *) a->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* The first child element @m holds, NULL when none. */
static xmlNode *
first_match(const XmlCtx *ctx, const Matches *m)
{
    return m->count ? ctx->hits[m->first].node : NULL;
}

static int
parse_text(XmlCtx *ctx, const XmlField *f, xmlNode *node, const Matches *m, void *obj)
{
    xmlNode *child = f->name ? first_match(ctx, m) : node;
    g_autofree char *owned = NULL;
    const char *text;
    int r;

    if (!child)
        return 0;
    text = own_text_ref(child, &owned);
    if (!text && (f->flags & XF_KEEP_EMPTY))
        text = "";
    /* An empty element counts as absent, as libvirt's XPath string reads do. */
    if (!text || (!*text && !(f->flags & XF_KEEP_EMPTY)))
        return 0;
    if (f->name)
        xmlmap_ctx_push(ctx, f->name);
    r = xmlmap_parse_value(ctx, f, child, text, slot_of(obj, f->offset));
    if (r == 0 && f->name && (ctx->flags & XMLMAP_PARSE_STRICT))
        r = check_text_child_attrs(ctx, f, child);
    if (f->name)
        xmlmap_ctx_pop(ctx);
    return r < 0 ? -1 : 1;
}

static int
parse_list(XmlCtx *ctx, const XmlField *f, const Matches *m, void *obj)
{
    size_t n = m->count;
    size_t esize = f->codec->size;
    char **arr = slot_of(obj, f->offset);
    size_t h = m->first;

    if (n == 0)
        return 0;
    *arr = g_malloc0_n(n, esize);
    *count_of(obj, f) = n;
    for (size_t i = 0; i < n; i++) {
        xmlNode *c = ctx->hits[h].node;
        g_autofree char *owned = NULL;
        const char *text = own_text_ref(c, &owned);
        int r;

        h = ctx->hits[h].next;
        xmlmap_ctx_push(ctx, f->name);
        r = xmlmap_parse_value(ctx, f, c, text ? text : "", *arr + i * esize);
        xmlmap_ctx_pop(ctx);
        if (r < 0)
            return -1;
    }
    return 1;
}

static int
parse_child(XmlCtx *ctx, const XmlField *f, const Matches *m, void *obj)
{
    xmlNode *child = first_match(ctx, m);
    void **p = slot_of(obj, f->offset);

    if (!child)
        return 0;
    *p = g_malloc0(f->schema->size);
    return parse_element(ctx, f->schema, child, *p) < 0 ? -1 : 1;
}

static int
parse_embed(XmlCtx *ctx, const XmlField *f, const Matches *m, void *obj)
{
    xmlNode *child = first_match(ctx, m);

    if (!child)
        return 0;
    return parse_element(ctx, f->schema, child, slot_of(obj, f->offset)) < 0 ? -1 : 1;
}

static int
parse_children(XmlCtx *ctx, const XmlField *f, const Matches *m, void *obj)
{
    size_t n = m->count;
    bool ptrs = f->flags & XF_PTR_ARRAY;
    void **arr = slot_of(obj, f->offset);
    size_t h = m->first;

    if (n == 0)
        return 0;
    /* Allocate all items zeroed first: a failure half-way leaves a count that
     * clear_fields() can walk safely. */
    if (ptrs) {
        void **items = g_new0(void *, n);

        for (size_t k = 0; k < n; k++)
            items[k] = g_malloc0(f->schema->size);
        *arr = items;
    } else {
        *arr = g_malloc0_n(n, f->schema->size);
    }
    *count_of(obj, f) = n;
    for (size_t i = 0; i < n; i++) {
        xmlNode *c = ctx->hits[h].node;
        void *item = ptrs ? ((void **) *arr)[i] : (char *) *arr + i * f->schema->size;

        h = ctx->hits[h].next;
        if (parse_element(ctx, f->schema, c, item) < 0)
            return -1;
    }
    return 1;
}

static int
parse_presence(const XmlField *f, const Matches *m, void *obj)
{
    bool found = m->count > 0;

    *(bool *) slot_of(obj, f->offset) = found;
    return found;
}

static int
parse_union(XmlCtx *ctx, const XmlField *f, xmlNode *node, void *obj)
{
    int r = parse_attr(ctx, f, node, obj);
    const XmlUnionCase *c;

    if (r < 0 || (r == 0 && (f->flags & XF_REQUIRED)))
        return r;
    c = xml_find_case(f, *(int *) slot_of(obj, f->offset));
    if (c && c->schema) {
        void *sub = slot_of(obj, c->offset);

        if (parse_fields(ctx, c->schema->fields, node, sub) < 0)
            return -1;
        if (c->schema->post_parse)
            c->schema->post_parse(sub);
    }
    return r;
}

static int
parse_raw(XmlCtx *ctx, const XmlField *f, const Matches *m, void *obj)
{
    xmlNode *child = first_match(ctx, m);
    xmlNode **p = slot_of(obj, f->offset);
    xmlDoc *doc;

    if (!child)
        return 0;
    doc = xmlNewDoc(BAD_CAST "1.0");
    /* A recursive copy re-declares namespaces that were declared on ancestors. */
    xmlDocSetRootElement(doc, xmlDocCopyNode(child, doc, 1));
    if (*p)
        xmlFreeDoc((*p)->doc);
    *p = xmlDocGetRootElement(doc);
    return 1;
}

static int
parse_field(XmlCtx *ctx, const XmlField *f, xmlNode *node, const Matches *m, void *obj)
{
    switch (f->kind) {
    case XML_KIND_ATTR:
        return parse_attr(ctx, f, node, obj);
    case XML_KIND_TEXT:
        return parse_text(ctx, f, node, m, obj);
    case XML_KIND_LIST:
        return parse_list(ctx, f, m, obj);
    case XML_KIND_CHILD:
        return parse_child(ctx, f, m, obj);
    case XML_KIND_EMBED:
        return parse_embed(ctx, f, m, obj);
    case XML_KIND_CHILDREN:
        return parse_children(ctx, f, m, obj);
    case XML_KIND_PRESENCE:
        return parse_presence(f, m, obj);
    case XML_KIND_UNION:
        return parse_union(ctx, f, node, obj);
    case XML_KIND_RAW:
        return parse_raw(ctx, f, m, obj);
    case XML_KIND_CUSTOM:
        return f->custom->parse(ctx, node, obj);
    case XML_KIND_NSDECL:
    case XML_KIND_END:
        break;
    }
    g_assert_not_reached();
}

/* Record that slot @s (at @base in the scratch) matched child @c. */
static inline void
add_match(XmlCtx *ctx, size_t base, int s, xmlNode *c)
{
    Matches *m;
    size_t h;

    if (ctx->nhits == ctx->hits_cap)
        scratch_grow((void **) &ctx->hits, &ctx->hits_cap, ctx->nhits + 1,
                     sizeof(MatchHit), ctx->hits_buf);
    h = ctx->nhits++;
    ctx->hits[h] = (MatchHit) { .node = c };
    m = &ctx->matches[base + s];
    if (m->count++ == 0)
        m->first = h;
    else
        ctx->hits[m->last].next = h;
    m->last = h;
}

/* Sort the child elements of @node to the fields of @ix that match them, in
 * one walk: the matches of slot s go to ctx->matches[base + s]. */
static void
collect_matches(XmlCtx *ctx, const FieldIndex *ix, xmlNode *node, size_t base)
{
    if (base + ix->nslots > ctx->matches_cap)
        scratch_grow((void **) &ctx->matches, &ctx->matches_cap, base + ix->nslots,
                     sizeof(Matches), ctx->matches_buf);
    memset(&ctx->matches[base], 0, ix->nslots * sizeof(Matches));
    ctx->nmatches = base + ix->nslots;
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (int s = xml_index_find(ix, (const char *) c->name); s >= 0;
             s = ix->next_slot[s]) {
            if (field_matches_named(ix->slot_field[s], c))
                add_match(ctx, base, s, c);
        }
    }
}

static int
parse_fields(XmlCtx *ctx, const XmlField *fields, xmlNode *node, void *obj)
{
    static const Matches none = { 0 };
    const FieldIndex *ix = xml_index(fields);
    size_t base = ctx->nmatches;
    size_t hits_base = ctx->nhits;
    bool inactive = ctx->flags & XMLMAP_PARSE_INACTIVE;
    int ret = -1;

    if (ix->nslots)
        collect_matches(ctx, ix, node, base);
    for (const ParseStep *step = ix->plan; step->f; step++) {
        const XmlField *f = step->f;
        int r;

        if ((step->flags & STEP_LIVE_ONLY) && inactive)
            continue;
        if (step->slot >= 0) {
            /* a copy: nested parses may move the scratch */
            Matches m = ctx->matches[base + step->slot];

            if (m.count == 0 && (step->flags & STEP_SKIP_ABSENT))
                r = 0;
            else
                r = parse_field(ctx, f, node, &m, obj);
        } else {
            r = parse_field(ctx, f, node, &none, obj);
        }
        if (r < 0)
            goto out;
        if (!(step->flags & STEP_AFTER))
            continue;
        if (r == 0 && (f->flags & XF_REQUIRED)) {
            report_missing(ctx, f);
            goto out;
        }
        if (f->has_offset)
            *(bool *) slot_of(obj, f->has_offset - 1) = r > 0;
        if (f->seen_offset)
            *(bool *) slot_of(obj, f->seen_offset - 1) = r > 0;
    }
    ret = 0;
 out:
    ctx->nmatches = base;
    ctx->nhits = hits_base;
    return ret;
}

/* ---- strict mode: everything in the document must be known -------------------- */

static bool
custom_consumes(const XmlCustom *c, const char *name, bool attr)
{
    if (!c->consumes)
        return true;
    for (const char *const *p = c->consumes; *p; p++) {
        const char *n = *p;

        if ((n[0] == '@') == attr && g_str_equal(attr ? n + 1 : n, name))
            return true;
    }
    return false;
}

static bool
fields_know(const XmlField *fields, const void *obj, const char *name, bool attr)
{
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        switch (f->kind) {
        case XML_KIND_ATTR:
            if (attr && g_str_equal(f->name, name))
                return true;
            break;
        case XML_KIND_TEXT:
            if (!f->name) {
                if (attr && (f->codec->flags & XC_UNIT) && g_str_equal(name, "unit"))
                    return true;
            } else if (!attr && g_str_equal(f->name, name)) {
                return true;
            }
            break;
        case XML_KIND_UNION: {
            const XmlUnionCase *c;

            if (attr && g_str_equal(f->name, name))
                return true;
            c = xml_find_case(f, *(const int *) slot_of(obj, f->offset));
            if (c && c->schema &&
                fields_know(c->schema->fields, slot_of(obj, c->offset), name, attr))
                return true;
            break;
        }
        case XML_KIND_CUSTOM:
            if (custom_consumes(f->custom, name, attr))
                return true;
            break;
        case XML_KIND_END:
        case XML_KIND_NSDECL:
            break;
        default:
            if (!attr && !f->ns && g_str_equal(xml_field_elem_name(f), name))
                return true;
            break;
        }
    }
    return false;
}

static int
check_unknown(XmlCtx *ctx, const XmlSchema *s, xmlNode *node, const void *obj)
{
    for (xmlAttr *a = node->properties; a; a = a->next) {
        if (a->ns || fields_know(s->fields, obj, (const char *) a->name, true))
            continue;
        xmlmap_report(ctx, VIR_ERR_XML_INVALID_SCHEMA, "unknown attribute '%s' in element '%s'",
                      (const char *) a->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || c->ns ||
            fields_know(s->fields, obj, (const char *) c->name, false))
            continue;
        xmlmap_report(ctx, VIR_ERR_XML_INVALID_SCHEMA, "unknown element '%s' in element '%s'",
                      (const char *) c->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static int
parse_element(XmlCtx *ctx, const XmlSchema *s, xmlNode *node, void *obj)
{
    int r;

    xmlmap_ctx_push(ctx, s->name);
    r = parse_fields(ctx, s->fields, node, obj);
    if (r == 0 && (ctx->flags & XMLMAP_PARSE_STRICT))
        r = check_unknown(ctx, s, node, obj);
    if (r == 0 && s->post_parse)
        s->post_parse(obj);
    xmlmap_ctx_pop(ctx);
    return r;
}

/**
 * xmlmap_parse_into() - parse element @node with schema @s into existing @obj
 * @ctx: parse context of the enclosing parse (CUSTOM hooks pass theirs)
 * @s: schema of @node
 * @node: the element
 * @obj: zeroed struct of @s->size bytes
 *
 * Runs post_parse hooks, not validation. On failure @obj may be partly filled;
 * xmlmap_clear() releases it.
 *
 * Return: 0, or -1 with an error reported.
 */
int
xmlmap_parse_into(XmlCtx *ctx, const XmlSchema *s, xmlNode *node, void *obj)
{
    return parse_element(ctx, s, node, obj);
}

/* ---- validation --------------------------------------------------------------- */

static int
validate_fields(XmlCtx *ctx, const XmlField *fields, const void *obj)
{
    /* only fields with a validate hook somewhere below them are walked */
    for (const XmlField *const *fp = xml_index(fields)->validate_list; *fp; fp++) {
        const XmlField *f = *fp;
        const void *slot = slot_of(obj, f->offset);

        switch (f->kind) {
        case XML_KIND_CHILD:
            if (*(void *const *) slot && validate_element(ctx, f->schema, *(void *const *) slot) < 0)
                return -1;
            break;
        case XML_KIND_EMBED:
            if (validate_element(ctx, f->schema, slot) < 0)
                return -1;
            break;
        case XML_KIND_CHILDREN: {
            size_t n = *count_of(obj, f);

            for (size_t i = 0; i < n; i++) {
                const void *item = (f->flags & XF_PTR_ARRAY) ?
                    (*(void *const *const *) slot)[i] :
                    (const char *) *(void *const *) slot + i * f->schema->size;

                if (validate_element(ctx, f->schema, item) < 0)
                    return -1;
            }
            break;
        }
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, *(const int *) slot);

            if (c && c->schema && xml_schema_needs_validate(c->schema)) {
                const void *sub = slot_of(obj, c->offset);

                if (validate_fields(ctx, c->schema->fields, sub) < 0)
                    return -1;
                if (c->schema->validate && c->schema->validate(ctx, sub) < 0)
                    return -1;
            }
            break;
        }
        default:
            break;
        }
    }
    return 0;
}

static int
validate_element(XmlCtx *ctx, const XmlSchema *s, const void *obj)
{
    int r;

    xmlmap_ctx_push(ctx, s->name);
    r = validate_fields(ctx, s->fields, obj);
    if (r == 0 && s->validate)
        r = s->validate(ctx, obj);
    xmlmap_ctx_pop(ctx);
    return r;
}

/**
 * xmlmap_validate() - run the validate hooks of a parsed object, children first
 * @s: schema of @obj
 * @obj: object built by the parser or by code
 * @flags: XMLMAP_PARSE_* flags handed to the hooks
 *
 * Return: 0, or -1 with the first failing rule reported.
 */
int
xmlmap_validate(const XmlSchema *s, const void *obj, unsigned int flags)
{
    XmlCtx ctx;
    int r;

    ctx_init(&ctx, s, flags);
    r = validate_element(&ctx, s, obj);
    ctx_done(&ctx);
    return r;
}

/* ---- documents ------------------------------------------------------------------- */

static gpointer
init_libxml(gpointer data)
{
    xmlInitParser();
    return NULL;
}

/* What the parser's error handler keeps of a parse: the first fatal error,
 * already in libvirt's VIR_ERR_XML_DETAIL shape. */
typedef struct {
    char *detail;
} ReadDocErrors;

/*
 * read_doc_error() - libxml2's error callback during xmlmap_read_doc()
 *
 * Records the first fatal error like libvirt's catchXMLError(): the
 * document label and line, libxml2's message (which ends in a newline),
 * the source line the parser stopped in, and under it a line of '-' (a tab
 * where the source has one) ending in '^' at the parser's column. Later and
 * non-fatal errors are ignored.
 */
static void
read_doc_error(void *opaque, const char *msg, ...)
{
    xmlParserCtxt *ctxt = opaque;
    ReadDocErrors *errs = ctxt ? ctxt->_private : NULL;
    const xmlChar *cur;
    const xmlChar *base;
    const xmlChar *line;
    g_autoptr(GString) pointer = NULL;
    g_autofree char *context = NULL;
    size_t col;

    (void) msg;
    if (!errs || errs->detail || !ctxt->input || ctxt->lastError.level != XML_ERR_FATAL ||
        !ctxt->lastError.message)
        return;
    cur = ctxt->input->cur;
    base = ctxt->input->base;
    /* back over line ends, then to the start of the line the parser is in */
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        cur--;
    while (cur > base && *cur != '\n' && *cur != '\r')
        cur--;
    if (*cur == '\n' || *cur == '\r')
        cur++;
    line = cur;
    col = ctxt->input->cur - line;
    while (*cur && *cur != '\n' && *cur != '\r')
        cur++;
    context = g_strndup((const char *) line, cur - line);
    pointer = g_string_new(NULL);
    for (size_t n = 0; n < col && context[n]; n++)
        g_string_append_c(pointer, context[n] == '\t' ? '\t' : '-');
    g_string_append_c(pointer, '^');
    /* an empty source line shows as "(null)", as libvirt's does */
    if (ctxt->lastError.file)
        errs->detail = g_strdup_printf("%s:%d: %s%s\n%s", ctxt->lastError.file,
                                       ctxt->lastError.line, ctxt->lastError.message,
                                       *context ? context : "(null)", pointer->str);
    else
        errs->detail = g_strdup_printf("at line %d: %s%s\n%s", ctxt->lastError.line,
                                       ctxt->lastError.message,
                                       *context ? context : "(null)", pointer->str);
}

/**
 * xmlmap_read_doc() - parse XML text into a libxml2 document
 * @xml: the text
 * @label: name used in syntax error messages, like "(network_definition)"
 * @domain: VIR_FROM_* domain for errors
 * @ret_doc: the document (caller frees with xmlFreeDoc)
 *
 * External entities and network access are disabled. Whitespace-only text
 * between elements is dropped, as libvirt does, so foreign subtrees kept
 * verbatim re-indent cleanly. Short text is stored inside its node
 * (XML_PARSE_COMPACT, fewer allocations); libxml2's tree functions handle
 * that, code writing node->content directly must not.
 *
 * A syntax error is reported as VIR_ERR_XML_DETAIL in libvirt's layout:
 * "label:line: message\nsource line\n-----^" (read_doc_error()). A parse
 * that fails without one is VIR_ERR_XML_ERROR "failed to parse xml
 * document", one without a root element VIR_ERR_INTERNAL_ERROR "missing
 * root element" (libvirt's virXMLParseHelper wording).
 *
 * Return: 0, or -1 with the error reported.
 */
int
xmlmap_read_doc(const char *xml, const char *label, int domain, xmlDoc **ret_doc)
{
    static GOnce once = G_ONCE_INIT;
    ReadDocErrors errs = { NULL };
    xmlParserCtxt *pctxt;
    xmlDoc *doc;

    g_once(&once, init_libxml, NULL);
    pctxt = xmlNewParserCtxt();
    if (!pctxt || !pctxt->sax)
        g_error("out of memory creating an XML parser");
    pctxt->_private = &errs;
    pctxt->sax->error = read_doc_error;
    doc = xmlCtxtReadMemory(pctxt, xml ? xml : "", xml ? (int) strlen(xml) : 0, label, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOWARNING |
                            XML_PARSE_COMPACT);
    xmlFreeParserCtxt(pctxt);
    if (!doc) {
        if (errs.detail)
            err_report_full(domain, VIR_ERR_XML_DETAIL, __FILE__, __func__, __LINE__,
                            "%s", errs.detail);
        else
            err_report_full(domain, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                            "failed to parse xml document '%s'", label ? label : "[inline data]");
        g_free(errs.detail);
        return -1;
    }
    g_free(errs.detail);
    if (!xmlDocGetRootElement(doc)) {
        err_report_full(domain, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "missing root element");
        xmlFreeDoc(doc);
        return -1;
    }
    *ret_doc = doc;
    return 0;
}

/**
 * xmlmap_new() - allocate a zeroed object for schema @s
 * @s: schema
 *
 * Return: the object; free it with xmlmap_free().
 */
void *
xmlmap_new(const XmlSchema *s)
{
    return g_malloc0(s->size);
}

/**
 * xmlmap_parse_node() - build an object from element @node
 * @s: schema; @node must be its element
 * @node: the element
 * @ret_obj: the new object, set only on success
 * @flags: XMLMAP_PARSE_*
 *
 * Parses, runs post_parse hooks, then (unless XMLMAP_PARSE_SKIP_VALIDATE)
 * the validate hooks.
 *
 * Return: 0, or -1 with an error reported.
 */
int
xmlmap_parse_node(const XmlSchema *s, xmlNode *node, void **ret_obj, unsigned int flags)
{
    XmlCtx ctx;
    void *obj;
    int r;

    if (!node_is(node, s->name, NULL)) {
        err_report(VIR_ERR_XML_ERROR, "expecting root element of '%s', not '%s'",
                   s->name, (const char *) node->name);
        return -1;
    }
    obj = xmlmap_new(s);
    ctx_init(&ctx, s, flags);
    r = parse_element(&ctx, s, node, obj);
    if (r == 0 && !(flags & XMLMAP_PARSE_SKIP_VALIDATE))
        r = validate_element(&ctx, s, obj);
    ctx_done(&ctx);
    if (r < 0) {
        xmlmap_free(s, obj);
        return -1;
    }
    *ret_obj = obj;
    return 0;
}

/**
 * xmlmap_parse_string() - build an object from XML text
 * @s: schema of the root element
 * @xml: the document
 * @ret_obj: the new object, set only on success
 * @flags: XMLMAP_PARSE_*
 *
 * Return: 0, or -1 with an error reported (VIR_ERR_XML_DETAIL for syntax,
 * VIR_ERR_XML_ERROR for a wrong root or bad values, or what a rule says).
 */
int
xmlmap_parse_string(const XmlSchema *s, const char *xml, void **ret_obj, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;

    if (xmlmap_read_doc(xml, s->doc_label ? s->doc_label : "(xml)",
                        s->domain ? s->domain : VIR_FROM_XML, &doc) < 0)
        return -1;
    return xmlmap_parse_node(s, xmlDocGetRootElement(doc), ret_obj, flags);
}

/* ---- formatting ------------------------------------------------------------------ */

static bool
field_visible(const XmlOut *out, const XmlField *f, const void *obj)
{
    unsigned int fl = out->flags;

    if (f->omit && f->omit(obj, fl & ~XMLMAP_FORMAT_ALL))
        return false;
    if (fl & XMLMAP_FORMAT_ALL)
        return true;
    if ((f->flags & XF_SECRET) && !(fl & XMLMAP_FORMAT_SECURE))
        return false;
    if ((f->flags & XF_LIVE_ONLY) && (fl & XMLMAP_FORMAT_INACTIVE))
        return false;
    if ((f->flags & XF_INACTIVE_ONLY) && !(fl & XMLMAP_FORMAT_INACTIVE))
        return false;
    if ((f->flags & XF_NO_MIGRATE) && (fl & XMLMAP_FORMAT_MIGRATABLE))
        return false;
    return true;
}

/* Whether formatting @f would write anything (for namespace declarations). */
static bool
field_has_content(const XmlOut *out, const XmlField *f, const void *obj)
{
    const void *slot = slot_of(obj, f->offset);

    if (!field_visible(out, f, obj))
        return false;
    if (f->has_offset)
        return *(const bool *) slot_of(obj, f->has_offset - 1);
    switch (f->kind) {
    case XML_KIND_ATTR:
    case XML_KIND_TEXT:
        return xml_value_present(f, obj);
    case XML_KIND_LIST:
    case XML_KIND_CHILDREN:
        return *count_of(obj, f) > 0;
    case XML_KIND_CHILD:
    case XML_KIND_RAW:
        return *(void *const *) slot != NULL;
    case XML_KIND_PRESENCE:
        return *(const bool *) slot;
    case XML_KIND_EMBED:
        for (const XmlField *g = f->schema->fields; g->kind != XML_KIND_END; g++) {
            if (field_has_content(out, g, slot))
                return true;
        }
        return false;
    default:
        return false;
    }
}

static void
format_nsdecl(XmlOut *out, const XmlField *decl, const XmlField *fields, const void *obj)
{
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        if (f->kind != XML_KIND_NSDECL && f->ns && g_str_equal(f->ns, decl->ns) &&
            field_has_content(out, f, obj)) {
            g_autofree char *attr = g_strconcat("xmlns:", decl->name, NULL);

            xmlout_attr(out, attr, decl->ns);
            return;
        }
    }
}

static void
format_unit(XmlOut *out, const XmlField *f)
{
    if ((f->codec->flags & XC_UNIT) && f->unit)
        xmlout_attr(out, "unit", f->unit);
}

static void
format_attrs(XmlOut *out, const XmlField *fields, const void *obj)
{
    for (const XmlField *const *fp = xml_index(fields)->attr_list; *fp; fp++) {
        const XmlField *f = *fp;

        if (!field_visible(out, f, obj))
            continue;
        switch (f->kind) {
        case XML_KIND_ATTR:
            if (!xml_value_present(f, obj))
                break;
            xmlout_attr_begin(out, f->name);
            f->codec->format(f, slot_of(obj, f->offset), out->buf);
            g_string_append_c(out->buf, '\'');
            format_unit(out, f);
            break;
        case XML_KIND_TEXT:
            if (!f->name && xml_value_present(f, obj))
                format_unit(out, f);
            break;
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, *(const int *) slot_of(obj, f->offset));

            if (xml_value_present(f, obj)) {
                xmlout_attr_begin(out, f->name);
                f->codec->format(f, slot_of(obj, f->offset), out->buf);
                g_string_append_c(out->buf, '\'');
            }
            if (c && c->schema)
                format_attrs(out, c->schema->fields, slot_of(obj, c->offset));
            break;
        }
        case XML_KIND_CUSTOM:
            if (f->custom->format_attrs)
                f->custom->format_attrs(out, obj);
            break;
        case XML_KIND_NSDECL:
            format_nsdecl(out, f, fields, obj);
            break;
        default:
            break;
        }
    }
}

/* Start a child element for @f, with its key attribute if it has one. */
static void
start_field_element(XmlOut *out, const XmlField *f, const char *name)
{
    xmlout_start(out, name);
    if (f->key_attr)
        xmlout_attr(out, f->key_attr, f->key_value);
}

static void
format_text_field(XmlOut *out, const XmlField *f, const void *obj)
{
    if (!xml_value_present(f, obj))
        return;
    if (!f->name) {
        xmlout_field_value(out, f, slot_of(obj, f->offset));
        return;
    }
    start_field_element(out, f, f->name);
    format_unit(out, f);
    xmlout_field_value(out, f, slot_of(obj, f->offset));
    xmlout_end(out);
}

static void
format_list(XmlOut *out, const XmlField *f, const void *obj)
{
    const char *arr = *(const char *const *) slot_of(obj, f->offset);
    size_t n = *count_of(obj, f);

    for (size_t i = 0; i < n; i++) {
        start_field_element(out, f, f->name);
        xmlout_field_value(out, f, arr + i * f->codec->size);
        xmlout_end(out);
    }
}

/* Whether the @size bytes at @p are all zero. */
static bool
all_zero(const void *p, size_t size)
{
    const unsigned char *b = p;
    size_t i = 0;

    for (; i + sizeof(guint64) <= size; i += sizeof(guint64)) {
        guint64 w;

        memcpy(&w, b + i, sizeof(w));
        if (w)
            return false;
    }
    for (; i < size; i++) {
        if (b[i])
            return false;
    }
    return true;
}

static bool writes_nothing_walk(const XmlOut *out, const XmlField *fields, const void *obj);

/*
 * writes_nothing() - whether @fields of @obj surely give an element nothing
 * that keeps it: no attribute, no text, no child element that stays
 * @out: output (its flags decide what is visible)
 * @fields: table
 * @obj: struct
 *
 * Mirrors format_attrs() and format_body(); false when unsure (hooks).
 * format_embed() would write such an element and take it back.
 */
static inline bool
writes_nothing(const XmlOut *out, const XmlField *fields, const void *obj)
{
    const FieldIndex *ix = xml_index(fields);

    if (ix->opaque)
        return false;
    /* the common case, an embedded struct never filled in */
    if (ix->zero_nothing &&
        all_zero((const char *) obj + ix->span_lo, ix->span_hi - ix->span_lo))
        return true;
    return writes_nothing_walk(out, fields, obj);
}

/* writes_nothing(), field by field */
static bool
writes_nothing_walk(const XmlOut *out, const XmlField *fields, const void *obj)
{
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        const void *slot = slot_of(obj, f->offset);

        if (!field_visible(out, f, obj))
            continue;
        /* format_body() skips absent fields with a presence flag (format_attrs()
         * does not, hence UNION and CUSTOM fall through) */
        if (f->has_offset && f->kind != XML_KIND_ATTR && f->kind != XML_KIND_TEXT) {
            if (*(const bool *) slot_of(obj, f->has_offset - 1))
                return false;
            if (f->kind != XML_KIND_UNION && f->kind != XML_KIND_CUSTOM)
                continue;
        }
        switch (f->kind) {
        case XML_KIND_ATTR:
        case XML_KIND_TEXT:
            if (xml_value_present(f, obj))
                return false;
            break;
        case XML_KIND_LIST:
        case XML_KIND_CHILDREN:
            if (*count_of(obj, f) > 0)
                return false;
            break;
        case XML_KIND_CHILD:
        case XML_KIND_RAW:
            if (*(void *const *) slot)
                return false;
            break;
        case XML_KIND_PRESENCE:
            if (*(const bool *) slot)
                return false;
            break;
        case XML_KIND_EMBED:
            /* an empty one is taken back, or stays as a placeholder that
             * does not count (XF_REQUIRED) */
            if ((f->flags & XF_KEEP_EMPTY) || !writes_nothing(out, f->schema->fields, slot))
                return false;
            break;
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, *(const int *) slot);

            if (xml_value_present(f, obj))
                return false;
            if (c && c->schema &&
                !writes_nothing(out, c->schema->fields, slot_of(obj, c->offset)))
                return false;
            break;
        }
        case XML_KIND_CUSTOM:
            if (f->custom->format_attrs || f->custom->format_body)
                return false;
            break;
        case XML_KIND_NSDECL:
            return false;
        case XML_KIND_END:
            break;
        }
    }
    return true;
}

static void
format_embed(XmlOut *out, const XmlField *f, const void *obj)
{
    size_t mark = out->buf->len;
    OutFrame saved = { 0 };

    /* Skip writing what would be taken back below. */
    if (!(f->flags & (XF_KEEP_EMPTY | XF_REQUIRED)) && !f->has_offset &&
        writes_nothing(out, f->schema->fields, slot_of(obj, f->offset)))
        return;

    if (out->depth > 0)
        saved = out->frames[out->depth - 1];
    xmlmap_format_element_keyed(out, f->schema, slot_of(obj, f->offset), f->key_attr,
                                f->key_value);
    if (out->last_empty && !(f->flags & XF_KEEP_EMPTY) && !f->has_offset) {
        if ((f->flags & XF_REQUIRED) && out->depth > 0) {
            /* A required element stays even when empty (an unvalidated
             * definition must format back into something that parses), but
             * alone it does not make its parent worth writing. */
            out->frames[out->depth - 1].placeholder_only =
                saved.state == FRAME_TAG_OPEN || saved.placeholder_only;
            return;
        }
        /* Nothing to say: take the element back, restoring the parent. */
        g_string_truncate(out->buf, mark);
        if (out->depth > 0)
            out->frames[out->depth - 1] = saved;
    }
}

static void
format_children(XmlOut *out, const XmlField *f, const void *obj)
{
    const void *arr = *(void *const *) slot_of(obj, f->offset);
    size_t n = *count_of(obj, f);

    for (size_t i = 0; i < n; i++) {
        const void *item = (f->flags & XF_PTR_ARRAY) ?
            ((void *const *) arr)[i] : (const char *) arr + i * f->schema->size;

        xmlmap_format_element_keyed(out, f->schema, item, f->key_attr, f->key_value);
    }
}

static void
format_body(XmlOut *out, const XmlField *fields, const void *obj)
{
    for (const XmlField *const *fp = xml_index(fields)->body_list; *fp; fp++) {
        const XmlField *f = *fp;
        const void *slot = slot_of(obj, f->offset);

        if (!field_visible(out, f, obj))
            continue;
        if (f->has_offset && f->kind != XML_KIND_TEXT &&
            !*(const bool *) slot_of(obj, f->has_offset - 1))
            continue;
        switch (f->kind) {
        case XML_KIND_TEXT:
            format_text_field(out, f, obj);
            break;
        case XML_KIND_LIST:
            format_list(out, f, obj);
            break;
        case XML_KIND_CHILD:
            if (*(void *const *) slot)
                xmlmap_format_element_keyed(out, f->schema, *(void *const *) slot,
                                            f->key_attr, f->key_value);
            break;
        case XML_KIND_EMBED:
            format_embed(out, f, obj);
            break;
        case XML_KIND_CHILDREN:
            format_children(out, f, obj);
            break;
        case XML_KIND_PRESENCE:
            if (*(const bool *) slot) {
                start_field_element(out, f, f->name);
                xmlout_end(out);
            }
            break;
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, *(const int *) slot);

            if (c && c->schema)
                format_body(out, c->schema->fields, slot_of(obj, c->offset));
            break;
        }
        case XML_KIND_RAW:
            if (*(xmlNode *const *) slot)
                xmlout_node(out, *(xmlNode *const *) slot);
            break;
        case XML_KIND_CUSTOM:
            if (f->custom->format_body)
                f->custom->format_body(out, obj);
            break;
        default:
            break;
        }
    }
}

/**
 * xmlmap_format_element() - write @obj as element @s->name into @out
 * @out: output (CUSTOM hooks pass theirs)
 * @s: schema
 * @obj: object
 */
void
xmlmap_format_element(XmlOut *out, const XmlSchema *s, const void *obj)
{
    xmlmap_format_element_keyed(out, s, obj, NULL, NULL);
}

/**
 * xmlmap_format_element_keyed() - write @obj as element @s->name whose first
 * attribute is @key_attr='@key_value'
 * @out: output
 * @s: schema
 * @obj: object
 * @key_attr: attribute telling same-named siblings apart, or NULL for none
 * @key_value: its value
 */
void
xmlmap_format_element_keyed(XmlOut *out, const XmlSchema *s, const void *obj,
                            const char *key_attr, const char *key_value)
{
    OutFrame *fr;

    xmlout_start(out, s->name);
    fr = &out->frames[out->depth - 1];
    fr->no_self_close = s->flags & XS_NO_SELF_CLOSE;
    fr->space_close = s->flags & XS_SPACE_CLOSE;
    fr->blank_lines = s->flags & XS_BLANK_LINES;
    if (key_attr)
        xmlout_attr(out, key_attr, key_value);
    /* the key alone does not make an element worth writing */
    fr->nattrs = 0;
    format_attrs(out, s->fields, obj);
    format_body(out, s->fields, obj);
    xmlout_end(out);
}

/**
 * xmlmap_format() - format an object as an XML document
 * @s: schema of the root element
 * @obj: object
 * @flags: XMLMAP_FORMAT_SECURE / _INACTIVE / _MIGRATABLE
 *
 * Return: the text, ending with a newline; never NULL.
 */
char *
xmlmap_format(const XmlSchema *s, const void *obj, unsigned int flags)
{
    XmlOut out;

    xmlout_init(&out, flags);
    xmlmap_format_element(&out, s, obj);
    return xmlout_take(&out);
}

/* ---- free ---------------------------------------------------------------------- */

static void
clear_fields(const XmlField *fields, void *obj)
{
    /* only fields that own something are visited */
    for (const XmlField *const *fp = xml_index(fields)->clear_list; *fp; fp++) {
        const XmlField *f = *fp;
        void *slot = slot_of(obj, f->offset);

        switch (f->kind) {
        case XML_KIND_ATTR:
        case XML_KIND_TEXT:
            if (f->codec->clear)
                f->codec->clear(slot);
            break;
        case XML_KIND_LIST: {
            char **arr = slot;
            size_t *n = count_of(obj, f);

            for (size_t i = 0; f->codec->clear && i < *n; i++)
                f->codec->clear(*arr + i * f->codec->size);
            g_clear_pointer(arr, g_free);
            *n = 0;
            break;
        }
        case XML_KIND_CHILD:
            xmlmap_free(f->schema, *(void **) slot);
            *(void **) slot = NULL;
            break;
        case XML_KIND_EMBED:
            clear_element(f->schema, slot);
            break;
        case XML_KIND_CHILDREN: {
            void **arr = slot;
            size_t *n = count_of(obj, f);
            /* items of a plain array that own nothing need no visit */
            size_t visit = (f->flags & XF_PTR_ARRAY) || !*n ||
                !xml_schema_clears_nothing(f->schema) ? *n : 0;

            for (size_t i = 0; *arr && i < visit; i++) {
                if (f->flags & XF_PTR_ARRAY)
                    xmlmap_free(f->schema, ((void **) *arr)[i]);
                else
                    clear_element(f->schema, (char *) *arr + i * f->schema->size);
            }
            g_clear_pointer(arr, g_free);
            *n = 0;
            break;
        }
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, *(int *) slot);

            if (c && c->schema)
                clear_element(c->schema, slot_of(obj, c->offset));
            break;
        }
        case XML_KIND_RAW:
            if (*(xmlNode **) slot)
                xmlFreeDoc((*(xmlNode **) slot)->doc);
            *(xmlNode **) slot = NULL;
            break;
        case XML_KIND_CUSTOM:
            if (f->custom->clear)
                f->custom->clear(obj);
            break;
        default:
            break;
        }
    }
}

static void
clear_element(const XmlSchema *s, void *obj)
{
    clear_fields(s->fields, obj);
    if (s->clear)
        s->clear(obj);
}

/**
 * xmlmap_clear() - release everything @obj owns, leaving the struct itself
 * @s: schema
 * @obj: object (embedded or on the stack); NULL is fine
 */
void
xmlmap_clear(const XmlSchema *s, void *obj)
{
    if (obj)
        clear_element(s, obj);
}

/**
 * xmlmap_free() - release @obj and everything it owns
 * @s: schema
 * @obj: object from xmlmap_new() or a parse; NULL is fine
 */
void
xmlmap_free(const XmlSchema *s, void *obj)
{
    if (!obj)
        return;
    clear_element(s, obj);
    g_free(obj);
}

/**
 * xmlmap_copy() - deep copy through a format/parse round trip
 * @s: schema
 * @obj: object
 *
 * Secret, live-only and inactive-only fields are all kept; validation is not
 * re-run. CUSTOM hooks must round-trip for this to be exact.
 *
 * Return: the copy, or NULL with an error reported (only if the model cannot
 * re-read its own output, which the golden tests rule out).
 */
void *
xmlmap_copy(const XmlSchema *s, const void *obj)
{
    g_autofree char *xml = xmlmap_format(s, obj, XMLMAP_FORMAT_ALL | XMLMAP_FORMAT_SECURE);
    void *copy = NULL;

    if (xmlmap_parse_string(s, xml, &copy, XMLMAP_PARSE_SKIP_VALIDATE) < 0)
        return NULL;
    return copy;
}
