/*
 * Futex keys, hash buckets and the wait queue on them; robust lists,
 * walked when their owner exits or execs.  A futex is an aligned u32 in
 * user memory: user space changes it atomically, and calls the kernel
 * only to sleep until it changes (futex_wait) or to wake who sleeps on it
 * (futex_wake).  The kernel keeps no state per futex, only its waiters,
 * hashed on the key (see futex.h).
 * Linux: kernel/futex/core.c
 */
#include <pollux/sched.h>
#include <pollux/mm.h>
#include <pollux/uaccess.h>
#include "futex.h"

#define FUTEX_HASH_BITS 8

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASH_BITS];

/* Linux: kernel/futex/core.c futex_init() */
void futex_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(futex_queues); i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}

/* Linux: kernel/futex/core.c futex_hash() (jhash2 of the key) */
struct futex_hash_bucket *futex_hash(const struct futex_key *key)
{
	u64 h = (u64)key->ptr ^ key->word ^ key->offset;

	h *= 0x61c8864680b583ebULL;	/* GOLDEN_RATIO_64 */
	return &futex_queues[h >> (64 - FUTEX_HASH_BITS)];
}

/* Linux: kernel/futex/futex.h double_lock_hb() */
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	if (hb1 > hb2) {
		struct futex_hash_bucket *t = hb1;

		hb1 = hb2;
		hb2 = t;
	}
	spin_lock(&hb1->lock);
	if (hb1 != hb2)		/* one lock class: the second a level down */
		spin_lock_nested(&hb2->lock, SINGLE_DEPTH_NESTING);
}

void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	spin_unlock(&hb1->lock);
	if (hb1 != hb2)
		spin_unlock(&hb2->lock);
}

/*
 * The user page's frame if it is MAP_SHARED, faulting it in first (a
 * stack page not yet touched); 0 for a private page; -EFAULT if nothing
 * is mapped there, only PROT_NONE, or a read-only private page (it will
 * never change: no use as a futex, says Linux).  A copy-on-write page
 * is writable: its copy is made at the first write.
 */
static s64 shared_frame(u32 __user *uaddr)
{
	u64 *pte = mm_walk(current->mm, (u64)uaddr);
	u32 v;

	if (!pte || !(*pte & PTE_P)) {
		if (get_user(v, uaddr))
			return -EFAULT;
		pte = mm_walk(current->mm, (u64)uaddr);
		if (!pte || !(*pte & PTE_P))
			return -EFAULT;
	}
	if (*pte & PTE_SHARED)
		return *pte & PTE_ADDR;
	return pte_write(*pte) ? 0 : -EFAULT;	/* copy-on-write counts */
}

/*
 * The key of the futex at uaddr: -EINVAL if it is not aligned, -EFAULT if
 * it is not user memory.  A private key needs no page (an unmapped word
 * is found out when read); a shared one needs the page, to see whether
 * it is MAP_SHARED.  Linux: kernel/futex/core.c get_futex_key()
 */
int get_futex_key(u32 __user *uaddr, unsigned int flags,
		  struct futex_key *key)
{
	u64 address = (u64)uaddr;
	s64 frame;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	key->ptr = current->mm;
	key->word = address & ~(PAGE_SIZE - 1);
	key->offset = address % PAGE_SIZE;
	if (!(flags & FLAGS_SHARED))
		return 0;
	frame = shared_frame(uaddr);
	if (frame < 0)
		return frame;
	if (!frame) {
		key->offset |= FUT_OFF_MMSHARED;
		return 0;
	}
	key->ptr = NULL;
	key->word = frame;
	key->offset |= FUT_OFF_INODE;
	return 0;
}

/* The keys of a two-futex op (REQUEUE, WAKE_OP): uaddr1's, then uaddr2's */
int get_futex_key_pair(u32 __user *uaddr1, u32 __user *uaddr2,
		       unsigned int flags, struct futex_key *key1,
		       struct futex_key *key2)
{
	int ret = get_futex_key(uaddr1, flags, key1);

	return ret ? ret : get_futex_key(uaddr2, flags, key2);
}

/* Linux: kernel/futex/core.c futex_queue() — behind those already there,
 * so wakes go oldest first (Linux: by priority, then FIFO) */
void futex_queue(struct futex_q *q, struct futex_hash_bucket *hb)
{
	list_add_tail(&q->list, &hb->chain);
	q->lock_ptr = &hb->lock;
	spin_unlock(&hb->lock);
}

/* 1 if q was still queued (no one woke it), 0 if a waker took it off.
 * A requeue may move q to another bucket between the read of lock_ptr
 * and the lock: then again.  Linux: kernel/futex/core.c futex_unqueue() */
int futex_unqueue(struct futex_q *q)
{
	spinlock_t *lock_ptr;
	int ret;

retry:
	lock_ptr = READ_ONCE(q->lock_ptr);
	spin_lock(lock_ptr);
	if (lock_ptr != READ_ONCE(q->lock_ptr)) {
		spin_unlock(lock_ptr);
		goto retry;
	}
	ret = !list_empty(&q->list);
	list_del_init(&q->list);
	spin_unlock(lock_ptr);
	return ret;
}

/* Takes q off its chain (the waiter sees it was woken) and wakes its
 * task; under q's bucket lock.  Linux: kernel/futex/waitwake.c futex_wake_mark() */
void futex_wake_mark(struct futex_q *q)
{
	list_del_init(&q->list);
	wake_up_process(q->task);
}

/* Moves q to key2's chain (it keeps its place if that is the same):
 * its waiter now waits on the other futex.
 * Linux: kernel/futex/requeue.c requeue_futex() */
void requeue_futex(struct futex_q *q, struct futex_hash_bucket *hb1,
		   struct futex_hash_bucket *hb2, const struct futex_key *key2)
{
	if (hb1 != hb2) {
		list_del(&q->list);
		list_add_tail(&q->list, &hb2->chain);
		q->lock_ptr = &hb2->lock;
	}
	q->key = *key2;
}

/* The word, read under hb->lock: a fault fails (-EFAULT) instead of
 * sleeping for mmap_lock; the caller drops the lock, faults the page in
 * and retries.  Linux: kernel/futex/futex.h futex_get_value_locked() */
int futex_get_value_locked(u32 *dest, u32 __user *from)
{
	int ret;

	pagefault_disable();
	ret = get_user(*dest, from);
	pagefault_enable();
	return ret;
}

/* Linux: kernel/futex/core.c futex_cmpxchg_value_locked() */
int futex_cmpxchg_value_locked(u32 *curval, u32 __user *uaddr, u32 uval,
			       u32 newval)
{
	int ret;

	pagefault_disable();
	ret = futex_atomic_cmpxchg_inatomic(curval, uaddr, uval, newval);
	pagefault_enable();
	return ret;
}

/* The page of uaddr present and writable (a CoW copy made), or -EFAULT.
 * Linux: kernel/futex/core.c fault_in_user_writeable() */
int fault_in_user_writeable(u32 __user *uaddr)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_read_lock(mm);
	ret = fixup_user_fault(mm, (u64)uaddr, true);
	mmap_read_unlock(mm);
	return ret;
}

/* ------------------------------------------------------- robust lists */

/*
 * The lock at uaddr, on the list of curr, which is dying: if curr still
 * owns it (the TID in the word), mark it FUTEX_OWNER_DIED, keep
 * FUTEX_WAITERS, and wake one waiter so that it takes the lock over.  A
 * pending op with no owner (curr died between release and wake) wakes
 * one too.  -1 to stop the walk (a fault), else 0.
 * Linux: kernel/futex/core.c handle_futex_death()
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *curr,
			      bool pi, bool pending_op)
{
	u32 uval, nval, mval;
	u32 owner;

	if ((u64)uaddr % sizeof(u32))
		return -1;
	for (;;) {
		if (get_user(uval, uaddr))	/* no lock held: may fault */
			return -1;
		owner = uval & FUTEX_TID_MASK;
		if (pending_op && !pi && !owner) {
			futex_wake(uaddr, FLAGS_SHARED, 1,
				   FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if (owner != (u32)curr->pid)
			return 0;
		mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (futex_cmpxchg_value_locked(&nval, uaddr, uval, mval)) {
			if (fault_in_user_writeable(uaddr))
				return -1; /* read-only: the lock stays held */
			continue;
		}
		if (nval == uval)
			break;
	}
	/* a PI futex's waiters are woken by its pi_state (not built) */
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* Reads a list pointer: bit 0 marks a PI futex.
 * Linux: kernel/futex/core.c fetch_robust_entry() */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user *__user *head,
			      bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (void __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/*
 * Walks curr's robust list, at most ROBUST_LIST_LIMIT entries (the list
 * is user memory: it may loop), then the pending entry; stops at the
 * first fault.  Linux: kernel/futex/core.c exit_robust_list()
 */
static void exit_robust_list(struct task_struct *curr)
{
	struct robust_list_head __user *head = curr->robust_list;
	struct robust_list __user *entry, *next_entry, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, pip, next_pi;
	long futex_offset;
	int rc;

	if (fetch_robust_entry(&entry, &head->list.next, &pi))
		return;
	if (get_user(futex_offset, &head->futex_offset))
		return;
	if (fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		/* the next before this one's word is changed */
		rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		/* the pending lock may be on the list already: once */
		if (entry != pending &&
		    handle_futex_death((void __user *)entry + futex_offset,
				       curr, pi, false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((void __user *)pending + futex_offset,
				   curr, pip, true);
}

/* Linux: kernel/futex/core.c futex_cleanup() */
static void futex_cleanup(struct task_struct *tsk)
{
	if (tsk->robust_list) {
		exit_robust_list(tsk);
		tsk->robust_list = NULL;
	}
}

/* Linux: kernel/futex/core.c futex_exit_release() */
void futex_exit_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}

/* Linux: kernel/futex/core.c futex_exec_release() */
void futex_exec_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}
