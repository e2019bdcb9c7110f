/*
 * AF_UNIX sockets: socketpair() of SOCK_STREAM, SOCK_DGRAM and
 * SOCK_SEQPACKET.  A unix_sock is a sock with a peer; sending puts an
 * sk_buff on the peer's receive queue, charged to the sender until the
 * peer reads it, and wakes the peer's queue with EPOLLIN; reading frees
 * it, which wakes the sender's queue with EPOLLOUT once it has room.
 * A stream reader joins buffers and may take part of one; a datagram or
 * seqpacket reader takes one whole buffer per call (MSG_TRUNC).
 * Linux: net/unix/af_unix.c — no names yet (bind, connect, listen,
 * accept), no control messages (SCM_RIGHTS, SCM_CREDENTIALS), no MSG_OOB,
 * no SO_PEEK_OFF.  Locking: see pollux/sock.h.
 */
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/sock.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/termios.h>

#define SIOCINQ FIONREAD
#define SIOCOUTQ 0x5411		/* TIOCOUTQ */

/* How Linux cuts a stream write into buffers: a 3776-byte head (a 4 KiB
 * kmalloc less skb_shared_info) and up to 32 KiB of pages.
 * Linux: SKB_MAX_HEAD(0), UNIX_SKB_FRAGS_SZ */
#define SKB_MAX_HEAD0 3776
#define UNIX_SKB_FRAGS_SZ 32768
/* A datagram's head beyond which the rest goes in pages (SKB_MAX_ALLOC),
 * and the most pages one takes (MAX_SKB_FRAGS) */
#define SKB_MAX_ALLOC 16064
#define MAX_SKB_FRAGS 17

/* Linux: include/net/af_unix.h struct unix_sock */
struct unix_sock {
	struct sock sk;			/* first: unix_sk() is a cast */
	struct sock *peer;		/* held (sock_hold) while set */
};

static struct unix_sock *unix_sk(struct sock *sk)
{
	return (struct unix_sock *)sk;
}

#define unix_peer(sk) (unix_sk(sk)->peer)

static const struct proto_ops unix_stream_ops, unix_dgram_ops,
	unix_seqpacket_ops;

/* Linux: net/unix/af_unix.c unix_writable() */
static bool unix_writable(const struct sock *sk)
{
	return ((unsigned long)sk->sk_wmem_alloc << 2) <=
	       (unsigned long)sk->sk_sndbuf;
}

/* A buffer of ours was read: writers and EPOLLOUT watchers may go on.
 * Linux: net/unix/af_unix.c unix_write_space() */
static void unix_write_space(struct sock *sk)
{
	if (unix_writable(sk) && sk->sk_wq)
		wake_up_interruptible_poll(sk->sk_wq, EPOLLOUT | EPOLLWRNORM |
					   EPOLLWRBAND);
}

/* Linux: net/unix/af_unix.c unix_sock_destructor() */
static void unix_sock_destructor(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
}

/* Linux: net/unix/af_unix.c unix_create() + unix_create1() — protocol 0
 * or PF_UNIX; SOCK_RAW is taken as SOCK_DGRAM */
static int unix_create(struct socket *sock, int protocol)
{
	struct unix_sock *u;

	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	sock->state = SS_UNCONNECTED;
	u = kzalloc(sizeof(*u));
	if (!u)
		return -ENOMEM;
	sock_init_data(sock, &u->sk);
	u->sk.sk_write_space = unix_write_space;
	u->sk.sk_destruct = unix_sock_destructor;
	return 0;
}

const struct net_proto_family unix_family_ops = {
	.family = PF_UNIX,
	.create = unix_create,
};

/* Linux: net/unix/af_unix.c unix_socketpair() */
static int unix_socketpair(struct socket *socka, struct socket *sockb)
{
	struct sock *ska = socka->sk, *skb = sockb->sk;

	sock_hold(ska);
	sock_hold(skb);
	unix_peer(ska) = skb;
	unix_peer(skb) = ska;
	ska->sk_state = TCP_ESTABLISHED;
	skb->sk_state = TCP_ESTABLISHED;
	socka->state = SS_CONNECTED;
	sockb->state = SS_CONNECTED;
	return 0;
}

static bool unix_connection_based(const struct sock *sk)
{
	return sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET;
}

/* The socket's file was closed.  A stream or seqpacket peer can neither
 * send nor receive any more (and hears ECONNRESET if we left data
 * unread); what was sent to us is freed, which gives the senders their
 * room back.  Linux: net/unix/af_unix.c unix_release_sock() */
static void unix_release_sock(struct sock *sk)
{
	struct sock *skpair = unix_peer(sk);

	sock_orphan(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	sk->sk_state = TCP_CLOSE;
	unix_peer(sk) = NULL;
	if (skpair) {
		if (unix_connection_based(sk)) {
			skpair->sk_shutdown = SHUTDOWN_MASK;
			if (!list_empty(&sk->sk_receive_queue))
				skpair->sk_err = ECONNRESET;
			sock_def_wakeup(skpair);
		}
		sock_put(skpair);
	}
	skb_queue_purge(&sk->sk_receive_queue);
	sock_put(sk);
}

/* Linux: net/unix/af_unix.c unix_release() */
static int unix_release(struct socket *sock)
{
	if (sock->sk)
		unix_release_sock(sock->sk);
	sock->sk = NULL;
	return 0;
}

/* SHUT_RD, SHUT_WR, SHUT_RDWR: ours, and the mirror image for a stream or
 * seqpacket peer (our SHUT_WR is its end of input).
 * Linux: net/unix/af_unix.c unix_shutdown() */
static int unix_shutdown(struct socket *sock, int mode)
{
	struct sock *sk = sock->sk, *other;

	if (mode < SHUT_RD || mode > SHUT_RDWR)
		return -EINVAL;
	mode = (mode + 1) & SHUTDOWN_MASK;	/* SHUT_RD -> RCV_SHUTDOWN... */
	sk->sk_shutdown |= mode;
	other = unix_peer(sk);
	sock_def_wakeup(sk);
	if (other && unix_connection_based(sk)) {
		int peer_mode = 0;

		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		other->sk_shutdown |= peer_mode;
		sock_def_wakeup(other);
	}
	return 0;
}

/* poll_requested_events(): what the poller asked for (all if unknown) */
static __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

/* The readiness both polls share.  Linux: the top of unix_poll() and
 * unix_dgram_poll() */
static __poll_t unix_poll_common(struct sock *sk)
{
	__poll_t mask = 0;

	if (sk->sk_err)
		mask |= EPOLLERR;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (!list_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

/* Linux: net/unix/af_unix.c unix_poll() (SOCK_STREAM) — writable also
 * when the peer has gone, so a writer is not stuck: its write fails */
static __poll_t unix_poll(struct file *file, struct socket *sock,
			  poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask;

	poll_wait(file, &sock->wait, wait);
	mask = unix_poll_common(sk);
	if (sk->sk_state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (unix_writable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/* Linux: net/unix/af_unix.c unix_dgram_poll() (SOCK_DGRAM and
 * SOCK_SEQPACKET) — a peer's full queue is not looked at: a socketpair's
 * peers are each other's, which Linux lets send regardless. */
static __poll_t unix_dgram_poll(struct file *file, struct socket *sock,
				poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask;

	poll_wait(file, &sock->wait, wait);
	mask = unix_poll_common(sk);
	if (sk->sk_type == SOCK_SEQPACKET && sk->sk_state == TCP_CLOSE)
		mask |= EPOLLHUP;
	/* no write status requested: save the tests */
	if (!(poll_requested_events(wait) & (EPOLLWRBAND | EPOLLWRNORM |
					     EPOLLOUT)))
		return mask;
	if (unix_writable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/* Bytes waiting: all of a stream's or seqpacket's buffers, a datagram
 * socket's first message.  Linux: net/unix/af_unix.c unix_inq_len() */
static long unix_inq_len(struct sock *sk)
{
	struct sk_buff *skb;
	long amount = 0;

	if (sk->sk_type == SOCK_DGRAM) {
		skb = skb_peek(&sk->sk_receive_queue);
		return skb ? skb->len : 0;
	}
	list_for_each_entry(skb, &sk->sk_receive_queue, list)
		amount += skb->len - skb->consumed;
	return amount;
}

/* Linux: net/unix/af_unix.c unix_ioctl() — SIOCINQ (FIONREAD), SIOCOUTQ */
static int unix_ioctl(struct socket *sock, unsigned int cmd,
		      unsigned long arg)
{
	struct sock *sk = sock->sk;

	switch (cmd) {
	case SIOCOUTQ:
		return put_user((int)sk_wmem_alloc_get(sk), (int __user *)arg);
	case SIOCINQ:
		return put_user((int)unix_inq_len(sk), (int __user *)arg);
	}
	return -ENOIOCTLCMD;
}


/* The stream buffer for the next size bytes of a write: up to half the
 * send buffer, a head and page-sized rest as Linux cuts it.
 * Linux: the sizing in unix_stream_sendmsg() */
static struct sk_buff *unix_stream_alloc(struct sock *sk, size_t size,
					 bool nonblock, int *err)
{
	size_t data_len;

	size = MIN(size, (size_t)(sk->sk_sndbuf >> 1) - 64);
	size = MIN(size, (size_t)(SKB_MAX_HEAD0 + UNIX_SKB_FRAGS_SZ));
	data_len = size > SKB_MAX_HEAD0 ? size - SKB_MAX_HEAD0 : 0;
	data_len = MIN(size, ALIGN_UP(data_len, PAGE_SIZE));
	return sock_alloc_send_skb(sk, size - data_len, data_len, nonblock,
				   err);
}

/* Linux: net/unix/af_unix.c unix_stream_sendmsg() — a write the peer can
 * no longer read is EPIPE, with SIGPIPE unless MSG_NOSIGNAL (and only if
 * nothing was sent: else the bytes sent are the answer) */
static int unix_stream_sendmsg(struct socket *sock, struct msghdr *msg,
			       size_t len)
{
	struct sock *sk = sock->sk, *other;
	struct sk_buff *skb;
	size_t sent = 0;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen)
		return sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	other = unix_peer(sk);
	if (!other)
		return -ENOTCONN;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		goto out_pipe;

	while (sent < len) {
		skb = unix_stream_alloc(sk, len - sent,
					msg->msg_flags & MSG_DONTWAIT, &err);
		if (!skb)
			goto out_err;
		if (copy_from_iter(skb->data, skb->len, &msg->msg_iter) <
		    skb->len) {
			kfree_skb(skb);
			err = -EFAULT;
			goto out_err;
		}
		/* the peer may have gone while we waited for room */
		if (other->sk_dead || (other->sk_shutdown & RCV_SHUTDOWN)) {
			kfree_skb(skb);
			goto out_pipe;
		}
		list_add_tail(&skb->list, &other->sk_receive_queue);
		sock_def_readable(other);
		sent += skb->len;
	}
	return sent;

out_pipe:
	if (!sent && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	err = -EPIPE;
out_err:
	return sent ? (int)sent : err;
}

static struct sk_buff *skb_peek_tail(struct list_head *queue)
{
	return list_empty(queue) ? NULL
				 : list_last_entry(queue, struct sk_buff, list);
}

/* Sleeps until a buffer arrives after last, an error, the end of input
 * or a signal.  Linux: net/unix/af_unix.c unix_stream_data_wait() */
static void unix_stream_data_wait(struct sock *sk, struct sk_buff *last)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(sk->sk_wq, &wait, TASK_INTERRUPTIBLE);
		if (skb_peek_tail(&sk->sk_receive_queue) != last ||
		    sk->sk_err || (sk->sk_shutdown & RCV_SHUTDOWN) ||
		    signal_pending(current))
			break;
		schedule();
	}
	finish_wait(sk->sk_wq, &wait);
}

/* The buffer holding the byte skip bytes past the queue's first unread
 * one, and in *off where that byte is in it; NULL at the end. */
static struct sk_buff *unix_stream_skip(struct sock *sk, size_t skip,
					size_t *off)
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &sk->sk_receive_queue, list) {
		if (skip < skb->len - skb->consumed) {
			*off = skb->consumed + skip;
			return skb;
		}
		skip -= skb->len - skb->consumed;
	}
	return NULL;
}

/*
 * Reads from the buffers in order, across as many as the request takes;
 * returns once it has at least one byte (all of them with MSG_WAITALL)
 * and nothing more is queued.  MSG_PEEK copies without consuming.  With
 * nothing queued: 0 at the end of input, else the pending error, EAGAIN,
 * or a sleep.  Linux: net/unix/af_unix.c unix_stream_read_generic()
 */
static int unix_stream_recvmsg(struct socket *sock, struct msghdr *msg,
			       size_t size, int flags)
{
	struct sock *sk = sock->sk;
	size_t target = (flags & MSG_WAITALL) ? size : 1, skip = 0;
	bool peek = flags & MSG_PEEK;
	int copied = 0, err = 0;

	if (sk->sk_state != TCP_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	target = MAX(MIN(target, size), (size_t)1);

	do {
		size_t chunk, off;
		struct sk_buff *skb = unix_stream_skip(sk, skip, &off);

		if (!skb) {
			if ((size_t)copied >= target)
				break;
			err = sock_error(sk);
			if (err || (sk->sk_shutdown & RCV_SHUTDOWN))
				break;
			if (flags & MSG_DONTWAIT) {
				err = -EAGAIN;
				break;
			}
			unix_stream_data_wait(sk, skb_peek_tail(&sk->sk_receive_queue));
			if (signal_pending(current)) {
				err = -ERESTARTSYS;
				break;
			}
			continue;
		}
		chunk = MIN(skb->len - off, size);
		if (copy_to_iter(skb->data + off, chunk,
				 &msg->msg_iter) < chunk) {
			if (!copied)
				copied = -EFAULT;
			break;
		}
		copied += chunk;
		size -= chunk;
		if (peek) {
			skip += chunk;
			continue;
		}
		skb->consumed += chunk;
		if (skb->consumed < skb->len)
			break;
		list_del(&skb->list);
		kfree_skb(skb);		/* the writer gets its room back */
	} while (size);
	return copied ? copied : err;
}

/* Linux: net/unix/af_unix.c unix_dgram_sendmsg() — to the peer only:
 * sending to a name needs bind, which is not built yet.  A peer that
 * closed is forgotten (ECONNREFUSED, then ENOTCONN), and what it had
 * sent us is dropped, as Linux's unix_dgram_disconnected() does. */
static int unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg,
			      size_t len)
{
	struct sock *sk = sock->sk, *other;
	struct sk_buff *skb;
	size_t data_len = 0;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen)
		return -EOPNOTSUPP;	/* not Linux's: no names yet */
	if (len > (size_t)sk->sk_sndbuf - 32)
		return -EMSGSIZE;
	if (len > SKB_MAX_ALLOC)
		data_len = ALIGN_UP(MIN(len - SKB_MAX_ALLOC,
					MAX_SKB_FRAGS * PAGE_SIZE), PAGE_SIZE);
	skb = sock_alloc_send_skb(sk, len - data_len, data_len,
				  msg->msg_flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;
	if (copy_from_iter(skb->data, len, &msg->msg_iter) < len) {
		err = -EFAULT;
		goto out_free;
	}
	other = unix_peer(sk);
	err = -ENOTCONN;
	if (!other)
		goto out_free;
	if (other->sk_dead) {
		err = -EPIPE;
		if (sk->sk_type == SOCK_SEQPACKET)
			goto out_free;
		unix_peer(sk) = NULL;
		sk->sk_state = TCP_CLOSE;
		skb_queue_purge(&sk->sk_receive_queue);
		sock_put(other);
		err = -ECONNREFUSED;
		goto out_free;
	}
	err = -EPIPE;
	if (other->sk_shutdown & RCV_SHUTDOWN)
		goto out_free;
	list_add_tail(&skb->list, &other->sk_receive_queue);
	sock_def_readable(other);
	return len;

out_free:
	kfree_skb(skb);
	return err;
}

/* Linux: net/unix/af_unix.c unix_seqpacket_sendmsg() */
static int unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *msg,
				  size_t len)
{
	struct sock *sk = sock->sk;
	int err = sock_error(sk);

	if (err)
		return err;
	if (sk->sk_state != TCP_ESTABLISHED)
		return -ENOTCONN;
	msg->msg_namelen = 0;
	return unix_dgram_sendmsg(sock, msg, len);
}

/* A datagram reader's wake-up: only data or an error (or an unkeyed
 * wake-up) is worth waking for.  Linux: net/core/datagram.c
 * receiver_wake_function() */
static int receiver_wake_function(wait_queue_entry_t *wait, unsigned int mode,
				  int sync, void *key)
{
	if (key && !((__poll_t)(unsigned long)key & (EPOLLIN | EPOLLERR)))
		return 0;
	return autoremove_wake_function(wait, mode, sync, key);
}

/* Sleeps (exclusively: one datagram, one reader) until the queue moves
 * past last.  Returns 0 to look again, 1 to stop with *err (0 at the end
 * of input).  Linux: net/core/datagram.c __skb_wait_for_more_packets() */
static int unix_dgram_wait(struct sock *sk, struct sk_buff *last, int *err)
{
	wait_queue_entry_t wait = {
		.private = current,
		.func = receiver_wake_function,
		.entry = LIST_HEAD_INIT(wait.entry),
	};
	int stop = 1;

	prepare_to_wait_exclusive(sk->sk_wq, &wait, TASK_INTERRUPTIBLE);
	*err = sock_error(sk);
	if (*err)
		goto out;
	stop = 0;
	if (skb_peek_tail(&sk->sk_receive_queue) != last)
		goto out;
	stop = 1;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		goto out;
	*err = -ENOTCONN;
	if (sk->sk_type == SOCK_SEQPACKET && sk->sk_state != TCP_ESTABLISHED)
		goto out;
	*err = -ERESTARTSYS;
	if (signal_pending(current))
		goto out;
	*err = 0;
	stop = 0;
	schedule();
out:
	finish_wait(sk->sk_wq, &wait);
	return stop;
}

/* The first datagram, off the queue unless MSG_PEEK; NULL with *err.
 * A pending error comes before any datagram.  Linux: the loop in
 * __unix_dgram_recvmsg() around __skb_try_recv_datagram() */
static struct sk_buff *unix_dgram_dequeue(struct sock *sk, int flags, int *err)
{
	struct sk_buff *skb;

	for (;;) {
		*err = sock_error(sk);
		if (*err)
			return NULL;
		skb = skb_peek(&sk->sk_receive_queue);
		if (skb) {
			if (!(flags & MSG_PEEK))
				list_del(&skb->list);
			return skb;
		}
		*err = -EAGAIN;
		if ((flags & MSG_DONTWAIT) || unix_dgram_wait(sk, NULL, err))
			return NULL;
	}
}

/* One whole datagram per call: a shorter buffer gets its start and
 * MSG_TRUNC, and MSG_TRUNC in flags returns the datagram's real length.
 * Linux: net/unix/af_unix.c __unix_dgram_recvmsg() */
static int unix_dgram_recvmsg(struct socket *sock, struct msghdr *msg,
			      size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = unix_dgram_dequeue(sk, flags, &err);
	if (!skb) {
		/* end of input on a non-blocking seqpacket socket: EOF */
		if (sk->sk_type == SOCK_SEQPACKET && err == -EAGAIN &&
		    (sk->sk_shutdown & RCV_SHUTDOWN))
			err = 0;
		return err;
	}
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	if (copy_to_iter(skb->data, size, &msg->msg_iter) < size)
		err = -EFAULT;
	else
		err = (flags & MSG_TRUNC) ? (int)skb->len : (int)size;
	if (!(flags & MSG_PEEK))
		kfree_skb(skb);		/* read or not, it is gone */
	return err;
}

/* Linux: net/unix/af_unix.c unix_seqpacket_recvmsg() */
static int unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *msg,
				  size_t size, int flags)
{
	if (sock->sk->sk_state != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, size, flags);
}

/* Linux: net/unix/af_unix.c unix_stream_ops, unix_dgram_ops,
 * unix_seqpacket_ops */
static const struct proto_ops unix_stream_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.socketpair = unix_socketpair,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.socketpair = unix_socketpair,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.socketpair = unix_socketpair,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};
