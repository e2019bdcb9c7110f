/*
 * AF_UNIX's sock, shared by the socket code (kernel/net/unix/af_unix.c)
 * and the garbage collector of sockets in flight (garbage.c).
 * Linux: include/net/af_unix.h, net/unix/af_unix.h.
 */
#ifndef POLLUX_AF_UNIX_H
#define POLLUX_AF_UNIX_H

#include <pollux/mutex.h>
#include <pollux/scm.h>
#include <pollux/sock.h>
#include <uapi/un.h>

/* A bound name: the sockaddr_un and its length as given (a path's
 * counted up to its NUL).  Linux: include/net/af_unix.h unix_address */
struct unix_address {
	int len;
	struct sockaddr_un name;
};

/* Linux: include/net/af_unix.h struct unix_sock */
struct unix_sock {
	struct sock sk;			/* first: unix_sk() is a cast */
	/* unix_state_lock(): sk_state, sk_shutdown, peer, and our receive
	 * queue against senders (who link under it) and readers' walks */
	spinlock_t lock;
	struct mutex iolock;		/* one reader at a time */
	struct mutex bindlock;		/* one bind (or autobind) at a time */
	struct sock *peer;		/* held (sock_hold) while set */
	struct unix_address *addr;	/* bound name, or NULL */
	struct inode *inode;		/* a bound path's inode (held) */
	struct list_head bound;		/* on unix_bound while bound */
	/* connect()s waiting for room in our backlog, datagram senders
	 * for room in our queue */
	wait_queue_head_t peer_wait;
	/* on our datagram peer's peer_wait while a poll or a send found
	 * its queue full; .private is that peer */
	wait_queue_entry_t peer_wake;
	/* times our file is in flight, and our place on the collector's
	 * list while that is not 0 (Linux: inflight, link) */
	unsigned long inflight;
	struct list_head link;
	bool gc_candidate, gc_maybe_cycle;	/* Linux: gc_flags */
};

/* Registers /proc/sys/net/unix.  Linux: af_unix_init() */
void af_unix_init(void);

static inline struct unix_sock *unix_sk(struct sock *sk)
{
	return (struct unix_sock *)sk;
}

/* Linux: net/unix/af_unix.h unix_state_lock(), unix_state_unlock() */
#define unix_state_lock(s) spin_lock(&unix_sk(s)->lock)
#define unix_state_unlock(s) spin_unlock(&unix_sk(s)->lock)
#define unix_state_lock_nested(s) \
	spin_lock_nested(&unix_sk(s)->lock, SINGLE_DEPTH_NESTING)

/* Files in flight: counted on their unix socket, if they are one.
 * Linux: net/unix/garbage.c unix_inflight(), unix_notinflight() */
void unix_inflight(struct file *fp);
void unix_notinflight(struct file *fp);
/* Frees the sockets that only their own queues' messages keep open.
 * Linux: net/unix/garbage.c unix_gc() */
void unix_gc(void);
/* A unix socket was released: run unix_gc on the way back to user mode
 * (Linux: unix_schedule_gc(), a work queue) */
void unix_schedule_gc(void);
extern bool unix_gc_scheduled;

static inline void unix_run_scheduled_gc(void)
{
	if (unix_gc_scheduled)
		unix_gc();
}

#endif
