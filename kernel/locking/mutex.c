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
static void __mutex_lock(struct mutex *m, int subclass, unsigned long ip)
{
	DEFINE_WAIT(wait);

	might_sleep();
	lock_acquire(&m->dep_map, subclass, false, ip);
	if (mutex_trylock_fast(m))
		return;
	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock_fast(m))
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *m, int subclass)
{
	__mutex_lock(m, subclass, _RET_IP_);
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != current)
		printk("WARNING: mutex %s unlocked by %s/%d, not its owner\n",
		       m->dep_map.name, current->comm, current->pid);
	lock_release(&m->dep_map, _RET_IP_);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	wake_up(&m->wait);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
