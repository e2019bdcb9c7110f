/*
 * IP: the header in front of a TCP, UDP or ICMP packet on the way out,
 * and the protocol it goes to on the way in.  Routes (ip_route_output):
 * local addresses (127.0.0.0/8, ::1, a card's own) by lo; IPv4 to a
 * card's subnet by that card, directly; any other IPv4 address by the
 * card of the default gateway (ipconfig.c), through it; IPv6 only on lo.
 * IPv4 headers for IPv4 ends, IPv6 headers otherwise.  No fragments (a
 * card's TCP uses its MSS; a UDP datagram above its MTU is dropped), no
 * options.  Checksums are computed for a card, not for lo (Linux skips
 * them there too), and not verified on the way in (QEMU's slirp sends
 * correct ones).  Linux: net/ipv4/route.c, ip_output.c ip_queue_xmit(),
 * ip_input.c ip_rcv(), net/ipv6/ip6_output.c, ip6_input.c.
 */
#include <pollux/checksum.h>
#include <pollux/inet.h>
#include <pollux/netdevice.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* The device a packet to daddr leaves by, and in *nexthop (if not NULL)
 * the IPv4 neighbour it goes to.  Linux: ip_route_output_key() */
static struct net_device *ip_route_output(const struct in6_addr *daddr,
					  __be32 *nexthop)
{
	__be32 dst = daddr->s6_addr32[3];
	struct net_device *dev;

	if (inet_addr_local(daddr))
		return &loopback_dev;
	if (!ipv6_addr_v4mapped(daddr))
		return NULL;
	for (dev = dev_base; dev; dev = dev->next)
		if (dev->ip_addr && !((dst ^ dev->ip_addr) & dev->ip_mask))
			break;
	if (nexthop)
		*nexthop = dev ? dst : ic_gateway;
	if (dev || !ic_gateway)
		return dev;
	for (dev = dev_base; dev; dev = dev->next)
		if (dev->ip_addr && !((ic_gateway ^ dev->ip_addr) & dev->ip_mask))
			return dev;
	return NULL;
}

/* Whether daddr has a route, and the source address to use for it in
 * *saddr: the loopback address for a local one, else the card's.
 * Linux: ip_route_connect()'s inet_select_addr() */
bool inet_select_addr(const struct in6_addr *daddr, struct in6_addr *saddr)
{
	struct net_device *dev = ip_route_output(daddr, NULL);

	if (!dev)
		return false;
	*saddr = *daddr;
	if (ipv6_addr_v4mapped(daddr))
		saddr->s6_addr32[3] = dev == &loopback_dev ?
				      htonl32(0x7f000001) : dev->ip_addr;
	return true;
}

/* The MSS to offer on the way to daddr: its device's MTU less the IP
 * and TCP headers (65495 on lo over IPv4, 65476 over IPv6, 1460 on a
 * card, as Linux).  Linux: tcp_mss_to_mtu() and friends, from the
 * route's dst_mtu() */
u16 tcp_route_mss(const struct in6_addr *daddr)
{
	struct net_device *dev = ip_route_output(daddr, NULL);
	unsigned int mtu = dev ? MIN(dev->mtu, 65535u) : 576;

	return mtu - sizeof(struct tcphdr) - (ipv6_addr_v4mapped(daddr) ?
		sizeof(struct iphdr) : sizeof(struct ipv6hdr));
}

/* The TCP or UDP checksum, over the IPv4 pseudo-header and the segment.
 * Linux: tcp_v4_send_check() / udp4_hwcsum() + skb_checksum_help() */
static void ip_transport_csum(struct sk_buff *skb, const struct iphdr *iph)
{
	unsigned int len = skb->len - skb->transport_header;
	u8 *th = (u8 *)skb->data + skb->transport_header;
	u16 *check = (u16 *)(th + (iph->protocol == IPPROTO_TCP ?
				   offsetof(struct tcphdr, check) :
				   offsetof(struct udphdr, check)));
	u32 sum = csum_partial(&iph->saddr, 8, iph->protocol + len);
	u16 csum;

	*check = 0;
	csum = csum_fold(csum_partial(th, len, sum));
	if (!csum && iph->protocol == IPPROTO_UDP)
		csum = 0xffff;	/* 0 would mean "no checksum" */
	*check = htons16(csum);
}

/* Writes the IPv4 header, payload bytes behind it.
 * Linux: net/ipv4/ip_output.c __ip_queue_xmit() + ip_send_check() */
static void ip_build_header(struct sk_buff *skb, int protocol,
			    __be32 saddr, __be32 daddr, unsigned int payload)
{
	struct iphdr *iph;

	skb->network_header = skb->transport_header - sizeof(*iph);
	iph = (struct iphdr *)(skb->data + skb->network_header);
	memset(iph, 0, sizeof(*iph));
	iph->ihl_version = 4 << 4 | 5;
	iph->tot_len = htons16(sizeof(*iph) + payload);
	iph->frag_off = htons16(0x4000);	/* DF, as Linux on TCP */
	iph->ttl = 64;
	iph->protocol = protocol;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = htons16(csum_fold(csum_partial(iph, sizeof(*iph), 0)));
}

/* Linux: net/ipv6/ip6_output.c ip6_xmit()'s header */
static void ip6_build_header(struct sk_buff *skb, int protocol,
			     const struct in6_addr *saddr,
			     const struct in6_addr *daddr, unsigned int payload)
{
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

/* skb's transport header is written; the IP header goes before it, the
 * link-layer header (on a card) before that.  Linux: net/ipv4/
 * ip_output.c ip_queue_xmit() + ip_finish_output2(), ip6_xmit() */
int ip_queue_xmit(struct sk_buff *skb, int protocol,
		  const struct in6_addr *saddr, const struct in6_addr *daddr)
{
	unsigned int payload = skb->len - skb->transport_header;
	__be32 nexthop = 0;
	struct net_device *dev = ip_route_output(daddr, &nexthop);

	if (!dev || (!(dev->flags & IFF_LOOPBACK) &&
		     payload + sizeof(struct iphdr) > dev->mtu)) {
		kfree_skb(skb);
		return dev ? -EMSGSIZE : -ENETUNREACH;
	}
	if (!ipv6_addr_v4mapped(daddr)) {
		ip6_build_header(skb, protocol, saddr, daddr, payload);
		return dev_queue_xmit(skb, dev);
	}
	ip_build_header(skb, protocol, saddr->s6_addr32[3],
			daddr->s6_addr32[3], payload);
	if (dev->flags & IFF_NOARP)
		return dev_queue_xmit(skb, dev);
	if (protocol == IPPROTO_TCP || protocol == IPPROTO_UDP)
		ip_transport_csum(skb, (struct iphdr *)(skb->data +
							skb->network_header));
	return neigh_resolve_output(skb, dev, nexthop);
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
		/* a card pads a short frame: the IP length says where the
		 * packet ends.  Linux: ip_rcv_core()'s pskb_trim_rcsum() */
		if (ntohs16(iph->tot_len) < sizeof(*iph) ||
		    skb->network_header + ntohs16(iph->tot_len) > skb->len)
			return -1;
		skb->len = skb->network_header + ntohs16(iph->tot_len);
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
