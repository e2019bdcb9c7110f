/*
 * Signals, the receiving side: which pending signal comes next, and what
 * happens to one without a handler (ignored, stop, or the end of the
 * process).  The architecture code (kernel/arch/signal.c) asks
 * get_signal() for each signal to deliver and builds the handler's
 * frame.  Linux: kernel/signal.c get_signal(), dequeue_signal().
 */
#include <pollux/signal.h>
#include <pollux/string.h>

static int next_signal(struct task_struct *t)
{
	u64 pending = t->sigpending & ~t->blocked;

	return pending ? __builtin_ctzl(pending) + 1 : 0;
}

/* Takes the lowest pending signal of set off the queue, its siginfo in
 * *info; 0 if none.  Linux: kernel/signal.c dequeue_signal() */
int dequeue_signal(u64 set, struct siginfo *info)
{
	u64 pending = current->sigpending & set;
	int sig;

	if (!pending)
		return 0;
	sig = __builtin_ctzl(pending) + 1;
	current->sigpending &= ~sigmask(sig);
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = current->sighand->info[sig - 1].si_code;
	info->fields = current->sighand->info[sig - 1].fields;
	return sig;
}

/*
 * The next signal that has a handler to run, in *ksig (with its action
 * as it was: SA_RESETHAND resets the real one here); false when none is
 * left.  Ignored signals are dropped, stop signals stop the process, any
 * other signal without a handler ends it.
 * Linux: kernel/signal.c get_signal()
 */
bool get_signal(struct ksignal *ksig)
{
	int sig;

	while ((sig = next_signal(current))) {
		struct kernel_sigaction *ka = &current->sighand->action[sig - 1];

		current->sigpending &= ~sigmask(sig);
		if (sig_ignored(current, sig))
			continue;
		if (ka->sa_handler == SIG_DFL &&
		    (SIG_KERNEL_STOP_MASK & sigmask(sig))) {
			/* SIGSTOP always stops */
			if (sig == SIGSTOP || !is_current_pgrp_orphaned())
				do_signal_stop(sig);
			continue;
		}
		if (ka->sa_handler == SIG_DFL)
			do_exit(sig);	/* the default action: terminate */
		ksig->sig = sig;
		ksig->ka = *ka;
		ksig->info = current->sighand->info[sig - 1];
		if (ka->sa_flags & SA_RESETHAND)
			ka->sa_handler = SIG_DFL;
		return true;
	}
	return false;
}
