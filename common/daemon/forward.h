/* common/daemon/forward.h: relaying procedures of another driver class to
 * the daemon that owns them (DESIGN.md §3 "Forwarding in the daemons").
 *
 * Design: per client and per owning class, one upstream RpcClient to
 * "<owner>-sock" (or "-sock-ro" for read-only clients), opened lazily on
 * the first call of that class: AUTH_LIST, CONNECT_OPEN("<scheme>:///system"
 * or ///session, RO flag as the client's), then CONNECT_SET_IDENTITY with
 * the client's uid/gid/pid. Each forwarded CALL frame is relayed as is
 * (rpc_client_call_message() swaps the serial and the reply gets the
 * client's serial back; no decode/re-encode); replies and ERROR replies
 * go back verbatim. Upstream MESSAGE frames (events) are relayed with
 * their callbackID unchanged: the event registration call itself is
 * forwarded, so the upstream daemon allocates the id the client sees.
 * Upstream close → the client gets ERROR replies for later calls of that
 * class; client close → every upstream connection of the client closes.
 *
 * Declared in common/daemon/server.h: daemon_forward_call(). */
#pragma once
