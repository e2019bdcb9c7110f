/* The IPv6 wildcard and loopback addresses, as glibc's in6addr_any and
 * in6addr_loopback. */
#include <netinet/in.h>

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;
