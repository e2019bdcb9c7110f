/*
 * futex_ops: every futex operation and its errors, through
 * syscall(SYS_futex) as musl and glibc call it.  Waiters are threads;
 * main counts those asleep on a word with a CMP_REQUEUE that wakes none
 * and moves all onto the word itself (tt_waiters()), so it wakes only once
 * all sleep, and it checks who still sleeps after a wake the same way:
 * no sleep-and-hope, whatever the load.  What each waiter saw is
 * printed by main after the joins.  Covered: WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, FUTEX_PRIVATE_FLAG (a private wake does not meet
 * a shared wait), FUTEX_CLOCK_REALTIME, relative and absolute timeouts,
 * and EAGAIN, ETIMEDOUT, EINTR (and the restart with SA_RESTART),
 * EFAULT, EINVAL, ENOSYS.
 */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#include "tt.h"

static long futex(uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *ts, uint32_t *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* REQUEUE and WAKE_OP take a count (val2) where the timeout goes. */
#define VAL2(n) ((const struct timespec *)(uintptr_t)(n))

struct waiter {
	uint32_t *addr;
	int op;
	uint32_t val, bitset;
	const struct timespec *ts;
	pthread_t th;
	long ret;
	int err;
	int done;
};

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;

	errno = 0;
	w->ret = futex(w->addr, w->op, w->val, w->ts, NULL, w->bitset);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Starts n waiters on addr (op, bitset) and returns once all are asleep. */
static void start(struct waiter *w, int n, uint32_t *addr, int op,
		  uint32_t bitset)
{
	for (int i = 0; i < n; i++) {
		w[i] = (struct waiter){ .addr = addr, .op = op, .val = *addr,
					.bitset = bitset };
		pthread_create(&w[i].th, NULL, wait_thread, &w[i]);
	}
	tt_until_waiters(addr, op, n);
}

/* Returns once k of the n waiters have returned (after 5 s in any case). */
static void until_returned(struct waiter *w, int n, int k)
{
	for (int t = 0; t < 5000; t++) {
		int done = 0;

		for (int i = 0; i < n; i++)
			done += __atomic_load_n(&w[i].done, __ATOMIC_SEQ_CST);
		if (done >= k)
			return;
		tt_sleep_ms(1);
	}
}

/* Joins n waiters; returns how many returned 0. */
static int join_all(struct waiter *w, int n)
{
	int zero = 0;

	for (int i = 0; i < n; i++) {
		pthread_join(w[i].th, NULL);
		zero += w[i].ret == 0;
	}
	return zero;
}

static struct timespec ms_ts(long ms)
{
	return (struct timespec){ ms / 1000, (ms % 1000) * 1000000 };
}

static struct timespec deadline(clockid_t clk, long ms)
{
	long long ns = tt_now_ns(clk) + ms * 1000000LL;

	return (struct timespec){ ns / 1000000000, ns % 1000000000 };
}

static uint32_t f1, f2, word = 1;

static void errors(void)
{
	struct timespec ts = ms_ts(0), bad_ns = { 0, 1000000000 },
			neg = { -1, 0 };
	long long t0;

	CHECK_ERR(futex(&word, FUTEX_WAIT, 2, NULL, NULL, 0), EAGAIN,
		  "WAIT with a value other than the word's: EAGAIN");
	CHECK_ERR(futex(&word, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 2, NULL, NULL, 0), EAGAIN,
		  "WAIT_PRIVATE likewise: EAGAIN");
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, NULL, 0), ETIMEDOUT,
		  "WAIT with a zero timeout: ETIMEDOUT");
	ts = ms_ts(20);
	t0 = tt_now_ns(CLOCK_MONOTONIC);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, NULL, 0), ETIMEDOUT,
		  "WAIT with a relative 20 ms timeout: ETIMEDOUT");
	CHECK(tt_now_ns(CLOCK_MONOTONIC) - t0 >= 20000000,
	      "... after at least 20 ms");
	ts = deadline(CLOCK_MONOTONIC, 20);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 1, &ts, NULL,
			FUTEX_BITSET_MATCH_ANY), ETIMEDOUT,
		  "WAIT_BITSET with an absolute CLOCK_MONOTONIC deadline: ETIMEDOUT");
	CHECK(tt_now_ns(CLOCK_MONOTONIC) >= ts.tv_sec * 1000000000LL + ts.tv_nsec,
	      "... not before the deadline");
	ts = deadline(CLOCK_REALTIME, 20);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &ts,
			NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT,
		  "WAIT_BITSET|CLOCK_REALTIME with an absolute deadline: ETIMEDOUT");
	CHECK(tt_now_ns(CLOCK_REALTIME) >= ts.tv_sec * 1000000000LL + ts.tv_nsec,
	      "... not before the deadline");
	ts = deadline(CLOCK_MONOTONIC, -1000);
	CHECK_ERR(futex(&word, (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG), 1, &ts, NULL,
			FUTEX_BITSET_MATCH_ANY), ETIMEDOUT,
		  "WAIT_BITSET with a deadline in the past: ETIMEDOUT");

	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &bad_ns, NULL, 0), EINVAL,
		  "WAIT with tv_nsec = 10^9: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &neg, NULL, 0), EINVAL,
		  "WAIT with tv_sec = -1: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAIT, 2, &bad_ns, NULL, 0), EINVAL,
		  "WAIT with a bad timeout and a stale value: EINVAL first");
	CHECK_ERR(futex((uint32_t *)((char *)&word + 1), FUTEX_WAIT, 1, NULL,
			NULL, 0), EINVAL, "WAIT on a misaligned address: EINVAL");
	CHECK_ERR(futex((uint32_t *)((char *)&word + 2), FUTEX_WAKE, 1, NULL,
			NULL, 0), EINVAL, "WAKE on a misaligned address: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0), EINVAL,
		  "WAIT_BITSET with bitset 0: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL,
		  "WAKE_BITSET with bitset 0: EINVAL");
	CHECK_ERR(futex(&f1, FUTEX_CMP_REQUEUE, -1, VAL2(1), &f2, f1), EINVAL,
		  "CMP_REQUEUE with nr_wake -1: EINVAL");
	CHECK_ERR(futex(&f1, FUTEX_CMP_REQUEUE, 1, VAL2(-1), &f2, f1), EINVAL,
		  "CMP_REQUEUE with nr_requeue -1: EINVAL");

	CHECK_ERR(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT,
		  "WAIT on NULL: EFAULT");
	CHECK_ERR(futex(NULL, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 0, NULL, NULL, 0), EFAULT,
		  "WAIT_PRIVATE on NULL: EFAULT");
	CHECK_ERR(futex(&word, FUTEX_WAIT, 1, (struct timespec *)1, NULL, 0),
		  EFAULT, "WAIT with a bad timeout pointer: EFAULT");
	CHECK_ERR(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT,
		  "WAKE (shared) on NULL: EFAULT (the key needs the page)");
	CHECK_EQ(futex(NULL, (FUTEX_WAKE | FUTEX_PRIVATE_FLAG), 1, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE on NULL: 0 (a private key is just the address)");
	CHECK_ERR(futex(&f1, FUTEX_CMP_REQUEUE, 1, VAL2(1), NULL, f1), EFAULT,
		  "CMP_REQUEUE to NULL: EFAULT");
	CHECK_ERR(futex(&f1, FUTEX_WAKE_OP, 1, VAL2(1), NULL,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EFAULT,
		  "WAKE_OP on a NULL second word: EFAULT");

	CHECK_ERR(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS,
		  "an unknown operation (99): ENOSYS");
	CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL,
			NULL, 0), ENOSYS,
		  "FUTEX_CLOCK_REALTIME with plain WAIT: ENOSYS");
	CHECK_ERR(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL,
			NULL, 0), ENOSYS,
		  "FUTEX_CLOCK_REALTIME with WAKE: ENOSYS");
	f2 = 3;
	CHECK_ERR(futex(&f1, FUTEX_WAKE_OP, 1, VAL2(1), &f2,
			FUTEX_OP(6, 1, FUTEX_OP_CMP_EQ, 0)), ENOSYS,
		  "WAKE_OP with an unknown op (6): ENOSYS");
	CHECK_EQ(f2, 3, "... the second word untouched");
	CHECK_ERR(futex(&f1, FUTEX_WAKE_OP, 1, VAL2(1), &f2,
			FUTEX_OP(FUTEX_OP_SET, 5, 6, 0)), ENOSYS,
		  "WAKE_OP with an unknown comparison (6): ENOSYS");
	CHECK_EQ(f2, 5, "... after the op was done on the second word");
}

static void wake_and_bitsets(void)
{
	struct waiter w[3];

	f1 = 7;
	start(w, 3, &f1, FUTEX_WAIT, 0);
	CHECK_EQ(futex(&f1, FUTEX_WAKE, 1, NULL, NULL, 0), 1,
		 "WAKE 1 of 3 waiters: returns 1");
	CHECK_EQ(tt_waiters(&f1, FUTEX_WAIT), 2, "... two still sleep");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 2,
		 "WAKE INT_MAX: the other 2");
	CHECK_EQ(join_all(w, 3), 3, "... all three waits returned 0");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 0,
		 "WAKE with nobody waiting: 0");

	for (int i = 0; i < 3; i++)
		start(&w[i], 1, &f1, FUTEX_WAIT_BITSET, 1u << i);
	tt_until_waiters(&f1, FUTEX_WAIT_BITSET, 3);
	CHECK_EQ(futex(&f1, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 8), 0,
		 "WAKE_BITSET 0x8 with waiters on 0x1, 0x2, 0x4: wakes none");
	CHECK_EQ(futex(&f1, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 6), 2,
		 "WAKE_BITSET 0x6: wakes 2");
	CHECK_EQ(tt_waiters(&f1, FUTEX_WAIT_BITSET), 1, "... one still sleeps");
	until_returned(w, 3, 2);
	CHECK(w[1].done && w[2].done && !w[0].done,
	      "... those waiting on 0x2 and 0x4");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 1,
		 "plain WAKE (any bit) wakes the WAIT_BITSET 0x1 waiter");
	CHECK_EQ(join_all(w, 3), 3, "... all three waits returned 0");
}

static void requeue(void)
{
	struct waiter w[3];

	f1 = 1;
	f2 = 2;
	start(w, 3, &f1, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 0);
	CHECK_EQ(futex(&f1, (FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2, 0), 2,
		 "REQUEUE 3 waiters, wake 1, move 1: returns 2");
	CHECK(tt_waiters(&f1, FUTEX_PRIVATE_FLAG) == 1 && tt_waiters(&f2, FUTEX_PRIVATE_FLAG) == 1,
	      "... one sleeps on each word");
	CHECK_EQ(futex(&f2, (FUTEX_WAKE | FUTEX_PRIVATE_FLAG), INT_MAX, NULL, NULL, 0), 1,
		 "WAKE on the second word: the moved waiter");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE | FUTEX_PRIVATE_FLAG), INT_MAX, NULL, NULL, 0), 1,
		 "WAKE on the first word: the one left there");
	CHECK_EQ(join_all(w, 3), 3, "... all three waits returned 0");

	start(w, 3, &f1, FUTEX_WAIT, 0);
	CHECK_ERR(futex(&f1, FUTEX_CMP_REQUEUE, 0, VAL2(3), &f2, f1 + 1), EAGAIN,
		  "CMP_REQUEUE with a stale value: EAGAIN");
	CHECK_EQ(futex(&f1, FUTEX_CMP_REQUEUE, 0, VAL2(2), &f2, f1), 2,
		 "CMP_REQUEUE wake 0, move 2: returns 2");
	CHECK(tt_waiters(&f1, FUTEX_WAIT) == 1 && tt_waiters(&f2, FUTEX_WAIT) == 2,
	      "... none woken: one sleeps on the first word, two on the second");
	CHECK_EQ(futex(&f2, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 2,
		 "WAKE on the second word: the 2 moved");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 1,
		 "WAKE on the first word: the one left");
	CHECK_EQ(join_all(w, 3), 3, "... all three waits returned 0");
}

static void wake_op(void)
{
	struct waiter a[2], b[1];

	f1 = 0;
	f2 = 0;
	start(a, 2, &f1, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 0);
	start(b, 1, &f2, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 0);
	CHECK_EQ(futex(&f1, (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2,
		       FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_GT, 10)), 1,
		 "WAKE_OP add 5, old 0 > 10 false: wakes 1 on the first word only");
	CHECK_EQ(f2, 5, "... second word 0 + 5");
	CHECK_EQ(tt_waiters(&f1, FUTEX_PRIVATE_FLAG) + tt_waiters(&f2, FUTEX_PRIVATE_FLAG), 2,
		 "... two still sleep");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2,
		       FUTEX_OP(FUTEX_OP_OR, 2, FUTEX_OP_CMP_EQ, 5)), 2,
		 "WAKE_OP or 2, old 5 == 5 true: wakes 1 on each word");
	CHECK_EQ(f2, 7, "... second word 5 | 2");
	CHECK_EQ(join_all(a, 2) + join_all(b, 1), 3, "... all three waits returned 0");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2,
		       FUTEX_OP(FUTEX_OP_ANDN, 3, FUTEX_OP_CMP_NE, 0)), 0,
		 "WAKE_OP andn 3 with nobody waiting: 0");
	CHECK_EQ(f2, 4, "... second word 7 & ~3");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2,
		       FUTEX_OP(FUTEX_OP_XOR, 0xf, FUTEX_OP_CMP_LT, 0)), 0,
		 "WAKE_OP xor 0xf: 0");
	CHECK_EQ(f2, 11, "... second word 4 ^ 0xf");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG), 1, VAL2(1), &f2,
		       FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 4,
				FUTEX_OP_CMP_GE, 0)), 0,
		 "WAKE_OP set with OPARG_SHIFT 4: 0");
	CHECK_EQ(f2, 16, "... second word 1 << 4");
}

static void private_flag(void)
{
	struct waiter w[1];

	f1 = 9;
	start(w, 1, &f1, FUTEX_WAIT, 0);
	CHECK_EQ(futex(&f1, (FUTEX_WAKE | FUTEX_PRIVATE_FLAG), 1, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE does not wake a shared WAIT on the same word");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, 1, NULL, NULL, 0), 1,
		 "... a shared WAKE does");
	join_all(w, 1);
	start(w, 1, &f1, (FUTEX_WAIT | FUTEX_PRIVATE_FLAG), 0);
	CHECK_EQ(futex(&f1, FUTEX_WAKE, 1, NULL, NULL, 0), 0,
		 "a shared WAKE does not wake a WAIT_PRIVATE");
	CHECK_EQ(futex(&f1, (FUTEX_WAKE | FUTEX_PRIVATE_FLAG), 1, NULL, NULL, 0), 1,
		 "... WAKE_PRIVATE does");
	join_all(w, 1);
}

static int usr1_handled;

static void on_usr1(int sig)
{
	(void)sig;
	__atomic_store_n(&usr1_handled, 1, __ATOMIC_SEQ_CST);
}

static void interrupted(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec ts = ms_ts(10000);
	struct waiter w[1];

	sigaction(SIGUSR1, &sa, NULL);
	f1 = 4;
	start(w, 1, &f1, FUTEX_WAIT, 0);
	pthread_kill(w[0].th, SIGUSR1);
	join_all(w, 1);
	CHECK(w[0].ret == -1 && w[0].err == EINTR,
	      "a handled signal (no SA_RESTART) ends WAIT with EINTR");

	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	start(w, 1, &f1, FUTEX_WAIT, 0);
	usr1_handled = 0;
	pthread_kill(w[0].th, SIGUSR1);
	while (!__atomic_load_n(&usr1_handled, __ATOMIC_SEQ_CST))
		tt_sleep_ms(1);
	tt_until_waiters(&f1, FUTEX_WAIT, 1);
	CHECK(tt_waiters(&f1, FUTEX_WAIT) == 1 && !w[0].done,
	      "with SA_RESTART, WAIT without a timeout restarts: it sleeps again");
	CHECK_EQ(futex(&f1, FUTEX_WAKE, 1, NULL, NULL, 0), 1,
		 "... and a WAKE then finds it waiting");
	join_all(w, 1);
	CHECK_EQ(w[0].ret, 0, "... its WAIT returns 0");

	w[0] = (struct waiter){ .addr = &f1, .op = FUTEX_WAIT, .val = f1,
				.ts = &ts };
	pthread_create(&w[0].th, NULL, wait_thread, &w[0]);
	tt_until_waiters(&f1, FUTEX_WAIT, 1);
	pthread_kill(w[0].th, SIGUSR1);
	join_all(w, 1);
	CHECK(w[0].ret == -1 && w[0].err == EINTR,
	      "with SA_RESTART, a WAIT with a timeout still ends with EINTR");
}

int main(void)
{
	errors();
	wake_and_bitsets();
	requeue();
	wake_op();
	private_flag();
	interrupted();
	return tt_done();
}
