/*
 * pidfds: a file that refers to a process.  It becomes readable when the
 * process exits (a zombie) and also hangs up (EPOLLHUP) once it is
 * reaped; pidfd_send_signal() signals through it, without the race of
 * kill() against a reused pid.  Linux: fs/pidfs.c, kernel/pid.c
 * pidfd_open(), kernel/fork.c pidfd_prepare().
 *
 * The struct pid is made at a task's first pidfd_open() and shared by
 * every pidfd of it, each holding one reference: the last close frees
 * it (and a live task forgets it), so a task's pid costs memory only
 * while a pidfd refers to it.  The task only points to it; when the task
 * is reaped (pidfs_exit), the pid forgets the task.
 *
 * Wake-ups: two, both with no key, so every epoll entry is queued (as
 * Linux's wake_up_all): the exit, from do_exit(), and the reap, from
 * release_task() (or from do_exit() too for a task no one will wait
 * for: Linux releases it at once).  An edge-triggered watcher sees each.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/pid.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/syscalls.h>
#include <uapi/errno.h>
#include <uapi/pidfd.h>

/* Linux: kernel/pid.c put_pid() */
static void put_pid(struct pid *pid)
{
	if (--pid->count)
		return;
	if (pid->task)
		pid->task->thread_pid = NULL;
	kfree(pid);
}

/* The task's struct pid, made at the first call; a reference taken.
 * Linux: get_task_pid() — Linux's exists from fork on */
static struct pid *get_task_pid(struct task_struct *t)
{
	struct pid *pid = t->thread_pid;

	if (!pid) {
		pid = kmalloc(sizeof(*pid));
		if (!pid)
			return NULL;
		pid->count = 0;
		pid->nr = t->pid;
		pid->task = t;
		init_waitqueue_head(&pid->wait_pidfd);
		t->thread_pid = pid;
	}
	pid->count++;
	return pid;
}

void do_notify_pidfd(struct task_struct *t)
{
	if (t->thread_pid)
		wake_up_all(&t->thread_pid->wait_pidfd);
}

void pidfs_exit(struct task_struct *t)
{
	struct pid *pid = t->thread_pid;

	if (!pid)
		return;
	t->thread_pid = NULL;
	pid->task = NULL;
	wake_up_all(&pid->wait_pidfd);
}

/* Linux: fs/pidfs.c pidfd_release() */
static int pidfd_release(struct inode *inode, struct file *file)
{
	put_pid(file->private_data);
	return 0;
}

/* Linux: fs/pidfs.c pidfd_poll() — no threads, so no group leader that
 * exits before its threads (delay_group_leader()) */
static __poll_t pidfd_poll(struct file *file, poll_table *pts)
{
	struct pid *pid = file->private_data;
	struct task_struct *task;

	poll_wait(file, &pid->wait_pidfd, pts);
	task = pid->task;
	if (!task)
		return EPOLLIN | EPOLLRDNORM | EPOLLHUP;
	if (task->state & (TASK_ZOMBIE | TASK_DEAD))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/* Linux: fs/pidfs.c pidfd_show_fdinfo() — -1 once reaped; NSpid has
 * one level, there being no pid namespaces */
static void pidfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct pid *pid = f->private_data;
	int nr = pid->task ? pid->nr : -1;

	seq_printf(m, "Pid:\t%d\nNSpid:\t%d\n", nr, nr);
}

/* No read, write or ioctl: EINVAL, EINVAL, ENOTTY.
 * Linux: fs/pidfs.c pidfs_file_operations */
static const struct file_operations pidfd_fops = {
	.release = pidfd_release,
	.poll = pidfd_poll,
	.show_fdinfo = pidfd_show_fdinfo,
};

struct pid *pidfd_pid(struct file *f)
{
	return f->f_op == &pidfd_fops ? f->private_data : NULL;
}

/* Linux: kernel/pid.c SYSCALL_DEFINE2(pidfd_open) + pidfd_create().
 * PIDFD_THREAD is accepted: with one thread per process, a thread's
 * pidfd and its process's are the same. */
long sys_pidfd_open(pid_t upid, unsigned int flags)
{
	struct task_struct *t;
	struct pid *pid;
	int fd;

	if (flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD))
		return -EINVAL;
	if (upid <= 0)
		return -EINVAL;
	t = find_task(upid);
	if (!t)
		return -ESRCH;
	pid = get_task_pid(t);
	put_task_struct(t);
	if (!pid)
		return -ENOMEM;
	fd = anon_inode_getfd("[pidfd]", &pidfd_fops, pid,
			      O_RDWR | O_CLOEXEC | (flags & PIDFD_NONBLOCK));
	if (fd < 0)
		put_pid(pid);
	return fd;
}
