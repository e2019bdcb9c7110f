/*
 * A sleeping lock, as Linux's struct mutex: a task that finds it taken
 * sleeps on its wait queue.  Not for interrupt context, nor with a
 * spinlock held (the lock checker says "sleeping function called from
 * invalid context").  The owner is set by compare-and-exchange, so two
 * tasks that find the mutex free at once (preempted between the test and
 * the set, or on two CPUs) cannot both take it.
 * Linux: include/linux/mutex.h, kernel/locking/mutex.c
 */
#ifndef POLLUX_MUTEX_H
#define POLLUX_MUTEX_H

#include <pollux/wait.h>
#include <pollux/lockdep.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;	/* NULL when free */
	wait_queue_head_t wait;		/* the tasks that wait for it */
	struct lockdep_map dep_map;
};

void __mutex_init(struct mutex *m, const char *name,
		  struct lock_class_key *key);
/* One lock class per call site, as spin_lock_init() */
#define mutex_init(m)                                  \
	do {                                           \
		static struct lock_class_key __key;    \
		__mutex_init((m), #m, &__key);         \
	} while (0)

void mutex_lock(struct mutex *m);
/* For a hierarchy of mutexes of one class (nested epolls' ep->mtx): the
 * depth makes each level a class of its own.  Linux: mutex_lock_nested() */
void mutex_lock_nested(struct mutex *m, int subclass);
void mutex_unlock(struct mutex *m);
bool mutex_trylock(struct mutex *m);	/* true if it took m */
/* Linux: include/linux/mutex.h mutex_is_locked() */
static inline bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}

#endif
