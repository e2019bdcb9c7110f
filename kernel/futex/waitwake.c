/*
 * FUTEX_WAIT and FUTEX_WAKE (and their _BITSET forms), FUTEX_WAKE_OP.
 * The waiter checks that *uaddr still holds the value it saw and queues
 * itself under its hash bucket's lock (hb->lock, as Linux), which every
 * waker takes to look at the queue, so a waker that changes the word
 * first and then calls futex_wake() never misses it -- also when the
 * waiter is preempted (preempt=full) or, one day, on another CPU.
 * Lock order: hb1->lock > hb2->lock (address order) > runqueue_lock.
 * Linux: kernel/futex/waitwake.c
 */
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/printk.h>
#include <pollux/uaccess.h>
#include "futex.h"

/* Wakes up to nr_wake waiters of key on hb whose bitset meets bitset,
 * oldest first; how many woke (nr_wake <= 0 wakes one, as Linux). */
static int wake_waiters(struct futex_hash_bucket *hb,
			const struct futex_key *key, int nr_wake, u32 bitset)
{
	struct futex_q *this, *next;
	int woken = 0;

	lockdep_assert_held(&hb->lock);
	list_for_each_entry_safe(this, next, &hb->chain, list) {
		if (!futex_match(&this->key, key) || !(this->bitset & bitset))
			continue;
		futex_wake_mark(this);
		if (++woken >= nr_wake)
			break;
	}
	return woken;
}

/* Linux: kernel/futex/waitwake.c futex_wake() */
int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_key key;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, flags, &key);
	if (ret)
		return ret;
	hb = futex_hash(&key);
	spin_lock(&hb->lock);
	ret = wake_waiters(hb, &key, nr_wake, bitset);
	spin_unlock(&hb->lock);
	return ret;
}

/*
 * Finds q's key and checks that *uaddr == val: 0 with q's bucket locked
 * (*hb), or -EAGAIN (the value moved on: the wake-up the caller would
 * wait for has happened), -EFAULT, -EINVAL.  The read under the lock
 * cannot fault the page in (it would sleep for mmap_lock): on a fault
 * the page is read once unlocked, which faults it in, and all is done
 * again.  Linux: kernel/futex/waitwake.c futex_wait_setup()
 */
static int futex_wait_setup(u32 __user *uaddr, u32 val, unsigned int flags,
			    struct futex_q *q, struct futex_hash_bucket **hb)
{
	u32 uval;
	int ret;

	for (;;) {
		ret = get_futex_key(uaddr, flags, &q->key);
		if (ret)
			return ret;
		*hb = futex_hash(&q->key);
		spin_lock(&(*hb)->lock);
		if (!futex_get_value_locked(&uval, uaddr))
			break;
		spin_unlock(&(*hb)->lock);
		if (get_user(uval, uaddr))
			return -EFAULT;
	}
	ret = uval == val ? 0 : -EAGAIN;
	if (ret)
		spin_unlock(&(*hb)->lock);
	return ret;
}

/*
 * Queues q and sleeps once, until a waker unqueues it, the deadline
 * passes or a signal comes.  hb->lock, held since futex_wait_setup()'s
 * check, keeps wakers out until q is queued (futex_queue drops it).
 * Linux: kernel/futex/waitwake.c futex_do_wait()
 */
static void futex_do_wait(struct futex_q *q, struct futex_hash_bucket *hb,
			  ktime_t *abs_time)
{
	set_current_state(TASK_INTERRUPTIBLE);
	futex_queue(q, hb);
	if (!signal_pending(current))
		schedule_hrtimeout(abs_time);
	set_current_state(TASK_RUNNING);
}

/* Linux: kernel/futex/waitwake.c __futex_wait() */
static int __futex_wait(u32 __user *uaddr, unsigned int flags, u32 val,
			ktime_t *abs_time, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_hash_bucket *hb;
	int ret;

	if (!bitset)
		return -EINVAL;
	INIT_LIST_HEAD(&q.list);
	for (;;) {
		ret = futex_wait_setup(uaddr, val, flags, &q, &hb);
		if (ret)
			return ret;
		futex_do_wait(&q, hb, abs_time);
		if (!futex_unqueue(&q))
			return 0;		/* woken */
		if (abs_time && !ktime_after(*abs_time, ktime_get()))
			return -ETIMEDOUT;
		if (signal_pending(current))
			return -ERESTARTSYS;
		/* woken for nothing: check the value again */
	}
}

static long futex_wait_restart(struct restart_block *restart);

/*
 * Waits on uaddr while it holds val, until woken by a waker whose bitset
 * meets ours, or the monotonic deadline *abs_time (NULL: none).  A
 * signal without a handler restarts the wait: from scratch if it has no
 * deadline (-ERESTARTSYS), else to the same deadline (futex_wait_restart);
 * a handler sees EINTR.  Linux: kernel/futex/waitwake.c futex_wait()
 */
int futex_wait(u32 __user *uaddr, unsigned int flags, u32 val,
	       ktime_t *abs_time, u32 bitset)
{
	struct restart_block *restart = &current->restart_block;
	int ret = __futex_wait(uaddr, flags, val, abs_time, bitset);

	if (ret != -ERESTARTSYS || !abs_time)
		return ret;
	restart->futex.uaddr = uaddr;
	restart->futex.val = val;
	restart->futex.bitset = bitset;
	restart->futex.flags = flags;
	restart->expires = *abs_time;
	restart->fn = futex_wait_restart;
	return -ERESTART_RESTARTBLOCK;
}

/* Linux: kernel/futex/waitwake.c futex_wait_restart() */
static long futex_wait_restart(struct restart_block *restart)
{
	ktime_t t = restart->expires;

	restart->fn = do_no_restart_syscall;
	return futex_wait(restart->futex.uaddr, restart->futex.flags,
			  restart->futex.val, &t, restart->futex.bitset);
}

/* 32-bit sign extension of the value's low bits up to bit index.
 * Linux: include/linux/bitops.h sign_extend32() */
static int sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (int)(value << shift) >> shift;
}

/* *uaddr = *uaddr OP oparg, atomically: 0 with the old value in *oval,
 * -ENOSYS for an unknown op (memory untouched), or -EFAULT.
 * Linux: arch/x86/include/asm/futex.h arch_futex_atomic_op_inuser() */
static int arch_futex_atomic_op_inuser(int op, u32 oparg, int *oval,
				       u32 __user *uaddr)
{
	u32 old, new, cur;
	int ret;

	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (futex_get_value_locked(&old, uaddr))
		return -EFAULT;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET:  new = oparg; break;
		case FUTEX_OP_ADD:  new = old + oparg; break;
		case FUTEX_OP_OR:   new = old | oparg; break;
		case FUTEX_OP_ANDN: new = old & ~oparg; break;
		default:	    new = old ^ oparg; break;	/* XOR */
		}
		ret = futex_cmpxchg_value_locked(&cur, uaddr, old, new);
		if (ret)
			return ret;
		if (cur == old)
			break;
		old = cur;	/* changed by a thread on another CPU: again */
	}
	*oval = old;
	return 0;
}

/*
 * FUTEX_WAKE_OP's encoded op (FUTEX_OP() in uapi/futex.h): does the
 * operation on *uaddr and returns whether the old value passes the
 * comparison (1 or 0), or -ENOSYS (unknown op or comparison: the op is
 * done first for a bad comparison, as Linux), -EFAULT.
 * Linux: kernel/futex/waitwake.c futex_atomic_op_inuser()
 */
static int futex_atomic_op_inuser(unsigned int encoded_op, u32 __user *uaddr)
{
	unsigned int op = (encoded_op & 0x70000000) >> 28;
	unsigned int cmp = (encoded_op & 0x0f000000) >> 24;
	int oparg = sign_extend32((encoded_op & 0x00fff000) >> 12, 11);
	int cmparg = sign_extend32(encoded_op & 0x00000fff, 11);
	int oldval, ret;

	if (encoded_op & (FUTEX_OP_OPARG_SHIFT << 28)) {
		if (oparg < 0 || oparg > 31) {
			printk("futex_wake_op: %s tries to shift op by %d; "
			       "fix this program\n", current->comm, oparg);
			oparg &= 31;
		}
		oparg = 1 << oparg;
	}
	ret = arch_futex_atomic_op_inuser(op, oparg, &oldval, uaddr);
	if (ret)
		return ret;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return oldval == cmparg;
	case FUTEX_OP_CMP_NE: return oldval != cmparg;
	case FUTEX_OP_CMP_LT: return oldval < cmparg;
	case FUTEX_OP_CMP_GE: return oldval >= cmparg;
	case FUTEX_OP_CMP_LE: return oldval <= cmparg;
	case FUTEX_OP_CMP_GT: return oldval > cmparg;
	default: return -ENOSYS;
	}
}

/*
 * Changes *uaddr2 by op, wakes up to nr_wake waiters of uaddr1 and, if
 * the old *uaddr2 passed op's comparison, up to nr_wake2 of uaddr2 (one
 * call for "unlock the mutex and signal the condition").  Returns how
 * many woke.  Linux: kernel/futex/waitwake.c futex_wake_op()
 */
int futex_wake_op(u32 __user *uaddr1, unsigned int flags,
		  u32 __user *uaddr2, int nr_wake, int nr_wake2, int op)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	int ret, op_ret;

retry:
	ret = get_futex_key_pair(uaddr1, uaddr2, flags, &key1, &key2);
	if (ret)
		return ret;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	double_lock_hb(hb1, hb2);
	op_ret = futex_atomic_op_inuser(op, uaddr2);
	if (op_ret < 0) {
		double_unlock_hb(hb1, hb2);
		/* a fault under the locks: fault the page in, unlocked */
		if (op_ret == -EFAULT && !fault_in_user_writeable(uaddr2))
			goto retry;
		return op_ret;
	}
	ret = wake_waiters(hb1, &key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (op_ret > 0)
		ret += wake_waiters(hb2, &key2, nr_wake2,
				    FUTEX_BITSET_MATCH_ANY);
	double_unlock_hb(hb1, hb2);
	return ret;
}
