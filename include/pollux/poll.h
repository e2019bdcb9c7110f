/*
 * poll tables, as Linux's include/linux/poll.h.  A file's ->poll(file, pt)
 * calls poll_wait(file, &its_wait_queue, pt) for every queue that can
 * signal a change, then returns the current event mask.  poll_wait hands
 * the queue to pt's _qproc: select/poll's queues a plain waiter,
 * eventpoll's (ep_ptable_queue_proc) hooks ep_poll_callback in.  With
 * pt == NULL (or no _qproc) ->poll only reports the mask.
 */
#ifndef POLLUX_POLL_H
#define POLLUX_POLL_H

#include <pollux/fs.h>
#include <pollux/kernel.h>
#include <pollux/sched.h>
#include <pollux/time.h>
#include <uapi/poll.h>
#include <uapi/epoll.h>

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;	/* events the caller is interested in */
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address,
			     poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

/* Kernel-only key: the wait queue is being freed, every entry must
 * unhook itself.  Linux: include/uapi/asm-generic/poll.h POLLFREE */
#define POLLFREE ((__poll_t)0x4000)

/* Wakes with EPOLLHUP | POLLFREE before wq_head's memory goes: only
 * epoll hooks entries on a queue that can be freed under them (a
 * signalfd's sighand; select and poll wait on their own task's).  An
 * entry left would be written through freed memory: Linux warns, Pollux
 * stops here.  Linux: include/linux/wait.h wake_up_pollfree() */
static inline void wake_up_pollfree(wait_queue_head_t *wq_head)
{
	if (waitqueue_active(wq_head)) {
		__wake_up(wq_head, TASK_NORMAL, 0,
			  (void *)(unsigned long)(EPOLLHUP | POLLFREE));
		BUG_ON(waitqueue_active(wq_head));
	}
}

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

/* Linux: include/linux/poll.h vfs_poll() */
static inline __poll_t vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op->poll != NULL;
}

/* The deadline *to for a timeout of sec s + nsec ns from now: 0 for a
 * zero timeout, -EINVAL for a bad one.  Linux: fs/select.c */
int poll_select_set_timeout(ktime_t *to, time64_t sec, long nsec);

#endif
