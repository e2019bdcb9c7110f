/* exit, exit_group, wait4.  Linux: kernel/exit.c */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/fs_struct.h>
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

/* A thread of p's group that has not exited, or NULL.
 * Linux: kernel/exit.c find_alive_thread() */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!task_exited(t) && t != p)
			return t;
	return NULL;
}

/*
 * Takes a reported zombie for release: true for the one caller that
 * does, when a parent's threads on two CPUs wait for it at once, or a
 * wait races the autoreap of a process whose parent ignores SIGCHLD
 * (on one CPU, without preemption, the test and the release were one
 * step).  Linux: the cmpxchg(&p->exit_state, EXIT_ZOMBIE, EXIT_DEAD)
 * of wait_task_zombie()
 */
static bool claim_zombie(struct task_struct *leader)
{
	return __atomic_exchange_n(&leader->signal->exit_notified, false,
				   __ATOMIC_ACQ_REL);
}

/* A child handed to a reaper outside its old parent's group: it will
 * send SIGCHLD (not a clone's exit signal: "we don't want people
 * slaying init"), and a zombie is announced again to its new parent.
 * Linux: kernel/exit.c reparent_leader() */
static void reparent_leader(struct task_struct *father, struct task_struct *p)
{
	p->exit_signal = SIGCHLD;
	if (p->state == TASK_ZOMBIE && p->signal->exit_notified &&
	    do_notify_parent(p) && claim_zombie(p)) {
		release_task(p);	/* the new parent does not wait */
		return;
	}
	kill_orphaned_pgrp(p, father);
}

/* The children of an exiting thread go to another thread of its group,
 * or to init (pid 1), which reaps them; a child's group may be orphaned
 * by it.  Linux: forget_original_parent(), find_new_reaper() */
static void reparent_children(struct task_struct *t)
{
	struct task_struct *reaper = find_alive_thread(t), *c, *n;

	if (!reaper)
		reaper = find_task(1);
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		c->parent = reaper;
		list_move_tail(&c->sibling, &reaper->children);
		if (reaper->tgid != t->tgid)
			reparent_leader(t, c);
	}
	wake_up_all(&reaper->signal->wait_chldexit);
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

/* The wait status of a process whose last thread has exited.
 * Linux: kernel/exit.c wait_task_zombie() */
static int process_exit_code(struct task_struct *leader)
{
	struct signal_struct *sig = leader->signal;

	return sig->flags & SIGNAL_GROUP_EXIT ? sig->group_exit_code
					      : leader->exit_code;
}

/* The process of leader is gone: its parent hears of it (SIGCHLD and
 * wait4), its pidfds too.  True if no one will wait (autoreap). */
static bool notify_process_exit(struct task_struct *leader)
{
	bool autoreap;

	leader->exit_code = process_exit_code(leader);
	leader->signal->exit_notified = true;
	autoreap = do_notify_parent(leader);
	do_notify_pidfd(leader);
	wake_up_all(&leader->parent->signal->wait_chldexit);
	return autoreap;
}

/*
 * A leader whose threads still run stays a zombie the parent cannot
 * reap (Linux's delay_group_leader()); the last thread to exit reports
 * the process for it.  Any other thread is released at once (its last
 * switch away frees it).  Linux: kernel/exit.c exit_notify(), and the
 * leader part of release_task()
 */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *leader = tsk->group_leader;

	if (group_dead)
		kill_orphaned_pgrp(leader, NULL);
	if (!thread_group_leader(tsk)) {
		tsk->state = TASK_DEAD;
		if (group_dead && notify_process_exit(leader) &&
		    claim_zombie(leader))
			release_task(leader);	/* a zombie, off the CPU */
		return;
	}
	tsk->state = TASK_ZOMBIE;
	if (group_dead && notify_process_exit(tsk) && claim_zombie(tsk)) {
		/* no one will wait: it leaves its parent's children and its
		 * pidfds see it reaped now, and the first schedule() after
		 * it is off the CPU frees it */
		tsk->state = TASK_DEAD;
		list_del_init(&tsk->sibling);
		pidfs_exit(tsk);
	}
}

/* Linux: kernel/exit.c exit_mm() */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	exit_mm_release(tsk, mm);
	/* leave the address space before it may be freed.  Preemption off
	 * between the two (Linux's task_lock() section): a switch to
	 * another thread of mm in between would see prev->mm == next->mm
	 * and keep the kernel's page tables loaded, and that thread fault
	 * on its own code (the musl create_join test, preempt=full). */
	preempt_disable();
	mm_activate(NULL);
	tsk->mm = NULL;
	preempt_enable();
	mmput(mm);
}

/* status is a wait status: (code << 8) for exit, the signal otherwise.
 * Linux: do_exit() */
void do_exit(int status)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	bool group_dead = atomic_dec_and_test(&sig->live);

	if (tsk->tgid == 1 && group_dead)
		init_exited(status);
	/* the last thread's exit is the process's (Linux:
	 * synchronize_group_exit()) */
	if (group_dead && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = status;
	}
	/* Linux: kernel/signal.c exit_signals() */
	if (!group_dead && !signal_group_exit(sig))
		retarget_shared_pending(tsk, ~tsk->blocked);
	exit_mm(tsk);
	put_files_struct(tsk->files);
	tsk->files = NULL;
	exit_fs(tsk);
	if (group_dead)
		exit_itimers(tsk->signal);
	/* Preemption off from here to the last switch, as Linux's
	 * write_lock_irq(&tasklist_lock) around forget_original_parent() and
	 * exit_notify(): the parent, children and thread lists change, and
	 * from the moment its parent may reap it, a zombie that was preempted
	 * would be freed while it still runs (Linux keeps it alive with a
	 * reference until finish_task_switch()).  One CPU only: SMP needs
	 * tasklist_lock here and in fork, wait and kill. */
	preempt_disable();
	reparent_children(tsk);
	tsk->exit_code = status;
	exit_notify(tsk, group_dead);
	/* an exec in another thread waits for it to be the last
	 * (Linux: notify_count in exit_notify()) */
	if (sig->group_exec_task && atomic_read(&sig->live) == 1)
		wake_up_process(sig->group_exec_task);
	do_task_dead();
}

/* Another thread's exec (de_thread()) ends this one with status 0.
 * Linux: kernel/exit.c do_group_exit() */
void do_group_exit(int status)
{
	struct signal_struct *sig = current->signal;
	spinlock_t *lock = &current->sighand->siglock;
	unsigned long flags;

	/* the thread list may change on other CPUs: siglock, as Linux */
	spin_lock_irqsave(lock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		status = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		status = 0;
	} else {
		sig->group_exit_code = status;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(lock, flags);
	do_exit(status);
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

/* Linux: kernel/exit.c release_task(), __exit_signal() */
void release_task(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	unsigned long flags;

	wait_task_inactive(t);	/* it may still be leaving another CPU */
	pidfs_exit(t);
	list_del_init(&t->sibling);
	/* a signal's or an exec's walk of the threads on another CPU holds
	 * siglock (Linux: __exit_signal()) */
	spin_lock_irqsave(&t->sighand->siglock, flags);
	list_del(&t->thread_node);
	sig->nr_threads--;
	if (sig->curr_target == t)
		sig->curr_target = list_empty(&sig->thread_head) ? NULL :
			list_first_entry(&sig->thread_head, struct task_struct,
					 thread_node);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	__cleanup_sighand(t->sighand);
	put_signal_struct(sig);
	free_task(t);
}

/* pid > 0: that child; -1: any child; 0: any in our process group;
 * < -1: any in group -pid.  A "clone" child (exit signal not SIGCHLD)
 * only with __WCLONE, the others only without it; __WALL takes both.
 * Linux: kernel/exit.c eligible_pid(), eligible_child() */
static bool child_matches(struct task_struct *c, pid_t pid, int options)
{
	if (!(options & __WALL) &&
	    ((c->exit_signal != SIGCHLD) ^ !!(options & __WCLONE)))
		return false;
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
	if ((options & WUNTRACED) && (c->signal->flags & SIGNAL_STOP_STOPPED) &&
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

/* One pass over one thread's children: reaps a zombie or reports a
 * stop or continue (its pid), 0 if a matching child still runs (or is a
 * leader whose threads do: delay_group_leader()), -ECHILD if none
 * matches.  Linux: kernel/exit.c do_wait_thread() */
static long wait_thread(struct task_struct *tsk, pid_t pid, int options,
			int *status)
{
	struct task_struct *c, *n;
	bool found = false;

	list_for_each_entry_safe(c, n, &tsk->children, sibling) {
		if (!child_matches(c, pid, options))
			continue;
		found = true;
		/* not at live's 0: the last thread may still be on its way
		 * to exit_notify() (preempted), using the leader */
		if (c->state == TASK_ZOMBIE && c->signal->exit_notified &&
		    claim_zombie(c)) {
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

/* The children of every thread of the group, unless __WNOTHREAD.
 * Linux: kernel/exit.c do_wait() */
static long wait_pass(pid_t pid, int options, int *status)
{
	struct task_struct *t;
	long ret = -ECHILD, r;

	if (options & __WNOTHREAD)
		return wait_thread(current, pid, options, status);
	for_each_thread(current, t) {
		r = wait_thread(t, pid, options, status);
		if (r > 0)
			return r;
		if (r == 0)
			ret = 0;
	}
	return ret;
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
	    wait_event_interruptible(current->signal->wait_chldexit,
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
