/* Sleeping locks.  Linux: kernel/locking/mutex.c (no spinning, one CPU). */
#include <pollux/mutex.h>
#include <pollux/sched.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
}

void mutex_lock(struct mutex *m)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (!m->owner)
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
	m->owner = current;
}

void mutex_unlock(struct mutex *m)
{
	m->owner = NULL;
	wake_up(&m->wait);
}

bool mutex_is_locked(struct mutex *m)
{
	return m->owner != NULL;
}
