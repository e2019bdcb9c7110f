/*
 * TCP's timers: the retransmission timeout (RTO, RFC 6298, doubled at
 * each timeout up to TCP_RTO_MAX), the zero window probe, and the ends
 * of an orphaned connection (FIN_WAIT2's timeout, TIME_WAIT's 2MSL).
 * One timer_list per sock does all of it, as Linux's
 * icsk_retransmit_timer does the first two; which one is due follows
 * from icsk_pending and the state.
 *
 * The timer runs from the tick (CPU 0, interrupts off).  It takes the
 * sock's bh_lock_sock as the receive path does; if a task owns the sock
 * it comes back a tick later (Linux defers the work to release_sock,
 * TCP_WRITE_TIMER_DEFERRED).  What it sends is held off the receive
 * drain until it has let go (net_rx_defer): on lo the segment would
 * otherwise reach the peer's bh_lock_sock inside ours.
 * A queued timer holds a reference on the sock (Linux: sk_reset_timer).
 * Linux: net/ipv4/tcp_timer.c, tcp_input.c tcp_rtt_estimator(),
 * tcp_minisocks.c tcp_time_wait().
 */
#include <pollux/inet.h>
#include <pollux/netdevice.h>
#include <pollux/timer.h>
#include <uapi/errno.h>

#define TCP_TIMEOUT_INIT HZ		/* the first RTO (RFC 6298: 1 s) */
#define TCP_RTO_MIN (HZ / 5)		/* 200 ms, as Linux */
#define TCP_RTO_MAX (120 * HZ)
#define TCP_SYN_RETRIES 6		/* net.ipv4.tcp_syn_retries */
#define TCP_SYNACK_RETRIES 5		/* net.ipv4.tcp_synack_retries */
#define TCP_RETRIES2 15			/* net.ipv4.tcp_retries2 */
/* TIME_WAIT lasts 2MSL: Linux's TCP_TIMEWAIT_LEN is 60 s; Pollux keeps
 * 2 s, enough for a retransmitted FIN on a LAN or lo, short enough
 * that tests and benchmarks do not run out of ports */
#define TCP_TIMEWAIT_LEN (2 * HZ)
#define TCP_FIN_TIMEOUT (60 * HZ)	/* net.ipv4.tcp_fin_timeout */

/* (Re)queues sk's timer; a reference while queued.  mod_timer and
 * timer_delete, not del_timer: the timer's own function re-arms and
 * stops it, and del_timer would wait for that function to end.
 * Linux: net/core/sock.c sk_reset_timer() */
static void sk_reset_timer(struct sock *sk, u64 expires)
{
	if (!mod_timer(&tcp_sk(sk)->retransmit_timer, expires))
		sock_hold(sk);
}

/* Linux: net/core/sock.c sk_stop_timer() */
static void sk_stop_timer(struct sock *sk)
{
	if (timer_delete(&tcp_sk(sk)->retransmit_timer))
		sock_put(sk);
}

/* Linux: inet_csk_reset_xmit_timer() */
static void tcp_reset_xmit_timer(struct sock *sk, int what, u32 when)
{
	tcp_sk(sk)->icsk_pending = what;
	sk_reset_timer(sk, jiffies + MIN(when, (u32)TCP_RTO_MAX));
}

/* Linux: inet_csk_clear_xmit_timers() — a closed sock's, or a TIME_WAIT
 * one's that a new SYN ends */
void tcp_clear_xmit_timers(struct sock *sk)
{
	tcp_sk(sk)->icsk_pending = 0;
	sk_stop_timer(sk);
}

/* Segments in flight: the handshake, or data (a FIN) not acknowledged */
static bool tcp_packets_in_flight(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if ((1 << sk->sk_state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV)))
		return true;
	return tp->snd_una != tp->snd_nxt;
}

/* After an ACK or new data: the RTO counts from now while anything is
 * in flight, else the timer stops.  Linux: tcp_rearm_rto() */
void tcp_rearm_rto(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_packets_in_flight(sk))
		tcp_reset_xmit_timer(sk, ICSK_TIME_RETRANS, tp->icsk_rto);
	else if (tp->icsk_pending == ICSK_TIME_RETRANS)
		tcp_clear_xmit_timers(sk);
}

/* Data waits, nothing is in flight: the peer's window is closed, and
 * only a probe will bring its opening (a lost window update would
 * otherwise stall both).  Linux: tcp_check_probe_timer() */
void tcp_check_probe_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->send_head && !tcp_packets_in_flight(sk) &&
	    tp->icsk_pending != ICSK_TIME_PROBE0)
		tcp_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
				     tp->icsk_rto << tp->icsk_backoff);
	else if (!tp->send_head && tp->icsk_pending == ICSK_TIME_PROBE0)
		tcp_clear_xmit_timers(sk);
}

/* New data left: time it if nothing is being timed.  Linux: the
 * timestamp of tcp_transmit_skb, here one segment at a time (Karn) */
void tcp_rtt_start(struct sock *sk, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->rtt_timing)
		return;
	tp->rtt_timing = true;
	tp->rtt_seq = end_seq;
	tp->rtt_start = jiffies;
}

/* An ACK that moved snd_una: a sample if it covers the timed segment,
 * the RTO recomputed, the backoff forgotten.
 * Linux: tcp_ack_update_rtt() + tcp_rtt_estimator() + tcp_set_rto() */
void tcp_ack_update_rtt(struct sock *sk, u32 ack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long m;

	tp->icsk_retransmits = 0;
	tp->icsk_backoff = 0;
	if (!tp->rtt_timing || before(ack, tp->rtt_seq))
		return;
	tp->rtt_timing = false;
	m = jiffies - tp->rtt_start;
	if (!tp->srtt8) {		/* the first sample */
		tp->srtt8 = m << 3;
		tp->rttvar4 = m << 1;
	} else {
		long err = m - (tp->srtt8 >> 3);

		tp->srtt8 += err;
		tp->rttvar4 += (err < 0 ? -err : err) - (tp->rttvar4 >> 2);
	}
	tp->icsk_rto = (tp->srtt8 >> 3) + MAX(tp->rttvar4, (u32)TCP_RTO_MIN);
	tp->icsk_rto = MIN(tp->icsk_rto, (u32)TCP_RTO_MAX);
}

/* Linux: tcp_write_err() — the peer is gone: ETIMEDOUT */
static void tcp_write_err(struct sock *sk)
{
	sk->sk_err = ETIMEDOUT;
	if (sk->sk_state == TCP_SYN_RECV && tcp_sk(sk)->parent) {
		inet_csk_reqsk_queue_drop(sk, false);
		return;
	}
	tcp_done(sk);
}

/* Linux: tcp_retransmit_timer() — the oldest segment again, the RTO
 * doubled; too many in a row and the connection is given up */
static void tcp_retransmit_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int limit = TCP_RETRIES2;

	if (!tcp_packets_in_flight(sk))
		return;
	if (sk->sk_state == TCP_SYN_SENT)
		limit = TCP_SYN_RETRIES;
	else if (sk->sk_state == TCP_SYN_RECV)
		limit = TCP_SYNACK_RETRIES;
	if (tp->icsk_retransmits >= limit) {
		tcp_write_err(sk);
		return;
	}
	tp->icsk_retransmits++;
	tp->rtt_timing = false;	/* Karn: no sample from a retransmission */
	tcp_retransmit_skb(sk);
	tp->icsk_backoff++;
	tp->icsk_rto = MIN(tp->icsk_rto << 1, (u32)TCP_RTO_MAX);
	tcp_reset_xmit_timer(sk, ICSK_TIME_RETRANS, tp->icsk_rto);
}

/* Linux: tcp_probe_timer() — a window probe, again with backoff while
 * the window stays shut (no limit: the peer answers each probe) */
static void tcp_probe_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->send_head || tcp_packets_in_flight(sk))
		return;
	tcp_send_probe0(sk);
	if (tp->icsk_backoff < 10)
		tp->icsk_backoff++;
	tcp_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
			     tp->icsk_rto << tp->icsk_backoff);
}

/* What the timer does, sk's lock held and no task owning it.
 * Linux: tcp_write_timer_handler(), tcp_keepalive_timer()'s FIN_WAIT2
 * part, inet_twsk_kill() */
static void tcp_write_timer_handler(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int what = tp->icsk_pending;

	tp->icsk_pending = 0;
	switch (sk->sk_state) {
	case TCP_TIME_WAIT:
	case TCP_FIN_WAIT2:
		if (sk->sk_dead)
			tcp_done(sk);	/* an orphan's end: the port goes */
		return;
	case TCP_CLOSE:
	case TCP_LISTEN:
		return;
	}
	if (what == ICSK_TIME_PROBE0)
		tcp_probe_timer(sk);
	else if (what == ICSK_TIME_RETRANS)
		tcp_retransmit_timer(sk);
}

/* Linux: tcp_write_timer() */
static void tcp_write_timer(struct timer_list *t)
{
	struct sock *sk = t->data;
	unsigned long flags;
	bool took = net_rx_defer();

	bh_lock_sock(sk, flags);
	if (sock_owned_by_user(sk))
		sk_reset_timer(sk, jiffies + 1);	/* the owner lets go soon */
	else
		tcp_write_timer_handler(sk);
	bh_unlock_sock(sk, flags);
	net_rx_resume(took);
	sock_put(sk);		/* the queued timer's reference */
}

/* Linux: tcp_init_xmit_timers() */
void tcp_init_xmit_timers(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	INIT_LIST_HEAD(&tp->retransmit_timer.entry);
	tp->retransmit_timer.function = tcp_write_timer;
	tp->retransmit_timer.data = sk;
	tp->icsk_rto = TCP_TIMEOUT_INIT;
}

/* The active closer's last state: the four addresses and ports stay
 * taken for 2MSL, so a late segment of this connection cannot be taken
 * for one of the next, and a lost last ACK is sent again when the
 * peer's FIN comes again.  Only an orphan waits (Linux hands the wait
 * to a small inet_timewait_sock and closes the socket itself; a socket
 * still open here closes at once, as before).
 * Linux: net/ipv4/tcp_minisocks.c tcp_time_wait() */
void tcp_time_wait(struct sock *sk)
{
	if (!sk->sk_dead) {
		tcp_done(sk);
		return;
	}
	tcp_set_state(sk, TCP_TIME_WAIT);
	sk->sk_shutdown = SHUTDOWN_MASK;
	tcp_reset_xmit_timer(sk, 0, TCP_TIMEWAIT_LEN);
}

/* An orphan in FIN_WAIT2 waits for the peer's FIN at most
 * tcp_fin_timeout.  Linux: tcp_close()'s inet_csk_reset_keepalive_timer */
void tcp_fin_wait2_timer(struct sock *sk)
{
	if (sk->sk_dead && sk->sk_state == TCP_FIN_WAIT2)
		tcp_reset_xmit_timer(sk, 0, TCP_FIN_TIMEOUT);
}
