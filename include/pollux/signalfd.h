/* The signal code's hooks into signalfd (kernel/fs/signalfd.c).
 * Linux: include/linux/signalfd.h */
#ifndef POLLUX_SIGNALFD_H
#define POLLUX_SIGNALFD_H

#include <pollux/poll.h>
#include <pollux/signal.h>

/* A signal was queued for tsk: wake its signalfd readers and pollers
 * (they wait on the task's queue, not the file's: readiness is the
 * pending signals of whoever reads or polls).  A plain wake_up, no key:
 * Linux's.  Linux: signalfd_notify() */
static inline void signalfd_notify(struct task_struct *tsk, int sig)
{
	if (waitqueue_active(&tsk->sighand->signalfd_wqh))
		wake_up(&tsk->sighand->signalfd_wqh);
}

/* sighand is about to be freed: epoll entries hooked on its queue
 * unhook themselves (POLLFREE).  Linux: fs/signalfd.c signalfd_cleanup() */
static inline void signalfd_cleanup(struct sighand_struct *sighand)
{
	wake_up_pollfree(&sighand->signalfd_wqh);
}

#endif
