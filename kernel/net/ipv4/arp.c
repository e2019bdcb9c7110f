/*
 * ARP: the MAC address of an IPv4 neighbour on an Ethernet card.  A
 * packet to a neighbour whose address is not known yet waits in its
 * entry (one packet, the latest: Linux keeps a few, arp_queue) while a
 * request goes out; the reply sends it.  Requests for our address are
 * answered, and whoever asks is remembered.  Entries never expire and
 * an unanswered request is only repeated by the next packet (Linux's
 * neighbour timers retry and age entries).  Linux: net/ipv4/arp.c,
 * net/core/neighbour.c.
 */
#include <pollux/inet.h>
#include <pollux/netdevice.h>
#include <pollux/spinlock.h>
#include <pollux/string.h>
#include <uapi/errno.h>

#define ARPHRD_ETHER	1
#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2
#define NEIGH_MAX	16

/* Linux: include/uapi/linux/if_arp.h struct arphdr, with its Ethernet
 * and IPv4 addresses */
struct arphdr {
	__be16 ar_hrd, ar_pro;
	u8 ar_hln, ar_pln;
	__be16 ar_op;
	u8 ar_sha[ETH_ALEN];
	__be32 ar_sip;
	u8 ar_tha[ETH_ALEN];
	__be32 ar_tip;
} __attribute__((packed));

/* Linux: include/net/neighbour.h struct neighbour */
struct neighbour {
	struct net_device *dev;		/* NULL: a free entry */
	__be32 ip;
	bool valid;			/* ha is known */
	u8 ha[ETH_ALEN];
	struct sk_buff *pending;	/* waits for ha */
};

static struct neighbour arp_tbl[NEIGH_MAX];
static spinlock_t arp_lock;	/* taken by senders and the receive path */
static const u8 eth_broadcast[ETH_ALEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 eth_unknown[ETH_ALEN];	/* a request's target address */

/* Linux: net/ipv4/arp.c arp_init() */
void arp_init(void)
{
	spin_lock_init(&arp_lock);
}

/* ip's entry on dev, made if create (the oldest reused when full).
 * Caller holds arp_lock.  Linux: net/core/neighbour.c __neigh_lookup() */
static struct neighbour *neigh_lookup(struct net_device *dev, __be32 ip,
				      bool create)
{
	static unsigned int next_victim;
	struct neighbour *n;

	for (n = arp_tbl; n < arp_tbl + NEIGH_MAX; n++)
		if (n->dev == dev && n->ip == ip)
			return n;
	if (!create)
		return NULL;
	for (n = arp_tbl; n < arp_tbl + NEIGH_MAX; n++)
		if (!n->dev)
			break;
	if (n == arp_tbl + NEIGH_MAX) {
		n = &arp_tbl[next_victim++ % NEIGH_MAX];
		if (n->pending)
			kfree_skb(n->pending);
	}
	memset(n, 0, sizeof(*n));
	n->dev = dev;
	n->ip = ip;
	return n;
}

/* Sends an ARP packet from our address on dev to tip (tha, or broadcast
 * for a request).  Linux: net/ipv4/arp.c arp_create() + arp_xmit() */
static void arp_send(int op, struct net_device *dev, __be32 tip,
		     const u8 *tha)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + sizeof(struct arphdr));
	struct arphdr *arp;

	if (!skb)
		return;
	skb->network_header = ETH_HLEN;
	arp = (struct arphdr *)(skb->data + ETH_HLEN);
	arp->ar_hrd = htons16(ARPHRD_ETHER);
	arp->ar_pro = htons16(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons16(op);
	memcpy(arp->ar_sha, dev->dev_addr, ETH_ALEN);
	arp->ar_sip = dev->ip_addr;
	memcpy(arp->ar_tha, tha ? tha : eth_unknown, ETH_ALEN);
	arp->ar_tip = tip;
	eth_header(skb, dev, ETH_P_ARP, tha ? tha : eth_broadcast);
	dev_queue_xmit(skb, dev);
}

/* Linux: include/net/neighbour.h neigh_output() +
 * net/core/neighbour.c neigh_resolve_output() */
int neigh_resolve_output(struct sk_buff *skb, struct net_device *dev,
			 __be32 nexthop)
{
	unsigned long flags;
	struct neighbour *n;
	u8 ha[ETH_ALEN];

	spin_lock_irqsave(&arp_lock, flags);
	n = neigh_lookup(dev, nexthop, true);
	if (!n->valid) {
		if (n->pending)
			kfree_skb(n->pending);
		n->pending = skb;
		spin_unlock_irqrestore(&arp_lock, flags);
		arp_send(ARPOP_REQUEST, dev, nexthop, NULL);
		return 0;
	}
	memcpy(ha, n->ha, ETH_ALEN);
	spin_unlock_irqrestore(&arp_lock, flags);
	if (eth_header(skb, dev, ETH_P_IP, ha) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return dev_queue_xmit(skb, dev);
}

/* Learns sip's address from a packet to us, and sends what waited for
 * it.  Linux: net/ipv4/arp.c arp_process()'s neigh_update() */
static void arp_learn(struct net_device *dev, __be32 sip, const u8 *sha)
{
	struct sk_buff *pending;
	unsigned long flags;
	struct neighbour *n;

	spin_lock_irqsave(&arp_lock, flags);
	n = neigh_lookup(dev, sip, true);
	memcpy(n->ha, sha, ETH_ALEN);
	n->valid = true;
	pending = n->pending;
	n->pending = NULL;
	spin_unlock_irqrestore(&arp_lock, flags);
	if (pending)
		neigh_resolve_output(pending, dev, sip);
}

/* Linux: net/ipv4/arp.c arp_rcv() + arp_process() */
void arp_rcv(struct sk_buff *skb)
{
	struct arphdr *arp = (struct arphdr *)(skb->data + skb->network_header);
	struct net_device *dev = skb->dev;

	if (skb->len >= skb->network_header + sizeof(*arp) &&
	    arp->ar_hrd == htons16(ARPHRD_ETHER) &&
	    arp->ar_pro == htons16(ETH_P_IP) && dev->ip_addr &&
	    arp->ar_tip == dev->ip_addr) {
		arp_learn(dev, arp->ar_sip, arp->ar_sha);
		if (arp->ar_op == htons16(ARPOP_REQUEST))
			arp_send(ARPOP_REPLY, dev, arp->ar_sip, arp->ar_sha);
	}
	kfree_skb(skb);
}
