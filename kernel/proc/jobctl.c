/*
 * Job control: a stop signal's default action, the parent's notice of a
 * stop or continue, and orphaned process groups.
 * Linux: kernel/signal.c do_signal_stop(), do_notify_parent_cldstop();
 * kernel/exit.c will_become_orphaned_pgrp(), kill_orphaned_pgrp().
 */
#include <pollux/signal.h>

/*
 * A stop or continue the parent hears of: SIGCHLD with CLD_STOPPED or
 * CLD_CONTINUED (unless it set SA_NOCLDSTOP), and a wake-up of its wait4.
 * Linux: kernel/signal.c do_notify_parent_cldstop()
 */
void do_notify_parent_cldstop(struct task_struct *t, int why, int sig)
{
	struct task_struct *parent = t->parent;
	struct kernel_siginfo info = { .si_code = why };

	info.fields.proc.pid = t->tgid;
	info.fields.proc.status = sig;
	if (!(parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		group_send_sig_info(SIGCHLD, &info, parent);
	wake_up_all(&parent->signal->wait_chldexit);
}

/*
 * A stop signal's default action starts a group stop: every live
 * thread gets JOBCTL_STOP_PENDING and is woken to join it.
 * Linux: the first half of kernel/signal.c do_signal_stop()
 */
static void start_group_stop(int sig)
{
	struct signal_struct *signal = current->signal;
	struct task_struct *t;

	current->group_leader->stop_code = (sig << 8) | 0x7f;
	signal->group_stop_count = 0;
	for_each_thread(current, t) {
		if (t->state & (TASK_ZOMBIE | TASK_DEAD | TASK_STOPPED))
			continue;
		t->jobctl |= JOBCTL_STOP_PENDING;
		signal->group_stop_count++;
		if (t != current)
			wake_up_state(t, TASK_INTERRUPTIBLE);
	}
}

/*
 * current joins the group stop (sig: the stop signal that starts one,
 * or 0 to join one under way); the last thread to stop tells the
 * parent.  It sleeps in TASK_STOPPED until SIGCONT (or SIGKILL) wakes
 * it.  The group's count and each thread's jobctl change under siglock:
 * threads of one group stop on several CPUs at once, and two unlocked
 * decrements lost one, so that no thread was last and the parent's
 * wait4 slept for ever.  A SIGCONT after the unlock finds current in
 * TASK_STOPPED and makes it runnable: schedule() then returns at once.
 * Linux: kernel/signal.c do_signal_stop(), do_jobctl_trap() (simplified:
 * no JOBCTL_STOP_CONSUME, no ptrace)
 */
void do_signal_stop(int sig)
{
	struct signal_struct *signal = current->signal;
	struct task_struct *leader = current->group_leader;
	spinlock_t *lock = &current->sighand->siglock;
	bool last;

	spin_lock_irq(lock);
	if (!(current->jobctl & JOBCTL_STOP_PENDING)) {
		/* the stop to join was ended (SIGCONT, a group exit) */
		if (!sig || signal_group_exit(signal)) {
			spin_unlock_irq(lock);
			return;
		}
		start_group_stop(sig);
	}
	current->jobctl &= ~JOBCTL_STOP_PENDING;
	set_current_state(TASK_STOPPED);
	last = --signal->group_stop_count == 0;
	if (last) {
		signal->flags |= SIGNAL_STOP_STOPPED;
		leader->jobctl = (leader->jobctl & ~JOBCTL_CONT_REPORT) |
				 JOBCTL_STOP_REPORT;
	}
	spin_unlock_irq(lock);
	/* the parent's siglock: not under ours (send_signal() says why) */
	if (last)
		do_notify_parent_cldstop(leader, CLD_STOPPED,
					 leader->stop_code >> 8);
	schedule();
}

/*
 * A process group is orphaned when no member has a parent in another
 * group of the same session: no shell is left to resume it, so the
 * terminal's stop signals are discarded (POSIX).  ignored (the task on
 * its way out, or NULL) does not count.  Linux: kernel/exit.c
 * will_become_orphaned_pgrp(), which also passes over members whose
 * parent is init; Pollux counts them: in a test boot init is the runner,
 * which stands where Linux has the shell that ran the test.
 */
static bool will_become_orphaned_pgrp(pid_t pgrp, struct task_struct *ignored)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		struct task_struct *p = t->parent;

		if (t == ignored || t->pgid != pgrp || !p ||
		    (t->state & (TASK_ZOMBIE | TASK_DEAD)))
			continue;
		if (p->pgid != pgrp && p->sid == t->sid)
			return false;
	}
	return true;
}

/* Linux: drivers/tty/tty_io.c's is_current_pgrp_orphaned(), under
 * read_lock(&tasklist_lock) as there */
bool is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool orphaned;

	spin_lock_irqsave(&tasklist_lock, flags);
	orphaned = will_become_orphaned_pgrp(current->pgid, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* Linux: kernel/exit.c has_stopped_jobs() */
static bool has_stopped_jobs(pid_t pgrp)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgrp && t->state == TASK_STOPPED)
			return true;
	return false;
}

/*
 * An exit can orphan a process group: tsk's own, when its parent (in
 * another group of the session) was the group's last link outside
 * (parent NULL: tsk exits), or that of tsk's child when the exiting
 * parent was (tsk the child, parent the exiting task).  A group
 * orphaned with stopped members would stay stopped for ever: POSIX has
 * it sent SIGHUP, then SIGCONT.  Called with tasklist_lock held, as
 * Linux's (its walks and the signals see one state of the lists).
 * Linux: kernel/exit.c kill_orphaned_pgrp()
 */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	struct task_struct *ignored = tsk;

	if (!parent)
		parent = tsk->parent;
	else
		ignored = NULL;
	if (parent->pgid != tsk->pgid && parent->sid == tsk->sid &&
	    will_become_orphaned_pgrp(tsk->pgid, ignored) &&
	    has_stopped_jobs(tsk->pgid)) {
		struct kernel_siginfo info = { .si_code = SI_KERNEL };

		__kill_pgrp_info(SIGHUP, &info, tsk->pgid);
		__kill_pgrp_info(SIGCONT, &info, tsk->pgid);
	}
}
