/* Signal numbers and the rt_sigaction ABI
 * (Linux: arch/x86/include/uapi/asm/signal.h, asm-generic/signal-defs.h). */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#include <uapi/types.h>

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31

/* Signals 1.._NSIG; each is bit (sig - 1) of a kernel sigset. */
#define _NSIG      64

/* sa_flags. */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* rt_sigprocmask() how. */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

typedef void (*__sighandler_t)(int);
typedef void (*__sigrestore_t)(void);

#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)
#define SIG_ERR ((__sighandler_t)-1)

/* The kernel's signal set: 64 bits, passed with sigsetsize == 8. */
typedef unsigned long kernel_sigset_t;

/*
 * What rt_sigaction() reads and writes on x86-64 (Linux: struct sigaction in
 * arch/x86/include/asm/signal.h). Note the order differs from glibc's
 * struct sigaction; the restorer is the user code that calls rt_sigreturn.
 */
struct kernel_sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
	kernel_sigset_t sa_mask;
};

/* sigaltstack(2) (Linux: include/uapi/asm-generic/signal-defs.h,
 * arch/x86/include/uapi/asm/signal.h). */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)	/* disarm while a handler runs on it */
#define SS_FLAG_BITS  SS_AUTODISARM
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	__kernel_size_t ss_size;
} stack_t;

#endif
