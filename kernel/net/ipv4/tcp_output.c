/*
 * Segments out: SYN, SYN-ACK, data (as the peer's window allows), ACK,
 * FIN and RST, each a TCP header in front of its payload, handed to IP.
 * Data stays on the write queue until acknowledged, for the
 * retransmission timer (tcp_timer.c) to send the oldest again.  SYNs
 * carry the MSS and window scale options; windows are scaled by 2^7 as
 * Linux's.
 * Linux: net/ipv4/tcp_output.c, tcp_ipv4.c (tcp_v4_send_reset).
 */
#include <pollux/inet.h>
#include <pollux/fs.h>
#include <uapi/errno.h>
#include <pollux/string.h>

#define TCPOPT_NOP 1
#define TCPOPT_MSS 2
#define TCPOPT_WINDOW 3
#define SYN_OPT_LEN 8		/* MSS (4), NOP, window scale (3) */

/* One segment's header fields */
struct tcp_seg {
	const struct in6_addr *saddr, *daddr;
	u16 sport, dport;
	u32 seq, ack;
	u8 flags;
	u16 window;		/* as written: scaled, except on a SYN */
	u16 mss;		/* SYN only */
};

/* Builds the segment around len payload bytes and sends it.
 * Linux: net/ipv4/tcp_output.c __tcp_transmit_skb() */
static int tcp_xmit_seg(const struct tcp_seg *seg, const void *payload,
			size_t len)
{
	unsigned int opt = (seg->flags & TCPHDR_SYN) ? SYN_OPT_LEN : 0;
	struct sk_buff *skb = alloc_skb(MAX_IP_HDR + sizeof(struct tcphdr) +
					opt + len);
	struct tcphdr *th;
	u8 *o;

	if (!skb)
		return -ENOBUFS;
	skb->transport_header = MAX_IP_HDR;
	th = (struct tcphdr *)(skb->data + MAX_IP_HDR);
	th->source = htons16(seg->sport);
	th->dest = htons16(seg->dport);
	th->seq = htonl32(seg->seq);
	th->ack_seq = htonl32((seg->flags & TCPHDR_ACK) ? seg->ack : 0);
	th->doff = ((sizeof(*th) + opt) / 4) << 4;
	th->flags = seg->flags;
	th->window = htons16(seg->window);
	o = (u8 *)(th + 1);
	if (opt) {
		o[0] = TCPOPT_MSS;
		o[1] = 4;
		o[2] = seg->mss >> 8;
		o[3] = seg->mss & 0xff;
		o[4] = TCPOPT_NOP;
		o[5] = TCPOPT_WINDOW;
		o[6] = 3;
		o[7] = 7;
	}
	memcpy(o + opt, payload, len);
	return ip_queue_xmit(skb, IPPROTO_TCP, seg->saddr, seg->daddr);
}

/* The window to offer: the receive buffer's free room, scaled; it is
 * what the peer may send past rcv_nxt.  Linux: tcp_select_window() */
u32 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int room = sk->sk_rcvbuf - (int)sk->sk_rmem_alloc;
	u32 win = room > 0 ? (u32)room >> tp->rcv_wscale : 0;

	win = MIN(win, (u32)0xffff);
	tp->rcv_wnd = win << tp->rcv_wscale;
	tp->rcv_wup = tp->rcv_nxt;
	return win;
}

/* A segment from sk: its addresses, rcv_nxt acknowledged */
static int tcp_transmit(struct sock *sk, u32 seq, u8 flags,
			const void *payload, size_t len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_seg seg = {
		.saddr = &inet->rcv_saddr, .daddr = &inet->daddr,
		.sport = inet->inet_num, .dport = inet->inet_dport,
		.seq = seq, .ack = tp->rcv_nxt, .flags = flags,
		.mss = tp->mss_cache,
	};

	if (flags & TCPHDR_SYN) {	/* a SYN's window is never scaled */
		int room = sk->sk_rcvbuf - (int)sk->sk_rmem_alloc;

		seg.window = MIN(room, 0xffff);
		tp->rcv_wnd = seg.window;
		tp->rcv_wup = tp->rcv_nxt;
	} else {
		seg.window = tcp_select_window(sk);
	}
	return tcp_xmit_seg(&seg, payload, len);
}

/* The initial sequence number.  Linux: secure_tcp_seq() (a keyed hash
 * of the addresses and a clock; random is as unguessable) */
static u32 tcp_isn(void)
{
	u32 isn;

	get_random_bytes(&isn, sizeof(isn));
	return isn;
}

/* Linux: net/ipv4/tcp_output.c tcp_connect() — the SYN */
int tcp_connect(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 isn = tcp_isn();

	tp->snd_una = isn;
	tp->snd_nxt = tp->write_seq = isn + 1;
	tcp_rearm_rto(sk);	/* a lost SYN goes again (tcp_syn_retries) */
	return tcp_transmit(sk, isn, TCPHDR_SYN, NULL, 0);
}

/* Linux: net/ipv4/tcp_output.c tcp_make_synack() + tcp_v4_send_synack() */
void tcp_send_synack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 isn = tcp_isn();

	tp->snd_una = isn;
	tp->snd_nxt = tp->write_seq = isn + 1;
	tcp_rearm_rto(sk);
	tcp_transmit(sk, isn, TCPHDR_SYN | TCPHDR_ACK, NULL, 0);
}

/* The oldest segment not acknowledged, again: the SYN or SYN-ACK of a
 * handshake, else the head of the write queue (data or the FIN).
 * Linux: net/ipv4/tcp_output.c tcp_retransmit_skb() */
void tcp_retransmit_skb(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = skb_peek(&tp->write_queue);

	if (sk->sk_state == TCP_SYN_SENT)
		tcp_transmit(sk, tp->snd_una, TCPHDR_SYN, NULL, 0);
	else if (sk->sk_state == TCP_SYN_RECV)
		tcp_transmit(sk, tp->snd_una, TCPHDR_SYN | TCPHDR_ACK, NULL, 0);
	else if (skb && skb != tp->send_head)
		tcp_transmit(sk, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->tcp_flags,
			     skb->data, skb->len);
}

/* A zero window probe: an old sequence number, no data; the peer's ACK
 * says its window.  Linux: tcp_send_probe0() + tcp_xmit_probe_skb() */
void tcp_send_probe0(struct sock *sk)
{
	tcp_transmit(sk, tcp_sk(sk)->snd_una - 1, TCPHDR_ACK, NULL, 0);
}

/* Linux: net/ipv4/tcp_output.c tcp_send_ack() (no delayed ACKs: on
 * loopback Linux acknowledges at once too, in quickack mode) */
void tcp_send_ack(struct sock *sk)
{
	tcp_transmit(sk, tcp_sk(sk)->snd_nxt, TCPHDR_ACK, NULL, 0);
}

/* Sends what the write queue holds and the peer's window admits.
 * Linux: net/ipv4/tcp_output.c tcp_write_xmit() */
void tcp_write_xmit(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	bool first;

	while ((skb = tp->send_head)) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
		size_t len = skb->len;

		if (len && after(cb->end_seq, tp->snd_una + tp->snd_wnd))
			break;	/* the window is full: an ACK reopens it */
		if (tcp_transmit(sk, cb->seq, cb->tcp_flags, skb->data, len))
			break;	/* no memory: the next ACK or send tries again */
		first = tp->snd_una == tp->snd_nxt;
		tcp_rtt_start(sk, cb->end_seq);
		tp->snd_nxt = cb->end_seq;
		tp->send_head = skb->list.next == &tp->write_queue ?
				NULL : list_next_entry(skb, list);
		if (first)	/* the RTO counts from the first in flight */
			tcp_rearm_rto(sk);
	}
	tcp_check_probe_timer(sk);
}

/* The FIN goes on the write queue, behind the data, as one more
 * sequence number.  Linux: net/ipv4/tcp_output.c tcp_send_fin() */
void tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = alloc_skb(0);

	if (!skb)
		return;
	TCP_SKB_CB(skb)->seq = tp->write_seq;
	TCP_SKB_CB(skb)->end_seq = ++tp->write_seq;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_FIN | TCPHDR_ACK;
	list_add_tail(&skb->list, &tp->write_queue);
	tp->sk_wmem_queued += skb->truesize;
	if (!tp->send_head)
		tp->send_head = skb;
	tcp_write_xmit(sk);
}

/* Linux: net/ipv4/tcp_output.c tcp_send_active_reset() */
void tcp_send_active_reset(struct sock *sk)
{
	tcp_transmit(sk, tcp_sk(sk)->snd_nxt, TCPHDR_RST | TCPHDR_ACK, NULL, 0);
}

/* The answer to a segment no socket takes: a reset, at the sequence
 * number it acknowledged, or acknowledging it.
 * Linux: net/ipv4/tcp_ipv4.c tcp_v4_send_reset() */
void tcp_v4_send_reset(struct sk_buff *skb)
{
	struct inet_skb_parm *ip = IPCB(skb);
	struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	struct tcphdr *th = (struct tcphdr *)(skb->data + skb->transport_header);
	struct tcp_seg seg = {
		.saddr = &ip->daddr, .daddr = &ip->saddr,
		.sport = ntohs16(th->dest), .dport = ntohs16(th->source),
		.flags = TCPHDR_RST,
	};

	if (th->flags & TCPHDR_RST)
		return;
	if (th->flags & TCPHDR_ACK) {
		seg.seq = ntohl32(th->ack_seq);
	} else {
		seg.ack = cb->end_seq;
		seg.flags |= TCPHDR_ACK;
	}
	tcp_xmit_seg(&seg, NULL, 0);
}
