/*
 * tt.h - the checks of the thread test programs (tests/threads/).
 *
 * These programs use the real libc (musl or glibc), not the project's, so
 * they cannot share tests/user/test.c; this header gives them the same
 * output: one line per check,
 *     ok N - what
 *     not ok N - what (got X, want Y)
 * and tt_done() prints "P passed, F failed" and returns the exit status.
 * Threads only record what they saw; main checks and prints after the
 * joins, so the order of the lines never depends on scheduling.  Each
 * line is flushed at once, so nothing is left in stdio's buffer for a
 * fork, an execve or an exit_group to copy or lose.
 */
#ifndef TT_H
#define TT_H

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../../user/task_state.h"

static int tt_count, tt_failed;

/* A watchdog: a program that hangs (a lost wake-up) dies of SIGALRM
 * after 30 s instead of stopping the whole boot's list of programs, and
 * so does each child it forks (alarms do not cross fork): one left
 * waiting would keep kmemstat, which waits for every process, from
 * ending the boot.  Natively each program takes under 2 s. */
static void tt_arm(void)
{
	alarm(30);
}

__attribute__((constructor)) static void tt_watchdog(void)
{
	tt_arm();
	pthread_atfork(NULL, NULL, tt_arm);
}

static void tt_line(int ok, const char *what, const char *why)
{
	tt_count++;
	if (!ok)
		tt_failed++;
	printf("%sok %d - %s%s\n", ok ? "" : "not ", tt_count, what,
	       ok ? "" : why);
	fflush(stdout);
}

static inline void tt_check_eq(long long got, long long want, const char *what)
{
	char why[80];

	snprintf(why, sizeof(why), " (got %lld, want %lld)", got, want);
	tt_line(got == want, what, why);
}

/* An errno's name (musl has no strerrorname_np): the ones these
 * programs expect, else the number. */
static inline const char *tt_errname(int e)
{
	static char num[16];

	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EINTR: return "EINTR";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case ESRCH: return "ESRCH";
	case EBADF: return "EBADF";
	case ENOENT: return "ENOENT";
	case EPERM: return "EPERM";
	case EEXIST: return "EEXIST";
	case EOWNERDEAD: return "EOWNERDEAD";
	case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
	case EDEADLK: return "EDEADLK";
	case EBUSY: return "EBUSY";
	}
	snprintf(num, sizeof(num), "%d", e);
	return num;
}

/* ret must be -1 with errno err (errno read right after the call). */
static inline void tt_check_err(long long ret, int got_errno, int err,
				const char *what)
{
	char why[120];

	snprintf(why, sizeof(why), " (got %lld errno %s, want -1 errno %s)",
		 ret, tt_errname(got_errno), tt_errname(err));
	tt_line(ret == -1 && got_errno == err, what, why);
}

#define CHECK(cond, what) tt_line(!!(cond), (what), "")
#define CHECK_EQ(got, want, what) \
	tt_check_eq((long long)(got), (long long)(want), (what))
#define CHECK_ERR(expr, err, what)                                        \
	do {                                                              \
		errno = 0;                                                \
		long long tt_ret_ = (long long)(expr);                    \
		tt_check_err(tt_ret_, errno, (err), (what));              \
	} while (0)

static inline int tt_done(void)
{
	printf("%d passed, %d failed\n", tt_count - tt_failed, tt_failed);
	fflush(stdout);
	return tt_failed ? 1 : 0;
}

/* The thread's id: glibc 2.36 has gettid(), musl has it too, but a raw
 * call keeps the programs honest about which syscall they test. */
static inline pid_t tt_gettid(void) { return (pid_t)syscall(SYS_gettid); }

static inline void tt_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static inline long long tt_now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Linux's include/uapi/linux/futex.h (musl-gcc has no <linux/...>). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu
#define FUTEX_WAITERS		0x80000000u
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu
#define FUTEX_OP_SET		0
#define FUTEX_OP_ADD		1
#define FUTEX_OP_OR		2
#define FUTEX_OP_ANDN		3
#define FUTEX_OP_XOR		4
#define FUTEX_OP_OPARG_SHIFT	8
#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | \
	 (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

/* How many threads sleep in a futex wait on the word at addr, with op's
 * privacy (FUTEX_PRIVATE_FLAG or not): a CMP_REQUEUE that wakes none and
 * moves them all onto the word itself, where they stay, returns their
 * number.  So a test wakes only once its waiters sleep, under any load. */
static inline long tt_waiters(volatile void *addr, int op)
{
	return syscall(SYS_futex, addr, FUTEX_CMP_REQUEUE |
		       (op & FUTEX_PRIVATE_FLAG), 0, 0x7fffffff, addr,
		       *(volatile uint32_t *)addr);
}

/* Returns once n threads sleep on addr (after 5 s in any case). */
static inline void tt_until_waiters(volatile void *addr, int op, int n)
{
	for (int i = 0; i < 5000 && tt_waiters(addr, op) < n; i++)
		tt_sleep_ms(1);
}

/* The flags musl and glibc give clone for pthread_create, less the TLS
 * and the tid words, which the raw threads below choose themselves. */
#define TT_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_THREAD | CLONE_SYSVSEM)
#define TT_STACK (64 * 1024)

/* Starts fn(arg) in a raw thread of this process, through libc's
 * clone(): no TLS of its own (it runs on the creator's), so fn may make
 * only raw syscalls that succeed, and it ends with SYS_exit when it
 * returns.  The kernel writes its tid to *ctid at start and clears it
 * and wakes a futex waiter there at exit (CLONE_CHILD_CLEARTID).  The
 * stack is not freed: a test starts only a few. */
static inline pid_t tt_raw_thread(int (*fn)(void *), void *arg,
				  volatile pid_t *ctid)
{
	char *stack = malloc(TT_STACK);

	return clone(fn, stack + TT_STACK, TT_THREAD_FLAGS |
		     CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, arg, NULL,
		     NULL, (pid_t *)ctid);
}

/* Waits until the raw thread whose clear-tid word is ctid has exited;
 * returns 0 if a futex wake ended a wait, 1 if it was gone already. */
static inline int tt_raw_join(volatile pid_t *ctid)
{
	pid_t tid;
	int gone = 1;

	while ((tid = *ctid) != 0)
		if (syscall(SYS_futex, ctid, FUTEX_WAIT, tid, NULL, NULL, 0) == 0)
			gone = 0;
	return gone;
}

#endif
