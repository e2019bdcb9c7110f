/* Sleeping locks.  Linux: kernel/locking/mutex.c (no optimistic spinning,
 * no handoff: a woken waiter competes again for the owner field). */
#include <pollux/mutex.h>
#include <pollux/sched.h>
#include <pollux/printk.h>

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
 * then returns at once.  Linux: __mutex_lock_common()
 */
static __noinline void __mutex_lock_slowpath(struct mutex *m)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock_fast(m))
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
}

/* The lock checker's part, out of line: the fast path below then saves
 * no registers for it.  Linux: mutex_acquire() with might_sleep() */
static __noinline void mutex_acquire_check(struct mutex *m, int subclass,
					   unsigned long ip)
{
	might_sleep();
	lock_acquire(&m->dep_map, subclass, false, ip);
}

/* Uncontended, a lock is one compare-and-exchange.
 * Linux: mutex_lock(), __mutex_trylock_fast() */
static __always_inline void __mutex_lock(struct mutex *m, int subclass,
					 unsigned long ip)
{
	if (unlikely(debug_locks))
		mutex_acquire_check(m, subclass, ip);
	if (!mutex_trylock_fast(m))
		__mutex_lock_slowpath(m);
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *m, int subclass)
{
	__mutex_lock(m, subclass, _RET_IP_);
}

/* A wrong owner, and the lock checker's part: out of line, as the
 * acquire's.  Linux: mutex_release(), DEBUG_MUTEXES' owner check */
static __noinline void mutex_release_check(struct mutex *m, unsigned long ip)
{
	if (m->owner != current)
		printk("WARNING: mutex %s unlocked by %s/%d, not its owner\n",
		       m->dep_map.name, current->comm, current->pid);
	if (debug_locks)
		lock_release(&m->dep_map, ip);
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
	if (unlikely(m->owner != current || debug_locks))
		mutex_release_check(m, _RET_IP_);
	(void)__atomic_exchange_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}

/* Takes m if it is free, never sleeps.  Linux: mutex_trylock() */
bool mutex_trylock(struct mutex *m)
{
	if (!mutex_trylock_fast(m))
		return false;
	if (unlikely(debug_locks))
		lock_acquire(&m->dep_map, 0, true, _RET_IP_);
	return true;
}
