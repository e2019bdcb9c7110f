/*
 * ICMP "port unreachable": UDP's answer to a datagram for a port nobody
 * has, carrying the offending IP header and the start of its payload
 * back to the sender, whose connected socket then fails with
 * ECONNREFUSED (udp_err).  And the echo reply to an IPv4 echo request
 * (ping).  ICMPv6 type 1 code 4 for IPv6 (on lo, no checksum: ICMPv6's
 * covers a pseudo-header, and lo checks none).
 * Linux: net/ipv4/icmp.c icmp_send(), icmp_rcv(); net/ipv6/icmp.c.
 */
#include <pollux/checksum.h>
#include <pollux/inet.h>
#include <pollux/string.h>

/* An ICMP message of len bytes at transport_header, its checksum
 * written (IPv4), sent to daddr.  Linux: net/ipv4/icmp.c
 * icmp_push_reply() */
static void icmp_push_reply(struct sk_buff *skb, bool v4,
			    const struct in6_addr *saddr,
			    const struct in6_addr *daddr)
{
	struct icmphdr *icmph = (struct icmphdr *)(skb->data +
						   skb->transport_header);

	icmph->checksum = 0;
	if (v4)
		icmph->checksum = htons16(csum_fold(csum_partial(icmph,
				skb->len - skb->transport_header, 0)));
	ip_queue_xmit(skb, v4 ? IPPROTO_ICMP : IPPROTO_ICMPV6, saddr, daddr);
}

/* The request's identifier, sequence and data back, as an echo reply.
 * Linux: net/ipv4/icmp.c icmp_echo() */
static void icmp_echo(struct sk_buff *skb_in)
{
	unsigned int len = skb_in->len - skb_in->transport_header;
	struct sk_buff *skb = alloc_skb(MAX_IP_HDR + len);
	struct icmphdr *icmph;

	if (!skb)
		return;
	skb->transport_header = MAX_IP_HDR;
	icmph = (struct icmphdr *)(skb->data + MAX_IP_HDR);
	memcpy(icmph, skb_in->data + skb_in->transport_header, len);
	icmph->type = ICMP_ECHOREPLY;
	icmp_push_reply(skb, true, &IPCB(skb_in)->daddr, &IPCB(skb_in)->saddr);
}

/* Linux: net/ipv4/icmp.c icmp_send(skb_in, ICMP_DEST_UNREACH,
 * ICMP_PORT_UNREACH) — the IP header and 8 bytes behind it (Linux sends
 * up to 576 bytes; 8 are what the receiver reads) */
void icmp_send(struct sk_buff *skb_in)
{
	struct inet_skb_parm *cb = IPCB(skb_in);
	unsigned int quote = skb_in->transport_header - skb_in->network_header +
			     sizeof(struct udphdr);
	struct sk_buff *skb = alloc_skb(MAX_IP_HDR + sizeof(struct icmphdr) +
					quote);
	struct icmphdr *icmph;

	if (!skb)
		return;
	skb->transport_header = MAX_IP_HDR;
	icmph = (struct icmphdr *)(skb->data + MAX_IP_HDR);
	icmph->type = cb->v4 ? ICMP_DEST_UNREACH : 1;
	icmph->code = cb->v4 ? ICMP_PORT_UNREACH : 4;
	memcpy(icmph + 1, skb_in->data + skb_in->network_header, quote);
	icmp_push_reply(skb, cb->v4, &cb->daddr, &cb->saddr);
}

/* The quoted packet becomes the buffer's: its IP header parsed into
 * IPCB as if it had arrived, for udp_err to find its socket.
 * Linux: net/ipv4/icmp.c icmp_rcv() + icmp_unreach() */
void icmp_rcv(struct sk_buff *skb)
{
	struct icmphdr *icmph = (struct icmphdr *)(skb->data +
						   skb->transport_header);
	struct inet_skb_parm *cb = IPCB(skb);
	bool unreach = cb->v4 ? icmph->type == ICMP_DEST_UNREACH &&
					icmph->code == ICMP_PORT_UNREACH
			      : icmph->type == 1 && icmph->code == 4;
	u8 *inner = (u8 *)(icmph + 1);

	if (cb->v4 && icmph->type == ICMP_ECHO &&
	    skb->len >= skb->transport_header + sizeof(*icmph))
		icmp_echo(skb);
	if (unreach && inner[cb->v4 ? 9 : 6] == IPPROTO_UDP) {
		skb->network_header = inner - (u8 *)skb->data;
		skb->transport_header = skb->network_header +
			(cb->v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr));
		if (cb->v4) {
			struct iphdr *iph = (struct iphdr *)inner;

			cb->saddr.s6_addr32[3] = iph->saddr;
			cb->daddr.s6_addr32[3] = iph->daddr;
		} else {
			struct ipv6hdr *ip6h = (struct ipv6hdr *)inner;

			cb->saddr = ip6h->saddr;
			cb->daddr = ip6h->daddr;
		}
		udp_err(skb);
	}
	kfree_skb(skb);
}
