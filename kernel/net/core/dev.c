/*
 * Between devices and IP: dev_queue_xmit hands a packet to its device;
 * netif_rx takes one a device received.  Linux queues received packets
 * per CPU and drains them in the NET_RX softirq; Pollux has no softirqs,
 * so netif_rx drains the queue itself, in the caller's context, unless
 * a drain is already running further up the stack (a TCP segment that
 * arrives may send an ACK, which comes back through netif_rx: it is
 * queued, not processed inside its parent).  The receive path takes only
 * spinlocks and never sleeps, as Linux's softirq.
 * Linux: net/core/dev.c.
 */
#include <pollux/inet.h>
#include <pollux/netdevice.h>

/* Linux: struct softnet_data's input_pkt_queue (one for all CPUs here);
 * rx_lock guards it and rx_running.  Taken inside a sock's bh_lock_sock
 * (a segment's answer is queued here), never the other way. */
static LIST_HEAD(rx_queue);
static spinlock_t rx_lock;
static bool rx_running;

struct net_device *dev_base = &loopback_dev;

/* Adds dev behind the others.  Linux: net/core/dev.c register_netdev() */
void register_netdev(struct net_device *dev)
{
	struct net_device **p = &dev_base;

	while (*p)
		p = &(*p)->next;
	*p = dev;
}

/* Linux: net/core/dev.c net_dev_init() */
void net_dev_init(void)
{
	spin_lock_init(&rx_lock);
	arp_init();
}

/* Linux: net/core/dev.c dev_queue_xmit() — no queueing discipline */
int dev_queue_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->tx_packets++;
	return dev->netdev_ops->ndo_start_xmit(skb, dev);
}

/* Processes queued packets until none is left.
 * Linux: net/core/dev.c net_rx_action() + process_backlog() */
static void net_rx_action(void)
{
	unsigned long flags;
	struct sk_buff *skb;

	spin_lock_irqsave(&rx_lock, flags);
	while ((skb = skb_peek(&rx_queue))) {
		list_del(&skb->list);
		spin_unlock_irqrestore(&rx_lock, flags);
		/* Linux: __netif_receive_skb(), by protocol */
		if (skb->protocol == ETH_P_ARP)
			arp_rcv(skb);
		else if (skb->protocol == ETH_P_IP)
			ip_rcv(skb);
		else
			kfree_skb(skb);
		spin_lock_irqsave(&rx_lock, flags);
	}
	rx_running = false;
	spin_unlock_irqrestore(&rx_lock, flags);
}

/* Holds the drain off: what netif_rx takes meanwhile only queues.  For
 * a sender holding a sock's bh_lock_sock outside the receive path (a
 * TCP timer): draining there would take the peer's bh_lock_sock inside
 * it.  True if the caller took the drain and must net_rx_resume().
 * Linux: local_bh_disable() (the packet waits for the NET_RX softirq) */
bool net_rx_defer(void)
{
	unsigned long flags;
	bool took;

	spin_lock_irqsave(&rx_lock, flags);
	took = !rx_running;
	rx_running = true;
	spin_unlock_irqrestore(&rx_lock, flags);
	return took;
}

/* Runs what queued since net_rx_defer.  Linux: local_bh_enable() */
void net_rx_resume(bool took)
{
	if (took)
		net_rx_action();
}

/* Linux: net/core/dev.c netif_rx() + enqueue_to_backlog() */
void netif_rx(struct sk_buff *skb)
{
	unsigned long flags;
	bool run;

	spin_lock_irqsave(&rx_lock, flags);
	list_add_tail(&skb->list, &rx_queue);
	run = !rx_running;
	rx_running = true;
	spin_unlock_irqrestore(&rx_lock, flags);
	if (run)
		net_rx_action();
}
