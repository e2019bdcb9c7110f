/*
 * AF_UNIX sockets: socketpair() of SOCK_STREAM, SOCK_DGRAM and
 * SOCK_SEQPACKET, named stream and seqpacket sockets (bind, listen,
 * connect, accept), named datagram sockets (bind, connect, sendto).  A
 * unix_sock is a sock with a peer; sending puts an sk_buff on the
 * receiver's queue, charged to the sender until it is read, and wakes
 * the receiver's queue with EPOLLIN; reading frees it, which wakes the
 * sender's queue with EPOLLOUT once it has room.  A stream reader joins
 * buffers and may take part of one; a datagram or seqpacket reader
 * takes one whole buffer per call (MSG_TRUNC).  SCM_RIGHTS files and
 * SCM_CREDENTIALS ride on the buffer (pollux/scm.h; cycles: garbage.c).
 * Linux: net/unix/af_unix.c — no MSG_OOB, no SO_PEEK_OFF, no
 * SO_PASSPIDFD.
 *
 * Locking, as Linux's: unix_table_lock over the bound names;
 * unix_state_lock(sk) over sk's state, shutdown and peer, held by a
 * sender while it checks the receiver and links a buffer on its queue,
 * and by a stream reader while it walks its own queue; the queue's own
 * lock (sk_receive_queue_lock) over every link and unlink; u->iolock
 * (a mutex) makes readers of one socket take turns, so a buffer a
 * reader found stays queued until that reader unlinks it.  Two state
 * locks: the listener (or receiver) first, then ours nested, or in
 * address order (unix_state_double_lock).  Lock order: iolock >
 * unix_state_lock > sk_receive_queue_lock > any wait queue's lock.
 */
#include <pollux/fs_struct.h>
#include <pollux/af_unix.h>
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/sock.h>
#include <pollux/string.h>
#include <pollux/sysctl.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/termios.h>
#include <uapi/un.h>

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

/* Datagrams a new socket's receive queue holds (one more fits):
 * /proc/sys/net/unix/max_dgram_qlen.  Linux: net/unix/sysctl_net_unix.c */
static long sysctl_max_dgram_qlen = 10;

static const struct ctl_table unix_table[] = {
	{ "max_dgram_qlen", &sysctl_max_dgram_qlen, -S32_MAX - 1, S32_MAX },
	{ NULL },
};

/* Linux: net/unix/af_unix.c af_unix_init() + unix_sysctl_register() */
void af_unix_init(void)
{
	register_sysctl("net/unix", unix_table);
}

/* Sockets with a name, for connect to find, under unix_table_lock.
 * Linux: the bsd and abstract hash tables (a list is enough here) and
 * their lock (unix_table_lock until 5.16, now one per hash bucket) */
static LIST_HEAD(unix_bound);
static DEFINE_SPINLOCK(unix_table_lock);

#define unix_peer(sk) (unix_sk(sk)->peer)

/* sk's peer, held (sock_put it), or NULL: a datagram socket's peer may
 * change under a connect on another CPU.  Linux: unix_peer_get() */
static struct sock *unix_peer_get(struct sock *sk)
{
	struct sock *peer;

	unix_state_lock(sk);
	peer = unix_peer(sk);
	if (peer)
		sock_hold(peer);
	unix_state_unlock(sk);
	return peer;
}

static const struct proto_ops unix_stream_ops, unix_dgram_ops,
	unix_seqpacket_ops;

/* Linux: net/unix/af_unix.c unix_writable() */
static bool unix_writable(const struct sock *sk)
{
	return sk->sk_state != TCP_LISTEN &&
	       ((unsigned long)refcount_read(&sk->sk_wmem_alloc) << 2) <=
	       (unsigned long)sk->sk_sndbuf;
}

/* A buffer of ours was read: writers and EPOLLOUT watchers may go on.
 * Linux: net/unix/af_unix.c unix_write_space() */
static void unix_write_space(struct sock *sk)
{
	if (unix_writable(sk))
		sk_wake_up(sk, 1, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* Linux: net/unix/af_unix.c unix_sock_destructor() */
static void unix_sock_destructor(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
	kfree(unix_sk(sk)->addr);
}

/* The full peer we waited on read one: our queue's EPOLLOUT watchers
 * look again.  Runs once per registration (inside the peer's wake-up,
 * whose lock is held: hence list_del_init, not remove_wait_queue).
 * Linux: net/unix/af_unix.c unix_dgram_peer_wake_relay() */
static int unix_dgram_peer_wake_relay(wait_queue_entry_t *q, unsigned int mode,
				      int flags, void *key)
{
	struct unix_sock *u = container_of(q, struct unix_sock, peer_wake);

	list_del_init(&q->entry);
	u->peer_wake.private = NULL;
	sk_wake_up(&u->sk, 1, (__poll_t)(unsigned long)key);
	return 0;
}

/* Linux: net/unix/af_unix.c unix_dgram_peer_wake_connect() — 1 if this
 * call registered us */
static int unix_dgram_peer_wake_connect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	wait_queue_head_t *q = &unix_sk(other)->peer_wait;
	unsigned long flags;
	int connected = 0;

	/* the relay clears .private under this lock too */
	spin_lock_irqsave(&q->lock, flags);
	if (!u->peer_wake.private) {
		u->peer_wake.private = other;
		list_add(&u->peer_wake.entry, &q->head);
		connected = 1;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return connected;
}

/* Linux: net/unix/af_unix.c unix_dgram_peer_wake_disconnect() */
static void unix_dgram_peer_wake_disconnect(struct sock *sk,
					    struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	wait_queue_head_t *q = &unix_sk(other)->peer_wait;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (u->peer_wake.private == other) {
		list_del_init(&u->peer_wake.entry);
		u->peer_wake.private = NULL;
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Linux: unix_dgram_peer_wake_disconnect_wakeup() — no longer tied to
 * other's queue: writable again for all poll knows */
static void unix_dgram_peer_wake_disconnect_wakeup(struct sock *sk,
						   struct sock *other)
{
	unix_dgram_peer_wake_disconnect(sk, other);
	sk_wake_up(sk, 1, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

static unsigned int skb_queue_len(struct list_head *queue)
{
	unsigned int n = 0;
	struct list_head *pos;

	list_for_each(pos, queue)
		n++;
	return n;
}

/* Linux: net/unix/af_unix.c unix_recvq_full() — backlog + 1 fit */
static bool unix_recvq_full(struct sock *sk)
{
	return skb_queue_len(&sk->sk_receive_queue) >
	       (unsigned int)sk->sk_max_ack_backlog;
}

/* Sleeps until the listener (or datagram receiver) has room, goes,
 * or a signal comes.  Called with other's state lock, which it drops
 * once queued on peer_wait: a reader's wake-up cannot come in between.
 * Linux: net/unix/af_unix.c unix_wait_for_peer() */
static void unix_wait_for_peer(struct sock *other)
{
	struct unix_sock *u = unix_sk(other);
	bool sleep;
	DEFINE_WAIT(wait);

	prepare_to_wait_exclusive(&u->peer_wait, &wait, TASK_INTERRUPTIBLE);
	sleep = !other->sk_dead && !(other->sk_shutdown & RCV_SHUTDOWN) &&
		unix_recvq_full(other);
	unix_state_unlock(other);
	if (sleep && !signal_pending(current))
		schedule();
	finish_wait(&u->peer_wait, &wait);
}

/* Whether sk must wait for other's queue; if so, other's next read
 * wakes sk's pollers (a dead other never makes us wait: the send then
 * fails).  Linux: net/unix/af_unix.c unix_dgram_peer_wake_me() */
static int unix_dgram_peer_wake_me(struct sock *sk, struct sock *other)
{
	int connected = unix_dgram_peer_wake_connect(sk, other);

	if (unix_recvq_full(other) && !other->sk_dead)
		return 1;
	if (connected)
		unix_dgram_peer_wake_disconnect(sk, other);
	return 0;
}

/* A new unix sock, for sock or (NULL) for an incoming connection.
 * Linux: net/unix/af_unix.c unix_create1() */
static struct sock *unix_create1(struct socket *sock, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	sock_init_data(sock, &u->sk);
	u->sk.sk_type = type;
	u->sk.sk_write_space = unix_write_space;
	u->sk.sk_destruct = unix_sock_destructor;
	u->sk.sk_max_ack_backlog = sysctl_max_dgram_qlen;
	spin_lock_init(&u->lock);
	mutex_init(&u->iolock);
	mutex_init(&u->bindlock);
	INIT_LIST_HEAD(&u->bound);
	INIT_LIST_HEAD(&u->link);
	init_waitqueue_head(&u->peer_wait);
	init_waitqueue_func_entry(&u->peer_wake, unix_dgram_peer_wake_relay);
	return &u->sk;
}

/* Linux: net/unix/af_unix.c unix_create() — protocol 0 or PF_UNIX;
 * SOCK_RAW is taken as SOCK_DGRAM */
static int unix_create(struct socket *sock, int protocol)
{

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
	return unix_create1(sock, sock->type) ? 0 : -ENOMEM;
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
	init_peercred(ska);
	init_peercred(skb);
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
static void unix_release_sock(struct sock *sk, bool embrion)
{
	struct unix_sock *u = unix_sk(sk);
	struct sock *skpair;
	struct sk_buff *skb;
	int state;

	spin_lock(&unix_table_lock);
	list_del_init(&u->bound);	/* the name finds nobody now */
	spin_unlock(&unix_table_lock);
	/* dead under our lock: a sender that takes it after us sees it,
	 * and one before us has linked its buffer, which the loop below
	 * frees */
	unix_state_lock(sk);
	sock_orphan(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	state = sk->sk_state;
	sk->sk_state = TCP_CLOSE;
	skpair = unix_peer(sk);
	unix_peer(sk) = NULL;
	unix_state_unlock(sk);
	if (u->inode)
		iput(u->inode);
	u->inode = NULL;
	wake_up_interruptible_all(&u->peer_wait);
	if (skpair) {
		if (unix_connection_based(sk)) {
			unix_state_lock(skpair);
			skpair->sk_shutdown = SHUTDOWN_MASK;
			if (!list_empty(&sk->sk_receive_queue) || embrion)
				skpair->sk_err = ECONNRESET;
			unix_state_unlock(skpair);
			sock_def_wakeup(skpair);
		}
		unix_dgram_peer_wake_disconnect(sk, skpair);
		sock_put(skpair);
	}
	/* a listener's queue holds connections nobody accepted: each is
	 * closed, and its client hears ECONNRESET */
	while ((skb = sk_receive_dequeue(sk))) {
		if (state == TCP_LISTEN)
			unix_release_sock(skb->sk, true);
		kfree_skb(skb);
	}
	sock_put(sk);
}

/* Linux: net/unix/af_unix.c unix_release() */
static int unix_release(struct socket *sock)
{
	if (sock->sk)
		unix_release_sock(sock->sk, false);
	sock->sk = NULL;
	unix_schedule_gc();	/* a cycle may have lost its last fd */
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
	unix_state_lock(sk);
	sk->sk_shutdown |= mode;
	other = unix_peer(sk);
	if (other)
		sock_hold(other);
	unix_state_unlock(sk);
	sock_def_wakeup(sk);
	if (other && unix_connection_based(sk)) {
		int peer_mode = 0;

		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		unix_state_lock(other);
		other->sk_shutdown |= peer_mode;
		unix_state_unlock(other);
		sock_def_wakeup(other);
	}
	if (other)
		sock_put(other);
	return 0;
}

/* poll_requested_events(): what the poller asked for (all if unknown) */
static __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

/* The readiness both polls share; a connection-based socket that is
 * not connected (TCP_CLOSE) is hung up.  Linux: the top of unix_poll()
 * and unix_dgram_poll() */
static __poll_t unix_poll_common(struct file *file, struct socket *sock,
				 poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	poll_wait(file, &sock->wait, wait);
	if (sk->sk_err)
		mask |= EPOLLERR;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (!list_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (unix_connection_based(sk) && sk->sk_state == TCP_CLOSE)
		mask |= EPOLLHUP;
	return mask;
}

/* Linux: net/unix/af_unix.c unix_poll() (SOCK_STREAM) — writable also
 * when the peer has gone, so a writer is not stuck: its write fails */
static __poll_t unix_poll(struct file *file, struct socket *sock,
			  poll_table *wait)
{
	__poll_t mask = unix_poll_common(file, sock, wait);

	if (unix_writable(sock->sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/* Linux: net/unix/af_unix.c unix_dgram_poll() (SOCK_DGRAM and
 * SOCK_SEQPACKET) — not writable either while the peer's queue is full,
 * unless the peer is connected back to us (a socketpair: no limit) */
static __poll_t unix_dgram_poll(struct file *file, struct socket *sock,
				poll_table *wait)
{
	__poll_t mask = unix_poll_common(file, sock, wait);
	struct sock *sk = sock->sk, *other;
	bool full = false;

	/* no write status requested: save the tests */
	if (!(poll_requested_events(wait) & (EPOLLWRBAND | EPOLLWRNORM |
					     EPOLLOUT)))
		return mask;
	if (!unix_writable(sk))
		return mask;
	other = unix_peer_get(sk);
	if (other) {
		unix_state_lock(other);
		full = unix_peer(other) != sk && unix_recvq_full(other) &&
		       unix_dgram_peer_wake_me(sk, other);
		unix_state_unlock(other);
		sock_put(other);
	}
	return full ? mask : mask | EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
}

/* Bytes waiting: all of a stream's or seqpacket's buffers, a datagram
 * socket's first message.  Linux: net/unix/af_unix.c unix_inq_len() */
static long unix_inq_len(struct sock *sk)
{
	struct sk_buff *skb;
	long amount = 0;

	if (sk->sk_state == TCP_LISTEN)
		return -EINVAL;
	spin_lock(&sk->sk_receive_queue_lock);
	if (sk->sk_type == SOCK_DGRAM) {
		skb = skb_peek(&sk->sk_receive_queue);
		amount = skb ? skb->len : 0;
	} else {
		list_for_each_entry(skb, &sk->sk_receive_queue, list)
			amount += skb->len - skb->consumed;
	}
	spin_unlock(&sk->sk_receive_queue_lock);
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
	case SIOCINQ: {
		long amount = unix_inq_len(sk);

		return amount < 0 ? amount : put_user((int)amount,
						      (int __user *)arg);
	}
	}
	return -ENOIOCTLCMD;
}


/* The files of skb into scm, no longer in flight.
 * Linux: net/unix/af_unix.c unix_detach_fds() */
static void unix_detach_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	scm->fp = skb->fp;
	skb->fp = NULL;
	for (int i = 0; i < scm->fp->count; i++)
		unix_notinflight(scm->fp->fp[i]);
}

/* A buffer freed unread closes the files it carried.
 * Linux: net/unix/af_unix.c unix_destruct_scm() */
static void unix_destruct_scm(struct sk_buff *skb)
{
	struct scm_cookie scm;

	if (!skb->fp)
		return;
	unix_detach_fds(&scm, skb);
	scm_destroy(&scm);
}

/* scm's credentials go on skb, its files ride on it, in flight.
 * Linux: unix_scm_to_skb() + unix_attach_fds() (whose ETOOMANYREFS,
 * more in flight than RLIMIT_NOFILE, spares root; in Pollux everyone
 * is root) */
static void unix_scm_to_skb(struct scm_cookie *scm, struct sk_buff *skb)
{
	skb->cred = scm->creds;
	if (!scm->fp)
		return;
	skb->fp = scm->fp;
	scm->fp = NULL;
	skb->destructor = unix_destruct_scm;
	for (int i = 0; i < skb->fp->count; i++)
		unix_inflight(skb->fp->fp[i]);
}

/* The sender's credentials when either end has SO_PASSCRED and the
 * sender gave none.  Linux: net/unix/af_unix.c maybe_add_creds() */
static void maybe_add_creds(struct sk_buff *skb, const struct sock *sk,
			    const struct sock *other)
{
	if (skb->cred.pid || !(sk->sk_passcred || other->sk_passcred))
		return;
	skb->cred = (struct ucred){ current->pid, 0, 0 };
}

/* What a receive takes from skb: the credentials, and all the files or
 * copies to peek.  Linux: the scm part of __unix_dgram_recvmsg() */
static void unix_skb_to_scm(struct scm_cookie *scm, struct sk_buff *skb,
			    int flags)
{
	scm->creds = skb->cred;
	if (!skb->fp)
		return;
	if (flags & MSG_PEEK)
		scm->fp = scm_fp_dup(skb->fp);	/* Linux: unix_peek_fds() */
	else
		unix_detach_fds(scm, skb);
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
	struct scm_cookie scm;
	struct sk_buff *skb;
	size_t sent = 0, size;
	int err = scm_send(sock, msg, &scm);

	if (err)
		return err;
	err = -EOPNOTSUPP;
	if (msg->msg_flags & MSG_OOB)
		goto out_err;
	if (msg->msg_namelen) {
		err = sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
		goto out_err;
	}
	other = unix_peer(sk);
	err = -ENOTCONN;
	if (!other)
		goto out_err;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		goto out_pipe;

	while (sent < len) {
		skb = unix_stream_alloc(sk, len - sent,
					msg->msg_flags & MSG_DONTWAIT, &err);
		if (!skb)
			goto out_err;
		unix_scm_to_skb(&scm, skb);	/* files: the first only */
		if (copy_from_iter(skb->data, skb->len, &msg->msg_iter) <
		    skb->len) {
			kfree_skb(skb);
			err = -EFAULT;
			goto out_err;
		}
		/* the peer may have gone while we waited for room; its
		 * release marks it dead under this lock */
		unix_state_lock(other);
		if (other->sk_dead || (other->sk_shutdown & RCV_SHUTDOWN)) {
			unix_state_unlock(other);
			kfree_skb(skb);
			goto out_pipe;
		}
		maybe_add_creds(skb, sk, other);
		/* Once queued the skb is the reader's: a reader on another
		 * CPU may consume and free it before we look again, so its
		 * size is taken first, as Linux's. */
		size = skb->len;
		sk_receive_queue_tail(other, skb);
		unix_state_unlock(other);
		sock_def_readable(other);
		sent += size;
	}
	scm_destroy(&scm);	/* nothing sent: nor are the files */
	return sent;

out_pipe:
	if (!sent && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	err = -EPIPE;
out_err:
	scm_destroy(&scm);
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
	bool wake;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(sk->sk_wq, &wait, TASK_INTERRUPTIBLE);
		unix_state_lock(sk);
		wake = skb_peek_tail(&sk->sk_receive_queue) != last ||
		       sk->sk_err || (sk->sk_shutdown & RCV_SHUTDOWN);
		unix_state_unlock(sk);
		if (wake || signal_pending(current))
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

/* The sender's name for recvfrom/recvmsg; none leaves the length 0.
 * Linux: net/unix/af_unix.c unix_copy_addr() */
static void unix_copy_addr(struct msghdr *msg, struct sock *sk)
{
	struct unix_address *addr = unix_sk(sk)->addr;

	if (msg->msg_name && addr) {
		msg->msg_namelen = addr->len;
		memcpy(msg->msg_name, &addr->name, addr->len);
	}
}

/*
 * Reads from the buffers in order, across as many as the request takes;
 * returns once it has at least one byte (all of them with MSG_WAITALL)
 * and nothing more is queued, or after a buffer that carried files
 * (SCM_RIGHTS).  MSG_PEEK copies without consuming.  With
 * nothing queued: 0 at the end of input, else the pending error, EAGAIN,
 * or a sleep.  Linux: net/unix/af_unix.c unix_stream_read_generic()
 */
static int unix_stream_recvmsg(struct socket *sock, struct msghdr *msg,
			       size_t size, int flags)
{
	struct sock *sk = sock->sk;
	size_t target = (flags & MSG_WAITALL) ? size : 1, skip = 0;
	bool peek = flags & MSG_PEEK;
	struct scm_cookie scm = { 0 };
	int copied = 0, err = 0;

	if (sk->sk_state != TCP_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	target = MAX(MIN(target, size), (size_t)1);

	mutex_lock(&unix_sk(sk)->iolock);
	do {
		size_t chunk, off;
		struct sk_buff *skb, *last;

		/* senders link under this lock: the walk sees a whole
		 * queue, and the buffers it finds are only ours to unlink */
		unix_state_lock(sk);
		skb = unix_stream_skip(sk, skip, &off);
		last = skb_peek_tail(&sk->sk_receive_queue);
		unix_state_unlock(sk);
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
			mutex_unlock(&unix_sk(sk)->iolock);
			unix_stream_data_wait(sk, last);
			mutex_lock(&unix_sk(sk)->iolock);
			if (signal_pending(current)) {
				err = -ERESTARTSYS;
				break;
			}
			continue;
		}
		if (!copied) {	/* the sender's name and credentials */
			unix_copy_addr(msg, skb->sk);
			scm.creds = skb->cred;
		} else if (sk->sk_passcred &&
			   memcmp(&scm.creds, &skb->cred, sizeof(skb->cred))) {
			break;	/* never glue two senders' bytes */
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
		/* a buffer with files ends the read: one message's worth */
		unix_skb_to_scm(&scm, skb, flags);
		if (peek) {
			skip += chunk;
			if (scm.fp)
				break;
			continue;
		}
		skb->consumed += chunk;
		if (skb->consumed < skb->len)
			break;
		sk_receive_unlink(sk, skb);
		kfree_skb(skb);		/* the writer gets its room back */
	} while (size && !scm.fp);
	mutex_unlock(&unix_sk(sk)->iolock);
	scm_recv(sock, msg, &scm, flags);
	return copied ? copied : err;
}

/* Linux: net/unix/af_unix.c unix_validate_addr() */
static int unix_validate_addr(struct sockaddr_un *sunaddr, int addr_len)
{
	if (addr_len <= (int)offsetof(struct sockaddr_un, sun_path) ||
	    addr_len > (int)sizeof(*sunaddr))
		return -EINVAL;
	if (sunaddr->sun_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/* A path ends at its first NUL or at addr_len; the length counts the
 * family, the path and one NUL.  Linux: unix_mkname_bsd() (the address
 * is a sockaddr_storage, so the NUL written at addr_len fits) */
static int unix_mkname_bsd(struct sockaddr_un *sunaddr, int addr_len)
{
	((char *)sunaddr)[addr_len] = 0;
	return strlen(sunaddr->sun_path) +
	       offsetof(struct sockaddr_un, sun_path) + 1;
}

/* Linux: net/unix/af_unix.c unix_create_addr() */
static struct unix_address *unix_create_addr(const struct sockaddr_un *sunaddr,
					     int addr_len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr));

	if (!addr)
		return NULL;
	addr->len = addr_len;
	memcpy(&addr->name, sunaddr, addr_len);
	return addr;
}

/* The bound socket with this path inode, or with this abstract name
 * and type (each type has its own abstract names: Linux hashes the type
 * in), or NULL; unix_table_lock held.  Linux: unix_find_socket_byinode(),
 * __unix_find_socket_byname() */
static struct unix_sock *unix_find_bound(const struct sockaddr_un *sunaddr,
					 int addr_len, struct inode *inode,
					 int type)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound) {
		if (inode ? u->inode == inode
			  : !u->inode && u->sk.sk_type == type &&
			    u->addr->len == addr_len &&
			    !memcmp(&u->addr->name, sunaddr, addr_len))
			return u;
	}
	return NULL;
}

/* The socket a connect names, held (sock_put it), or NULL with *err:
 * ENOENT (or the path's other errors), ECONNREFUSED for a path that is
 * not a bound socket or an unknown abstract name, EPROTOTYPE for a
 * path bound by a socket of another type.
 * Linux: unix_find_other(), unix_find_bsd(), unix_find_abstract() */
static struct sock *unix_find_other(struct sockaddr_un *sunaddr, int addr_len,
				    int type, int *err)
{
	struct inode *inode = NULL;
	struct unix_sock *u;

	if (sunaddr->sun_path[0]) {
		struct dentry *d;

		unix_mkname_bsd(sunaddr, addr_len);
		d = path_lookup(sunaddr->sun_path, err);
		if (!d)
			return NULL;
		inode = d->d_inode;
		*err = -ECONNREFUSED;
		if (!S_ISSOCK(inode->i_mode))
			return NULL;
	}
	spin_lock(&unix_table_lock);
	u = unix_find_bound(sunaddr, addr_len, inode, type);
	*err = !u ? -ECONNREFUSED : u->sk.sk_type != type ? -EPROTOTYPE : 0;
	if (*err)
		u = NULL;
	else
		sock_hold(&u->sk);	/* before a release can unbind it */
	spin_unlock(&unix_table_lock);
	return u ? &u->sk : NULL;
}

/* Our queue is dropped (we left a peer, or it left us); a peer that
 * was connected back to us hears ECONNRESET: its datagrams are lost.
 * Linux: net/unix/af_unix.c unix_dgram_disconnected() */
static void unix_dgram_disconnected(struct sock *sk, struct sock *other)
{
	struct sk_buff *skb;

	if (list_empty(&sk->sk_receive_queue))
		return;
	while ((skb = sk_receive_dequeue(sk)))	/* Linux: skb_queue_purge() */
		kfree_skb(skb);
	wake_up_interruptible_all(&unix_sk(sk)->peer_wait);
	if (!other->sk_dead && unix_peer(other) == sk) {
		other->sk_err = ECONNRESET;
		sk_wake_up(other, 1, EPOLLERR);	/* Linux: sk_error_report() */
	}
}

/* Linux: net/unix/af_unix.c unix_may_send() — a socket connected to
 * someone else takes datagrams from that one only */
static bool unix_may_send(struct sock *sk, struct sock *other)
{
	return !unix_peer(other) || unix_peer(other) == sk;
}

/* The datagram's buffer: a head of up to SKB_MAX_ALLOC bytes, the rest
 * in pages.  Linux: the sizing in unix_dgram_sendmsg() */
static struct sk_buff *unix_dgram_alloc(struct sock *sk, size_t len,
					bool nonblock, int *err)
{
	size_t data_len = 0;

	if (len > SKB_MAX_ALLOC)
		data_len = ALIGN_UP(MIN(len - SKB_MAX_ALLOC,
					MAX_SKB_FRAGS * PAGE_SIZE), PAGE_SIZE);
	return sock_alloc_send_skb(sk, len - data_len, data_len, nonblock, err);
}

/* The receiver for a datagram, held: the named socket, or the peer;
 * NULL with *err.  Linux: the lookup in unix_dgram_sendmsg() */
static struct sock *unix_dgram_other(struct sock *sk, struct msghdr *msg,
				     int *err)
{
	struct sock *other;

	if (msg->msg_namelen)
		return unix_find_other(msg->msg_name, msg->msg_namelen,
				       sk->sk_type, err);
	other = unix_peer_get(sk);
	*err = -ENOTCONN;
	return other;
}

/* The peer closed (a name finds no dead socket: only the peer can be
 * one).  A datagram socket forgets it: ECONNREFUSED, then ENOTCONN, and
 * what it had sent us is dropped.  Linux: the SOCK_DEAD branch of
 * unix_dgram_sendmsg() */
static int unix_dgram_peer_dead(struct sock *sk, struct sock *other)
{
	bool was_peer;

	if (sk->sk_type == SOCK_SEQPACKET)
		return -EPIPE;
	/* another thread's send or connect may have let it go first */
	unix_state_lock(sk);
	was_peer = unix_peer(sk) == other;
	if (was_peer) {
		unix_peer(sk) = NULL;
		sk->sk_state = TCP_CLOSE;
	}
	unix_state_unlock(sk);
	if (was_peer) {
		unix_dgram_peer_wake_disconnect_wakeup(sk, other);
		unix_dgram_disconnected(sk, other);
		sock_put(other);
	}
	return -ECONNREFUSED;
}

/* May sk queue on other now?  0, or EPERM, EPIPE, EAGAIN, or 1 after a
 * wait for room (look again, other's lock dropped).  A full queue stops
 * every sender but the receiver's own peer.  Called with other's state
 * lock.  Linux: the checks in unix_dgram_sendmsg() */
static int unix_dgram_may_queue(struct sock *sk, struct sock *other,
				bool nonblock)
{
	if (!unix_may_send(sk, other))
		return -EPERM;
	if (other->sk_shutdown & RCV_SHUTDOWN)
		return -EPIPE;
	if (unix_peer(other) == sk || !unix_recvq_full(other))
		return 0;
	if (!nonblock) {
		unix_wait_for_peer(other);
		return signal_pending(current) ? -ERESTARTSYS : 1;
	}
	if (unix_peer(sk) != other || unix_dgram_peer_wake_me(sk, other))
		return -EAGAIN;
	return 0;
}

static int unix_autobind(struct unix_sock *u);

/* A socket with SO_PASSCRED gets a name (autobind) when it sends or
 * connects, for the other side to answer.  Linux: the SOCK_PASSCRED
 * tests in unix_dgram_sendmsg(), unix_dgram_connect(),
 * unix_stream_connect() */
static int unix_passcred_autobind(struct sock *sk)
{
	return sk->sk_passcred ? unix_autobind(unix_sk(sk)) : 0;
}

/* unix_dgram_sendmsg() once the control messages are read */
static int unix_dgram_send(struct socket *sock, struct msghdr *msg,
			   size_t len, struct scm_cookie *scm)
{
	struct sock *sk = sock->sk, *other;
	bool nonblock = msg->msg_flags & MSG_DONTWAIT;
	struct sk_buff *skb;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen) {
		err = unix_validate_addr(msg->msg_name, msg->msg_namelen);
		if (err)
			return err;
	}
	err = unix_passcred_autobind(sk);
	if (err)
		return err;
	if (len > (size_t)sk->sk_sndbuf - 32)
		return -EMSGSIZE;
	skb = unix_dgram_alloc(sk, len, nonblock, &err);
	if (!skb)
		return err;
	unix_scm_to_skb(scm, skb);
	if (copy_from_iter(skb->data, len, &msg->msg_iter) < len) {
		err = -EFAULT;
		goto out_free;
	}
	for (;;) {
		other = unix_dgram_other(sk, msg, &err);
		if (!other)
			goto out_free;
		/* other's release marks it dead under this lock: from here
		 * to the link, a buffer cannot land on a released queue */
		unix_state_lock(other);
		if (other->sk_dead) {
			unix_state_unlock(other);
			err = unix_dgram_peer_dead(sk, other);
		} else {
			err = unix_dgram_may_queue(sk, other, nonblock);
			if (!err)
				break;		/* other still locked */
			if (err != 1)
				unix_state_unlock(other);
		}
		sock_put(other);
		if (err != 1)
			goto out_free;
	}
	maybe_add_creds(skb, sk, other);
	sk_receive_queue_tail(other, skb);
	unix_state_unlock(other);
	sock_def_readable(other);
	sock_put(other);
	return len;

out_free:
	kfree_skb(skb);		/* and the files with it */
	return err;
}

/* Linux: net/unix/af_unix.c unix_dgram_sendmsg() — to the name given,
 * else to the peer; the files of an SCM_RIGHTS message ride along */
static int unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg,
			      size_t len)
{
	struct scm_cookie scm;
	int err = scm_send(sock, msg, &scm);

	if (err)
		return err;
	err = unix_dgram_send(sock, msg, len, &scm);
	scm_destroy(&scm);	/* not sent: the files go back */
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
	if (unix_connection_based(sk) && sk->sk_state != TCP_ESTABLISHED &&
	    sk->sk_state != TCP_LISTEN)
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

/* The first datagram, off the queue unless MSG_PEEK, with u->iolock
 * held (mutex_unlock it once done with the buffer: a peeked one stays
 * queued, and another reader must not free it meanwhile); NULL with
 * *err, unlocked.  A pending error comes before any datagram.
 * Linux: the loop in __unix_dgram_recvmsg() around
 * __skb_try_recv_datagram() */
static struct sk_buff *unix_dgram_dequeue(struct sock *sk, int flags, int *err)
{
	struct mutex *iolock = &unix_sk(sk)->iolock;
	struct sk_buff *skb;

	for (;;) {
		mutex_lock(iolock);
		skb = __skb_try_recv_datagram(sk, flags, err);
		if (skb)
			return skb;
		mutex_unlock(iolock);
		if (*err != -EAGAIN)
			return NULL;
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
	struct scm_cookie scm = { 0 };
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
	/* room in our queue: a sender blocked on it may go on */
	wake_up_interruptible_poll(&unix_sk(sk)->peer_wait,
				   EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	unix_copy_addr(msg, skb->sk);
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	if (copy_to_iter(skb->data, size, &msg->msg_iter) < size) {
		err = -EFAULT;
	} else {
		err = (flags & MSG_TRUNC) ? (int)skb->len : (int)size;
		unix_skb_to_scm(&scm, skb, flags);
	}
	mutex_unlock(&unix_sk(sk)->iolock);
	if (!(flags & MSG_PEEK))
		kfree_skb(skb);		/* read or not, it is gone */
	scm_recv(sock, msg, &scm, flags);
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

/* u gets its name and joins unix_bound; unix_table_lock held.
 * Linux: __unix_set_addr_hash() */
static void unix_bind_locked(struct unix_sock *u, struct unix_address *addr)
{
	u->addr = addr;
	list_add_tail(&u->bound, &unix_bound);
}

/* Makes the socket node at the path: EADDRINUSE if anything is there.
 * Linux: unix_bind_bsd() — mode 0777 less the umask; Pollux has no
 * umask, so 022, the usual one. */
static int unix_bind_bsd(struct unix_sock *u, struct sockaddr_un *sunaddr,
			 int addr_len)
{
	struct unix_address *addr;
	struct dentry *d;
	int err;

	addr_len = unix_mkname_bsd(sunaddr, addr_len);
	/* a socket inode's 0777, less the umask, as Linux */
	d = path_create(sunaddr->sun_path,
			S_IFSOCK | (0777 & ~current->fs->umask), &err);
	if (!d)
		return err == -EEXIST ? -EADDRINUSE : err;
	addr = unix_create_addr(sunaddr, addr_len);
	if (!addr)
		return -ENOMEM;	/* the node stays, as after a close */
	spin_lock(&unix_table_lock);
	u->inode = d->d_inode;
	atomic_inc(&u->inode->i_count);	/* Linux: path_get() */
	unix_bind_locked(u, addr);
	spin_unlock(&unix_table_lock);
	return 0;
}

/* Linux: net/unix/af_unix.c unix_bind_abstract() */
static int unix_bind_abstract(struct unix_sock *u, struct sockaddr_un *sunaddr,
			      int addr_len)
{
	struct unix_address *addr = unix_create_addr(sunaddr, addr_len);
	int err = 0;

	if (!addr)
		return -ENOMEM;
	/* the test and the claim in one hold: two binds of one name */
	spin_lock(&unix_table_lock);
	if (unix_find_bound(sunaddr, addr_len, NULL, u->sk.sk_type))
		err = -EADDRINUSE;
	else
		unix_bind_locked(u, addr);
	spin_unlock(&unix_table_lock);
	if (err)
		kfree(addr);
	return err;
}

/* An abstract name of five hex digits, the next free one.  Already
 * bound: nothing to do.  Linux: unix_autobind() (which starts at a
 * random number; Pollux at 1) */
static int unix_autobind(struct unix_sock *u)
{
	static unsigned int ordernum;	/* under unix_table_lock */
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int len = offsetof(struct sockaddr_un, sun_path) + 6;
	struct unix_address *addr;
	int err = 0;

	mutex_lock(&u->bindlock);
	if (u->addr)
		goto out;
	err = -ENOMEM;
	addr = unix_create_addr(&sun, len);
	if (!addr)
		goto out;
	err = -ENOSPC;
	spin_lock(&unix_table_lock);
	for (unsigned int tries = 0; tries <= 0xfffff; tries++) {
		ordernum = (ordernum + 1) & 0xfffff;
		snprintf(addr->name.sun_path + 1, 6, "%05x", ordernum);
		if (!unix_find_bound(&addr->name, len, NULL, u->sk.sk_type)) {
			unix_bind_locked(u, addr);
			err = 0;
			break;
		}
	}
	spin_unlock(&unix_table_lock);
	if (err)
		kfree(addr);
out:
	mutex_unlock(&u->bindlock);
	return err;
}

/* A path name ("/tmp/s") or an abstract one ("\0name": no file, gone
 * with the socket).  Binding twice is EINVAL, checked first here (Linux
 * makes the node first: EADDRINUSE wins for a path in use).
 * The family alone picks a name (autobind).
 * Linux: net/unix/af_unix.c unix_bind() */
static int unix_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct unix_sock *u = unix_sk(sock->sk);
	int err;

	if (addr_len == offsetof(struct sockaddr_un, sun_path) &&
	    sunaddr->sun_family == AF_UNIX)
		return unix_autobind(u);
	err = unix_validate_addr(sunaddr, addr_len);
	if (err)
		return err;
	mutex_lock(&u->bindlock);	/* two threads binding one socket */
	if (u->addr)
		err = -EINVAL;
	else if (sunaddr->sun_path[0])
		err = unix_bind_bsd(u, sunaddr, addr_len);
	else
		err = unix_bind_abstract(u, sunaddr, addr_len);
	mutex_unlock(&u->bindlock);
	return err;
}

/* Linux: net/unix/af_unix.c unix_listen() */
static int unix_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (!unix_sk(sk)->addr)
		return -EINVAL;	/* no listens on an unbound socket */
	unix_state_lock(sk);
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN) {
		unix_state_unlock(sk);
		return -EINVAL;
	}
	if (backlog > sk->sk_max_ack_backlog)
		wake_up_interruptible_all(&unix_sk(sk)->peer_wait);
	sk->sk_max_ack_backlog = backlog;
	sk->sk_state = TCP_LISTEN;
	init_peercred(sk);	/* what connecting clients will see */
	unix_state_unlock(sk);
	return 0;
}

/* Joins sk to a new sock for the listener's side and queues that on the
 * listener as a buffer charged to the new sock, for accept to take;
 * other's and sk's state locks held.
 * Linux: the second half of unix_stream_connect() */
static void unix_connect_embryo(struct socket *sock, struct sock *other,
				struct sock *newsk, struct sk_buff *skb)
{
	struct sock *sk = sock->sk;
	struct unix_address *oaddr = unix_sk(other)->addr;

	sock_hold(sk);
	unix_peer(newsk) = sk;
	newsk->sk_state = TCP_ESTABLISHED;
	init_peercred(newsk);		/* the server sees the client */
	copy_peercred(sk, other);	/* the client sees the listener */
	/* the accepted socket's name is the listener's (a copy here) */
	unix_sk(newsk)->addr = unix_create_addr(&oaddr->name, oaddr->len);
	sock->state = SS_CONNECTED;
	sk->sk_state = TCP_ESTABLISHED;
	sock_hold(newsk);
	unix_peer(sk) = newsk;
	sk_receive_queue_tail(other, skb);
}

/* Linux: net/unix/af_unix.c unix_stream_connect() — a full backlog
 * waits, or EAGAIN when non-blocking; connecting twice is EISCONN */
static int unix_stream_connect(struct socket *sock, struct sockaddr *uaddr,
			       int addr_len, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *newsk, *other;
	struct sk_buff *skb;
	int err = unix_validate_addr(sunaddr, addr_len);

	if (!err)
		err = unix_passcred_autobind(sk);
	if (err)
		return err;
	newsk = unix_create1(NULL, sk->sk_type);
	if (!newsk)
		return -ENOMEM;
	skb = sock_alloc_send_skb(newsk, 1, 0, true, &err);
	if (!skb)
		goto out_newsk;
	for (;;) {
		other = unix_find_other(sunaddr, addr_len, sk->sk_type, &err);
		if (!other)
			goto out_skb;
		unix_state_lock(other);
		err = -ECONNREFUSED;
		if (other->sk_state != TCP_LISTEN ||
		    (other->sk_shutdown & RCV_SHUTDOWN))
			goto out_unlock;
		if (!unix_recvq_full(other))
			break;
		err = -EAGAIN;
		if (flags & O_NONBLOCK)
			goto out_unlock;
		unix_wait_for_peer(other);	/* drops other's lock */
		sock_put(other);
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			goto out_skb;
		}
	}
	/* ours second, nested: two threads connecting one socket */
	unix_state_lock_nested(sk);
	if (sk->sk_state != TCP_CLOSE) {
		err = sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EINVAL;
		unix_state_unlock(sk);
		goto out_unlock;
	}
	unix_connect_embryo(sock, other, newsk, skb);
	unix_state_unlock(sk);
	unix_state_unlock(other);
	sock_def_readable(other);
	sock_put(other);
	return 0;

out_unlock:
	unix_state_unlock(other);
	sock_put(other);
out_skb:
	kfree_skb(skb);
out_newsk:
	unix_release_sock(newsk, false);
	return err;
}

/* Takes the first queued connection (waiting unless the listener is
 * non-blocking) and gives its sock to newsock.
 * Linux: net/unix/af_unix.c unix_accept() */
static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk = sock->sk, *tsk;
	struct sk_buff *skb;
	int err;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (sk->sk_state != TCP_LISTEN)
		return -EINVAL;
	skb = unix_dgram_dequeue(sk, (flags & O_NONBLOCK) ? MSG_DONTWAIT : 0,
				 &err);
	if (!skb)
		return err ? err : -EINVAL;	/* 0: input shut down */
	mutex_unlock(&unix_sk(sk)->iolock);
	tsk = skb->sk;
	kfree_skb(skb);
	wake_up_interruptible(&unix_sk(sk)->peer_wait);
	newsock->state = SS_CONNECTED;
	sock_graft(tsk, newsock);
	tsk->sk_passcred = sk->sk_passcred;	/* unix_sock_inherit_flags() */
	return 0;
}

/* Our name, or the peer's: the family alone when there is none.
 * Linux: net/unix/af_unix.c unix_getname() */
static int unix_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk;
	struct unix_address *addr;

	int len;

	if (peer) {
		sk = unix_peer_get(sk);
		if (!sk)
			return -ENOTCONN;
	}
	addr = READ_ONCE(unix_sk(sk)->addr);	/* set once, by a bind */
	if (!addr) {
		sunaddr->sun_family = AF_UNIX;
		sunaddr->sun_path[0] = 0;
		len = offsetof(struct sockaddr_un, sun_path);
	} else {
		memcpy(sunaddr, &addr->name, addr->len);
		len = addr->len;
	}
	if (peer)
		sock_put(sk);
	return len;
}

/* Both state locks (sk2 may be NULL or sk1), in address order so that
 * two sockets connecting to each other on two CPUs cannot deadlock.
 * Linux: net/unix/af_unix.c unix_state_double_lock() */
static void unix_state_double_lock(struct sock *sk1, struct sock *sk2)
{
	if (!sk2 || sk1 == sk2) {
		unix_state_lock(sk1);
		return;
	}
	if (sk1 > sk2) {
		struct sock *t = sk1;

		sk1 = sk2;
		sk2 = t;
	}
	unix_state_lock(sk1);
	unix_state_lock_nested(sk2);
}

static void unix_state_double_unlock(struct sock *sk1, struct sock *sk2)
{
	if (sk2 && sk1 != sk2)
		unix_state_unlock(sk2);
	unix_state_unlock(sk1);
}

/* Sets (or with AF_UNSPEC clears) the peer: sends without a name go
 * there, and only it may send to us.  Leaving a peer drops our queue.
 * Linux: net/unix/af_unix.c unix_dgram_connect() */
static int unix_dgram_connect(struct socket *sock, struct sockaddr *uaddr,
			      int addr_len, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *other = NULL, *old_peer;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family != AF_UNSPEC) {
		err = unix_validate_addr(sunaddr, addr_len);
		if (!err)
			err = unix_passcred_autobind(sk);
		if (err)
			return err;
		other = unix_find_other(sunaddr, addr_len, sk->sk_type, &err);
		if (!other)
			return err;
	}
	unix_state_double_lock(sk, other);
	if (other && !unix_may_send(sk, other)) {
		unix_state_double_unlock(sk, other);
		sock_put(other);
		return -EPERM;
	}
	if (other) {
		sk->sk_state = TCP_ESTABLISHED;
		other->sk_state = TCP_ESTABLISHED;
	}
	old_peer = unix_peer(sk);
	unix_peer(sk) = other;		/* our hold on other passes to it */
	if (old_peer && !other)
		sk->sk_state = TCP_CLOSE;
	unix_state_double_unlock(sk, other);
	if (!old_peer)
		return 0;
	unix_dgram_peer_wake_disconnect_wakeup(sk, old_peer);
	if (other != old_peer) {
		unix_dgram_disconnected(sk, old_peer);
		unix_state_lock(old_peer);
		if (!unix_peer(old_peer))
			old_peer->sk_state = TCP_CLOSE;
		unix_state_unlock(old_peer);
	}
	sock_put(old_peer);
	return 0;
}

/* Linux: net/unix/af_unix.c unix_stream_ops, unix_dgram_ops,
 * unix_seqpacket_ops — what all three share first */
#define UNIX_OPS_COMMON				\
	.family = PF_UNIX,			\
	.release = unix_release,		\
	.bind = unix_bind,			\
	.getname = unix_getname,		\
	.socketpair = unix_socketpair,		\
	.ioctl = unix_ioctl,			\
	.shutdown = unix_shutdown

static const struct proto_ops unix_stream_ops = {
	UNIX_OPS_COMMON,
	.connect = unix_stream_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.poll = unix_poll,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	UNIX_OPS_COMMON,
	.connect = unix_dgram_connect,
	.listen = sock_no_listen,
	.accept = sock_no_accept,
	.poll = unix_dgram_poll,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	UNIX_OPS_COMMON,
	.connect = unix_stream_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.poll = unix_dgram_poll,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};
