/*
 * The loopback device, lo: what it transmits it receives.  Linux:
 * drivers/net/loopback.c — no statistics per CPU, no checksums (Linux
 * skips them on lo too: CHECKSUM_PARTIAL), MTU 65536 as Linux's.
 */
#include <pollux/netdevice.h>

/* Linux: drivers/net/loopback.c loopback_xmit() */
static int loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	skb_orphan(skb);
	skb->dev = dev;
	skb->protocol = ETH_P_IP;	/* IPv4 or IPv6: ip_rcv reads which */	/* the sender's buffer is free once sent */
	dev->rx_packets++;
	netif_rx(skb);
	return 0;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

struct net_device loopback_dev = {
	.name = "lo",
	.mtu = 65536,
	.flags = IFF_LOOPBACK | IFF_NOARP,
	.netdev_ops = &loopback_ops,
};
