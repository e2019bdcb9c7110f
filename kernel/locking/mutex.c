/* Sleeping locks.  Linux: kernel/locking/mutex.c (no optimistic spinning,
 * no handoff: a woken waiter competes again for the owner field). */
#include <pollux/mutex.h>
#include <pollux/sched.h>
#include <pollux/printk.h>
#include <pollux/signal.h>
#include <uapi/errno.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __mutex_init(struct mutex *m, const char *name,
		  struct lock_class_key *key)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
	lockdep_init_map(&m->dep_map, name, key);
}

static bool mutex_trylock_fast(struct mutex *m)
{
	struct task_struct *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/*
 * The waiter is on the queue and marked asleep before it tries the owner
 * field, so an unlock between the try and schedule() wakes it: schedule()
 * then returns at once.  A woken waiter tries the lock before it looks
 * for a signal, so an interruptible one gives up only while another task
 * holds the lock, whose unlock wakes the next waiter: none is left
 * asleep on a free mutex.  Linux: __mutex_lock_common()
 */
static __noinline int __mutex_lock_slowpath(struct mutex *m, unsigned int state)
{
	DEFINE_WAIT(wait);
	int ret = 0;

	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &wait, state);
		if (mutex_trylock_fast(m))
			break;
		if (state == TASK_INTERRUPTIBLE && signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&m->wait, &wait);
	return ret;
}

/* Uncontended, a lock is one compare-and-exchange; 0, or -EINTR when a
 * signal ended an interruptible wait (the lock not taken).
 * Linux: mutex_lock(), __mutex_trylock_fast() */
static int __mutex_lock(struct mutex *m, unsigned int state, int subclass,
			unsigned long ip)
{
	int ret = 0;

	might_sleep();
	if (unlikely(debug_locks))
		lock_acquire(&m->dep_map, subclass, false, ip);
	if (!mutex_trylock_fast(m))
		ret = __mutex_lock_slowpath(m, state);
	if (ret && unlikely(debug_locks))
		lock_release(&m->dep_map, ip);
	return ret;
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *m, int subclass)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}

/* Linux: mutex_lock_interruptible() */
int mutex_lock_interruptible(struct mutex *m)
{
	return __mutex_lock(m, TASK_INTERRUPTIBLE, 0, _RET_IP_);
}

/* Takes the mutex only if it is free, never sleeps.  Linux: mutex_trylock() */
bool mutex_trylock(struct mutex *m)
{
	if (!mutex_trylock_fast(m))
		return false;
	if (unlikely(debug_locks))
		lock_acquire(&m->dep_map, 0, true, _RET_IP_);
	return true;
}

/*
 * The exchange is a full barrier: either a waiter's trylock, after it
 * queued itself (prepare_to_wait_exclusive), sees the owner gone, or we
 * see it on the queue here and wake it.  Nobody waiting, nothing more
 * to do.  Linux: mutex_unlock(), __mutex_unlock_slowpath() only with
 * MUTEX_FLAG_WAITERS
 */
void mutex_unlock(struct mutex *m)
{
	if (unlikely(m->owner != current))
		printk("WARNING: mutex %s unlocked by %s/%d, not its owner\n",
		       m->dep_map.name, current->comm, current->pid);
	if (unlikely(debug_locks))
		lock_release(&m->dep_map, _RET_IP_);
	(void)__atomic_exchange_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
