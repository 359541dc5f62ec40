/* tests/unit/conf/test-xmlmap.c: the engine on a toy model ("zoo") that uses
 * every field kind and flag: exact output layout, format flags, errors with
 * paths, strict mode, hooks, unions, raw subtrees, custom hooks, copy, free. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"
#include "common/util/err.h"

typedef enum { ZOO_KIND_NONE, ZOO_KIND_CAT, ZOO_KIND_BIRD, ZOO_KIND_LAST } ZooKind;
ENUM_STRINGS_STATIC(zoo_kind, ZOO_KIND_LAST, "none", "cat", "bird");

typedef struct {
    char *name;
    unsigned int lives;
} ZooCat;

typedef struct {
    bool flies;
    char *song;
} ZooBird;

typedef struct {
    char *name;
    int kind;
    union {
        ZooCat cat;
        ZooBird bird;
    } u;
    unsigned int legs;
    bool legs_set;
    char *note;
} ZooAnimal;

typedef struct {
    IpAddr addr;
    unsigned int prefix;
} ZooNet;

typedef struct {
    char *lang;
    char *text;
} ZooMotto;

typedef struct {
    unsigned char uuid[16];
    char *name;
    char *password;
    char *state;
    char *persist;
    int open;
    unsigned int capacity;
    unsigned long long size;
    char **keepers;
    size_t nkeepers;
    ZooNet net;
    ZooAnimal *animals;
    size_t nanimals;
    ZooAnimal **pets;
    size_t npets;
    ZooAnimal *mascot;
    bool heated;
    xmlNode *metadata;
    ZooMotto motto;
    unsigned int hex;
    bool gate_open;
    int post_parse_runs;
} Zoo;

static const XmlField cat_fields[] = {
    XML_ATTR(ZooCat, name, "catname", string, 0),
    XML_ATTR(ZooCat, lives, "lives", uint, XF_REQUIRED, .min = 1, .max = 9),
    XML_END
};
static XML_SCHEMA(cat, ZooCat, "animal", cat_fields);

static const XmlField bird_fields[] = {
    XML_ATTR(ZooBird, flies, "flies", yesno, 0),
    XML_TEXT(ZooBird, song, "song", string, 0),
    XML_END
};
static XML_SCHEMA(bird, ZooBird, "animal", bird_fields);

static const XmlUnionCase animal_cases[] = {
    XML_CASE(ZOO_KIND_CAT, ZooAnimal, u.cat, &cat_schema),
    XML_CASE(ZOO_KIND_BIRD, ZooAnimal, u.bird, &bird_schema),
};

#define ANIMAL_FIELDS \
    XML_ATTR(ZooAnimal, name, "name", string, XF_REQUIRED | XF_NONEMPTY), \
    XML_UNION(ZooAnimal, kind, "kind", zoo_kind, animal_cases, 0, .min = 1), \
    XML_ATTR(ZooAnimal, legs, "legs", uint, 0, XML_HAS(ZooAnimal, legs_set)), \
    XML_TEXT(ZooAnimal, note, NULL, string, 0), \
    XML_END

static const XmlField animal_fields[] = { ANIMAL_FIELDS };
static XML_SCHEMA(animal, ZooAnimal, "animal", animal_fields);
static XML_SCHEMA(pet, ZooAnimal, "pet", animal_fields);
static XML_SCHEMA(mascot, ZooAnimal, "mascot", animal_fields);

static const XmlField net_fields[] = {
    XML_ATTR(ZooNet, addr, "address", ip, 0),
    XML_ATTR(ZooNet, prefix, "prefix", uint, XF_OMIT_DEFAULT, .max = 128),
    XML_END
};
static XML_SCHEMA(net, ZooNet, "net", net_fields);

static const XmlField gate_fields[] = {
    XML_ATTR(Zoo, gate_open, "open", yesno, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(gate, Zoo, "gate", gate_fields, .flags = XS_NO_SELF_CLOSE);

/* <motto lang='en'>text</motto> parsed by hand, to exercise the hook API. */
static int
motto_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    Zoo *zoo = obj;

    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "motto"))
            continue;
        zoo->motto.lang = (char *) xmlGetNoNsProp(c, BAD_CAST "lang");
        zoo->motto.text = (char *) xmlNodeGetContent(c);
        if (zoo->motto.lang && strlen(zoo->motto.lang) != 2) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL, "bad motto language in '%s'",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
        return 1;
    }
    return 0;
}

static void
motto_format(XmlOut *out, const void *obj)
{
    const Zoo *zoo = obj;

    if (!zoo->motto.text)
        return;
    xmlout_start(out, "motto");
    xmlout_attr(out, "lang", zoo->motto.lang);
    xmlout_text(out, zoo->motto.text);
    xmlout_end(out);
}

static void
motto_clear(void *obj)
{
    Zoo *zoo = obj;

    g_clear_pointer(&zoo->motto.lang, xmlFree);
    g_clear_pointer(&zoo->motto.text, xmlFree);
}

static const char *const motto_names[] = { "motto", NULL };
XML_CUSTOM_DEFINE(motto_custom,
                  "test of the escape hatch: a two-letter language rule checked while parsing",
                  .parse = motto_parse, .format_body = motto_format, .clear = motto_clear,
                  .consumes = motto_names);

static const XmlField zoo_fields[] = {
    XML_ATTR(Zoo, password, "password", string, XF_SECRET),
    XML_ATTR(Zoo, state, "state", string, XF_LIVE_ONLY),
    XML_ATTR(Zoo, persist, "persist", string, XF_INACTIVE_ONLY),
    XML_ATTR(Zoo, open, "open", switch, 0),
    XML_ATTR(Zoo, capacity, "capacity", uint, XF_OMIT_DEFAULT),
    XML_ATTR(Zoo, hex, "hex", uint, XF_OMIT_DEFAULT | XF_NO_MIGRATE, .base = 16, .hex = 2),
    XML_TEXT(Zoo, name, "name", string, XF_REQUIRED),
    XML_TEXT(Zoo, uuid, "uuid", uuid, 0),
    XML_TEXT(Zoo, size, "size", scaled, XF_OMIT_DEFAULT, .unit = "bytes"),
    XML_LIST(Zoo, keepers, nkeepers, "keeper", string, 0),
    XML_EMBED(Zoo, net, &net_schema, 0),
    XML_CHILDREN(Zoo, animals, nanimals, &animal_schema, 0),
    XML_CHILDREN(Zoo, pets, npets, &pet_schema, XF_PTR_ARRAY),
    XML_CHILD(Zoo, mascot, &mascot_schema, 0),
    XML_PRESENCE(Zoo, heated, "heated", 0),
    XML_GROUP(&gate_schema, 0),
    XML_CUSTOM(&motto_custom, 0),
    XML_RAW(Zoo, metadata, "metadata", 0),
    XML_END
};

static void
zoo_post_parse(void *obj)
{
    Zoo *zoo = obj;

    zoo->post_parse_runs++;
    if (zoo->capacity == 0)
        zoo->capacity = 10;
}

static int
zoo_validate(XmlCtx *ctx, const void *obj)
{
    const Zoo *zoo = obj;

    if (zoo->nanimals + zoo->npets > zoo->capacity) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED, "too many animals in '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(zoo, Zoo, "zoo", zoo_fields, .domain = VIR_FROM_CONF,
                  .doc_label = "(zoo_definition)",
                  .post_parse = zoo_post_parse, .validate = zoo_validate);

static const char full_in[] =
    "<zoo capacity='5' open='off' password='s3cret' state='running' persist='p' hex='1F'>\n"
    "  <metadata>\n"
    "      <z:tag xmlns:z='http://example.org/z'>  <z:x a='1'/></z:tag>\n"
    "  </metadata>\n"
    "  <uuid>C2A8A7A6-6B0E-4A51-9F3F-5F0C9B7E1A11</uuid>\n"
    "  <name>City &amp; Zoo</name>\n"
    "  <size unit='KiB'>2</size>\n"
    "  <keeper>ann</keeper><keeper>bob</keeper>\n"
    "  <net address='10.0.0.1' prefix='24'/>\n"
    "  <animal name='tom' kind='cat' lives='9' catname='Tom'/>\n"
    "  <animal name='tweety' kind='bird' flies='yes' legs='0'><song>la</song></animal>\n"
    "  <pet name='rex' legs='4'>good dog</pet>\n"
    "  <mascot name='leo'/>\n"
    "  <heated/>\n"
    "  <motto lang='en'>be kind</motto>\n"
    "  <gate open='yes'/>\n"
    "</zoo>\n";

static const char full_out[] =
    "<zoo state='running' open='off' capacity='5' hex='0x1f'>\n"
    "  <name>City &amp; Zoo</name>\n"
    "  <uuid>c2a8a7a6-6b0e-4a51-9f3f-5f0c9b7e1a11</uuid>\n"
    "  <size unit='bytes'>2048</size>\n"
    "  <keeper>ann</keeper>\n"
    "  <keeper>bob</keeper>\n"
    "  <net address='10.0.0.1' prefix='24'/>\n"
    "  <animal name='tom' kind='cat' catname='Tom' lives='9'/>\n"
    "  <animal name='tweety' kind='bird' flies='yes' legs='0'>\n"
    "    <song>la</song>\n"
    "  </animal>\n"
    "  <pet name='rex' legs='4'>good dog</pet>\n"
    "  <mascot name='leo'/>\n"
    "  <heated/>\n"
    "  <gate open='yes'>\n"
    "  </gate>\n"
    "  <motto lang='en'>be kind</motto>\n"
    "  <metadata>\n"
    "    <z:tag xmlns:z=\"http://example.org/z\">\n"
    "      <z:x a=\"1\"/>\n"
    "    </z:tag>\n"
    "  </metadata>\n"
    "</zoo>\n";

static Zoo *
parse_ok(const char *xml, unsigned int flags)
{
    void *obj = NULL;

    err_reset_last();
    if (xmlmap_parse_string(&zoo_schema, xml, &obj, flags) < 0)
        fail_msg("parse failed: %s", err_last_message());
    return obj;
}

static void
expect_error(const char *xml, unsigned int flags, int code, const char *fragment)
{
    void *obj = NULL;

    err_reset_last();
    assert_int_equal(xmlmap_parse_string(&zoo_schema, xml, &obj, flags), -1);
    assert_null(obj);
    if (err_last_code() != code || !strstr(err_last_message(), fragment))
        fail_msg("got code %d '%s', want %d with '%s'", err_last_code(),
                 err_last_message(), code, fragment);
}

static void
test_full_roundtrip(void **state)
{
    Zoo *zoo = parse_ok(full_in, 0);
    g_autofree char *out = xmlmap_format(&zoo_schema, zoo, 0);
    Zoo *again = parse_ok(out, 0);
    g_autofree char *out2 = xmlmap_format(&zoo_schema, again, 0);

    assert_string_equal(out, full_out);
    assert_string_equal(out2, out);
    assert_int_equal(zoo->post_parse_runs, 1);
    assert_true(zoo->animals[1].legs_set);
    assert_false(zoo->animals[0].legs_set);
    assert_int_equal(zoo->pets[0]->legs, 4);
    xmlmap_free(&zoo_schema, zoo);
    xmlmap_free(&zoo_schema, again);
}

static void
test_format_flags(void **state)
{
    Zoo *zoo = parse_ok(full_in, 0);
    g_autofree char *secure = xmlmap_format(&zoo_schema, zoo, XMLMAP_FORMAT_SECURE);
    g_autofree char *inactive = xmlmap_format(&zoo_schema, zoo, XMLMAP_FORMAT_INACTIVE);
    g_autofree char *migr = xmlmap_format(&zoo_schema, zoo, XMLMAP_FORMAT_MIGRATABLE);

    assert_non_null(strstr(secure, "password='s3cret'"));
    assert_non_null(strstr(secure, "state='running'"));
    assert_null(strstr(secure, "persist="));
    assert_null(strstr(inactive, "password="));
    assert_null(strstr(inactive, "state="));
    assert_non_null(strstr(inactive, "persist='p'"));
    assert_null(strstr(migr, "hex="));
    xmlmap_free(&zoo_schema, zoo);
}

static void
test_parse_inactive(void **state)
{
    Zoo *zoo = parse_ok(full_in, XMLMAP_PARSE_INACTIVE);

    assert_null(zoo->state);
    assert_string_equal(zoo->persist, "p");
    xmlmap_free(&zoo_schema, zoo);
}

static void
test_defaults_and_omission(void **state)
{
    Zoo *zoo = parse_ok("<zoo><name>z</name><net/><gate/></zoo>", 0);
    g_autofree char *out = xmlmap_format(&zoo_schema, zoo, 0);

    /* post_parse filled capacity; the empty <net/> and the tristate vanish;
     * the group keeps its no-self-close layout only when it has content */
    assert_string_equal(out, "<zoo capacity='10'>\n  <name>z</name>\n</zoo>\n");
    xmlmap_free(&zoo_schema, zoo);
}

static void
test_errors(void **state)
{
    expect_error("<zoo/>", 0, VIR_ERR_XML_ERROR,
                 "missing required element 'name' in element '/zoo'");
    expect_error("<zoo><name>z</name><animal kind='cat'/></zoo>", 0, VIR_ERR_XML_ERROR,
                 "missing required attribute 'name' in element '/zoo/animal'");
    expect_error("<zoo><name>z</name><animal name='' /></zoo>", 0, VIR_ERR_XML_ERROR,
                 "invalid value '' for attribute 'name' of element '/zoo/animal'");
    expect_error("<zoo><name>z</name><animal name='a' kind='dog'/></zoo>", 0,
                 VIR_ERR_XML_ERROR,
                 "invalid value 'dog' for attribute 'kind' of element '/zoo/animal': "
                 "expected one of 'cat', 'bird'");
    expect_error("<zoo><name>z</name><animal name='a' kind='none'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "'none' for attribute 'kind'");
    expect_error("<zoo><name>z</name><animal name='a' kind='cat' lives='10'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "'10' for attribute 'lives' of element '/zoo/animal': "
                 "expected an integer in range 1-9");
    expect_error("<zoo><name>z</name><animal name='a' kind='cat'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "missing required attribute 'lives' in element '/zoo/animal'");
    expect_error("<zoo><name>z</name><uuid>nope</uuid></zoo>", 0, VIR_ERR_XML_ERROR,
                 "invalid value 'nope' in element '/zoo/uuid': expected a UUID");
    /* sizes: bad units and overflows are reported as libvirt's unit scaling does */
    expect_error("<zoo><name>z</name><size unit='parsecs'>1</size></zoo>", 0,
                 VIR_ERR_INVALID_ARG, "invalid argument: unknown suffix 'parsecs'");
    expect_error("<zoo><name>z</name><size unit='EiB'>16</size></zoo>", 0,
                 VIR_ERR_OVERFLOW, "value too large: 16EiB");
    expect_error("<zoo><name>z</name><size>-1</size></zoo>", 0, VIR_ERR_XML_ERROR,
                 "invalid value '-1' in element '/zoo/size': expected a non-negative integer");
    expect_error("<zoo><name>z</name><net address='300.1.1.1'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "attribute 'address' of element '/zoo/net'");
    expect_error("<zoo><name>z</name><motto lang='eng'>x</motto></zoo>", 0,
                 VIR_ERR_XML_DETAIL, "bad motto language in '/zoo'");
    expect_error("<zoo><name>z</name>", 0, VIR_ERR_XML_DETAIL, "(zoo_definition):1: ");
    expect_error("", 0, VIR_ERR_XML_DETAIL, "(zoo_definition):1: ");
    expect_error("<park/>", 0, VIR_ERR_XML_ERROR,
                 "expecting root element of 'zoo', not 'park'");
    assert_int_equal(err_get_last()->domain, VIR_FROM_XML);
    expect_error("<zoo><name>z</name><uuid>x</uuid></zoo>", 0, VIR_ERR_XML_ERROR, "uuid");
    assert_int_equal(err_get_last()->domain, VIR_FROM_CONF);
}

/* Syntax errors in libvirt's layout (catchXMLError in virxml.c): label and
 * line, libxml2's message, the source line, a pointer line with a tab
 * where the source has one. The expected texts are what Debian's
 * libvirt.so.0 reports for the same documents. */
static void
expect_syntax(const char *xml, const char *want)
{
    xmlDoc *doc = NULL;

    err_reset_last();
    assert_int_equal(xmlmap_read_doc(xml, "(domain_definition)", VIR_FROM_DOMAIN, &doc), -1);
    assert_null(doc);
    assert_int_equal(err_get_last()->code, VIR_ERR_XML_DETAIL);
    assert_int_equal(err_get_last()->domain, VIR_FROM_DOMAIN);
    assert_string_equal(err_get_last()->message, want);
}

static void
test_syntax_errors(void **state)
{
    xmlDoc *doc = NULL;

    expect_syntax("<domain type='test'>\n  <name>x</name>\n</domin>",
                  "(domain_definition):3: Opening and ending tag mismatch: domain line 1 and "
                  "domin\n</domin>\n--------^");
    expect_syntax("<domain>\n\t<name>x</nam>\n</domain>\n",
                  "(domain_definition):2: Opening and ending tag mismatch: name line 2 and "
                  "nam\n\t<name>x</nam>\n\t-------------^");
    expect_syntax("", "(domain_definition):1: Document is empty\n(null)\n^");
    expect_syntax("   ", "(domain_definition):1: Start tag expected, '<' not found\n   \n---^");
    expect_syntax("<domain", "(domain_definition):1: Couldn't find end of Start Tag domain "
                  "line 1\n<domain\n-------^");
    expect_syntax("<a>&bogus;</a>",
                  "(domain_definition):1: Entity 'bogus' not defined\n<a>&bogus;</a>\n"
                  "----------^");
    expect_syntax("<domain></domain><extra/>",
                  "(domain_definition):1: Extra content at the end of the document\n"
                  "<domain></domain><extra/>\n-----------------^");
    expect_syntax("<domain type='test'><name>x</name>\r\n</domin>",
                  "(domain_definition):2: Opening and ending tag mismatch: domain line 1 and "
                  "domin\n</domin>\n--------^");
    /* a well-formed document parses, errors or not before it */
    err_reset_last();
    assert_int_equal(xmlmap_read_doc("<a/>", "(x)", VIR_FROM_DOMAIN, &doc), 0);
    assert_non_null(doc);
    xmlFreeDoc(doc);
}

static void
test_validate(void **state)
{
    const char *crowded =
        "<zoo capacity='1'><name>z</name><animal name='a'/><pet name='b'/></zoo>";
    Zoo *zoo;

    expect_error(crowded, 0, VIR_ERR_CONFIG_UNSUPPORTED, "too many animals in '/zoo'");
    /* loading from disk must not lose the object to a rule... */
    zoo = parse_ok(crowded, XMLMAP_PARSE_SKIP_VALIDATE);
    assert_int_equal(zoo->npets, 1);
    /* ...and the rule can be checked separately */
    assert_int_equal(xmlmap_validate(&zoo_schema, zoo, 0), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    zoo->capacity = 2;
    assert_int_equal(xmlmap_validate(&zoo_schema, zoo, 0), 0);
    xmlmap_free(&zoo_schema, zoo);
}

static void
test_strict(void **state)
{
    Zoo *zoo;

    expect_error("<zoo color='red'><name>z</name></zoo>", XMLMAP_PARSE_STRICT,
                 VIR_ERR_XML_INVALID_SCHEMA, "unknown attribute 'color' in element '/zoo'");
    expect_error("<zoo><name>z</name><lion/></zoo>", XMLMAP_PARSE_STRICT,
                 VIR_ERR_XML_INVALID_SCHEMA, "unknown element 'lion' in element '/zoo'");
    expect_error("<zoo><name>z</name><animal name='a' kind='bird' lives='3'/></zoo>",
                 XMLMAP_PARSE_STRICT, VIR_ERR_XML_INVALID_SCHEMA,
                 "unknown attribute 'lives' in element '/zoo/animal'");
    expect_error("<zoo><name x='1'>z</name></zoo>", XMLMAP_PARSE_STRICT,
                 VIR_ERR_XML_INVALID_SCHEMA, "unknown attribute 'x' in element '/zoo/name'");
    /* the same documents are fine when not strict; foreign namespaces always are */
    zoo = parse_ok("<zoo color='red'><name>z</name><lion/></zoo>", 0);
    xmlmap_free(&zoo_schema, zoo);
    zoo = parse_ok("<zoo xmlns:f='urn:f' f:x='1'><name>z</name><f:lion/>"
                   "<size unit='KiB'>1</size><motto>m</motto></zoo>", XMLMAP_PARSE_STRICT);
    xmlmap_free(&zoo_schema, zoo);
    zoo = parse_ok(full_in, XMLMAP_PARSE_STRICT);
    xmlmap_free(&zoo_schema, zoo);
}

static void
test_partial_free(void **state)
{
    /* failures deep inside arrays leave partly built objects that must be
     * freed without leaks or crashes (run under valgrind/asan in CI) */
    expect_error("<zoo><name>z</name><keeper>a</keeper><animal name='a'/>"
                 "<animal name='b' kind='cat' lives='0'/><animal name='c'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "lives");
    expect_error("<zoo><name>z</name><pet name='a'/><pet kind='cat'/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "'name'");
    expect_error("<zoo><name>z</name><metadata><a/></metadata><mascot/></zoo>", 0,
                 VIR_ERR_XML_ERROR, "/zoo/mascot");
}

static void
test_copy(void **state)
{
    Zoo *zoo = parse_ok(full_in, 0);
    Zoo *copy = xmlmap_copy(&zoo_schema, zoo);
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    assert_non_null(copy);
    a = xmlmap_format(&zoo_schema, zoo, XMLMAP_FORMAT_SECURE | XMLMAP_FORMAT_INACTIVE);
    b = xmlmap_format(&zoo_schema, copy, XMLMAP_FORMAT_SECURE | XMLMAP_FORMAT_INACTIVE);
    assert_string_equal(a, b);
    assert_string_equal(copy->state, "running");
    assert_ptr_not_equal(copy->pets[0], zoo->pets[0]);
    xmlmap_free(&zoo_schema, zoo);
    xmlmap_free(&zoo_schema, copy);
}

static void
test_built_in_code(void **state)
{
    /* objects built by code format the same way */
    Zoo *zoo = xmlmap_new(&zoo_schema);
    g_autofree char *out = NULL;

    zoo->name = g_strdup("<new>");
    zoo->open = XML_TRISTATE_YES;
    zoo->nkeepers = 1;
    zoo->keepers = g_new0(char *, 1);
    zoo->keepers[0] = g_strdup("k'");
    zoo->animals = g_new0(ZooAnimal, 1);
    zoo->nanimals = 1;
    zoo->animals[0].name = g_strdup("x");
    zoo->animals[0].kind = ZOO_KIND_BIRD;
    zoo->gate_open = true;
    out = xmlmap_format(&zoo_schema, zoo, 0);
    assert_string_equal(out,
                        "<zoo open='on'>\n"
                        "  <name>&lt;new&gt;</name>\n"
                        "  <keeper>k&apos;</keeper>\n"
                        "  <animal name='x' kind='bird' flies='no'/>\n"
                        "  <gate open='yes'>\n"
                        "  </gate>\n"
                        "</zoo>\n");
    xmlmap_free(&zoo_schema, zoo);
    xmlmap_free(&zoo_schema, NULL);
}

static void
test_out_api(void **state)
{
    XmlOut *out = xmlout_new(XMLMAP_FORMAT_SECURE);
    g_autofree char *s = NULL;

    assert_int_equal(xmlout_flags(out), XMLMAP_FORMAT_SECURE);
    xmlout_start(out, "a");
    xmlout_attr_printf(out, "n", "%d", 3);
    xmlout_attr(out, "skip", NULL);
    xmlout_text_element(out, "b", "x&y");
    xmlout_text_element(out, "c", NULL);
    xmlout_start(out, "d");
    xmlout_end(out);
    xmlout_end(out);
    s = xmlout_finish(out);
    assert_string_equal(s, "<a n='3'>\n  <b>x&amp;y</b>\n  <d/>\n</a>\n");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_roundtrip),
        cmocka_unit_test(test_format_flags),
        cmocka_unit_test(test_parse_inactive),
        cmocka_unit_test(test_defaults_and_omission),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_partial_free),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_built_in_code),
        cmocka_unit_test(test_out_api),
    };

    return cmocka_run_group_tests_name("xmlmap", tests, NULL, NULL);
}
