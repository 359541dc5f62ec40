/* daemons/virtsecretd/main.c: the secret driver daemon. Everything but the
 * driver (options, sockets, main loop, events) is the shared runtime. */
#include "config.h"

#include "common/daemon/daemon.h"
#include "daemons/virtsecretd/driver.h"

int
main(int argc, char **argv)
{
    return daemon_run(argc, argv, &secretd_driver);
}
