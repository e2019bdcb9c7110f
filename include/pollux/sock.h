/*
 * The protocol side of a socket, and the buffers its data travels in.
 * Linux: include/net/sock.h, include/linux/skbuff.h — one receive queue,
 * no backlog, no memory pressure, no timeouts (SO_RCVTIMEO).
 *
 * Send-buffer accounting is Linux's: each sk_buff is charged to its
 * sender (sk_wmem_alloc) for its truesize, the memory Linux would spend
 * on it, until the receiver frees it; the sender may allocate while the
 * charge is below sk_sndbuf, and counts as writable for poll while four
 * times the charge is at most sk_sndbuf.  So a non-blocking send fills
 * up after as many bytes as on Linux.
 *
 * Locking: AF_UNIX takes Linux's locks: unix_state_lock (the state, the
 * peer, and a receiver's queue against senders), the receive queue's
 * lock (sk_receive_queue_lock: every link and unlink) and iolock (one
 * reader at a time); see af_unix.c.  AF_INET takes Linux's owner lock
 * (socket_lock_t below: lock_sock in system calls, bh_lock_sock on the
 * receive path, the backlog between them; docs/net.md section 7).
 */
#ifndef POLLUX_SOCK_H
#define POLLUX_SOCK_H

#include <pollux/list.h>
#include <pollux/net.h>
#include <pollux/refcount.h>
#include <pollux/spinlock.h>
#include <pollux/wait.h>

struct net_device;

#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

struct scm_fp_list;

/* sk_state (Linux reuses the TCP states for every family).
 * Linux: include/net/tcp_states.h */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
};
#define TCPF(state) (1 << (state))

/* Linux: net/core/sock.c sysctl_wmem_default, _max (212992: what a
 * stock kernel has; sysctl net.core.* can change Linux's) */
#define SYSCTL_WMEM_DEFAULT 212992
#define SYSCTL_WMEM_MAX 212992
#define SOCK_MIN_SNDBUF 4608	/* 2 * (2048 + SKB_TRUESIZE(0)) on x86-64 */
#define SOCK_MIN_RCVBUF 2304	/* 2048 + SKB_TRUESIZE(0) */
/* The most control data a sendmsg may carry (net.core.optmem_max) */
#define SYSCTL_OPTMEM_MAX 131072

/* Linux: include/linux/skbuff.h struct sk_buff — the data in one piece */
struct sk_buff {
	struct list_head list;		/* in the receiver's sk_receive_queue */
	struct sock *sk;		/* the sender, charged for truesize */
	unsigned int len;
	unsigned int truesize;
	unsigned int consumed;		/* stream: bytes read (UNIXCB(skb).consumed) */
	struct scm_fp_list *fp;		/* files in flight (UNIXCB(skb).fp) */
	/* the sender's credentials, pid 0 and ids -1 for none
	 * (UNIXCB(skb).pid, uid, gid) */
	struct ucred cred;
	/* the family's word before the free (Linux: skb->destructor) */
	void (*destructor)(struct sk_buff *skb);
	/* inet: where the IP and TCP/UDP headers start in data, and the
	 * protocol's per-buffer notes (Linux: skb->cb, TCP_SKB_CB) */
	unsigned short network_header, transport_header;
	/* a card's frame: where its link-layer header starts, the device it
	 * came in by, its EtherType (ETH_P_IP on lo).  Linux: the same names */
	unsigned short mac_header;
	struct net_device *dev;
	u16 protocol;
	char cb[48] __attribute__((aligned(8)));
	char data[];
};

/* The socket's owner lock.  A task in a system call owns the socket
 * (lock_sock); packets that arrive meanwhile wait on sk_backlog and are
 * processed by release_sock, so the receive path never sleeps and never
 * waits for a user.  slock guards owned and the backlog.
 * Linux: include/net/sock.h socket_lock_t */
typedef struct {
	spinlock_t slock;
	bool owned;
	wait_queue_head_t wq;	/* tasks waiting for the owner */
} socket_lock_t;

/* Linux: include/net/sock.h struct sock */
struct sock {
	unsigned short sk_family;	/* AF_UNIX, AF_INET, AF_INET6 */
	unsigned short sk_protocol;	/* IPPROTO_TCP, ...; 0 for AF_UNIX */
	bool sk_reuse, sk_reuseport;	/* SO_REUSEADDR, SO_REUSEPORT */
	bool sk_keepopen;		/* SO_KEEPALIVE (no probes are sent) */
	unsigned short sk_type;
	unsigned char sk_state;		/* TCP_ESTABLISHED or TCP_CLOSE */
	unsigned char sk_shutdown;	/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	bool sk_dead;			/* its socket was closed (SOCK_DEAD) */
	bool sk_passcred;		/* SO_PASSCRED (Linux: SOCK_PASSCRED) */
	int sk_err;			/* pending error, reported once */
	int sk_sndbuf, sk_rcvbuf;
	/* charges of our sk_buffs still queued, plus 1 while the sock
	 * lives: the sock is freed when this reaches 0.  A refcount_t, as
	 * Linux's: a reader on another CPU uncharges while we charge. */
	refcount_t sk_wmem_alloc;
	/* the socket's and peers' pointers: a refcount_t as Linux's, for
	 * a peer's sock_put() may race its own close */
	refcount_t sk_refcnt;
	int sk_max_ack_backlog;		/* listen()'s backlog */
	/* who made the peer's end, for SO_PEERCRED: pid 0 and ids -1
	 * until connected (Linux: sk_peer_pid, sk_peer_cred) */
	struct ucred sk_peer_cred;
	struct list_head sk_receive_queue;
	/* Linux: sk_receive_queue.lock — AF_UNIX's; inet's queue is under
	 * the owner lock (sk_lock) */
	spinlock_t sk_receive_queue_lock;
	struct socket *sk_socket;	/* NULL once closed (sock_orphan) */
	wait_queue_head_t *sk_wq;	/* sk_socket's queue, or NULL */
	/* sk_wq against sock_orphan(): a waker on another CPU must not
	 * touch the queue once the socket's last close may free it
	 * (Linux before 2.6.38; since then RCU, which Pollux has not) */
	spinlock_t sk_callback_lock;
	/* room came back (Linux: sk_write_space, unix_write_space) */
	void (*sk_write_space)(struct sock *sk);
	void (*sk_destruct)(struct sock *sk);	/* the family's last word */
	/* inet: the owner lock and the packets that came while owned */
	socket_lock_t sk_lock;
	struct list_head sk_backlog;
	int (*sk_backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	unsigned int sk_rmem_alloc;	/* received bytes' truesize queued */
};

/* Linux: net/core/sock.c lock_sock(), release_sock(); include/net/sock.h
 * bh_lock_sock(), sock_owned_by_user().  In Pollux the receive path runs
 * in process context (net_rx_action), so "bh" is interrupts off. */
void lock_sock(struct sock *sk);
void release_sock(struct sock *sk);
#define bh_lock_sock(sk, flags) spin_lock_irqsave(&(sk)->sk_lock.slock, flags)
#define bh_unlock_sock(sk, flags) \
	spin_unlock_irqrestore(&(sk)->sk_lock.slock, flags)
static inline bool sock_owned_by_user(const struct sock *sk)
{
	return sk->sk_lock.owned;
}
/* Queues skb for the owner (bh_lock_sock held).  Linux: sk_add_backlog() */
static inline void sk_add_backlog(struct sock *sk, struct sk_buff *skb)
{
	list_add_tail(&skb->list, &sk->sk_backlog);
}
void skb_orphan(struct sk_buff *skb);
/* A buffer for size bytes charged to nobody.  Linux: alloc_skb() */
struct sk_buff *alloc_skb(size_t size);

void sock_init_data(struct socket *sock, struct sock *sk);
/* Attaches an accepted sock to its new socket.  Linux: sock_graft() */
void sock_graft(struct sock *sk, struct socket *parent);
/* The peer credentials: the calling process's, or another sock's.
 * Linux: net/unix/af_unix.c init_peercred(), copy_peercred() */
void init_peercred(struct sock *sk);
void copy_peercred(struct sock *sk, struct sock *peersk);
void sock_hold(struct sock *sk);
void sock_put(struct sock *sk);
void sock_orphan(struct sock *sk);
/* Wakes sk's queue unless it was orphaned (sk_callback_lock) */
void sk_wake_up(struct sock *sk, int nr_exclusive, __poll_t key);
int sock_error(struct sock *sk);	/* -sk_err, cleared; or 0 */
static inline unsigned int sk_wmem_alloc_get(const struct sock *sk)
{
	return refcount_read(&sk->sk_wmem_alloc) - 1;
}

/* A buffer for len bytes, charged to sk: waits for room unless nonblock.
 * Linux: sock_alloc_send_pskb() */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, size_t head,
				    size_t data_len, bool nonblock, int *err);
/* Frees skb (its destructor first) and uncharges its sender.
 * Linux: kfree_skb() + sock_wfree() */
void kfree_skb(struct sk_buff *skb);
void skb_queue_purge(struct list_head *queue);
/* sk's receive queue under sk_receive_queue_lock.  Linux:
 * skb_queue_tail(), skb_dequeue(), skb_unlink() on sk->sk_receive_queue */
void sk_receive_queue_tail(struct sock *sk, struct sk_buff *skb);
struct sk_buff *sk_receive_dequeue(struct sock *sk);
void sk_receive_unlink(struct sock *sk, struct sk_buff *skb);
static inline struct sk_buff *skb_peek(struct list_head *queue)
{
	return list_empty(queue) ? NULL
				 : list_first_entry(queue, struct sk_buff, list);
}

/* The first buffer of sk's queue (left there with MSG_PEEK), or NULL
 * with *err: a pending error first, else -EAGAIN.
 * Linux: net/core/datagram.c __skb_try_recv_datagram() */
struct sk_buff *__skb_try_recv_datagram(struct sock *sk, int flags, int *err);
/* A packet for sk (referenced): processed now, or on the owner's
 * backlog; the reference dropped.  Linux: __sk_receive_skb() */
int __sk_receive_skb(struct sock *sk, struct sk_buff *skb);
int sockopt_get_int(char __user *optval, unsigned int optlen, int *val);
int sockopt_get_len(int __user *optlen, int *len);
int sockopt_put_int(char __user *optval, int __user *optlen, int len, int val);

/* Wake-ups on sk's queue.  Linux: sock_def_readable() (key EPOLLIN...),
 * sock_def_wakeup() (no key: everything re-polls) */
void sock_def_readable(struct sock *sk);
void sock_def_wakeup(struct sock *sk);

/* SOL_SOCKET options.  Linux: sk_setsockopt(), sk_getsockopt() */
int sock_setsockopt(struct socket *sock, int optname, char __user *optval,
		    unsigned int optlen);
int sock_getsockopt(struct socket *sock, int optname, char __user *optval,
		    int __user *optlen);

#endif
