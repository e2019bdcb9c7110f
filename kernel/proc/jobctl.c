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

	info.fields.proc.pid = t->pid;
	info.fields.proc.status = sig;
	if (!(parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		send_sig_info(SIGCHLD, &info, parent);
	wake_up_all(&parent->wait_chldexit);
}

/*
 * The default action of SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: tell the
 * parent, then sleep in TASK_STOPPED until SIGCONT (or SIGKILL) wakes us.
 * Nothing can send SIGCONT between the notice and schedule(): the kernel
 * is not preempted and no interrupt sends it.
 * Linux: kernel/signal.c do_signal_stop() — one thread, no group stop
 */
void do_signal_stop(int sig)
{
	current->stop_code = (sig << 8) | 0x7f;
	current->jobctl = (current->jobctl & ~JOBCTL_CONT_REPORT) |
			  JOBCTL_STOP_REPORT;
	set_current_state(TASK_STOPPED);
	do_notify_parent_cldstop(current, CLD_STOPPED, sig);
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

bool is_current_pgrp_orphaned(void)
{
	return will_become_orphaned_pgrp(current->pgid, NULL);
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
 * it sent SIGHUP, then SIGCONT.  Linux: kernel/exit.c kill_orphaned_pgrp()
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
		kill_pgrp(tsk->pgid, SIGHUP);
		kill_pgrp(tsk->pgid, SIGCONT);
	}
}
