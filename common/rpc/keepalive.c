/* common/rpc/keepalive.c: keepalive state machine. After @interval of
 * silence from the peer a PING is due; every further @interval without
 * traffic spends one of @count pings; when none are left the peer is
 * declared dead. Any received packet refills the budget. */
#include "config.h"

#include "common/rpc/keepalive.h"

/**
 * rpc_keepalive_start() - arm the timer; @interval_s <= 0 disables it
 */
void
rpc_keepalive_start(RpcKeepalive *ka, int interval_s, unsigned int count, int64_t now)
{
    if (interval_s <= 0) {
        rpc_keepalive_stop(ka);
        return;
    }
    ka->active = true;
    ka->interval_us = (int64_t) interval_s * 1000000;
    ka->count = count;
    ka->left = count;
    ka->last_rx = now;
    ka->next = now + ka->interval_us;
}

/**
 * rpc_keepalive_stop() - disarm; tick() then always answers NONE
 */
void
rpc_keepalive_stop(RpcKeepalive *ka)
{
    ka->active = false;
    ka->next = INT64_MAX;
}

/**
 * rpc_keepalive_received() - note that the peer sent something at @now
 */
void
rpc_keepalive_received(RpcKeepalive *ka, int64_t now)
{
    ka->last_rx = now;
    if (!ka->active)
        return;
    ka->left = ka->count;
    ka->next = now + ka->interval_us;
}

/**
 * rpc_keepalive_tick() - decide what to do at @now
 *
 * Return: RPC_KA_NONE before @ka->next, else SEND_PING (and the next
 *         deadline is one interval later) or DEAD when the ping budget is
 *         spent.
 */
RpcKaAction
rpc_keepalive_tick(RpcKeepalive *ka, int64_t now)
{
    if (!ka->active || now < ka->next)
        return RPC_KA_NONE;
    if (ka->left == 0) {
        rpc_keepalive_stop(ka);
        return RPC_KA_DEAD;
    }
    ka->left--;
    ka->next = now + ka->interval_us;
    return RPC_KA_SEND_PING;
}
