/*
 * Network devices and the path between them and IP.  A device sends
 * with ndo_start_xmit; what it receives goes to netif_rx, which queues
 * the packet and (unless a drain is under way) runs net_rx_action: IP
 * (then TCP/UDP/ICMP) or ARP, by the frame's EtherType.  Two devices:
 * the loopback, whose transmit is its receive, and eth0, a virtio-net
 * card (drivers/net/virtio_net.c) when QEMU has one, which calls
 * netif_rx from its interrupt handler.  Ethernet and ARP: eth.c, arp.c.
 * Linux: include/linux/netdevice.h, etherdevice.h, net/core/dev.c.
 */
#ifndef POLLUX_NETDEVICE_H
#define POLLUX_NETDEVICE_H

#include <pollux/sock.h>
#include <uapi/in.h>

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_ZLEN	60	/* the shortest frame, without its CRC */
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806

/* Linux: include/uapi/linux/if_ether.h struct ethhdr */
struct ethhdr {
	u8 h_dest[ETH_ALEN], h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

struct net_device;

/* Linux: struct net_device_ops */
struct net_device_ops {
	int (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
};

/* Linux: include/linux/netdevice.h struct net_device */
struct net_device {
	const char *name;		/* "lo", "eth0" */
	unsigned int mtu;		/* 65536 on lo, 1500 on eth0 */
	unsigned int flags;		/* IFF_* */
	const struct net_device_ops *netdev_ops;
	unsigned long rx_packets, tx_packets;
	u8 dev_addr[ETH_ALEN];		/* its MAC address */
	/* its IPv4 address and netmask, 0 for none (Linux: the in_device's
	 * ifa_list, one address here); set by ip_auto_config */
	__be32 ip_addr, ip_mask;
	struct net_device *next;	/* in dev_base */
	void *priv;			/* the driver's.  Linux: netdev_priv() */
};

#define IFF_LOOPBACK	0x8
#define IFF_NOARP	0x80	/* no link-layer header, no ARP */

extern struct net_device loopback_dev;
/* The registered devices, lo first.  Linux: dev_base_head */
extern struct net_device *dev_base;
/* Linux: net/core/dev.c register_netdev() */
void register_netdev(struct net_device *dev);

/* Hands a packet (IP header first) to dev.  Linux: dev_queue_xmit() */
int dev_queue_xmit(struct sk_buff *skb, struct net_device *dev);
/* A packet received: queued, and the queue drained here unless a drain
 * further up this path is already doing it.  Linux: netif_rx() + the
 * NET_RX softirq's net_rx_action() */
void netif_rx(struct sk_buff *skb);
/* Packets only queue between these (dev.c).  Linux: local_bh_disable(),
 * local_bh_enable() */
bool net_rx_defer(void);
void net_rx_resume(bool took);

/* Ethernet (net/ethernet/eth.c).  eth_header writes the header in front
 * of the network header (-1 if there is no room); eth_type_trans reads a
 * received frame's and points the network header behind it. */
int eth_header(struct sk_buff *skb, struct net_device *dev, u16 type,
	       const u8 *daddr);
void eth_type_trans(struct sk_buff *skb, struct net_device *dev);

/* ARP (net/ipv4/arp.c): sends skb to nexthop on dev once its MAC address
 * is known (asking for it first); a received ARP packet. */
int neigh_resolve_output(struct sk_buff *skb, struct net_device *dev,
			 __be32 nexthop);
void arp_rcv(struct sk_buff *skb);
void arp_init(void);

/* The static IPv4 configuration of a card (net/ipv4/ipconfig.c):
 * QEMU's user networking, 10.0.2.15/24 by 10.0.2.2 */
void ip_auto_config(struct net_device *dev);
extern __be32 ic_gateway;

#endif
