/*
 * What every socket's protocol side shares: its life (sock_hold/put),
 * send-buffer accounting with sk_buffs, the default wake-ups and the
 * SOL_SOCKET options.  Linux: net/core/sock.c, net/core/skbuff.c.
 */
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/sock.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

/* Linux: include/net/sock.h sock_graft() */
void sock_graft(struct sock *sk, struct socket *parent)
{
	sk->sk_wq = &parent->wait;
	sk->sk_socket = parent;
	parent->sk = sk;
}

/* Linux: net/core/sock.c sock_init_data() */
void sock_init_data(struct socket *sock, struct sock *sk)
{
	INIT_LIST_HEAD(&sk->sk_receive_queue);
	spin_lock_init(&sk->sk_receive_queue_lock);
	spin_lock_init(&sk->sk_callback_lock);
	INIT_LIST_HEAD(&sk->sk_backlog);
	spin_lock_init(&sk->sk_lock.slock);
	init_waitqueue_head(&sk->sk_lock.wq);
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndbuf = SYSCTL_WMEM_DEFAULT;
	sk->sk_rcvbuf = SYSCTL_WMEM_DEFAULT;	/* rmem_default: the same */
	refcount_set(&sk->sk_wmem_alloc, 1);
	refcount_set(&sk->sk_refcnt, 1);
	sk->sk_peer_cred.uid = sk->sk_peer_cred.gid = -1;
	if (sock) {	/* else a connection's sock, until accept grafts it */
		sk->sk_type = sock->type;
		sk->sk_family = sock->ops->family;
		sock_graft(sk, sock);
	}
}

/* Pollux has no credentials: every process is root (uid and gid 0). */
void init_peercred(struct sock *sk)
{
	sk->sk_peer_cred.pid = current->pid;
	sk->sk_peer_cred.uid = 0;
	sk->sk_peer_cred.gid = 0;
}

void copy_peercred(struct sock *sk, struct sock *peersk)
{
	sk->sk_peer_cred = peersk->sk_peer_cred;
}

void sock_hold(struct sock *sk)
{
	refcount_inc(&sk->sk_refcnt);
}

/* The last reference and the last charged sk_buff both gone: free.
 * Linux: net/core/sock.c sk_free() + __sk_free() */
static void sk_wmem_put(struct sock *sk, unsigned int n)
{
	if (!refcount_sub_and_test(n, &sk->sk_wmem_alloc))
		return;
	if (sk->sk_destruct)
		sk->sk_destruct(sk);
	kfree(sk);
}

/* Linux: include/net/sock.h sock_put() */
void sock_put(struct sock *sk)
{
	if (refcount_dec_and_test(&sk->sk_refcnt))
		sk_wmem_put(sk, 1);
}

/* The socket is closing: wake-ups on sk reach no queue from now on.
 * Linux: include/net/sock.h sock_orphan() */
void sock_orphan(struct sock *sk)
{
	unsigned long flags;

	spin_lock_irqsave(&sk->sk_callback_lock, flags);
	sk->sk_dead = true;
	sk->sk_socket = NULL;
	sk->sk_wq = NULL;
	spin_unlock_irqrestore(&sk->sk_callback_lock, flags);
}

/* Wakes sk's queue (nr_exclusive and key as __wake_up()) unless the
 * socket was orphaned.  A sender on CPU 1 wakes its peer after linking
 * a buffer, while the peer's last close on CPU 0 orphans it and frees
 * the struct socket that holds the queue: sk_callback_lock keeps the
 * two apart, as Linux did before RCU (2.6.37's sock_def_readable()
 * read_lock()s it, sock_orphan() write_lock()s it).
 * Linux 2.6.37: net/core/sock.c sock_def_readable()'s locked section */
void sk_wake_up(struct sock *sk, int nr_exclusive, __poll_t key)
{
	unsigned long flags;

	spin_lock_irqsave(&sk->sk_callback_lock, flags);
	if (sk->sk_wq)
		__wake_up(sk->sk_wq, TASK_INTERRUPTIBLE, nr_exclusive,
			  (void *)(unsigned long)key);
	spin_unlock_irqrestore(&sk->sk_callback_lock, flags);
}

/* Linux: include/net/sock.h sock_error() */
int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}

/* What Linux spends on a buffer of head bytes plus data_len in pages:
 * the head's kmalloc bucket (a power of two, with the 320-byte
 * skb_shared_info behind 64-byte aligned data), 256 for the struct
 * sk_buff, whole pages for the rest.  Linux: SKB_TRUESIZE(), __alloc_skb(),
 * alloc_skb_with_frags() — the values seen on Linux 6.18 x86-64. */
static unsigned int skb_truesize(size_t head, size_t data_len)
{
	size_t kmalloc_size = 512;

	while (kmalloc_size < ALIGN_UP(head, 64) + 320)
		kmalloc_size <<= 1;
	return kmalloc_size + 256 + ALIGN_UP(data_len, PAGE_SIZE);
}

/* Sleeps until sk may allocate again, shuts down, fails or a signal
 * comes.  Linux: net/core/sock.c sock_wait_for_wmem() */
static void sock_wait_for_wmem(struct sock *sk)
{
	DEFINE_WAIT(wait);

	for (;;) {
		if (signal_pending(current))
			break;
		prepare_to_wait(sk->sk_wq, &wait, TASK_INTERRUPTIBLE);
		if (sk_wmem_alloc_get(sk) < (unsigned int)sk->sk_sndbuf)
			break;
		if (sk->sk_shutdown & SEND_SHUTDOWN)
			break;
		if (sk->sk_err)
			break;
		schedule();
	}
	finish_wait(sk->sk_wq, &wait);
}

/* Linux: net/core/sock.c sock_alloc_send_pskb() — the charge may pass
 * sk_sndbuf by one buffer: only a full account waits. */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, size_t head,
				    size_t data_len, bool nonblock, int *errp)
{
	struct sk_buff *skb;
	int err;

	for (;;) {
		err = sock_error(sk);
		if (err)
			goto failure;
		err = -EPIPE;
		if (sk->sk_shutdown & SEND_SHUTDOWN)
			goto failure;
		if (sk_wmem_alloc_get(sk) < (unsigned int)sk->sk_sndbuf)
			break;
		err = -EAGAIN;
		if (nonblock)
			goto failure;
		err = -ERESTARTSYS;
		if (signal_pending(current))
			goto failure;
		sock_wait_for_wmem(sk);
	}
	skb = kmalloc(sizeof(*skb) + head + data_len);
	err = -ENOBUFS;
	if (!skb)
		goto failure;
	skb->sk = sk;
	skb->len = head + data_len;
	skb->truesize = skb_truesize(head, data_len);
	skb->consumed = 0;
	skb->fp = NULL;
	skb->cred = (struct ucred){ 0, -1, -1 };
	skb->destructor = NULL;
	refcount_add(skb->truesize, &sk->sk_wmem_alloc);
	return skb;
failure:
	*errp = err;
	return NULL;
}

/* Linux: net/core/skbuff.c alloc_skb() */
struct sk_buff *alloc_skb(size_t size)
{
	struct sk_buff *skb = kzalloc(sizeof(*skb) + size);

	if (skb) {
		skb->len = size;
		skb->truesize = skb_truesize(size, 0);
	}
	return skb;
}

/* The sender's charge ends now (a packet leaving for a device: lo's
 * receiver does not hold up its sender).  Linux: skb_orphan() */
void skb_orphan(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	if (!sk)
		return;
	skb->sk = NULL;
	/* the 1 left keeps sk alive for its write_space (Linux: sock_wfree) */
	refcount_sub_and_test(skb->truesize - 1, &sk->sk_wmem_alloc);
	if (sk->sk_write_space)
		sk->sk_write_space(sk);
	sk_wmem_put(sk, 1);
}

/* Linux: net/core/sock.c sock_no_listen(), sock_no_accept(),
 * sock_no_socketpair() */
int sock_no_listen(struct socket *sock, int backlog)
{
	return -EOPNOTSUPP;
}

int sock_no_accept(struct socket *sock, struct socket *newsock, int flags)
{
	return -EOPNOTSUPP;
}

int sock_no_socketpair(struct socket *sock1, struct socket *sock2)
{
	return -EOPNOTSUPP;
}

/* Linux: net/core/skbuff.c kfree_skb() + net/core/sock.c sock_wfree():
 * the sender hears about the room first, then may be freed */
void kfree_skb(struct sk_buff *skb)
{
	if (skb->destructor)
		skb->destructor(skb);
	skb_orphan(skb);
	kfree(skb);
}

/* Linux: include/linux/skbuff.h skb_queue_purge() */
void skb_queue_purge(struct list_head *queue)
{
	struct sk_buff *skb;

	while ((skb = skb_peek(queue))) {
		list_del(&skb->list);
		kfree_skb(skb);
	}
}

void sk_receive_queue_tail(struct sock *sk, struct sk_buff *skb)
{
	spin_lock(&sk->sk_receive_queue_lock);
	list_add_tail(&skb->list, &sk->sk_receive_queue);
	spin_unlock(&sk->sk_receive_queue_lock);
}

struct sk_buff *sk_receive_dequeue(struct sock *sk)
{
	struct sk_buff *skb;

	spin_lock(&sk->sk_receive_queue_lock);
	skb = skb_peek(&sk->sk_receive_queue);
	if (skb)
		list_del(&skb->list);
	spin_unlock(&sk->sk_receive_queue_lock);
	return skb;
}

void sk_receive_unlink(struct sock *sk, struct sk_buff *skb)
{
	spin_lock(&sk->sk_receive_queue_lock);
	list_del(&skb->list);
	spin_unlock(&sk->sk_receive_queue_lock);
}

/* Linux: net/core/datagram.c __skb_try_recv_datagram() — the peek and
 * the unlink under the queue's lock, against a sender's link */
struct sk_buff *__skb_try_recv_datagram(struct sock *sk, int flags, int *err)
{
	struct sk_buff *skb;

	*err = sock_error(sk);
	if (*err)
		return NULL;
	spin_lock(&sk->sk_receive_queue_lock);
	skb = skb_peek(&sk->sk_receive_queue);
	if (skb && !(flags & MSG_PEEK))
		list_del(&skb->list);
	spin_unlock(&sk->sk_receive_queue_lock);
	*err = skb ? 0 : -EAGAIN;
	return skb;
}

/* Linux: net/core/sock.c __sk_receive_skb() — a packet processed now by
 * the protocol's sk_backlog_rcv, or queued for sk's owner; drops the
 * lookup's reference on sk */
int __sk_receive_skb(struct sock *sk, struct sk_buff *skb)
{
	unsigned long flags;

	bh_lock_sock(sk, flags);
	if (!sock_owned_by_user(sk))
		sk->sk_backlog_rcv(sk, skb);
	else
		sk_add_backlog(sk, skb);
	bh_unlock_sock(sk, flags);
	sock_put(sk);
	return 0;
}

/* An int option's value: EINVAL if shorter.  Linux: copy_from_sockptr() */
int sockopt_get_int(char __user *optval, unsigned int optlen, int *val)
{
	if (optlen < sizeof(int))
		return -EINVAL;
	return get_user(*val, (int __user *)optval) ? -EFAULT : 0;
}

/* The length the user offers: EINVAL if negative.  Linux: the top of
 * sk_getsockopt() */
int sockopt_get_len(int __user *optlen, int *len)
{
	if (get_user(*len, optlen))
		return -EFAULT;
	return *len < 0 ? -EINVAL : 0;
}

/* val, cut to the user's len, and the length written.  Linux: the end
 * of sk_getsockopt(), do_tcp_getsockopt() */
int sockopt_put_int(char __user *optval, int __user *optlen, int len, int val)
{
	len = MIN(len, (int)sizeof(int));
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return put_user(len, optlen);
}

/* Data arrived: wake readers and EPOLLIN watchers only.
 * Linux: net/core/sock.c sock_def_readable() */
void sock_def_readable(struct sock *sk)
{
	sk_wake_up(sk, 1, EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND);
}

/* The state changed (shutdown, close): everyone re-checks.
 * Linux: net/core/sock.c sock_def_wakeup() */
void sock_def_wakeup(struct sock *sk)
{
	sk_wake_up(sk, 0, 0);
}

/* Waits until nobody owns sk, then owns it.  The sleeper queues itself
 * before dropping slock, so release_sock's wake-up cannot be missed.
 * Linux: net/core/sock.c lock_sock_nested() + __lock_sock() */
void lock_sock(struct sock *sk)
{
	unsigned long flags;
	DEFINE_WAIT(wait);

	for (;;) {
		spin_lock_irqsave(&sk->sk_lock.slock, flags);
		if (!sk->sk_lock.owned)
			break;
		prepare_to_wait_exclusive(&sk->sk_lock.wq, &wait,
					  TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&sk->sk_lock.slock, flags);
		schedule();
		finish_wait(&sk->sk_lock.wq, &wait);
	}
	sk->sk_lock.owned = true;
	spin_unlock_irqrestore(&sk->sk_lock.slock, flags);
}

/* Processes what arrived while we owned sk (still owning it, slock
 * dropped: processing sends packets), then lets the next owner in.
 * Linux: net/core/sock.c release_sock() + __release_sock() */
void release_sock(struct sock *sk)
{
	unsigned long flags;
	struct sk_buff *skb;

	spin_lock_irqsave(&sk->sk_lock.slock, flags);
	while ((skb = skb_peek(&sk->sk_backlog))) {
		list_del(&skb->list);
		spin_unlock_irqrestore(&sk->sk_lock.slock, flags);
		sk->sk_backlog_rcv(sk, skb);
		spin_lock_irqsave(&sk->sk_lock.slock, flags);
	}
	sk->sk_lock.owned = false;
	wake_up(&sk->sk_lock.wq);
	spin_unlock_irqrestore(&sk->sk_lock.slock, flags);
}

/* Linux: net/core/sock.c sk_setsockopt() — SO_SNDBUF and SO_RCVBUF:
 * the value, capped at the sysctl maximum, doubled for the overhead
 * Linux counts, and at least the minimum */
int sock_setsockopt(struct socket *sock, int optname, char __user *optval,
		    unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val, err = sockopt_get_int(optval, optlen, &val);

	if (err)
		return err;
	/* min_t(u32, ...): a negative value is a huge one */
	val = MIN((unsigned int)val, (unsigned int)SYSCTL_WMEM_MAX);
	switch (optname) {
	case SO_SNDBUF:
		sk->sk_sndbuf = MAX(val * 2, SOCK_MIN_SNDBUF);
		if (sk->sk_write_space)	/* senders may go on */
			sk->sk_write_space(sk);
		return 0;
	case SO_RCVBUF:
		sk->sk_rcvbuf = MAX(val * 2, SOCK_MIN_RCVBUF);
		return 0;
	case SO_PASSCRED:
		sk->sk_passcred = val;
		return 0;
	case SO_KEEPALIVE:
		sk->sk_keepopen = val;
		return 0;
	case SO_REUSEADDR:
		sk->sk_reuse = val;
		return 0;
	case SO_REUSEPORT:
		sk->sk_reuseport = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* Linux: net/core/sock.c sk_getsockopt() — the int (or struct ucred),
 * cut to *optlen */
int sock_getsockopt(struct socket *sock, int optname, char __user *optval,
		    int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, val, err = sockopt_get_len(optlen, &len);

	if (err)
		return err;
	switch (optname) {
	case SO_PEERCRED:
		len = MIN(len, (int)sizeof(struct ucred));
		if (copy_to_user(optval, &sk->sk_peer_cred, len))
			return -EFAULT;
		return put_user(len, optlen);
	case SO_TYPE:
		val = sk->sk_type;
		break;
	case SO_ERROR:
		val = -sock_error(sk);
		break;
	case SO_SNDBUF:
		val = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		val = sk->sk_rcvbuf;
		break;
	case SO_PASSCRED:
		val = sk->sk_passcred;
		break;
	case SO_KEEPALIVE:
		val = sk->sk_keepopen;
		break;
	case SO_REUSEADDR:
		val = sk->sk_reuse;
		break;
	case SO_REUSEPORT:
		val = sk->sk_reuseport;
		break;
	case SO_DOMAIN:
		val = sk->sk_family;
		break;
	case SO_PROTOCOL:
		val = sk->sk_protocol;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return sockopt_put_int(optval, optlen, len, val);
}
