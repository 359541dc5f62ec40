/* api/stub-shim.h: force-included (-include) when compiling the generated
 * weak "not supported" stubs. Their reporting call is renamed so that, like
 * every other failing entry point, they dispatch the error (handler or
 * default printing) after recording it. See api_stub_report_full(). */
#pragma once

#define err_report_full api_stub_report_full
