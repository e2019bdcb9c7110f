/* The siginfo and pending-set types that task_struct and signal_struct
 * embed.  Linux: include/linux/signal_types.h */
#ifndef POLLUX_SIGNAL_TYPES_H
#define POLLUX_SIGNAL_TYPES_H

#include <pollux/types.h>
#include <uapi/signal.h>

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
 * kernel_siginfo, queued on a sigpending as a sigqueue. */
struct kernel_siginfo {
	s32 si_code;
	union sigfields fields;
};

/*
 * Signals pending for one thread (task->pending: tkill, faults) or for
 * the whole thread group (signal->shared_pending: kill, SIGCHLD).
 * Standard signals do not queue: a second instance while one is
 * pending is dropped, so one siginfo per signal is all there is.
 * Linux: struct sigpending (a list of sigqueue and the set)
 */
struct sigpending {
	u64 signal;			/* bit sig-1: signal sig pending */
	struct kernel_siginfo info[_NSIG];
};

#endif
