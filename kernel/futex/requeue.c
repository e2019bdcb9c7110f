/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake some waiters of one futex
 * and move others, without waking them, to wait on a second one (a
 * condition variable's broadcast hands its waiters to the mutex instead
 * of waking them all to fight for it).  Not built: the PI forms.
 * Linux: kernel/futex/requeue.c
 */
#include <pollux/uaccess.h>
#include "futex.h"
#include <uapi/errno.h>

/*
 * Wakes up to nr_wake waiters of uaddr1 and moves up to nr_requeue more
 * to uaddr2, oldest first; with cmpval, only if *uaddr1 still holds it
 * (else -EAGAIN).  Returns how many were woken and moved.
 * Linux: kernel/futex/requeue.c futex_requeue()
 */
int futex_requeue(u32 __user *uaddr1, unsigned int flags,
		  u32 __user *uaddr2, int nr_wake, int nr_requeue,
		  u32 *cmpval)
{
	struct futex_key key1, key2;
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_q *this, *next;
	int task_count = 0, ret;
	u32 curval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	ret = get_futex_key_pair(uaddr1, uaddr2, flags, &key1, &key2);
	if (ret)
		return ret;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	double_lock_hb(hb1, hb2);
	if (cmpval && futex_get_value_locked(&curval, uaddr1)) {
		/* a fault under the locks: read (fault in) unlocked, retry */
		double_unlock_hb(hb1, hb2);
		if (get_user(curval, uaddr1))
			return -EFAULT;
		goto retry;
	}
	if (cmpval && curval != *cmpval) {
		double_unlock_hb(hb1, hb2);
		return -EAGAIN;
	}
	list_for_each_entry_safe(this, next, &hb1->chain, list) {
		if (task_count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&this->key, &key1))
			continue;
		if (++task_count <= nr_wake)
			futex_wake_mark(this);
		else
			requeue_futex(this, hb1, hb2, &key2);
	}
	double_unlock_hb(hb1, hb2);
	return task_count;
}
