/*
 * Signals, the receiving side: which pending signal comes next, and what
 * happens to one without a handler (ignored, stop, or the end of the
 * process).  The architecture code (kernel/arch/signal.c) asks
 * get_signal() for each signal to deliver and builds the handler's
 * frame.  Linux: kernel/signal.c get_signal(), dequeue_signal().
 */
#include <pollux/signal.h>
#include <pollux/string.h>

/* The lowest signal of set in s, taken off it with its siginfo. */
static int collect_signal(struct sigpending *s, u64 set,
			  struct kernel_siginfo *info)
{
	u64 pending = s->signal & set;
	int sig;

	if (!pending)
		return 0;
	sig = __builtin_ctzl(pending) + 1;
	s->signal &= ~sigmask(sig);
	*info = s->info[sig - 1];
	return sig;
}

/* The thread's own signals first, then the group's.
 * Linux: kernel/signal.c dequeue_signal() */
static int __dequeue_signal(u64 set, struct kernel_siginfo *info)
{
	int sig = collect_signal(&current->pending, set, info);

	return sig ? sig : collect_signal(&current->signal->shared_pending,
					  set, info);
}

/* Takes the lowest pending signal of set off the queue, its siginfo in
 * *info (as user space sees it); 0 if none. */
int dequeue_signal(u64 set, struct siginfo *info)
{
	struct kernel_siginfo kinfo;
	int sig = __dequeue_signal(set, &kinfo);

	if (!sig)
		return 0;
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = kinfo.si_code;
	info->fields = kinfo.fields;
	return sig;
}

/* A default stop: the group stops (SIGSTOP always; the terminal's stops
 * not in an orphaned group, where no shell would resume it). */
static void default_stop(int sig)
{
	if (sig == SIGSTOP || !is_current_pgrp_orphaned())
		do_signal_stop(sig);
}

/*
 * The next signal that has a handler to run, in *ksig (with its action
 * as it was: SA_RESETHAND resets the real one here); false when none is
 * left.  A dying group ends this thread; a group stop under way stops
 * it.  Ignored signals are dropped, stop signals stop the group, any
 * other signal without a handler ends the group.  The queues, jobctl
 * and the actions are read under siglock, which senders on other CPUs
 * hold; it is dropped for what takes it again or sleeps (the stop, the
 * group's exit).  Linux: kernel/signal.c get_signal()
 */
bool get_signal(struct ksignal *ksig)
{
	spinlock_t *lock = &current->sighand->siglock;
	struct kernel_siginfo info;
	int sig;

	for (;;) {
		struct kernel_sigaction *ka;

		if (signal_group_exit(current->signal))
			do_group_exit(0);
		spin_lock_irq(lock);
		if (current->jobctl & JOBCTL_STOP_PENDING) {
			spin_unlock_irq(lock);
			do_signal_stop(0);
			continue;
		}
		sig = __dequeue_signal(~current->blocked, &info);
		if (!sig) {
			spin_unlock_irq(lock);
			return false;
		}
		ka = &current->sighand->action[sig - 1];
		if (sig_ignored(current, sig)) {
			spin_unlock_irq(lock);
			continue;
		}
		if (ka->sa_handler == SIG_DFL) {
			spin_unlock_irq(lock);
			if (SIG_KERNEL_STOP_MASK & sigmask(sig))
				default_stop(sig);
			else	/* the default action: terminate */
				do_group_exit(sig);
			continue;
		}
		ksig->sig = sig;
		ksig->ka = *ka;
		ksig->info = info;
		if (ka->sa_flags & SA_RESETHAND)
			ka->sa_handler = SIG_DFL;
		spin_unlock_irq(lock);
		return true;
	}
}
