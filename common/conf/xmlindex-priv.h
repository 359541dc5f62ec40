/* common/conf/xmlindex-priv.h: per-table indexes of the XML engine. Each
 * field table gets one, built on first use and kept for the life of the
 * process (tables are static): which fields stand for child elements and a
 * hash of their names, so parse_fields() walks an element's children once;
 * the fields each other walk (validate, clear, format) has work for; and
 * whether an all-zero struct writes nothing. Only the engine (xmlmap.c,
 * xmlindex.c) includes it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "common/conf/xmlmap.h"

typedef struct {
    const char *name;       /* NULL: free bucket */
    unsigned int hash;
    int first;              /* first slot with this name */
} IndexName;

/* One field parse_fields() parses (the table minus output-only fields). */
typedef struct {
    const XmlField *f;      /* NULL ends the plan */
    int slot;               /* its child element slot, or -1 */
    unsigned int flags;     /* STEP_* */
} ParseStep;

enum {
    STEP_LIVE_ONLY   = 1 << 0,  /* XF_LIVE_ONLY */
    STEP_SKIP_ABSENT = 1 << 1,  /* parses to "absent" when no child matched */
    STEP_AFTER       = 1 << 2,  /* required, or with a presence/seen flag */
};

typedef struct {
    const XmlField *fields;
    ParseStep *plan;
    size_t nslots;          /* fields that match child elements */
    const XmlField **slot_field;
    int *next_slot;         /* per slot: next slot of the same name, -1 ends */
    IndexName *names;       /* open addressing, mask + 1 buckets */
    size_t mask;
    bool need_validate;     /* a validate hook is reachable from this table */
    bool trivial_clear;     /* clear_fields() has nothing to release */
    bool opaque;            /* has fields whose output writes_nothing() cannot tell */
    bool zero_nothing;      /* zeros in span_lo..span_hi write nothing, whatever the flags */
    size_t span_lo;         /* the bytes of the struct the fields use */
    size_t span_hi;
    /* NULL-terminated, in table order: the fields each walk has work for */
    const XmlField **validate_list;     /* validate_fields() */
    const XmlField **clear_list;        /* clear_fields() */
    const XmlField **attr_list;         /* format_attrs() */
    const XmlField **body_list;         /* format_body() */
} FieldIndex;

#define XML_INDEX_CACHE_SIZE 4096   /* a power of two, well above the number of tables */
/* The indexes by table address (open addressing); see xml_index_slow(). */
extern FieldIndex *xml_index_cache[XML_INDEX_CACHE_SIZE];

static inline size_t
xml_index_bucket(const XmlField *fields)
{
    return (size_t) (((guint64) (uintptr_t) fields >> 3) * 0x9E3779B97F4A7C15ull >> 40);
}

/* Find or build the index of @fields (xml_index() when it is not in its
 * first bucket). */
const FieldIndex *xml_index_slow(const XmlField *fields);

/* The index of table @fields. */
static inline const FieldIndex *
xml_index(const XmlField *fields)
{
    const FieldIndex *ix = g_atomic_pointer_get(
        &xml_index_cache[xml_index_bucket(fields) & (XML_INDEX_CACHE_SIZE - 1)]);

    if (G_LIKELY(ix && ix->fields == fields))
        return ix;
    return xml_index_slow(fields);
}

static inline unsigned int
xml_name_hash(const char *s)
{
    unsigned int h = 2166136261u;   /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char) *s) * 16777619u;
    return h;
}

/* The first slot of @ix matched by child elements named @name, -1 when none
 * (the next ones follow next_slot). */
static inline int
xml_index_find(const FieldIndex *ix, const char *name)
{
    unsigned int h = xml_name_hash(name);

    for (size_t b = h & ix->mask; ix->names[b].name; b = (b + 1) & ix->mask) {
        if (ix->names[b].hash == h && g_str_equal(ix->names[b].name, name))
            return ix->names[b].first;
    }
    return -1;
}

/* Whether validating an object of @s runs any hook. */
static inline bool
xml_schema_needs_validate(const XmlSchema *s)
{
    return s->validate || xml_index(s->fields)->need_validate;
}

/* Whether clearing an object of @s does nothing. */
static inline bool
xml_schema_clears_nothing(const XmlSchema *s)
{
    return !s->clear && xml_index(s->fields)->trivial_clear;
}

/* Field helpers shared by the engine's files. */
const char *xml_field_elem_name(const XmlField *f);
const XmlUnionCase *xml_find_case(const XmlField *f, int value);
/* Whether field @f of @obj has a value to write (ATTR, TEXT, UNION). */
bool xml_value_present(const XmlField *f, const void *obj);
