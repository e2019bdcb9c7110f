/* exit, exit_group, wait4.  Linux: kernel/exit.c */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/pid.h>
#include <pollux/signal.h>
#include <pollux/signalfd.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/printk.h>
#include <pollux/kernel.h>
#include <pollux/drivers.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

/* Orphans go to init (pid 1), which reaps them; a child's group may be
 * orphaned by it.  Linux: forget_original_parent(), reparent_leader() */
static void reparent_children(struct task_struct *t)
{
	struct task_struct *init = find_task(1), *c, *n;

	list_for_each_entry_safe(c, n, &t->children, sibling) {
		c->parent = init;
		list_move_tail(&c->sibling, &init->children);
		if (c->state == TASK_ZOMBIE)
			wake_up_all(&init->wait_chldexit);
		kill_orphaned_pgrp(c, t);
	}
}

/* Test boots end when init does: the status goes to the kernel log,
 * where tools/run-elf reads it. */
static __noreturn void init_exited(int status)
{
	printk("init exited: status %d\n", status);
	if (kernel_test_mode)
		qemu_exit(QEMU_EXIT_SUCCESS);
	panic("Attempted to kill init! exit status 0x%x", status);
}

/* status is a wait status: (code << 8) for exit, the signal otherwise.
 * Linux: do_exit() */
void do_exit(int status)
{
	struct task_struct *t = current;

	if (t->pid == 1)
		init_exited(status);
	put_files_struct(t->files);
	t->files = NULL;
	mm_activate(NULL);	/* leave the address space before freeing it */
	mm_free(t->mm);
	t->mm = NULL;
	exit_itimers(t);
	reparent_children(t);
	kill_orphaned_pgrp(t, NULL);
	t->exit_code = status;
	/* no one will wait for t: it leaves its parent's children and its
	 * pidfds see it reaped now, and the first schedule() after it is
	 * off the CPU frees it */
	if (do_notify_parent(t)) {
		t->state = TASK_DEAD;
		list_del_init(&t->sibling);
		pidfs_exit(t);
	} else {
		t->state = TASK_ZOMBIE;
	}
	do_notify_pidfd(t);
	wake_up_all(&t->parent->wait_chldexit);
	schedule();
	panic("zombie %d ran again", t->pid);
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);
}

/* Linux: kernel/exit.c release_task() */
void release_task(struct task_struct *t)
{
	pidfs_exit(t);
	list_del(&t->sibling);
	signalfd_cleanup(t->sighand);
	kfree(t->sighand);
	free_task(t);
}

/* pid > 0: that child; -1: any child; 0: any in our process group;
 * < -1: any in group -pid.  Linux: kernel/exit.c eligible_pid() */
static bool child_matches(struct task_struct *c, pid_t pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == current->pgid;
	return pid == -1 || c->pgid == -pid;
}

/* A stop or continue of c that wait4's options ask for: its wait status
 * in *status, reported once.  Linux: wait_task_stopped(),
 * wait_task_continued() */
static bool job_event(struct task_struct *c, int options, int *status)
{
	if ((options & WUNTRACED) && c->state == TASK_STOPPED &&
	    (c->jobctl & JOBCTL_STOP_REPORT)) {
		*status = c->stop_code;
		c->jobctl &= ~JOBCTL_STOP_REPORT;
		return true;
	}
	if ((options & WCONTINUED) && (c->jobctl & JOBCTL_CONT_REPORT)) {
		*status = 0xffff;
		c->jobctl &= ~JOBCTL_CONT_REPORT;
		return true;
	}
	return false;
}

/* One pass over the children: reaps a zombie or reports a stop or
 * continue (its pid), 0 if a matching child still runs, -ECHILD if none
 * matches.  Linux: do_wait() */
static long wait_pass(pid_t pid, int options, int *status)
{
	struct task_struct *c, *n;
	bool found = false;

	list_for_each_entry_safe(c, n, &current->children, sibling) {
		if (!child_matches(c, pid))
			continue;
		found = true;
		if (c->state == TASK_ZOMBIE) {
			pid_t reaped = c->pid;

			*status = c->exit_code;
			release_task(c);
			return reaped;
		}
		if (job_event(c, options, status))
			return c->pid;
	}
	return found ? 0 : -ECHILD;
}

long sys_wait4(pid_t pid, int __user *ustatus, int options, void __user *ru)
{
	int status = 0;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (pid == -2147483647 - 1)	/* INT_MIN: Linux refuses -INT_MIN */
		return -ESRCH;
	ret = wait_pass(pid, options, &status);
	/* wait_pass() in the condition: it reaps as soon as a child is done */
	if (ret == 0 && !(options & WNOHANG) &&
	    wait_event_interruptible(current->wait_chldexit,
				     (ret = wait_pass(pid, options, &status)) != 0))
		return -ERESTARTSYS;	/* restarted under SA_RESTART */
	if (ret > 0 && ustatus && put_user(status, ustatus))
		return -EFAULT;
	/* struct rusage (144 bytes): Pollux keeps none of its counts for a
	 * child, so all are 0, as /proc shows what it does not keep */
	if (ret > 0 && ru && clear_user(ru, 144))
		return -EFAULT;
	return ret;
}
