/* tests/unit/rpc/test-rpc-keepalive.c: the keepalive state machine. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "common/rpc/keepalive.h"

#define S 1000000

static void
test_inactive(void **state)
{
    RpcKeepalive ka;

    rpc_keepalive_stop(&ka);
    assert_int_equal(rpc_keepalive_tick(&ka, 100 * S), RPC_KA_NONE);
    rpc_keepalive_start(&ka, 0, 5, 0);      /* interval 0 disables */
    assert_false(ka.active);
    assert_int_equal(rpc_keepalive_tick(&ka, 100 * S), RPC_KA_NONE);
}

static void
test_silent_peer_dies(void **state)
{
    RpcKeepalive ka;

    /* interval 5, count 5: pings at 5,10,15,20,25, dead at 30 */
    rpc_keepalive_start(&ka, 5, 5, 0);
    assert_int_equal(rpc_keepalive_tick(&ka, 4 * S), RPC_KA_NONE);
    for (int i = 1; i <= 5; i++)
        assert_int_equal(rpc_keepalive_tick(&ka, (int64_t) i * 5 * S), RPC_KA_SEND_PING);
    assert_int_equal(rpc_keepalive_tick(&ka, 29 * S), RPC_KA_NONE);
    assert_int_equal(rpc_keepalive_tick(&ka, 30 * S), RPC_KA_DEAD);
    assert_false(ka.active);
    assert_int_equal(rpc_keepalive_tick(&ka, 60 * S), RPC_KA_NONE);
}

static void
test_traffic_resets(void **state)
{
    RpcKeepalive ka;

    rpc_keepalive_start(&ka, 2, 1, 0);
    assert_int_equal(rpc_keepalive_tick(&ka, 2 * S), RPC_KA_SEND_PING);
    rpc_keepalive_received(&ka, 3 * S);     /* the PONG */
    assert_int_equal(rpc_keepalive_tick(&ka, 4 * S), RPC_KA_NONE);
    assert_int_equal(rpc_keepalive_tick(&ka, 5 * S), RPC_KA_SEND_PING);
    assert_int_equal(rpc_keepalive_tick(&ka, 7 * S), RPC_KA_DEAD);
}

static void
test_count_zero(void **state)
{
    RpcKeepalive ka;

    rpc_keepalive_start(&ka, 1, 0, 0);
    assert_int_equal(rpc_keepalive_tick(&ka, 1 * S), RPC_KA_DEAD);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inactive),
        cmocka_unit_test(test_silent_peer_dies),
        cmocka_unit_test(test_traffic_resets),
        cmocka_unit_test(test_count_zero),
    };

    return cmocka_run_group_tests_name("rpc-keepalive", tests, NULL, NULL);
}
