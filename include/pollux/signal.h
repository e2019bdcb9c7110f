/* Signals (kernel/proc/signal*.c, jobctl.c, sigaltstack.c, the frame in
 * kernel/arch/signal.c) and the real-time interval timer
 * (kernel/proc/itimer.c).  Linux: kernel/signal.c, kernel/time/itimer.c */
#ifndef POLLUX_SIGNAL_H
#define POLLUX_SIGNAL_H

#include <pollux/sched.h>
#include <pollux/timer.h>
#include <uapi/signal.h>

#define sigmask(sig) (1UL << ((sig) - 1))

/* Signals whose default action is to do nothing.  (SIGCONT's real work,
 * resuming a stopped task, is done when it is sent: prepare_signal().) */
#define SIG_KERNEL_IGNORE_MASK                                          \
	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) |       \
	 sigmask(SIGCONT))
/* Signals whose default action is to stop the task. */
#define SIG_KERNEL_STOP_MASK                                            \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) |       \
	 sigmask(SIGTTOU))
#define UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* si_code values (Linux: include/uapi/asm-generic/siginfo.h) */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x80	/* the kernel (a timer, a trap without a code) */
#define SI_TKILL	(-6)	/* tkill(), tgkill() */
#define CLD_EXITED	1	/* SIGCHLD: the child called exit */
#define CLD_KILLED	2	/* SIGCHLD: a signal killed it */
#define CLD_STOPPED	5	/* SIGCHLD: a signal stopped it */
#define CLD_CONTINUED	6	/* SIGCHLD: SIGCONT resumed it */
#define SEGV_MAPERR	1	/* SIGSEGV: no mapping at the address */
#define SEGV_ACCERR	2	/* SIGSEGV: a mapping without the right */
#define ILL_ILLOPN	2	/* SIGILL: illegal operand (ud2) */
#define FPE_INTDIV	1	/* SIGFPE: integer divide by zero */
#define BUS_ADRALN	1	/* SIGBUS: misaligned address */

/* The siginfo fields after si_code, as user space sees them (they
 * start at byte 16 of its 128-byte siginfo). */
union sigfields {
	struct {
		pid_t pid;	/* the sender, or the child for SIGCHLD */
		u32 uid;
		s32 status;	/* SIGCHLD: exit code or signal */
	} proc;
	u64 addr;		/* faults: the address or instruction */
};

/* What a pending signal will tell its handler.  Linux: struct
 * kernel_siginfo, queued on task->pending as a sigqueue. */
struct kernel_siginfo {
	s32 si_code;
	union sigfields fields;
};

/* The siginfo as user space sees it (128 bytes). */
struct siginfo {
	s32 si_signo, si_errno, si_code, pad;
	union sigfields fields;
	u8 rest[128 - 16 - sizeof(union sigfields)];
};

/* A signal to deliver, with its action as it was when taken off the
 * queue.  Linux: struct ksignal */
struct ksignal {
	int sig;
	struct kernel_sigaction ka;
	struct kernel_siginfo info;
};

/*
 * A process's signal state besides the masks in task_struct.  Linux
 * splits it in sighand_struct (the actions), the pending queue and
 * signal_struct (the interval timer); with one thread per process here,
 * one allocation per process holds all three.
 */
struct sighand {
	struct kernel_sigaction action[_NSIG];
	/* the siginfo of each pending signal: standard signals do not
	 * queue, a second instance while one is pending is dropped */
	struct kernel_siginfo info[_NSIG];
	/* ITIMER_REAL (itimer.c): sends SIGALRM, reloads it_real_incr */
	struct timer_list real_timer;
	u64 it_real_incr;	/* in jiffies; 0: one-shot */
	/* signalfd readers and pollers of this process's signals
	 * (kernel/fs/signalfd.c), woken when one is queued */
	wait_queue_head_t signalfd_wqh;
};

static inline bool signal_pending(struct task_struct *t)
{
	return (t->sigpending & ~t->blocked) != 0;
}

/* Queue sig for t with its siginfo, waking t if it sleeps
 * interruptibly, and its signalfd readers and pollers.
 * Linux: send_signal_locked() */
void send_sig_info(int sig, const struct kernel_siginfo *info,
		   struct task_struct *t);
/* Queue sig for t as if current sent it with kill() (SI_USER).
 * Linux: send_sig(sig, t, 0) */
void send_sig(int sig, struct task_struct *t);
/* A child's exit: SIGCHLD with CLD_EXITED/CLD_KILLED to its parent;
 * true if the parent will not wait (autoreap).  Linux: do_notify_parent() */
bool do_notify_parent(struct task_struct *tsk);
/* A user-mode fault: the CPU exception becomes sig for current
 * (kernel/arch/traps.c). */
void force_sig_fault(int sig, struct trapframe *tf, const char *what);
/* sig for current with si_code SI_KERNEL, even if blocked or ignored. */
void force_sig(int sig);
/* The same with a given siginfo (faults: kernel/arch/traps.c). */
void force_sig_info(int sig, const struct kernel_siginfo *info);
/* Whether sig would be dropped on arrival: ignored, or ignored by default. */
bool sig_ignored(struct task_struct *t, int sig);

/* Delivery (signal_deliver.c, kernel/arch/signal.c): the next signal with
 * a handler, after the default actions of those before it; the frame. */
bool get_signal(struct ksignal *ksig);
int dequeue_signal(u64 set, struct siginfo *info);
void arch_do_signal_or_restart(struct trapframe *tf);

/* Job control (jobctl.c). */
void do_notify_parent_cldstop(struct task_struct *t, int why, int sig);
void do_signal_stop(int sig);
bool is_current_pgrp_orphaned(void);
/* SIGHUP and SIGCONT to a group with stopped members that tsk's exit
 * (parent NULL) or tsk's parent's exit orphans. */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);

/* The alternate signal stack (sigaltstack.c); sp is the user's. */
bool on_sig_stack(u64 sp);
int sas_ss_flags(u64 sp);
int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp);

/* execve: handlers back to SIG_DFL (ignored signals stay ignored). */
void flush_signal_handlers(struct task_struct *t);
/* fork: the child's copy (or init's, from NULL): the actions, no timer. */
struct sighand *copy_sighand(struct sighand *old);
/* exit: stop the process's ITIMER_REAL.  Linux: exit_itimers() */
void exit_itimers(struct task_struct *t);

/* Sends sig to every process of group pgrp. */
int kill_pgrp(pid_t pgrp, int sig);

/* The temporary mask of epoll_pwait, ppoll, pselect6 (kernel/proc/signal_sys.c). */
int set_user_sigmask(const u64 __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);

#endif
