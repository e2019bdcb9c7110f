/*
 * IP: the header in front of a TCP or UDP packet on the way out, and the
 * protocol it goes to on the way in.  One route: every local address is
 * on the loopback (127.0.0.0/8 and ::1), so every packet goes to lo.
 * IPv4 headers for IPv4 ends, IPv6 headers otherwise.  No fragments
 * (lo's MTU holds the largest datagram), no options, no checksums (lo
 * needs none; a card will).  Linux: net/ipv4/ip_output.c ip_queue_xmit(),
 * net/ipv4/ip_input.c ip_rcv(), net/ipv6/ip6_output.c, ip6_input.c.
 */
#include <pollux/inet.h>
#include <pollux/netdevice.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* The device a packet to daddr leaves by.  Linux: ip_route_output() */
static struct net_device *ip_route_output(const struct in6_addr *daddr)
{
	return inet_addr_local(daddr) ? &loopback_dev : NULL;
}

/* The MSS to offer on the way to daddr: its device's MTU less the IP
 * and TCP headers (65495 on lo over IPv4, 65476 over IPv6, as Linux).
 * Linux: tcp_mss_to_mtu() and friends, from the route's dst_mtu() */
u16 tcp_route_mss(const struct in6_addr *daddr)
{
	struct net_device *dev = ip_route_output(daddr);
	unsigned int mtu = dev ? MIN(dev->mtu, 65535u) : 576;

	return mtu - sizeof(struct tcphdr) - (ipv6_addr_v4mapped(daddr) ?
		sizeof(struct iphdr) : sizeof(struct ipv6hdr));
}

/* skb's transport header is written; the IP header goes before it.
 * Linux: net/ipv4/ip_output.c ip_queue_xmit() / ip6_xmit() */
int ip_queue_xmit(struct sk_buff *skb, int protocol,
		  const struct in6_addr *saddr, const struct in6_addr *daddr)
{
	unsigned int payload = skb->len - skb->transport_header;
	struct net_device *dev = ip_route_output(daddr);

	if (!dev) {
		kfree_skb(skb);
		return -ENETUNREACH;
	}
	if (ipv6_addr_v4mapped(daddr)) {
		struct iphdr *iph;

		skb->network_header = skb->transport_header - sizeof(*iph);
		iph = (struct iphdr *)(skb->data + skb->network_header);
		memset(iph, 0, sizeof(*iph));
		iph->ihl_version = 4 << 4 | 5;
		iph->tot_len = htons16(sizeof(*iph) + payload);
		iph->frag_off = htons16(0x4000);	/* DF, as Linux on TCP */
		iph->ttl = 64;
		iph->protocol = protocol;
		iph->saddr = saddr->s6_addr32[3];
		iph->daddr = daddr->s6_addr32[3];
	} else {
		struct ipv6hdr *ip6h;

		skb->network_header = skb->transport_header - sizeof(*ip6h);
		ip6h = (struct ipv6hdr *)(skb->data + skb->network_header);
		ip6h->vtc_flow = htonl32(6u << 28);
		ip6h->payload_len = htons16(payload);
		ip6h->nexthdr = protocol;
		ip6h->hop_limit = 64;
		ip6h->saddr = *saddr;
		ip6h->daddr = *daddr;
	}
	return dev_queue_xmit(skb, dev);
}

/* Reads the IP header into IPCB: 0, or -1 for a packet to drop */
static int ip_parse(struct sk_buff *skb)
{
	struct inet_skb_parm *cb = IPCB(skb);
	u8 *p = (u8 *)skb->data + skb->network_header;

	memset(cb, 0, sizeof(*cb));
	if ((p[0] >> 4) == 4) {
		struct iphdr *iph = (struct iphdr *)p;

		cb->v4 = true;
		cb->saddr.s6_addr16[5] = cb->daddr.s6_addr16[5] = 0xffff;
		cb->saddr.s6_addr32[3] = iph->saddr;
		cb->daddr.s6_addr32[3] = iph->daddr;
		cb->protocol = iph->protocol;
		skb->transport_header = skb->network_header + sizeof(*iph);
	} else if ((p[0] >> 4) == 6) {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p;

		cb->saddr = ip6h->saddr;
		cb->daddr = ip6h->daddr;
		cb->protocol = ip6h->nexthdr;
		skb->transport_header = skb->network_header + sizeof(*ip6h);
	} else {
		return -1;
	}
	return inet_addr_local(&cb->daddr) ? 0 : -1;
}

/* A packet for us: to its protocol.  Linux: net/ipv4/ip_input.c ip_rcv()
 * + ip_local_deliver_finish(), net/ipv6/ip6_input.c */
void ip_rcv(struct sk_buff *skb)
{
	if (ip_parse(skb) < 0) {
		kfree_skb(skb);
		return;
	}
	switch (IPCB(skb)->protocol) {
	case IPPROTO_TCP:
		tcp_v4_rcv(skb);
		return;
	case IPPROTO_UDP:
		udp_rcv(skb);
		return;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		icmp_rcv(skb);
		return;
	}
	kfree_skb(skb);	/* Linux answers ICMP protocol unreachable */
}
