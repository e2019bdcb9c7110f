#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

/* One bit per signal, exactly the kernel's 64-bit set (glibc's is 1024 bits). */
typedef kernel_sigset_t sigset_t;
typedef __sighandler_t sighandler_t;
#define NSIG (_NSIG + 1)

/* The first fields of the kernel's siginfo (128 bytes in all). */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { pid_t si_pid; uid_t si_uid; int si_status; } __chld;
		char __pad[112];
	} __u;
} siginfo_t;
#define si_pid    __u.__chld.si_pid
#define si_uid    __u.__chld.si_uid
#define si_status __u.__chld.si_status

/* si_code values (Linux: include/uapi/asm-generic/siginfo.h). */
#define SI_USER       0
#define SI_KERNEL     0x80
#define SI_TKILL      (-6)	/* tkill(), tgkill() */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* glibc's layout of struct sigaction; sigaction() converts it to the kernel's. */
struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigaltstack(const stack_t *ss, stack_t *old);
struct timespec;
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigwait(const sigset_t *set, int *sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int kill(pid_t pid, int sig);
int raise(int sig);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

#endif
