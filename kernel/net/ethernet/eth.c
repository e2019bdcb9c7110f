/*
 * Ethernet headers: written in front of an IPv4 or ARP packet on the
 * way out, read and stepped over on the way in.  No VLANs, no
 * multicast filter (the card takes only our address and broadcasts).
 * Linux: net/ethernet/eth.c.
 */
#include <pollux/netdevice.h>
#include <pollux/inet.h>
#include <pollux/string.h>

/* Linux: net/ethernet/eth.c eth_header() */
int eth_header(struct sk_buff *skb, struct net_device *dev, u16 type,
	       const u8 *daddr)
{
	struct ethhdr *eth;

	if (skb->network_header < ETH_HLEN)
		return -1;
	skb->mac_header = skb->network_header - ETH_HLEN;
	eth = (struct ethhdr *)(skb->data + skb->mac_header);
	memcpy(eth->h_dest, daddr, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons16(type);
	return 0;
}

/* The frame starts at data[0]: skb->protocol is its EtherType.
 * Linux: net/ethernet/eth.c eth_type_trans() */
void eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;

	skb->dev = dev;
	skb->mac_header = 0;
	skb->network_header = ETH_HLEN;
	skb->protocol = ntohs16(eth->h_proto);
}
