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

/* A thread of p's group that is not exiting, or NULL; tasklist_lock
 * held.  One that is will reparent what it is given in its own exit,
 * which takes the lock after us.  Linux: kernel/exit.c
 * find_alive_thread() (PF_EXITING) */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!READ_ONCE(t->exiting))
			return t;
	return NULL;
}

/*
 * The children of an exiting thread go to another thread of its group,
 * or to init (pid 1), which reaps them; a child's group may be orphaned
 * by it.  A child handed outside the group will send SIGCHLD (not a
 * clone's exit signal: "we don't want people slaying init"), and a
 * zombie is announced again to its new parent; one it does not wait for
 * goes on *dead, for the caller to release.  tasklist_lock held, as
 * Linux's write lock: the reaper cannot pass its own exit meanwhile, nor
 * a wait4 on another CPU reap a child half moved.
 * Linux: forget_original_parent(), find_new_reaper(), reparent_leader()
 */
static void reparent_children(struct task_struct *t, struct task_struct *init,
			      struct list_head *dead)
{
	struct task_struct *reaper = find_alive_thread(t), *c, *n;

	if (!reaper)
		reaper = init;
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		c->parent = reaper;
		list_move_tail(&c->sibling, &reaper->children);
		if (reaper->tgid == t->tgid)
			continue;
		c->exit_signal = SIGCHLD;
		if (c->state == TASK_ZOMBIE && c->signal->exit_notified &&
		    do_notify_parent(c)) {
			list_move_tail(&c->sibling, dead);
			continue;
		}
		kill_orphaned_pgrp(c, t);
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
 * wait4), its pidfds too.  True if no one will wait (autoreap): the
 * leader is then off its parent's children, the caller's to release.
 * tasklist_lock held, as Linux's do_notify_parent(): the parent cannot
 * be released meanwhile (its exit would first have reparented us), and
 * exit_notified and the removal go together, so that a wait4 or a
 * reparenting on another CPU never takes an autoreaped zombie (Linux:
 * exit_notify() sets exit_state EXIT_DEAD under the lock). */
static bool notify_process_exit(struct task_struct *leader)
{
	bool autoreap;

	leader->exit_code = process_exit_code(leader);
	autoreap = do_notify_parent(leader);
	/* an autoreaped one's pidfds hear of it once, reaped (pidfs_exit()):
	 * a poller woken on another CPU before that saw POLLIN alone */
	if (!autoreap)
		do_notify_pidfd(leader);
	leader->signal->exit_notified = true;
	if (autoreap)
		list_del_init(&leader->sibling);
	wake_up_all(&leader->parent->signal->wait_chldexit);
	return autoreap;
}

/* Whether the process of leader has ended: the leader is a zombie and
 * every other thread has passed exit_notify() (TASK_DEAD); tasklist_lock
 * held.  Linux: exit_notify()'s thread_group_empty(), delay_group_leader() */
static bool process_exit_complete(struct task_struct *leader)
{
	struct task_struct *t;

	if (leader->state != TASK_ZOMBIE)
		return false;
	for_each_thread(leader, t)
		if (t != leader && t->state != TASK_DEAD)
			return false;
	return true;
}

/*
 * A leader whose threads still run stays a zombie the parent cannot
 * reap (Linux's delay_group_leader()); the last of them to get here
 * reports the process.  Which one is last is decided under
 * tasklist_lock: the leader and its last thread may come here at once
 * on two CPUs, or the leader be preempted after its decrement of
 * signal->live.  (Deciding by signal->live, the thread that made it 0
 * reported a leader not yet a zombie: its parent woke, found nothing
 * to reap and slept for ever; the fuzzer's timeout under preempt=full.)
 * Any other thread is released at once (its last switch away frees
 * it).  The children go first, in the same hold of the lock.
 * Linux: kernel/exit.c exit_notify(), and the leader part of
 * release_task()
 */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *leader = tsk->group_leader, *c, *n;
	struct task_struct *init = find_task(1);
	unsigned long flags;
	LIST_HEAD(dead);
	bool autoreap;

	put_task_struct(init);		/* init never goes away */
	spin_lock_irqsave(&tasklist_lock, flags);
	reparent_children(tsk, init, &dead);
	if (group_dead)
		kill_orphaned_pgrp(leader, NULL);
	tsk->state = thread_group_leader(tsk) ? TASK_ZOMBIE : TASK_DEAD;
	autoreap = process_exit_complete(leader) && notify_process_exit(leader);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &dead, sibling)
		release_task(c);	/* reparented, not waited for */
	if (!autoreap)
		return;
	if (leader != tsk) {
		release_task(leader);	/* no one will wait for it */
		return;
	}
	/* no one will wait: its pidfds see it reaped now, and the first
	 * schedule() after it is off the CPU frees it */
	tsk->state = TASK_DEAD;
	pidfs_exit(tsk);
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
	task_lock(tsk);		/* get_task_mm() of a /proc reader */
	tsk->mm = NULL;
	task_unlock(tsk);
	preempt_enable();
	mmput(mm);
}

/* status is a wait status: (code << 8) for exit, the signal otherwise.
 * Linux: do_exit() */
void do_exit(int status)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;
	bool group_dead;

	WRITE_ONCE(tsk->exiting, true);	/* no longer a reaper */
	group_dead = atomic_dec_and_test(&sig->live);
	if (tsk->tgid == 1 && group_dead)
		init_exited(status);
	/* the last thread's exit is the process's (Linux:
	 * synchronize_group_exit()) */
	if (group_dead && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = status;
	}
	/* Linux: kernel/signal.c exit_signals() */
	if (!group_dead && !signal_group_exit(sig)) {
		spin_lock_irqsave(&tsk->sighand->siglock, flags);
		retarget_shared_pending(tsk, ~tsk->blocked);
		spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	}
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	if (group_dead)
		exit_itimers(tsk->signal);
	/* Preemption off from here to the last switch (Linux's
	 * do_task_dead()); the lists change under tasklist_lock
	 * (exit_notify), and a zombie reaped on another CPU while it still
	 * runs here is freed only by its last reference, once off its CPU
	 * (__put_task_struct()). */
	preempt_disable();
	tsk->exit_code = status;
	exit_notify(tsk, group_dead);
	/* an exec in another thread waits for it to be the last; siglock
	 * across the wake, which de_thread() takes to clear group_exec_task
	 * before it returns, keeps that task alive (Linux: __exit_signal()'s
	 * notify_count wake-up under siglock) */
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (sig->group_exec_task && atomic_read(&sig->live) == 1)
		wake_up_process(sig->group_exec_task);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	do_task_dead();
}

/* Another thread's exec (de_thread()) ends this one with status 0.
 * Linux: kernel/exit.c do_group_exit() */
void do_group_exit(int status)
{
	struct signal_struct *sig = current->signal;
	spinlock_t *lock = &current->sighand->siglock;
	unsigned long flags;

	/* the flags and the thread list may change on other CPUs: siglock
	 * over the test and the zap, as Linux */
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

/* Linux: kernel/exit.c release_task(), __exit_signal() — the sighand
 * and signal_struct go with the last reference (free_task) */
void release_task(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	unsigned long flags;

	pidfs_exit(t);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del_init(&t->sibling);
	/* the thread list under both locks, as Linux's __exit_signal():
	 * a sender walks it under siglock alone (complete_signal) */
	spin_lock(&t->sighand->siglock);
	list_del(&t->thread_node);
	sig->nr_threads--;
	if (sig->curr_target == t)
		sig->curr_target = list_empty(&sig->thread_head) ? NULL :
			list_first_entry(&sig->thread_head, struct task_struct,
					 thread_node);
	spin_unlock(&t->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
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
 * in *status, reported once.  Under c's siglock, which its threads
 * (do_signal_stop()) and senders of SIGCONT hold to change the same
 * flags.  Linux: wait_task_stopped(), wait_task_continued() */
static bool job_event(struct task_struct *c, int options, int *status)
{
	bool found = false;

	spin_lock(&c->sighand->siglock);
	if ((options & WUNTRACED) && (c->signal->flags & SIGNAL_STOP_STOPPED) &&
	    (c->jobctl & JOBCTL_STOP_REPORT)) {
		*status = c->stop_code;
		c->jobctl &= ~JOBCTL_STOP_REPORT;
		found = true;
	} else if ((options & WCONTINUED) && (c->jobctl & JOBCTL_CONT_REPORT)) {
		*status = 0xffff;
		c->jobctl &= ~JOBCTL_CONT_REPORT;
		found = true;
	}
	spin_unlock(&c->sighand->siglock);
	return found;
}

/* One pass over one thread's children: takes a zombie (*zombie, its
 * pid) or reports a stop or continue (its pid), 0 if a matching child
 * still runs (or is a leader whose threads do: delay_group_leader()),
 * -ECHILD if none matches.  tasklist_lock held.
 * Linux: kernel/exit.c do_wait_thread() */
static long wait_thread(struct task_struct *tsk, pid_t pid, int options,
			int *status, struct task_struct **zombie)
{
	struct task_struct *c;
	long ret = -ECHILD;

	list_for_each_entry(c, &tsk->children, sibling) {
		if (!child_matches(c, pid, options))
			continue;
		ret = 0;
		/* not at live's 0: the last thread may still be on its way
		 * to exit_notify() (preempted), using the leader */
		if (c->state == TASK_ZOMBIE && c->signal->exit_notified) {
			*status = c->exit_code;
			/* ours now: another thread's wait4 cannot see it */
			list_del_init(&c->sibling);
			*zombie = c;
			return c->pid;
		}
		if (job_event(c, options, status))
			return c->pid;
	}
	return ret;
}

/* The children of every thread of the group, unless __WNOTHREAD, in one
 * tasklist_lock section: an exiting sibling thread moves its children
 * to us under that lock (reparent_children()), and a pass that dropped
 * it between two threads could see them in neither.  A zombie taken is
 * released after.  Linux: kernel/exit.c do_wait() */
static long wait_pass(pid_t pid, int options, int *status)
{
	struct task_struct *t, *zombie = NULL;
	unsigned long flags;
	long ret = -ECHILD, r;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(current, t) {
		if ((options & __WNOTHREAD) && t != current)
			continue;
		r = wait_thread(t, pid, options, status, &zombie);
		if (r > 0) {
			ret = r;
			break;
		}
		if (r == 0)
			ret = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (zombie)
		release_task(zombie);
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
