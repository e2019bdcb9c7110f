/*
 * Network devices and the path between them and IP.  A device sends
 * with ndo_start_xmit; what it receives goes to netif_rx, which queues
 * the packet and (unless a drain is under way) runs net_rx_action: IP,
 * then TCP/UDP/ICMP.  Pollux has one device today, the loopback, whose
 * transmit is its receive; a network card adds a struct net_device and
 * calls netif_rx from its interrupt's bottom half.
 * Linux: include/linux/netdevice.h, net/core/dev.c.
 */
#ifndef POLLUX_NETDEVICE_H
#define POLLUX_NETDEVICE_H

#include <pollux/sock.h>

struct net_device;

/* Linux: struct net_device_ops */
struct net_device_ops {
	int (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
};

/* Linux: include/linux/netdevice.h struct net_device */
struct net_device {
	const char *name;		/* "lo" */
	unsigned int mtu;		/* 65536 on lo */
	const struct net_device_ops *netdev_ops;
	unsigned long rx_packets, tx_packets;
};

extern struct net_device loopback_dev;

/* Hands a packet (IP header first) to dev.  Linux: dev_queue_xmit() */
int dev_queue_xmit(struct sk_buff *skb, struct net_device *dev);
/* A packet received: queued, and the queue drained here unless a drain
 * further up this path is already doing it.  Linux: netif_rx() + the
 * NET_RX softirq's net_rx_action() */
void netif_rx(struct sk_buff *skb);

#endif
