/*
 * Job control: a stop signal's default action, the parent's notice of a
 * stop or continue, and orphaned process groups.
 * Linux: kernel/signal.c do_signal_stop(), do_notify_parent_cldstop();
 * kernel/exit.c will_become_orphaned_pgrp().
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
 * terminal's stop signals are discarded (POSIX).  Linux: kernel/exit.c
 * will_become_orphaned_pgrp()
 */
bool is_current_pgrp_orphaned(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		struct task_struct *p = t->parent;

		if (t->pgid != current->pgid || t->state == TASK_ZOMBIE || !p)
			continue;
		if (p->pgid != t->pgid && p->sid == t->sid)
			return false;
	}
	return true;
}
