/*
 * Futex internals, shared by core.c (keys, hash buckets, queueing, robust
 * lists), waitwake.c, requeue.c and syscalls.c.  A bucket's lock
 * (hb->lock, as Linux) keeps a waiter's test of the futex word and its
 * queueing in one piece against a waker on another CPU.
 * Linux: kernel/futex/futex.h
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <pollux/futex.h>
#include <pollux/list.h>
#include <pollux/spinlock.h>
#include <pollux/time.h>

/*
 * What a waiter and a waker must agree on to meet.  Private futexes, and
 * shared ones on a private page: (mm, address).  Shared futexes on a
 * MAP_SHARED page (PTE_SHARED): the physical frame, whoever maps it and
 * wherever.  offset holds the word's offset in its page and which kind
 * the key is, so a private and a shared key never match (as Linux).
 * Linux: union futex_key, FUT_OFF_INODE, FUT_OFF_MMSHARED
 */
#define FUT_OFF_INODE		1	/* key on the frame (Linux: the inode) */
#define FUT_OFF_MMSHARED	2	/* shared op on a private page */

struct futex_key {
	void *ptr;		/* the mm, or NULL for a frame */
	u64 word;		/* the page: its user address, or its frame */
	unsigned int offset;	/* offset in the page | FUT_OFF_* */
};

/* Linux: kernel/futex/futex.h futex_match() */
static inline bool futex_match(const struct futex_key *a,
			       const struct futex_key *b)
{
	return a->ptr == b->ptr && a->word == b->word &&
	       a->offset == b->offset;
}

/* Waiters whose keys hash alike share a bucket.  Linux: futex_hash_bucket */
struct futex_hash_bucket {
	spinlock_t lock;		/* the chain, and a waiter's value test */
	struct list_head chain;		/* of futex_q, oldest first */
};

/* One waiting task, on its kernel stack.  Queued while q->list is on a
 * bucket's chain; a waker unqueues it before waking the task, so an empty
 * list means "woken".  Linux: struct futex_q */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;			/* WAIT_BITSET's, matched by WAKE_BITSET */
	spinlock_t *lock_ptr;		/* its bucket's lock (requeue moves it) */
};

/* core.c */
int get_futex_key(u32 __user *uaddr, unsigned int flags,
		  struct futex_key *key);
int get_futex_key_pair(u32 __user *uaddr1, u32 __user *uaddr2,
		       unsigned int flags, struct futex_key *key1,
		       struct futex_key *key2);
struct futex_hash_bucket *futex_hash(const struct futex_key *key);
/* Two buckets locked in address order (one if the same).
 * Linux: kernel/futex/futex.h double_lock_hb() */
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);
void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);
/* Queues q on hb, whose lock the caller holds, and drops the lock. */
void futex_queue(struct futex_q *q, struct futex_hash_bucket *hb);
int futex_unqueue(struct futex_q *q);
void futex_wake_mark(struct futex_q *q);
void requeue_futex(struct futex_q *q, struct futex_hash_bucket *hb1,
		   struct futex_hash_bucket *hb2, const struct futex_key *key2);
int futex_get_value_locked(u32 *dest, u32 __user *from);
int futex_cmpxchg_value_locked(u32 *curval, u32 __user *uaddr, u32 uval,
			       u32 newval);
int fault_in_user_writeable(u32 __user *uaddr);

/* waitwake.c */
int futex_wait(u32 __user *uaddr, unsigned int flags, u32 val,
	       ktime_t *abs_time, u32 bitset);
int futex_wake_op(u32 __user *uaddr1, unsigned int flags,
		  u32 __user *uaddr2, int nr_wake, int nr_wake2, int op);

/* requeue.c */
int futex_requeue(u32 __user *uaddr1, unsigned int flags,
		  u32 __user *uaddr2, int nr_wake, int nr_requeue,
		  u32 *cmpval);

#endif
