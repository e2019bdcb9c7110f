/*
 * The IPv4 configuration of a card, fixed: QEMU's user networking
 * (slirp) gives its guest 10.0.2.15/24 and routes through 10.0.2.2.
 * Linux takes it from user space (ip addr, ip route) or the kernel's
 * ip= option; Pollux has neither yet.  Linux: net/ipv4/ipconfig.c.
 */
#include <pollux/inet.h>
#include <pollux/netdevice.h>

#define IPV4(a, b, c, d) htonl32((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* The default route's gateway, 0 for none.  Linux: ic_gateway */
__be32 ic_gateway;

/* Linux: net/ipv4/ipconfig.c ip_auto_config() + ic_setup_if() +
 * ic_setup_routes(), with its static ip= values */
void ip_auto_config(struct net_device *dev)
{
	dev->ip_addr = IPV4(10, 0, 2, 15);
	dev->ip_mask = IPV4(255, 255, 255, 0);
	ic_gateway = IPV4(10, 0, 2, 2);
}
