/* common/conf/domain/domain_codecs.h: value codecs the domain model needs and
 * the shared engine (common/conf/xmlcodec.h) does not offer yet: libvirt's
 * CPU/node bitmap syntax and signed 64-bit numbers. They plug into the usual
 * field macros: XML_ATTR(T, fld, "cpuset", dom_cpuset, 0). */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"

/* Highest bit a CPU or NUMA node bitmap may name, plus one (libvirt's limit). */
#define DOM_BITMAP_MAX_BITS 4096

/* char *: a bitmap such as "0-3,^2,8" kept in canonical form ("0-1,3,8"). */
extern const XmlCodec xml_codec_dom_cpuset;
/* long long, range [smin, smax] when given. */
extern const XmlCodec xml_codec_dom_llong;

#define XML_CHECK_CODEC_dom_cpuset(T, f) XML_IS(T, f, char *)
#define XML_CHECK_CODEC_dom_llong(T, f)  XML_IS(T, f, long long)
#define XML_CTYPE_dom_cpuset char *
#define XML_CTYPE_dom_llong  long long

/* Parse a bitmap in libvirt syntax into a sorted bit array. Return the bit
 * array (g_free) with *ret_nbits set, or NULL when @s is malformed or names a
 * bit >= DOM_BITMAP_MAX_BITS. Never reports. */
bool *dom_bitmap_parse(const char *s, unsigned int *ret_nbits);
/* Canonical text of a bit array: ascending, runs of two or more as "a-b". */
char *dom_bitmap_format(const bool *bits, unsigned int nbits);
/* Number of set bits in canonical or raw bitmap text; -1 when malformed. */
int dom_bitmap_count(const char *s);
/* Highest set bit of bitmap text; -1 when empty or malformed. */
int dom_bitmap_last(const char *s);
/* True when the two bitmaps share a bit (both must be well formed). */
bool dom_bitmap_overlaps(const char *a, const char *b);

/* libvirt prints some sizes (cache allocations, SMM TSEG) in the largest
 * binary unit that divides them exactly. Return the value in that unit and
 * set *ret_unit ("B", "KiB", ... "EiB"). */
unsigned long long dom_size_pretty(unsigned long long bytes, const char **ret_unit);
