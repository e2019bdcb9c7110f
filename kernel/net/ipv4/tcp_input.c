/*
 * Segments in: tcp_v4_rcv finds the socket (the connection, else a
 * listener) and processes the segment there, or leaves it on the
 * backlog when a process owns the socket.  tcp_rcv_state_process is the
 * state machine of RFC 793 as Linux runs it: a listener makes a child
 * socket for a SYN (SYN_RECV; Linux's request_sock, simplified to a
 * whole sock) and queues it for accept when the ACK comes; the other
 * states take ACKs (freeing acknowledged data, opening the window,
 * timing the round trip), data in order (anything else is dropped and
 * acknowledged again: the sender's timer sends it again), FIN and RST;
 * an orphan that closed first waits in TIME_WAIT (tcp_timer.c).
 * Linux: net/ipv4/tcp_ipv4.c tcp_v4_rcv(), tcp_v4_do_rcv();
 * net/ipv4/tcp_input.c; net/ipv4/tcp_minisocks.c.
 */
#include <pollux/inet.h>
#include <pollux/mm.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* The MSS and window scale of a SYN.  Linux: tcp_parse_options() */
static void tcp_parse_syn_options(struct tcp_sock *tp, struct tcphdr *th)
{
	u8 *o = (u8 *)(th + 1), *end = (u8 *)th + (th->doff >> 4) * 4;

	tp->snd_wscale = 0;
	while (o < end && *o) {
		if (*o == 1) {
			o++;
			continue;
		}
		if (o + 1 >= end || o[1] < 2)
			break;
		if (o[0] == 2 && o[1] == 4)
			tp->mss_cache = MIN(tp->mss_cache, (u16)(o[2] << 8 | o[3]));
		if (o[0] == 3 && o[1] == 3)
			tp->snd_wscale = MIN(o[2], 14);
		o += o[1];
	}
}

/* The peer's window from an ACK: send what it now admits.
 * Linux: tcp_ack() + tcp_ack_update_window() + tcp_clean_rtx_queue() */
static void tcp_ack(struct sock *sk, struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 ack = ntohl32(th->ack_seq);
	struct sk_buff *skb;
	bool freed = false;

	if (after(ack, tp->snd_nxt) || before(ack, tp->snd_una))
		return;		/* old, or for data we never sent */
	while ((skb = skb_peek(&tp->write_queue)) && skb != tp->send_head &&
	       !after(TCP_SKB_CB(skb)->end_seq, ack)) {
		list_del(&skb->list);
		tp->sk_wmem_queued -= skb->truesize;
		kfree_skb(skb);
		freed = true;
	}
	tp->snd_wnd = (u32)ntohs16(th->window) << tp->snd_wscale;
	tp->max_window = MAX(tp->max_window, tp->snd_wnd);
	if (after(ack, tp->snd_una)) {	/* progress */
		tp->snd_una = ack;
		tcp_ack_update_rtt(sk, ack);
		tcp_rearm_rto(sk);
	}
	tcp_write_xmit(sk);	/* and the probe timer, if the window shut */
	if (freed)
		sk->sk_write_space(sk);
}

/* Linux: net/ipv4/tcp_input.c tcp_reset() — the error by state */
static void tcp_reset(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		sk->sk_err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		sk->sk_err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		sk->sk_err = ECONNRESET;
	}
	skb_queue_purge(&tcp_sk(sk)->write_queue);
	tcp_sk(sk)->sk_wmem_queued = 0;
	tcp_sk(sk)->send_head = NULL;
	tcp_done(sk);
}

/* The peer has nothing more to send.  Linux: tcp_input.c tcp_fin() */
static void tcp_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->rcv_nxt++;
	sk->sk_shutdown |= RCV_SHUTDOWN;
	tp->done = true;
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT1:
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk);
		return;
	}
	tcp_send_ack(sk);
	sock_def_wakeup(sk);
}

/* Data in order onto the receive queue (the segment itself, its headers
 * skipped); 1 if the queue took skb.  Linux: tcp_data_queue() */
static int tcp_data_queue(struct sock *sk, struct sk_buff *skb,
			  unsigned int off, unsigned int len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 seq = TCP_SKB_CB(skb)->seq;

	/* partly old (a retransmission that joined segments): the new part */
	if (before(seq, tp->rcv_nxt) && after(seq + len, tp->rcv_nxt)) {
		off += tp->rcv_nxt - seq;
		len -= tp->rcv_nxt - seq;
		seq = tp->rcv_nxt;
	}
	if (seq != tp->rcv_nxt) {
		tcp_send_ack(sk);	/* old, or out of order: say where we are */
		return 0;
	}
	tp->rcv_nxt += len;
	skb->consumed = off;
	skb->len = off + len;
	sk->sk_rmem_alloc += len;
	list_add_tail(&skb->list, &sk->sk_receive_queue);
	sock_def_readable(sk);
	return 1;
}

/* A SYN to a listener: a child socket in SYN_RECV that answers it.
 * Linux: tcp_conn_request() + tcp_v4_syn_recv_sock() +
 * tcp_create_openreq_child() */
static void tcp_conn_request(struct sock *sk, struct sk_buff *skb,
			     struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk), *ctp;
	struct inet_skb_parm *ip = IPCB(skb);
	struct sock *child;

	if (tp->ack_backlog > sk->sk_max_ack_backlog)
		return;		/* sk_acceptq_is_full(): the SYN is dropped */
	ctp = kzalloc(sizeof(*ctp));
	if (!ctp)
		return;
	child = &ctp->inet.sk;
	sock_init_data(NULL, child);
	child->sk_type = SOCK_STREAM;
	child->sk_family = sk->sk_family;
	child->sk_protocol = IPPROTO_TCP;
	child->sk_destruct = sk->sk_destruct;
	tcp_init_sock(child);
	child->sk_sndbuf = sk->sk_sndbuf;
	child->sk_rcvbuf = sk->sk_rcvbuf;
	child->sk_keepopen = sk->sk_keepopen;
	ctp->nodelay = tp->nodelay;
	INIT_LIST_HEAD(&ctp->inet.bind_node);
	INIT_LIST_HEAD(&ctp->inet.hash_node);
	ctp->inet.rcv_saddr = ip->daddr;
	ctp->inet.daddr = ip->saddr;
	ctp->inet.inet_num = inet_sk(sk)->inet_num;
	ctp->inet.inet_dport = ntohs16(th->source);
	ctp->rcv_nxt = ctp->copied_seq = TCP_SKB_CB(skb)->seq + 1;
	ctp->mss_cache = tcp_route_mss(&ip->saddr);
	tcp_parse_syn_options(ctp, th);
	ctp->snd_wnd = ctp->max_window = ntohs16(th->window);
	child->sk_state = TCP_SYN_RECV;
	ctp->parent = sk;
	sock_hold(sk);
	inet_hash(child);
	tcp_send_synack(child);
}

/* A connection that ends before accept saw it: closed, with a reset to
 * the client if asked, and forgotten (its reference and its hold on the
 * listener).  Linux: inet_csk_reqsk_queue_drop() */
void inet_csk_reqsk_queue_drop(struct sock *child, bool reset)
{
	struct tcp_sock *ctp = tcp_sk(child);
	struct sock *parent = ctp->parent;

	sock_orphan(child);
	if (reset)
		tcp_send_active_reset(child);
	tcp_set_state(child, TCP_CLOSE);	/* orphaned: the port goes */
	ctp->parent = NULL;
	sock_put(parent);
	sock_put(child);
}

/* The handshake's last ACK: the child is established and waits for
 * accept.  Linux: tcp_check_req() + inet_csk_complete_hashdance() +
 * inet_csk_reqsk_queue_add() */
static void tcp_child_established(struct sock *child)
{
	struct tcp_sock *ctp = tcp_sk(child);
	struct sock *parent = ctp->parent;
	struct tcp_sock *ptp = tcp_sk(parent);
	unsigned long flags;
	bool queued = false;

	tcp_set_state(child, TCP_ESTABLISHED);
	spin_lock_irqsave(&ptp->accept_lock, flags);
	if (parent->sk_state == TCP_LISTEN) {
		list_add_tail(&ctp->accept_node, &ptp->accept_queue);
		ptp->ack_backlog++;
		queued = true;
	}
	spin_unlock_irqrestore(&ptp->accept_lock, flags);
	if (queued) {
		sock_def_readable(parent);
		return;
	}
	inet_csk_reqsk_queue_drop(child, true);	/* the listener closed meanwhile */
}

/* Linux: tcp_rcv_synsent_state_process() — the SYN-ACK, or a reset */
static void tcp_rcv_synsent(struct sock *sk, struct sk_buff *skb,
			    struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (th->flags & TCPHDR_ACK) {
		if (ntohl32(th->ack_seq) != tp->snd_nxt) {
			if (!(th->flags & TCPHDR_RST))
				tcp_v4_send_reset(skb);
			return;
		}
		if (th->flags & TCPHDR_RST) {
			tcp_reset(sk);
			return;
		}
	}
	if ((th->flags & (TCPHDR_SYN | TCPHDR_ACK)) != (TCPHDR_SYN | TCPHDR_ACK))
		return;		/* no simultaneous open */
	tp->rcv_nxt = tp->copied_seq = TCP_SKB_CB(skb)->seq + 1;
	tp->snd_una = ntohl32(th->ack_seq);
	tcp_parse_syn_options(tp, th);
	tp->snd_wnd = tp->max_window = ntohs16(th->window);
	tcp_set_state(sk, TCP_ESTABLISHED);
	tcp_ack_update_rtt(sk, tp->snd_una);
	tcp_rearm_rto(sk);	/* nothing in flight: the SYN's timer stops */
	tcp_send_ack(sk);
	sock_def_wakeup(sk);
}

/* Our FIN (the last sequence number we sent) is acknowledged */
static bool tcp_fin_acked(struct tcp_sock *tp)
{
	return tp->snd_una == tp->write_seq && !tp->send_head;
}

/* Linux: net/ipv4/tcp_input.c tcp_rcv_state_process() — 1 if skb was
 * queued (the receive queue keeps it) */
static int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb)
{
	struct tcphdr *th = (struct tcphdr *)(skb->data + skb->transport_header);
	unsigned int off = skb->transport_header + (th->doff >> 4) * 4;
	unsigned int len = skb->len - off;
	struct tcp_sock *tp = tcp_sk(sk);

	switch (sk->sk_state) {
	case TCP_CLOSE:
		tcp_v4_send_reset(skb);
		return 0;
	case TCP_LISTEN:
		if (th->flags & TCPHDR_ACK)
			tcp_v4_send_reset(skb);
		else if ((th->flags & (TCPHDR_SYN | TCPHDR_RST)) == TCPHDR_SYN)
			tcp_conn_request(sk, skb, th);
		return 0;
	case TCP_SYN_SENT:
		tcp_rcv_synsent(sk, skb, th);
		return 0;
	case TCP_TIME_WAIT:	/* Linux: tcp_timewait_state_process() */
		if (th->flags & TCPHDR_RST) {
			tcp_done(sk);
		} else if (th->flags & TCPHDR_FIN) {
			tcp_send_ack(sk);	/* our last ACK was lost */
			tcp_time_wait(sk);	/* 2MSL again */
		}
		return 0;
	}
	if (th->flags & TCPHDR_RST) {
		if (TCP_SKB_CB(skb)->seq != tp->rcv_nxt)
			return 0;
		if (sk->sk_state == TCP_SYN_RECV)
			inet_csk_reqsk_queue_drop(sk, false);
		else
			tcp_reset(sk);
		return 0;
	}
	if (th->flags & TCPHDR_SYN) {
		/* SYN_RECV: the client's SYN again, our SYN-ACK was lost
		 * (Linux: tcp_check_req()); else a SYN-ACK again (our ACK
		 * was lost), or RFC 5961's challenge ACK */
		if (sk->sk_state == TCP_SYN_RECV)
			tcp_retransmit_skb(sk);
		else
			tcp_send_ack(sk);
		return 0;
	}
	if (!(th->flags & TCPHDR_ACK))
		return 0;
	if (sk->sk_state == TCP_SYN_RECV) {
		if (ntohl32(th->ack_seq) != tp->snd_nxt) {
			tcp_v4_send_reset(skb);
			return 0;
		}
		tcp_child_established(sk);
		if (sk->sk_state != TCP_ESTABLISHED)
			return 0;
	}
	tcp_ack(sk, th);
	switch (sk->sk_state) {
	case TCP_FIN_WAIT1:
		if (tcp_fin_acked(tp)) {
			tcp_set_state(sk, TCP_FIN_WAIT2);
			tcp_fin_wait2_timer(sk);
		}
		break;
	case TCP_CLOSING:
		if (tcp_fin_acked(tp)) {
			tcp_time_wait(sk);
			return 0;
		}
		break;
	case TCP_LAST_ACK:
		if (tcp_fin_acked(tp)) {
			tcp_done(sk);
			return 0;
		}
		break;
	}
	/* new data after our close: nobody will read it (Linux: tcp_reset
	 * and a reset to the sender).  Only new: a retransmission of what
	 * we had (our ACK was late) is not, and a reset there would make
	 * the peer drop what it has not yet delivered of ours. */
	if (len && sk->sk_dead && (sk->sk_shutdown & RCV_SHUTDOWN) &&
	    after(TCP_SKB_CB(skb)->seq + len, tp->rcv_nxt)) {
		tcp_send_active_reset(sk);
		tcp_done(sk);
		return 0;
	}
	if ((1 << sk->sk_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_FIN_WAIT1) |
				   TCPF(TCP_FIN_WAIT2))) {
		int queued = len ? tcp_data_queue(sk, skb, off, len) : 0;

		if (th->flags & TCPHDR_FIN) {
			if (TCP_SKB_CB(skb)->seq + len == tp->rcv_nxt)
				tcp_fin(sk);
		} else if (queued) {
			tcp_send_ack(sk);
		}
		return queued;
	}
	return 0;
}

/* Linux: net/ipv4/tcp_ipv4.c tcp_v4_do_rcv() — also what release_sock
 * calls for each segment of the backlog */
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb)
{
	if (!tcp_rcv_state_process(sk, skb))
		kfree_skb(skb);
	return 0;
}

/* A SYN for the addresses and ports of a connection in TIME_WAIT (the
 * client picked its old port again): the wait ends, so the listener can
 * take it.  Linux accepts it so only when the sequence number or the
 * timestamp is past the old connection's (TCP_TW_SYN); Pollux sends no
 * timestamps and takes every SYN.  Drops the lookup's reference.
 * Linux: tcp_v4_rcv()'s do_time_wait: inet_twsk_deschedule_put() */
static void tcp_tw_syn(struct sock *sk)
{
	unsigned long flags;

	bh_lock_sock(sk, flags);
	if (sk->sk_state == TCP_TIME_WAIT)
		tcp_done(sk);
	bh_unlock_sock(sk, flags);
	sock_put(sk);
}

/* Linux: net/ipv4/tcp_ipv4.c tcp_v4_rcv() */
int tcp_v4_rcv(struct sk_buff *skb)
{
	struct inet_skb_parm *ip = IPCB(skb);
	struct tcphdr *th = (struct tcphdr *)(skb->data + skb->transport_header);
	struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	unsigned int len = skb->len - skb->transport_header - (th->doff >> 4) * 4;
	struct sock *sk;

	cb->seq = ntohl32(th->seq);
	cb->end_seq = cb->seq + len + !!(th->flags & TCPHDR_SYN) +
		      !!(th->flags & TCPHDR_FIN);
	cb->tcp_flags = th->flags;
	sk = inet_lookup(IPPROTO_TCP, &ip->saddr, ntohs16(th->source),
			 &ip->daddr, ntohs16(th->dest));
	if (sk && sk->sk_state == TCP_TIME_WAIT &&
	    (th->flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST)) == TCPHDR_SYN) {
		tcp_tw_syn(sk);		/* a new connection: to the listener */
		sk = inet_lookup(IPPROTO_TCP, &ip->saddr, ntohs16(th->source),
				 &ip->daddr, ntohs16(th->dest));
	}
	if (!sk) {
		tcp_v4_send_reset(skb);
		kfree_skb(skb);
		return 0;
	}
	/* owned: the owner's release_sock processes it (and the owner's
	 * reference keeps sk alive until then) */
	return __sk_receive_skb(sk, skb);	/* tcp_v4_do_rcv */
}
