/* Signals (kernel/proc/signal.c).  Linux: kernel/signal.c */
#ifndef POLLUX_SIGNAL_H
#define POLLUX_SIGNAL_H

#include <pollux/sched.h>

#define sigmask(sig) (1UL << ((sig) - 1))

static inline bool signal_pending(struct task_struct *t)
{
	return (t->sigpending & ~t->blocked) != 0;
}

/* Queue sig for t and wake it if it sleeps interruptibly. */
void send_sig(int sig, struct task_struct *t);
/* A user-mode fault: the CPU exception becomes sig for current. */
void force_sig_fault(int sig, struct trapframe *tf, const char *what);
/* Act on pending, unblocked signals before returning to user mode. */
void do_signal(struct trapframe *tf);
/* execve: handlers back to SIG_DFL (ignored signals stay ignored). */
void flush_signal_handlers(struct task_struct *t);
struct sighand *copy_sighand(struct sighand *old);

#endif
