/*
 * Helpers shared by the futex tests that wait in child processes
 * (tests/user/futex_shared.c, futex_robust.c).  None blocks for ever: a
 * kernel that loses a wake-up makes a check fail, not the test boot hang.
 */
#ifndef FUTEX_UTIL_H
#define FUTEX_UTIL_H

#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static inline long futex(unsigned int *uaddr, int op, unsigned int val,
			 unsigned long val2, unsigned int *uaddr2,
			 unsigned int val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

/* How many wait on the shared futex f, none woken: a CMP_REQUEUE that
 * moves them all onto f itself. */
static inline long nwaiters(unsigned int *f)
{
	return futex(f, FUTEX_CMP_REQUEUE, 0, INT_MAX, f, *f);
}

/* Waits (up to 5 s) until n tasks wait on f; whether they did. */
static inline int wait_for(unsigned int *f, long n)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (nwaiters(f) == n)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* The exit status of the child pid, waited for up to 5 s; -1 if it
 * did not exit normally by then (it is killed and reaped). */
static inline int reap(pid_t pid)
{
	int i, st;

	for (i = 0; i < 5000; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		sleep_ms(1);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

#endif
