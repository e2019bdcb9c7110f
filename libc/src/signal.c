/* Signal dispositions and masks. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include "syscall.h"

void __restore_rt(void);	/* arch/x86_64/sigreturn.S */

/* Translate glibc's struct sigaction to the kernel's, always supplying our
 * restorer: x86-64 Linux requires SA_RESTORER for a handler to return. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct kernel_sigaction kact, kold;

	if (act) {
		kact.sa_handler = act->sa_handler;
		kact.sa_flags = (unsigned int)act->sa_flags | SA_RESTORER;
		kact.sa_restorer = __restore_rt;
		kact.sa_mask = act->sa_mask;
	}
	if (syscall4(__NR_rt_sigaction, sig, act ? &kact : NULL, old ? &kold : NULL,
		     sizeof(sigset_t)) < 0)
		return -1;
	if (old) {
		old->sa_handler = kold.sa_handler;
		old->sa_flags = (int)kold.sa_flags;
		old->sa_restorer = kold.sa_restorer;
		old->sa_mask = kold.sa_mask;
	}
	return 0;
}

/* BSD semantics, as glibc's signal(): restart interrupted calls, stay installed. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return syscall4(__NR_rt_sigprocmask, how, set, old, sizeof(sigset_t));
}

int sigpending(sigset_t *set)
{
	return syscall2(__NR_rt_sigpending, set, sizeof(sigset_t));
}

int sigsuspend(const sigset_t *mask)
{
	return syscall2(__NR_rt_sigsuspend, mask, sizeof(sigset_t));
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return syscall4(__NR_rt_sigtimedwait, set, info, timeout, sizeof(sigset_t));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX: returns the error number instead of setting errno. */
int sigwait(const sigset_t *set, int *sig)
{
	int ret = sigtimedwait(set, NULL, NULL);

	if (ret < 0)
		return errno;
	*sig = ret;
	return 0;
}
