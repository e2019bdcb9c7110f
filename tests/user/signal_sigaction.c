/*
 * signal_sigaction.c - rt_sigaction's order of work, as Linux: the new
 * action is installed before the old one is copied out, so a bad oldact
 * pointer gives EFAULT with the new action in place; a bad act pointer
 * gives EFAULT and changes nothing.  Linux: kernel/signal.c
 * SYSCALL_DEFINE4(rt_sigaction).
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

static void on_usr1(int sig) { (void)sig; }

static long rt_sigaction(int sig, const struct kernel_sigaction *act,
			 struct kernel_sigaction *old)
{
	return syscall(SYS_rt_sigaction, sig, act, old, sizeof(kernel_sigset_t));
}

int main(void)
{
	struct kernel_sigaction act, old;

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_usr1;
	act.sa_mask = 1UL << (SIGUSR2 - 1);
	CHECK_ERR(rt_sigaction(SIGUSR1, &act, bad_addr(1)), EFAULT,
		  "rt_sigaction with a bad oldact: EFAULT");
	memset(&old, 0, sizeof(old));
	CHECK_EQ(rt_sigaction(SIGUSR1, NULL, &old), 0, "read the action back");
	CHECK(old.sa_handler == on_usr1, "  the new handler was installed");
	CHECK_HEX(old.sa_mask, 1UL << (SIGUSR2 - 1), "  with its mask");

	act.sa_handler = SIG_IGN;
	CHECK_ERR(rt_sigaction(SIGUSR1, bad_addr(1), &old), EFAULT,
		  "rt_sigaction with a bad act: EFAULT");
	memset(&old, 0, sizeof(old));
	rt_sigaction(SIGUSR1, NULL, &old);
	CHECK(old.sa_handler == on_usr1, "  the action is unchanged");
	return test_done();
}
