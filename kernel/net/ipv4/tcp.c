/*
 * TCP as the socket calls see it: connect and accept, send and receive,
 * poll, shutdown and close.  The segments themselves are made in
 * tcp_output.c and taken apart in tcp_input.c.
 *
 * A process owns its sock (lock_sock) for the whole call; segments that
 * arrive meanwhile wait on the backlog and are processed when it lets go
 * (release_sock) or sleeps (sk_wait_event).  So a connect on loopback
 * sends its SYN, the listener answers at once, and the SYN-ACK waits on
 * the backlog until connect lets go: non-blocking, it has said
 * EINPROGRESS by then, as Linux does on 127.0.0.1.
 * Linux: net/ipv4/tcp.c, af_inet.c (inet_stream_connect, inet_accept),
 * inet_connection_sock.c (inet_csk_accept, inet_csk_listen_start).
 */
#include <pollux/inet.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

/* net.ipv4.tcp_wmem[1] and tcp_rmem[1]: a new socket's buffers */
#define TCP_WMEM_DEFAULT 16384
#define TCP_RMEM_DEFAULT 131072
/* Linux: TCP_MSS_DEFAULT, until the route is known */
#define TCP_MSS_DEFAULT 536

/* Linux: net/ipv4/tcp.c tcp_init_sock() */
void tcp_init_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	sk->sk_sndbuf = TCP_WMEM_DEFAULT;
	sk->sk_rcvbuf = TCP_RMEM_DEFAULT;
	sk->sk_write_space = tcp_write_space;
	sk->sk_backlog_rcv = tcp_v4_do_rcv;
	INIT_LIST_HEAD(&tp->write_queue);
	INIT_LIST_HEAD(&tp->accept_queue);
	INIT_LIST_HEAD(&tp->accept_node);
	spin_lock_init(&tp->accept_lock);
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->rcv_wscale = 7;
	tcp_init_xmit_timers(sk);
}

/* Bytes waiting to be read: received, not yet read, less the FIN's
 * sequence number.  Counters, not the queue: poll reads it unlocked.
 * Linux: tcp_inq() */
int tcp_inq(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int n = tp->rcv_nxt - tp->copied_seq;

	if (sk->sk_state == TCP_LISTEN)
		return -EINVAL;
	return n && tp->done ? n - 1 : n;
}

/* Linux: include/net/sock.h sk_stream_wspace(), sk_stream_min_wspace() */
static bool sk_stream_is_writeable(struct sock *sk)
{
	int queued = tcp_sk(sk)->sk_wmem_queued;

	return sk->sk_sndbuf - queued >= queued / 2;
}

/* Acknowledged data freed room: writers and EPOLLOUT watchers go on.
 * Linux: net/core/stream.c sk_stream_write_space() */
void tcp_write_space(struct sock *sk)
{
	if (sk_stream_is_writeable(sk))
		sk_wake_up(sk, 1, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* Linux: net/ipv4/tcp.c tcp_poll() — a listener is readable with a
 * connection to accept; a connecting socket is neither readable nor
 * writable; EPOLLOUT also once our side is shut (a write then fails) */
__poll_t tcp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	int state = sk->sk_state;
	__poll_t mask = 0;

	poll_wait(file, &sock->wait, wait);
	if (state == TCP_LISTEN)
		return list_empty(&tcp_sk(sk)->accept_queue) ? 0
						: EPOLLIN | EPOLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (state != TCP_SYN_SENT && state != TCP_SYN_RECV) {
		if (tcp_inq(sk) > 0)
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!(sk->sk_shutdown & SEND_SHUTDOWN)) {
			if (sk_stream_is_writeable(sk))
				mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	if (sk->sk_err)
		mask |= EPOLLERR;
	return mask;
}

/* Linux: net/ipv4/tcp.c tcp_set_state() — a closed socket leaves the
 * lookups, and gives back a port bind() did not choose (or every port,
 * once its file is gone) */
void tcp_set_state(struct sock *sk, int state)
{
	sk->sk_state = state;
	if (state == TCP_CLOSE)
		tcp_clear_xmit_timers(sk);
	if (state == TCP_CLOSE && (!inet_sk(sk)->bound_port || sk->sk_dead))
		inet_put_port(sk);
}

/* The connection is over.  Linux: net/ipv4/tcp.c tcp_done() */
void tcp_done(struct sock *sk)
{
	tcp_set_state(sk, TCP_CLOSE);
	sk->sk_shutdown = SHUTDOWN_MASK;
	sock_def_wakeup(sk);
}

/* The state a close or SHUT_WR moves to; whether a FIN is due.
 * Linux: net/ipv4/tcp.c tcp_close_state() */
static bool tcp_close_state(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
	case TCP_SYN_RECV:
		tcp_set_state(sk, TCP_FIN_WAIT1);
		return true;
	case TCP_CLOSE_WAIT:
		tcp_set_state(sk, TCP_LAST_ACK);
		return true;
	case TCP_SYN_SENT:
		tcp_set_state(sk, TCP_CLOSE);
		return false;
	}
	return false;
}

/* Linux: net/ipv4/tcp.c tcp_shutdown() (SEND_SHUTDOWN) */
void tcp_shutdown(struct sock *sk)
{
	if ((1 << sk->sk_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_SYN_SENT) |
				   TCPF(TCP_SYN_RECV) | TCPF(TCP_CLOSE_WAIT)))
		if (tcp_close_state(sk))
			tcp_send_fin(sk);
}

static void tcp_purge_queues(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	while ((skb = skb_peek(&sk->sk_receive_queue))) {
		list_del(&skb->list);
		inet_rfree(sk, skb, skb->len - skb->consumed);
	}
	skb_queue_purge(&tp->write_queue);
	tp->sk_wmem_queued = 0;
	tp->send_head = NULL;
	tp->copied_seq = tp->rcv_nxt;
}

/* The last reference is gone: what a reset or close left queued.
 * Linux: inet_sock_destruct() + tcp_write_queue_purge() */
void tcp_sock_destruct(struct sock *sk)
{
	tcp_purge_queues(sk);
}

/* Resets and forgets every connection nobody accepted.
 * Linux: net/ipv4/inet_connection_sock.c inet_csk_listen_stop() */
void inet_csk_listen_stop(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk), *child;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&tp->accept_lock, flags);
		child = list_first_entry_or_null(&tp->accept_queue,
						 struct tcp_sock, accept_node);
		if (child) {
			list_del_init(&child->accept_node);
			tp->ack_backlog--;
		}
		spin_unlock_irqrestore(&tp->accept_lock, flags);
		if (!child)
			break;
		lock_sock(&child->inet.sk);
		sock_orphan(&child->inet.sk);
		tcp_disconnect(&child->inet.sk);
		child->parent = NULL;
		release_sock(&child->inet.sk);
		sock_put(sk);			/* the child's hold on us */
		sock_put(&child->inet.sk);	/* what accept would have had */
	}
}

/* Breaks the connection: a reset to a peer that has one, and the sock
 * back to an unconnected one.  Linux: net/ipv4/tcp.c tcp_disconnect() */
int tcp_disconnect(struct sock *sk)
{
	int old_state = sk->sk_state;

	/* the reset first: a closed socket's port may be gone */
	if ((1 << old_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) |
				TCPF(TCP_FIN_WAIT1) | TCPF(TCP_FIN_WAIT2) |
				TCPF(TCP_SYN_RECV)))
		tcp_send_active_reset(sk);
	if (old_state != TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);
	if (old_state == TCP_LISTEN)
		inet_csk_listen_stop(sk);
	tcp_purge_queues(sk);
	if (!sk->sk_dead) {
		sk->sk_shutdown = 0;
		tcp_sk(sk)->done = false;
		inet_reset_peer(sk);
	}
	return 0;
}

/* Linux: net/ipv4/tcp.c tcp_close() — unread data makes it a reset
 * (RFC 2525), else a FIN; the sock lives on, orphaned, until the
 * exchange ends (TIME_WAIT, tcp_timer.c), held by its timer and the
 * port table.  No linger. */
void tcp_close(struct sock *sk)
{
	bool unread;

	lock_sock(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	unread = tcp_inq(sk) > 0;
	sock_orphan(sk);
	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
	} else if (unread && sk->sk_state != TCP_CLOSE) {
		tcp_send_active_reset(sk);
		tcp_set_state(sk, TCP_CLOSE);
	} else if (tcp_close_state(sk)) {
		tcp_send_fin(sk);
	}
	tcp_fin_wait2_timer(sk);	/* the FIN may be acknowledged already */
	if (sk->sk_state == TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);	/* the port goes too */
	release_sock(sk);
	sock_put(sk);	/* the socket's reference; the table may hold one */
}

/* Linux: net/ipv4/tcp_ipv4.c tcp_v4_connect() */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int len)
{
	struct in6_addr daddr;
	u16 dport;
	int err;

	if (uaddr->sa_family == AF_UNSPEC && sk->sk_family == AF_INET)
		return -EAFNOSUPPORT;
	err = inet_addr_from_user(sk, uaddr, len, &daddr, &dport);
	if (err)
		return err;
	err = inet_set_peer(sk, &daddr, dport);
	if (err)	/* no port left: Linux's inet_hash_connect() answer */
		return err == -EAGAIN ? -EADDRNOTAVAIL : err;
	tcp_sk(sk)->mss_cache = tcp_route_mss(&inet_sk(sk)->daddr);
	tcp_set_state(sk, TCP_SYN_SENT);
	return tcp_connect(sk);
}

/* Linux: net/ipv4/af_inet.c __inet_stream_connect() — a second connect
 * while connecting is EALREADY, unless it finished (0) or failed (the
 * error, or ECONNABORTED once it was read) */
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int len,
			int flags)
{
	struct sock *sk = sock->sk;
	int err;

	if (len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	lock_sock(sk);
	if (uaddr->sa_family == AF_UNSPEC) {
		err = tcp_disconnect(sk);
		sock->state = SS_UNCONNECTED;
		goto out;
	}
	switch (sock->state) {
	default:
		err = -EINVAL;
		goto out;
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	case SS_UNCONNECTED:
		err = -EISCONN;
		if (sk->sk_state != TCP_CLOSE)
			goto out;
		err = tcp_v4_connect(sk, uaddr, len);
		if (err < 0)
			goto out;
		sock->state = SS_CONNECTING;
		err = -EINPROGRESS;
		break;
	}
	while ((1 << sk->sk_state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV))) {
		if (flags & O_NONBLOCK)
			goto out;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			goto out;
		}
		sk_wait_event(sk, !((1 << sk->sk_state) &
				    (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV))));
	}
	if (sk->sk_state == TCP_CLOSE) {
		err = sock_error(sk);
		if (!err)
			err = -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		tcp_disconnect(sk);
		goto out;
	}
	sock->state = SS_CONNECTED;
	err = 0;
out:
	release_sock(sk);
	return err;
}

/* Linux: net/ipv4/af_inet.c inet_listen() + inet_csk_listen_start() —
 * listening again only changes the backlog */
int inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err = -EINVAL;

	lock_sock(sk);
	if (sock->state != SS_UNCONNECTED ||
	    !((1 << sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN))))
		goto out;
	sk->sk_max_ack_backlog = backlog;
	err = 0;
	if (sk->sk_state == TCP_LISTEN)
		goto out;
	sk->sk_state = TCP_LISTEN;
	err = inet_sk(sk)->inet_num ? inet_get_port(sk, inet_sk(sk)->inet_num)
				    : inet_autobind(sk);
	if (err) {
		sk->sk_state = TCP_CLOSE;
		err = -EADDRINUSE;
	}
out:
	release_sock(sk);
	return err;
}

/* Takes the first finished connection.  Linux: net/ipv4/
 * inet_connection_sock.c inet_csk_accept() + reqsk_queue_remove() */
static struct sock *inet_csk_accept(struct sock *sk, int flags, int *err)
{
	struct tcp_sock *tp = tcp_sk(sk), *child = NULL;
	unsigned long irqflags;

	lock_sock(sk);
	for (;;) {
		*err = -EINVAL;
		if (sk->sk_state != TCP_LISTEN)
			break;
		spin_lock_irqsave(&tp->accept_lock, irqflags);
		child = list_first_entry_or_null(&tp->accept_queue,
						 struct tcp_sock, accept_node);
		if (child) {
			list_del_init(&child->accept_node);
			tp->ack_backlog--;
		}
		spin_unlock_irqrestore(&tp->accept_lock, irqflags);
		if (child)
			break;
		*err = -EAGAIN;
		if (flags & O_NONBLOCK)
			break;
		*err = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		sk_wait_event(sk, !list_empty(&tp->accept_queue) ||
				  sk->sk_state != TCP_LISTEN);
	}
	release_sock(sk);
	return child ? &child->inet.sk : NULL;
}

/* Linux: net/ipv4/af_inet.c inet_accept() */
int inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk2;
	int err;

	sk2 = inet_csk_accept(sock->sk, flags, &err);
	if (!sk2)
		return err;
	lock_sock(sk2);
	tcp_sk(sk2)->parent = NULL;
	sock_put(sock->sk);		/* the child's hold on the listener */
	sock_graft(sk2, newsock);
	newsock->state = SS_CONNECTED;
	release_sock(sk2);
	return 0;
}

/* Sleeps until sk may queue more.  Linux: net/core/stream.c
 * sk_stream_wait_memory() */
static int sk_stream_wait_memory(struct sock *sk, bool nonblock)
{
	if (nonblock)
		return -EAGAIN;
	if (signal_pending(current))
		return -ERESTARTSYS;
	sk_wait_event(sk, tcp_sk(sk)->sk_wmem_queued < sk->sk_sndbuf ||
			  sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN));
	return 0;
}

/* Sleeps until the handshake ends.  Linux: sk_stream_wait_connect() */
static int sk_stream_wait_connect(struct sock *sk, bool nonblock)
{
	for (;;) {
		if (sk->sk_err)
			return sock_error(sk);
		if (!((1 << sk->sk_state) & (TCPF(TCP_SYN_SENT) |
					     TCPF(TCP_SYN_RECV))))
			return -EPIPE;
		if (nonblock)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		sk_wait_event(sk, !((1 << sk->sk_state) & (TCPF(TCP_SYN_SENT) |
							   TCPF(TCP_SYN_RECV))));
		if ((1 << sk->sk_state) & (TCPF(TCP_ESTABLISHED) |
					   TCPF(TCP_CLOSE_WAIT)))
			return 0;
	}
}

/* The most payload one segment carries: the MSS, at most half the
 * largest window the peer offered (Linux: tcp_bound_to_half_wnd()) */
static size_t tcp_send_mss(struct tcp_sock *tp)
{
	return MIN((size_t)tp->mss_cache, MAX((size_t)tp->max_window / 2,
					       (size_t)536));
}

/* The user's bytes cut into segments on the write queue, sent as the
 * peer's window allows.  Linux: net/ipv4/tcp.c tcp_sendmsg_locked() and
 * sk_stream_error() — EPIPE comes with SIGPIPE unless MSG_NOSIGNAL */
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool nonblock = msg->msg_flags & MSG_DONTWAIT;
	size_t copied = 0;
	int err = 0;

	lock_sock(sk);
	if (!((1 << sk->sk_state) & (TCPF(TCP_ESTABLISHED) |
				     TCPF(TCP_CLOSE_WAIT)))) {
		err = sk_stream_wait_connect(sk, nonblock);
		if (err)
			goto do_error;
	}
	while (msg_data_left(msg)) {
		size_t size = MIN(msg_data_left(msg), tcp_send_mss(tp));
		struct sk_buff *skb;

		err = -EPIPE;
		if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
			goto do_error;
		if (tp->sk_wmem_queued >= sk->sk_sndbuf) {
			err = sk_stream_wait_memory(sk, nonblock);
			if (err)
				goto do_error;
			continue;
		}
		skb = alloc_skb(size);
		err = -ENOBUFS;
		if (!skb)
			goto do_error;
		if (copy_from_iter(skb->data, size, &msg->msg_iter) < size) {
			kfree_skb(skb);
			err = -EFAULT;
			goto do_error;
		}
		TCP_SKB_CB(skb)->seq = tp->write_seq;
		TCP_SKB_CB(skb)->end_seq = tp->write_seq + size;
		TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK | TCPHDR_PSH;
		tp->write_seq += size;
		list_add_tail(&skb->list, &tp->write_queue);
		tp->sk_wmem_queued += skb->truesize;
		if (!tp->send_head)
			tp->send_head = skb;
		copied += size;
		tcp_write_xmit(sk);	/* loopback: no reason to wait (Nagle) */
	}
	release_sock(sk);
	return copied;

do_error:
	release_sock(sk);
	if (copied)
		return copied;
	if (err == -EPIPE) {
		err = sock_error(sk);
		if (!err)
			err = -EPIPE;
	}
	if (err == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return err;
}

/* After a read: if the window we can offer now is much larger than the
 * one the peer knows, tell it (a sender stopped by a full window waits
 * for this).  Linux: net/ipv4/tcp.c tcp_cleanup_rbuf() */
static void tcp_cleanup_rbuf(struct sock *sk, int copied)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 known = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;
	int room = sk->sk_rcvbuf - (int)sk->sk_rmem_alloc;

	if (copied <= 0 || !((1 << sk->sk_state) & (TCPF(TCP_ESTABLISHED) |
			     TCPF(TCP_FIN_WAIT1) | TCPF(TCP_FIN_WAIT2))))
		return;
	if (room > 0 && (u32)room >= 2 * known)
		tcp_send_ack(sk);
}

/* Copies queued bytes from the first unread one on (skip: past a peek) */
static int tcp_copy_queue(struct sock *sk, struct msghdr *msg, size_t len,
			  bool peek)
{
	struct sk_buff *skb, *tmp;
	size_t copied = 0;

	list_for_each_entry_safe(skb, tmp, &sk->sk_receive_queue, list) {
		size_t chunk = MIN(len - copied, (size_t)(skb->len - skb->consumed));

		if (!chunk)
			break;
		if (copy_to_iter(skb->data + skb->consumed, chunk,
				 &msg->msg_iter) < chunk)
			return copied ? (int)copied : -EFAULT;
		copied += chunk;
		if (peek)
			continue;
		skb->consumed += chunk;
		tcp_sk(sk)->copied_seq += chunk;
		sk->sk_rmem_alloc -= chunk;
		if (skb->consumed == skb->len) {
			list_del(&skb->list);
			kfree_skb(skb);
		}
	}
	return copied;
}

/* Linux: net/ipv4/tcp.c tcp_recvmsg_locked() — data first, then the
 * end of input (0), a pending error, ENOTCONN for a socket never
 * connected, EAGAIN, or a sleep */
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags)
{
	size_t target = (flags & MSG_WAITALL) ? len : 1;
	int copied = 0, n, err = 0;

	if (flags & MSG_OOB)
		return -EINVAL;
	lock_sock(sk);
	if (sk->sk_state == TCP_LISTEN) {
		err = -ENOTCONN;
		goto out;
	}
	do {
		n = tcp_copy_queue(sk, msg, len - copied, flags & MSG_PEEK);
		if (n < 0) {
			err = n;
			break;
		}
		copied += n;
		if ((size_t)copied >= target || (flags & MSG_PEEK && copied))
			break;
		if (copied) {
			if (sk->sk_err || sk->sk_state == TCP_CLOSE ||
			    (sk->sk_shutdown & RCV_SHUTDOWN) ||
			    (flags & MSG_DONTWAIT) || signal_pending(current))
				break;
		} else {
			if (tcp_sk(sk)->done)
				break;
			if (sk->sk_err) {
				err = sock_error(sk);
				break;
			}
			if (sk->sk_shutdown & RCV_SHUTDOWN)
				break;
			if (sk->sk_state == TCP_CLOSE) {
				err = -ENOTCONN;
				break;
			}
			if (flags & MSG_DONTWAIT) {
				err = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				err = -ERESTARTSYS;
				break;
			}
		}
		tcp_cleanup_rbuf(sk, copied);
		sk_wait_event(sk, !list_empty(&sk->sk_receive_queue) ||
				  sk->sk_err || (sk->sk_shutdown & RCV_SHUTDOWN) ||
				  sk->sk_state == TCP_CLOSE);
	} while (copied < (int)len);
	if (!(flags & MSG_PEEK))
		tcp_cleanup_rbuf(sk, copied);
out:
	release_sock(sk);
	return copied ? copied : err;
}
