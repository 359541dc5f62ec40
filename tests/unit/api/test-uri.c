/* tests/unit/api/test-uri.c: connection URI parsing and formatting, the
 * name sent to daemons, libvirt.conf (uri_default, uri_aliases,
 * remote_mode) and the default-URI rules. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "api/uri.h"
#include "common/util/err.h"

typedef struct {
    const char *in;
    const char *scheme;
    const char *user;
    const char *server;
    int port;
    const char *path;
    const char *params;      /* "name=value|name=value" after decoding */
    const char *fragment;
} UriCase;

static const UriCase uri_cases[] = {
    { "qemu:///system", "qemu", NULL, NULL, 0, "/system", "", NULL },
    { "qemu:///session", "qemu", NULL, NULL, 0, "/session", "", NULL },
    { "secret+unix:///system", "secret+unix", NULL, NULL, 0, "/system", "", NULL },
    { "qemu:///system?socket=/run/x/virtqemud-sock", "qemu", NULL, NULL, 0, "/system",
      "socket=/run/x/virtqemud-sock", NULL },
    { "qemu:///system?mode=legacy&socket=/a%20b&x", "qemu", NULL, NULL, 0, "/system",
      "mode=legacy|socket=/a b|x=", NULL },
    { "qemu:///system?a=1;b=2+3", "qemu", NULL, NULL, 0, "/system", "a=1|b=2 3", NULL },
    { "qemu+ssh://root@host.example:2222/system", "qemu+ssh", "root", "host.example", 2222,
      "/system", "", NULL },
    { "test://[::1]:22/default", "test", NULL, "::1", 22, "/default", "", NULL },
    { "test:///default#frag", "test", NULL, NULL, 0, "/default", "", "frag" },
    { "remote:///", "remote", NULL, NULL, 0, "/", "", NULL },
    { "foo", NULL, NULL, NULL, 0, "foo", "", NULL },
    { "xen:", "xen", NULL, NULL, 0, "", "", NULL },
};

static char *
join_params(const ApiUri *uri)
{
    GString *s = g_string_new("");

    for (size_t i = 0; i < uri->nparams; i++)
        g_string_append_printf(s, "%s%s=%s", i ? "|" : "", uri->params[i].name,
                               uri->params[i].value);
    return g_string_free(s, FALSE);
}

static void
assert_str_or_null(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static void
test_parse_table(void **state)
{
    for (size_t i = 0; i < G_N_ELEMENTS(uri_cases); i++) {
        const UriCase *c = &uri_cases[i];
        g_autoptr(ApiUri) uri = api_uri_parse(c->in);
        g_autofree char *params = NULL;
        g_autofree char *again = NULL;

        if (!uri)
            fail_msg("cannot parse '%s': %s", c->in, err_last_message());
        assert_str_or_null(uri->scheme, c->scheme);
        assert_str_or_null(uri->user, c->user);
        assert_str_or_null(uri->server, c->server);
        assert_int_equal(uri->port, c->port);
        assert_string_equal(uri->path, c->path);
        params = join_params(uri);
        assert_string_equal(params, c->params);
        assert_str_or_null(uri->fragment, c->fragment);
        /* formatting gives back what was written */
        again = api_uri_format(uri);
        assert_string_equal(again, c->in);
    }
}

static void
test_parse_errors(void **state)
{
    static const char *const bad[] = {
        "qemu:///sys tem", "qemu:///system?a=%zz", "qemu:///system?a=%4", "qemu://h:port/x",
        "test://[::1/x", "qemu:///\x01", "qemu:///<x>",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        err_reset_last();
        if (api_uri_parse(bad[i]))
            fail_msg("'%s' parsed", bad[i]);
        assert_int_equal(err_last_code(), VIR_ERR_INTERNAL_ERROR);
        assert_int_equal(err_get_last()->domain, VIR_FROM_URI);
        assert_true(g_str_has_prefix(err_last_message(), "internal error: Unable to parse URI "));
    }
}

static void
test_daemon_name(void **state)
{
    static const struct {
        const char *in;
        const char *scheme;
        const char *want;
    } cases[] = {
        { "qemu:///system", "qemu", "qemu:///system" },
        { "qemu+unix:///system?socket=/x&mode=direct", "qemu", "qemu:///system" },
        { "qemu:///system?foo=bar&socket=/x&NAME=n&x=a%2Fb", "qemu", "qemu:///system?foo=bar&x=a%2Fb" },
        { "secret:///session?no_tty=1&auth=x#f", "secret", "secret:///session#f" },
    };
    static const char *const client_params[] = { "socket", "mode", "name", "no_tty", "auth" };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(ApiUri) uri = api_uri_parse(cases[i].in);
        g_autofree char *name = NULL;

        assert_non_null(uri);
        for (size_t p = 0; p < uri->nparams; p++) {
            for (size_t j = 0; j < G_N_ELEMENTS(client_params); j++) {
                if (g_ascii_strcasecmp(uri->params[p].name, client_params[j]) == 0)
                    uri->params[p].ignore = true;
            }
        }
        name = api_uri_format_for_daemon(uri, cases[i].scheme);
        assert_string_equal(name, cases[i].want);
    }
}

static void
test_params_and_scheme(void **state)
{
    g_autoptr(ApiUri) uri = api_uri_parse("qemu+UNIX:///system?Socket=/a&socket=/b&mode=direct");
    g_autoptr(ApiUri) copy = NULL;
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;
    g_autofree char *q = NULL;

    assert_non_null(uri);
    assert_string_equal(api_uri_get_param(uri, "SOCKET"), "/b");     /* last wins */
    assert_string_equal(api_uri_get_param(uri, "mode"), "direct");
    assert_null(api_uri_get_param(uri, "nope"));
    api_uri_split_scheme(uri->scheme, &driver, &transport);
    assert_string_equal(driver, "qemu");
    assert_string_equal(transport, "unix");
    g_clear_pointer(&driver, g_free);
    g_clear_pointer(&transport, g_free);
    api_uri_split_scheme("secret", &driver, &transport);
    assert_string_equal(driver, "secret");
    assert_null(transport);

    uri->params[2].ignore = true;
    q = api_uri_format_params(uri);
    assert_string_equal(q, "Socket=%2Fa&socket=%2Fb");
    copy = api_uri_copy(uri);
    assert_true(copy->params[2].ignore);
    assert_string_equal(copy->path, "/system");
}

static void
test_conf_parse(void **state)
{
    ApiClientConf conf = { 0 };
    const char *text =
        "# client configuration\n"
        "uri_default = \"qemu:///system\"\n"
        "remote_mode='direct' ; \n"
        "uri_aliases = [\n"
        "  \"hail=qemu+ssh://root@hail.example.com/system\",   # comment\n"
        "  'sleet=qemu+ssh://root@sleet.example.com/system',\n"
        "]\n"
        "other_key = 42\n";

    assert_int_equal(api_client_conf_parse(text, "libvirt.conf", &conf), 0);
    assert_string_equal(conf.uri_default, "qemu:///system");
    assert_string_equal(conf.remote_mode, "direct");
    assert_non_null(conf.uri_aliases);
    assert_string_equal(conf.uri_aliases[0], "hail=qemu+ssh://root@hail.example.com/system");
    assert_string_equal(conf.uri_aliases[1], "sleet=qemu+ssh://root@sleet.example.com/system");
    assert_null(conf.uri_aliases[2]);
    api_client_conf_clear(&conf);
}

static void
test_conf_errors(void **state)
{
    static const char *const bad[] = {
        "uri_default = \"unterminated\n",
        "uri_default \"x\"\n",
        "uri_default = [ \"a\" \"b\" ]\n",
        "uri_default = [ \"a\" ]\n",
        "= 1\n",
        "uri_default = \"a\" junk\n",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ApiClientConf conf = { 0 };

        err_reset_last();
        if (api_client_conf_parse(bad[i], "/etc/libvirt/libvirt.conf", &conf) == 0)
            fail_msg("accepted: %s", bad[i]);
        assert_int_equal(err_last_code(), VIR_ERR_CONF_SYNTAX);
        assert_non_null(strstr(err_last_message(), "/etc/libvirt/libvirt.conf"));
        api_client_conf_clear(&conf);
    }
}

static void
test_conf_file(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("mvapi-conf-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "libvirt.conf", NULL);
    g_autofree char *missing = g_build_filename(dir, "none.conf", NULL);
    ApiClientConf conf = { 0 };

    assert_true(g_file_set_contents(path, "uri_default = \"lxc:///system\"\n", -1, NULL));
    assert_int_equal(api_client_conf_load_file(missing, &conf), 0);
    assert_null(conf.uri_default);
    assert_int_equal(api_client_conf_load_file(path, &conf), 0);
    assert_string_equal(conf.uri_default, "lxc:///system");
    api_client_conf_clear(&conf);
    g_unlink(path);
    g_rmdir(dir);
}

static void
test_default_uri(void **state)
{
    ApiClientConf conf = { .uri_default = (char *) "lxc:///system" };
    char *uri = NULL;

    g_setenv("LIBVIRT_DEFAULT_URI", "qemu:///session", TRUE);
    api_uri_default(&conf, &uri);
    assert_string_equal(uri, "qemu:///session");
    g_free(uri);
    g_setenv("LIBVIRT_DEFAULT_URI", "", TRUE);
    api_uri_default(&conf, &uri);
    assert_string_equal(uri, "lxc:///system");
    g_free(uri);
    g_unsetenv("LIBVIRT_DEFAULT_URI");
    conf.uri_default = NULL;
    api_uri_default(&conf, &uri);
    assert_null(uri);
}

static void
test_aliases(void **state)
{
    char *good[] = { (char *) "hail=qemu+ssh://root@hail/system", (char *) "my_box-2=test:///default", NULL };
    char *broken[] = { (char *) "noequals", NULL };
    char *badname[] = { (char *) "bad.name=qemu:///system", NULL };
    ApiClientConf conf = { .uri_aliases = good };
    char *ret = NULL;

    assert_int_equal(api_uri_resolve_alias(&conf, "hail", &ret), 0);
    assert_string_equal(ret, "qemu+ssh://root@hail/system");
    g_free(ret);
    assert_int_equal(api_uri_resolve_alias(&conf, "my_box-2", &ret), 0);
    assert_string_equal(ret, "test:///default");
    g_free(ret);
    assert_int_equal(api_uri_resolve_alias(&conf, "hai", &ret), 0);
    assert_null(ret);
    assert_int_equal(api_uri_resolve_alias(&conf, "qemu:///system", &ret), 0);
    assert_null(ret);

    conf.uri_aliases = broken;
    assert_int_equal(api_uri_resolve_alias(&conf, "x", &ret), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONF_SYNTAX);
    conf.uri_aliases = badname;
    assert_int_equal(api_uri_resolve_alias(&conf, "x", &ret), -1);
    assert_non_null(strstr(err_last_message(), "aliases may only contain"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_daemon_name),
        cmocka_unit_test(test_params_and_scheme),
        cmocka_unit_test(test_conf_parse),
        cmocka_unit_test(test_conf_errors),
        cmocka_unit_test(test_conf_file),
        cmocka_unit_test(test_default_uri),
        cmocka_unit_test(test_aliases),
    };

    return cmocka_run_group_tests_name("api-uri", tests, NULL, NULL);
}
