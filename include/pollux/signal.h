/* Signals (kernel/proc/signal*.c, jobctl.c, sigaltstack.c, the frame in
 * kernel/arch/signal.c) and the real-time interval timer
 * (kernel/proc/itimer.c).  Linux: kernel/signal.c, kernel/time/itimer.c */
#ifndef POLLUX_SIGNAL_H
#define POLLUX_SIGNAL_H

#include <pollux/sched.h>
#include <pollux/timer.h>
#include <pollux/refcount.h>
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
#define BUS_ADRERR	2	/* SIGBUS: no such address (past a mapped file's end) */

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

/* The actions, shared by the threads made with CLONE_SIGHAND.
 * Linux: struct sighand_struct */
struct sighand_struct {
	refcount_t count;		/* tasks sharing it */
	spinlock_t siglock;		/* the pending sets and masks too, as Linux */
	struct kernel_sigaction action[_NSIG];
	/* signalfd readers and pollers of these threads' signals
	 * (kernel/fs/signalfd.c), woken when one is queued */
	wait_queue_head_t signalfd_wqh;
};

/* signal->flags */
#define SIGNAL_STOP_STOPPED 0x01	/* the group stop is complete */
#define SIGNAL_GROUP_EXIT 0x04		/* exit_group or a fatal signal */

/*
 * What the threads of a process share besides the resources: the
 * process-directed pending signals, the exit and stop of the whole
 * group, the interval timer, the wait queue of wait4.
 * Linux: include/linux/sched/signal.h struct signal_struct
 */
struct signal_struct {
	refcount_t sigcnt;		/* references: tasks not yet released */
	atomic_t live;			/* threads that have not called do_exit */
	/* The last thread's exit_notify() told the parent: the leader may
	 * be reaped from now on, not from live's 0 (Linux: wait_task_zombie()
	 * waits for !delay_group_leader(), the other threads gone); the
	 * one that reaps it takes it off the children list under
	 * tasklist_lock (exit.c wait_thread()) */
	bool exit_notified;
	int nr_threads;			/* threads on thread_head */
	struct list_head thread_head;	/* the threads, via thread_node */
	struct task_struct *curr_target;	/* where complete_signal starts */
	wait_queue_head_t wait_chldexit;	/* wait4 of any thread sleeps here */
	struct sigpending shared_pending;	/* kill(), SIGCHLD, SIGALRM */
	int group_exit_code;		/* wait status, with SIGNAL_GROUP_EXIT */
	int group_stop_count;		/* threads yet to join the group stop */
	unsigned int flags;		/* SIGNAL_* */
	struct task_struct *group_exec_task;	/* the thread in de_thread() */
	/* ITIMER_REAL (itimer.c): sends SIGALRM, reloads it_real_incr */
	struct timer_list real_timer;
	u64 it_real_incr;		/* in jiffies; 0: one-shot */
	struct rlimit rlim_nofile;	/* the one resource limit kept (Linux: rlim[]) */
};

/* The group is dying, or one thread execs and the others must end.
 * Linux: include/linux/sched/signal.h signal_group_exit() */
static inline bool signal_group_exit(const struct signal_struct *sig)
{
	return (sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task;
}

/* A signal to take, or a group stop to join: what ends an
 * interruptible sleep.  Linux: kernel/signal.c recalc_sigpending_tsk(),
 * computed each time instead of kept in TIF_SIGPENDING */
static inline bool signal_pending(struct task_struct *t)
{
	return ((t->pending.signal | t->signal->shared_pending.signal) &
		~t->blocked) || (t->jobctl & JOBCTL_STOP_PENDING);
}

/* SIGKILL is pending: the thread is dying.  Linux: fatal_signal_pending() */
static inline bool fatal_signal_pending(struct task_struct *t)
{
	return t->pending.signal & sigmask(SIGKILL);
}

/* Both pending sets.  Linux: what rt_sigpending and signalfd read */
static inline u64 task_pending(struct task_struct *t)
{
	return t->pending.signal | t->signal->shared_pending.signal;
}

/* Linux: include/linux/pid.h enum pid_type: whom a signal is for */
enum pid_type { PIDTYPE_PID, PIDTYPE_TGID };

/* Queue sig for thread t (PIDTYPE_PID) or its whole group
 * (PIDTYPE_TGID) with its siginfo, waking a thread to take it, and
 * the signalfd readers and pollers.  Linux: send_signal_locked() */
void send_signal(int sig, const struct kernel_siginfo *info,
		 struct task_struct *t, enum pid_type type);
/* To thread t.  Linux: send_sig_info() */
void send_sig_info(int sig, const struct kernel_siginfo *info,
		   struct task_struct *t);
/* To t's process.  Linux: group_send_sig_info() */
void group_send_sig_info(int sig, const struct kernel_siginfo *info,
			 struct task_struct *t);
/* The siginfo of a signal current sends by itself (kill, SIGPIPE). */
struct kernel_siginfo info_from_current(int code);
/* A thread that has exited (a zombie leader, a thread not yet freed). */
static inline bool task_exited(struct task_struct *t)
{
	return t->state & (TASK_ZOMBIE | TASK_DEAD);
}
/* Queue sig for t as if current sent it with kill() (SI_USER).
 * Linux: send_sig(sig, t, 0) */
void send_sig(int sig, struct task_struct *t);
/* A child's exit: SIGCHLD with CLD_EXITED/CLD_KILLED to its parent;
 * true if the parent will not wait (autoreap).  Linux: do_notify_parent() */
bool do_notify_parent(struct task_struct *tsk);
/* A user-mode fault: the CPU exception becomes sig for current
 * (kernel/arch/traps.c); cr2 is a page fault's address. */
void force_sig_fault(int sig, struct trapframe *tf, u64 cr2, const char *what);
/* sig for current with si_code SI_KERNEL, even if blocked or ignored. */
void force_sig(int sig);
/* The same with a given siginfo (faults: kernel/arch/traps.c). */
void force_sig_info(int sig, const struct kernel_siginfo *info);
/* Whether sig would be dropped on arrival: ignored, or ignored by default. */
bool sig_ignored(struct task_struct *t, int sig);

/* Delivery (signal_deliver.c, kernel/arch/signal.c): the next signal with
 * a handler, after the default actions of those before it; the frame. */
bool get_signal(struct ksignal *ksig);
/* exit_group(2), a fatal signal: every thread ends with status.
 * Linux: kernel/exit.c do_group_exit() */
__noreturn void do_group_exit(int status);
/* SIGKILL to every other thread of current's group; how many.
 * Linux: kernel/signal.c zap_other_threads() */
int zap_other_threads(struct task_struct *p);
int dequeue_signal(u64 set, struct siginfo *info);
void arch_do_signal_or_restart(struct trapframe *tf);

/* Job control (jobctl.c). */
void do_notify_parent_cldstop(struct task_struct *t, int why, int sig);
void do_signal_stop(int sig);
bool is_current_pgrp_orphaned(void);
/* SIGHUP and SIGCONT to a group with stopped members that tsk's exit
 * (parent NULL) or tsk's parent's exit orphans. */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent); /* tasklist_lock held */

/* The alternate signal stack (sigaltstack.c); sp is the user's. */
bool on_sig_stack(u64 sp);
int sas_ss_flags(u64 sp);
int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp);

/* execve: handlers back to SIG_DFL (ignored signals stay ignored). */
void flush_signal_handlers(struct task_struct *t);
/* fork: the child's copy (or init's, from NULL) of the actions. */
struct sighand_struct *sighand_alloc(const struct sighand_struct *old);
void __cleanup_sighand(struct sighand_struct *sighand);
/* A new process's signal_struct: nothing pending, no timer. */
struct signal_struct *alloc_signal_struct(void);
void put_signal_struct(struct signal_struct *sig);
/* exit of the group's last thread: stop ITIMER_REAL.  Linux: exit_itimers() */
void exit_itimers(struct signal_struct *sig);

/* mask off the group's pending set and every thread's. */
void flush_group_mask(struct task_struct *p, u64 mask);
/* Signals of which (pending for tsk's process) that tsk will no longer
 * take (it blocks them, or exits) wake another thread to take them. */
void retarget_shared_pending(struct task_struct *tsk, u64 which);

/* Sends sig to every process of group pgrp. */
int kill_pgrp(pid_t pgrp, int sig);
/* The same with a siginfo, tasklist_lock held.  Linux: __kill_pgrp_info() */
int __kill_pgrp_info(int sig, struct kernel_siginfo *info, pid_t pgrp);

/* The temporary mask of epoll_pwait, ppoll, pselect6 (kernel/proc/signal_sys.c). */
int set_user_sigmask(const u64 __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);

#endif
