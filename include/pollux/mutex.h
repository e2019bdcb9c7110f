/*
 * A sleeping lock, as Linux's struct mutex: a task that finds it taken
 * sleeps on its wait queue.  Not for interrupt context.  Since the kernel
 * is not preempted, a mutex only matters across a sleep (e.g. a copy to
 * user space that faults, or a blocking call made while holding it).
 */
#ifndef POLLUX_MUTEX_H
#define POLLUX_MUTEX_H

#include <pollux/wait.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;
	wait_queue_head_t wait;
};

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);

#endif
