/* common/conf/xmlindex.c: the per-table indexes of the XML engine
 * (xmlindex-priv.h) and the field helpers the engine's files share. */
#include "config.h"

#include <string.h>

#include "common/conf/xmlindex-priv.h"

FieldIndex *xml_index_cache[XML_INDEX_CACHE_SIZE];
/* Should the cache ever fill up, the rest go here, under a lock. */
G_LOCK_DEFINE_STATIC(index_overflow);
static GHashTable *index_overflow;

static const void *
slot_of(const void *obj, size_t offset)
{
    return (const char *) obj + offset;
}

/* ---- field helpers ---------------------------------------------------------- */

/* The element name of field @f. */
const char *
xml_field_elem_name(const XmlField *f)
{
    if (f->kind == XML_KIND_CHILD || f->kind == XML_KIND_EMBED ||
        f->kind == XML_KIND_CHILDREN)
        return f->schema->name;
    return f->name;
}

/* The name a child element must have to match @f: for a namespaced field
 * the local part of its "prefix:local" name. */
static const char *
field_match_name(const XmlField *f)
{
    const char *name = xml_field_elem_name(f);

    if (f->ns && strchr(name, ':'))
        name = strchr(name, ':') + 1;
    return name;
}

/* The case of UNION field @f for discriminator @value, NULL when none. */
const XmlUnionCase *
xml_find_case(const XmlField *f, int value)
{
    for (size_t i = 0; i < f->ncases; i++) {
        if (f->cases[i].value == value)
            return &f->cases[i];
    }
    return NULL;
}

/**
 * xml_value_present() - see xmlindex-priv.h
 */
bool
xml_value_present(const XmlField *f, const void *obj)
{
    const void *slot = slot_of(obj, f->offset);

    if (f->has_offset)
        return *(const bool *) slot_of(obj, f->has_offset - 1);
    /* XF_KEEP_EMPTY prints "unset" values that have a text form (a zero UUID) */
    if ((f->flags & XF_KEEP_EMPTY) &&
        (f->codec == &xml_codec_uuid || f->codec == &xml_codec_mac))
        return true;
    /* An enum value the parser would refuse (below .min) has no text form. */
    if (f->codec == &xml_codec_enum && *(const int *) slot < (int) f->min)
        return false;
    if ((f->codec->flags & XC_UNSET_OMITTED) || (f->flags & XF_OMIT_DEFAULT))
        return f->codec->is_set(f, slot);
    return true;
}

/* ---- building an index ------------------------------------------------------- */

/* Add slot @s named @name to a name table. */
static void
names_add(IndexName *names, size_t mask, int *next_slot, const char *name, int s)
{
    unsigned int h = xml_name_hash(name);
    size_t b;

    for (b = h & mask; names[b].name; b = (b + 1) & mask) {
        if (names[b].hash == h && g_str_equal(names[b].name, name))
            break;
    }
    if (!names[b].name) {
        names[b] = (IndexName) { .name = name, .hash = h, .first = s };
    } else {
        /* append: the slots of one name stay in table order */
        int t = names[b].first;

        while (next_slot[t] >= 0)
            t = next_slot[t];
        next_slot[t] = s;
    }
}

/* Whether a field of this kind is matched against child elements. */
static bool
field_uses_children(const XmlField *f)
{
    switch (f->kind) {
    case XML_KIND_TEXT:
        return f->name != NULL;
    case XML_KIND_LIST:
    case XML_KIND_CHILD:
    case XML_KIND_EMBED:
    case XML_KIND_CHILDREN:
    case XML_KIND_PRESENCE:
    case XML_KIND_RAW:
        return !(f->flags & XF_FORMAT_ONLY);
    default:
        return false;
    }
}

/* Whether a schema with a validate hook is reachable from @fields; @seen
 * holds the tables already visited. */
static bool
reaches_validate(const XmlField *fields, GHashTable *seen)
{
    if (!g_hash_table_add(seen, (gpointer) fields))
        return false;
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        switch (f->kind) {
        case XML_KIND_CHILD:
        case XML_KIND_EMBED:
        case XML_KIND_CHILDREN:
            if (f->schema->validate || reaches_validate(f->schema->fields, seen))
                return true;
            break;
        case XML_KIND_UNION:
            for (size_t i = 0; i < f->ncases; i++) {
                const XmlSchema *cs = f->cases[i].schema;

                if (cs && (cs->validate || reaches_validate(cs->fields, seen)))
                    return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

/* Whether clear_fields() on @fields releases and resets nothing. */
static bool
clears_nothing(const XmlField *fields)
{
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        switch (f->kind) {
        case XML_KIND_ATTR:
        case XML_KIND_TEXT:
            if (f->codec->clear)
                return false;
            break;
        case XML_KIND_EMBED:
            if (f->schema->clear || !clears_nothing(f->schema->fields))
                return false;
            break;
        case XML_KIND_CUSTOM:
            if (f->custom->clear)
                return false;
            break;
        case XML_KIND_PRESENCE:
        case XML_KIND_NSDECL:
            break;
        default:
            return false;
        }
    }
    return true;
}

/* Whether validate_fields() has work below field @f. */
static bool
field_needs_validate(const XmlField *f)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);

    switch (f->kind) {
    case XML_KIND_CHILD:
    case XML_KIND_EMBED:
    case XML_KIND_CHILDREN:
        return f->schema->validate || reaches_validate(f->schema->fields, seen);
    case XML_KIND_UNION:
        for (size_t i = 0; i < f->ncases; i++) {
            const XmlSchema *cs = f->cases[i].schema;

            g_hash_table_remove_all(seen);
            if (cs && (cs->validate || reaches_validate(cs->fields, seen)))
                return true;
        }
        return false;
    default:
        return false;
    }
}

/* Whether clear_fields() has work for field @f. */
static bool
field_needs_clear(const XmlField *f)
{
    switch (f->kind) {
    case XML_KIND_ATTR:
    case XML_KIND_TEXT:
        return f->codec->clear != NULL;
    case XML_KIND_EMBED:
        return f->schema->clear || !clears_nothing(f->schema->fields);
    case XML_KIND_CUSTOM:
        return f->custom->clear != NULL;
    case XML_KIND_PRESENCE:
    case XML_KIND_NSDECL:
    case XML_KIND_END:
        return false;
    default:
        return true;
    }
}

/* Whether format_attrs() (@body false) or format_body() (@body true) has
 * work for field @f. */
static bool
field_formats_in(const XmlField *f, bool body)
{
    switch (f->kind) {
    case XML_KIND_ATTR:
    case XML_KIND_NSDECL:
        return !body;
    case XML_KIND_TEXT:
        return body || !f->name;
    case XML_KIND_UNION:
        return true;
    case XML_KIND_CUSTOM:
        return body ? f->custom->format_body != NULL : f->custom->format_attrs != NULL;
    case XML_KIND_END:
        return false;
    default:
        return body;
    }
}

/* The fields of @fields (@n of them) that @pred accepts, NULL-terminated. */
static const XmlField **
field_list(const XmlField *fields, size_t n, bool (*pred)(const XmlField *f, bool arg),
           bool arg)
{
    const XmlField **list = g_new0(const XmlField *, n + 1);
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        if (pred(&fields[i], arg))
            list[k++] = &fields[i];
    }
    return list;
}

static bool
pred_validate(const XmlField *f, bool arg)
{
    return field_needs_validate(f);
}

static bool
pred_clear(const XmlField *f, bool arg)
{
    return field_needs_clear(f);
}

/* Whether an all-zero struct described by @fields surely writes nothing
 * (FieldIndex.zero_nothing): xmlmap.c's writes_nothing() on zeros, with
 * every field visible (hiding fields only writes less). */
static bool
zero_writes_nothing(const XmlField *fields)
{
    /* wide enough for every codec's value and a presence flag */
    static const union {
        char bytes[64];
        void *align;
    } zeros;

    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        /* xml_value_present() on a zeroed value: the field at offset 0 of @zeros */
        XmlField at0 = *f;

        at0.offset = 0;
        if (at0.has_offset)
            at0.has_offset = 1;
        switch (f->kind) {
        case XML_KIND_ATTR:
        case XML_KIND_TEXT:
            if (xml_value_present(&at0, &zeros))
                return false;
            break;
        case XML_KIND_EMBED:
            if (!f->has_offset &&
                ((f->flags & XF_KEEP_EMPTY) || !zero_writes_nothing(f->schema->fields)))
                return false;
            break;
        case XML_KIND_UNION: {
            const XmlUnionCase *c = xml_find_case(f, 0);

            if (xml_value_present(&at0, &zeros) ||
                (c && c->schema && !zero_writes_nothing(c->schema->fields)))
                return false;
            break;
        }
        case XML_KIND_CUSTOM:
            if (f->custom->format_attrs || f->custom->format_body)
                return false;
            break;
        case XML_KIND_NSDECL:
            return false;
        default:
            /* no elements, no items, no pointer, no flag set */
            break;
        }
    }
    return true;
}

/* Widen [*@lo, *@hi) to the bytes at @base..@base+@len. */
static void
span_add(size_t *lo, size_t *hi, size_t base, size_t len)
{
    *lo = MIN(*lo, base);
    *hi = MAX(*hi, base + len);
}

/* The bytes of a struct that the fields of @fields (and of the groups, embedded
 * structs and union cases in it) read when formatting: [*@lo, *@hi). Fields
 * that write nothing from the struct (CUSTOM without format hooks, NSDECL)
 * are left out. */
static void
table_span(const XmlField *fields, size_t *lo, size_t *hi)
{
    *lo = SIZE_MAX;
    *hi = 0;
    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++) {
        size_t sub_lo, sub_hi;

        if (f->has_offset)
            span_add(lo, hi, f->has_offset - 1, sizeof(bool));
        switch (f->kind) {
        case XML_KIND_ATTR:
        case XML_KIND_TEXT:
            span_add(lo, hi, f->offset, f->codec->size);
            break;
        case XML_KIND_LIST:
        case XML_KIND_CHILDREN:
            span_add(lo, hi, f->offset, sizeof(void *));
            span_add(lo, hi, f->count_offset, sizeof(size_t));
            break;
        case XML_KIND_CHILD:
        case XML_KIND_RAW:
            span_add(lo, hi, f->offset, sizeof(void *));
            break;
        case XML_KIND_PRESENCE:
            span_add(lo, hi, f->offset, sizeof(bool));
            break;
        case XML_KIND_EMBED:
            table_span(f->schema->fields, &sub_lo, &sub_hi);
            if (sub_lo < sub_hi)
                span_add(lo, hi, f->offset + sub_lo, sub_hi - sub_lo);
            break;
        case XML_KIND_UNION:
            span_add(lo, hi, f->offset, sizeof(int));
            for (size_t i = 0; i < f->ncases; i++) {
                const XmlUnionCase *c = &f->cases[i];

                if (!c->schema)
                    continue;
                table_span(c->schema->fields, &sub_lo, &sub_hi);
                if (sub_lo < sub_hi)
                    span_add(lo, hi, c->offset + sub_lo, sub_hi - sub_lo);
            }
            break;
        default:
            break;
        }
    }
    if (*lo > *hi)
        *lo = *hi = 0;
}

static FieldIndex *
index_build(const XmlField *fields)
{
    FieldIndex *ix = g_new0(FieldIndex, 1);
    g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
    size_t nfields = 0;
    size_t nbuckets = 4;

    for (const XmlField *f = fields; f->kind != XML_KIND_END; f++)
        nfields++;
    ix->fields = fields;
    ix->plan = g_new0(ParseStep, nfields + 1);
    ix->slot_field = g_new(const XmlField *, nfields);
    ix->next_slot = g_new(int, nfields);
    while (nbuckets < 2 * nfields)
        nbuckets *= 2;
    ix->names = g_new0(IndexName, nbuckets);
    ix->mask = nbuckets - 1;
    for (size_t i = 0, k = 0; i < nfields; i++) {
        const XmlField *f = &fields[i];
        ParseStep *step;
        int s;

        if ((f->flags & XF_FORMAT_ONLY) || f->kind == XML_KIND_NSDECL)
            continue;
        step = &ix->plan[k++];
        step->f = f;
        step->slot = -1;
        if (f->flags & XF_LIVE_ONLY)
            step->flags |= STEP_LIVE_ONLY;
        if ((f->flags & XF_REQUIRED) || f->has_offset || f->seen_offset)
            step->flags |= STEP_AFTER;
        if (!field_uses_children(f))
            continue;
        s = (int) ix->nslots++;
        step->slot = s;
        /* an absent PRESENCE still stores its "false" */
        if (f->kind != XML_KIND_PRESENCE)
            step->flags |= STEP_SKIP_ABSENT;
        ix->slot_field[s] = f;
        ix->next_slot[s] = -1;
        names_add(ix->names, ix->mask, ix->next_slot, field_match_name(f), s);
    }
    ix->need_validate = reaches_validate(fields, seen);
    ix->trivial_clear = clears_nothing(fields);
    for (size_t i = 0; i < nfields; i++) {
        const XmlField *f = &fields[i];

        if (f->kind == XML_KIND_NSDECL ||
            (f->kind == XML_KIND_CUSTOM && (f->custom->format_attrs || f->custom->format_body)))
            ix->opaque = true;
    }
    ix->zero_nothing = zero_writes_nothing(fields);
    table_span(fields, &ix->span_lo, &ix->span_hi);
    ix->validate_list = field_list(fields, nfields, pred_validate, false);
    ix->clear_list = field_list(fields, nfields, pred_clear, false);
    ix->attr_list = field_list(fields, nfields, field_formats_in, false);
    ix->body_list = field_list(fields, nfields, field_formats_in, true);
    return ix;
}

static void
index_free(FieldIndex *ix)
{
    g_free(ix->validate_list);
    g_free(ix->clear_list);
    g_free(ix->attr_list);
    g_free(ix->body_list);
    g_free(ix->plan);
    g_free(ix->slot_field);
    g_free(ix->next_slot);
    g_free(ix->names);
    g_free(ix);
}

/**
 * xml_index_slow() - see xmlindex-priv.h
 *
 * Lock-free: entries are only ever added, each published whole by one
 * compare-and-swap; two threads may both build an index, one is dropped.
 */
const FieldIndex *
xml_index_slow(const XmlField *fields)
{
    size_t h = xml_index_bucket(fields);
    FieldIndex *mine = NULL;
    FieldIndex *ix;

    for (size_t i = 0; i < XML_INDEX_CACHE_SIZE; i++) {
        FieldIndex **bucket = &xml_index_cache[(h + i) & (XML_INDEX_CACHE_SIZE - 1)];

        ix = g_atomic_pointer_get(bucket);
        if (!ix) {
            if (!mine)
                mine = index_build(fields);
            if (g_atomic_pointer_compare_and_exchange(bucket, NULL, mine))
                return mine;
            ix = g_atomic_pointer_get(bucket);
        }
        if (ix->fields == fields) {
            if (mine)
                index_free(mine);
            return ix;
        }
    }
    G_LOCK(index_overflow);
    if (!index_overflow)
        index_overflow = g_hash_table_new(NULL, NULL);
    ix = g_hash_table_lookup(index_overflow, fields);
    if (!ix) {
        ix = mine ? mine : index_build(fields);
        mine = NULL;
        g_hash_table_insert(index_overflow, (gpointer) fields, ix);
    }
    G_UNLOCK(index_overflow);
    if (mine)
        index_free(mine);
    return ix;
}
