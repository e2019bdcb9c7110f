/*
 * struct pid: what a pidfd refers to.  It outlives its task: a pidfd
 * opened on a process still answers after the process is reaped (EPOLLHUP,
 * ESRCH, "Pid: -1"), and its pid number may be reused meanwhile.
 * Linux: include/linux/pid.h, fs/pidfs.c.
 */
#ifndef POLLUX_PID_H
#define POLLUX_PID_H

#include <pollux/wait.h>

struct task_struct;
struct file;

/* Linux: struct pid — made at the first pidfd_open() of a task (Pollux
 * gives no other task a struct pid) and freed with the last pidfd; no
 * namespaces, one level. */
struct pid {
	int count;			/* the pidfds of it */
	pid_t nr;
	struct task_struct *task;	/* NULL once reaped (pid_task()) */
	wait_queue_head_t wait_pidfd;	/* pollers of the pidfds */
};

/* The struct pid of a pidfd, or NULL if f is not one.  Linux:
 * fs/pidfs.c pidfd_pid() (which answers -EBADF) */
struct pid *pidfd_pid(struct file *f);
/* At exit: wakes the pidfds' pollers, as the task is now a zombie (or
 * dead).  Linux: kernel/signal.c do_notify_pidfd() */
void do_notify_pidfd(struct task_struct *t);
/* When t is reaped: its pidfds see it gone (the pid forgets t).
 * Linux: kernel/exit.c release_task() -> pidfs_exit(), and the wake-up
 * of kernel/pid.c __change_pid() */
void pidfs_exit(struct task_struct *t);

#endif
