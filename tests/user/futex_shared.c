/*
 * futex_shared.c - waiters in child processes on a MAP_SHARED page,
 * woken, requeued and counted by the parent: FUTEX_WAKE (how many, oldest
 * first, val 0 wakes one), WAKE_BITSET, REQUEUE and CMP_REQUEUE,
 * WAKE_OP and each of its comparisons, a private key that a shared wake
 * does not meet, and a wait that a stop and SIGCONT restart (to the same
 * deadline, if it has one).  A child reports through its exit status:
 * 0 when its wait returned 0, 100 + errno otherwise.
 *
 * nwaiters() counts the waiters on a futex without waking them
 * (futex_util.h).
 */
#include <sys/mman.h>
#include <time.h>

#include "futex_util.h"

static unsigned int *shm;	/* a shared page: the futexes */

/* A child waiting on f with op, val, the timeout t (ms, or -1) and
 * bitset; once it is queued (n_before + 1 waiters on f) its pid. */
static pid_t waiter(unsigned int *f, int op, unsigned int val, long t_ms,
		    unsigned int bitset, long n_before)
{
	struct timespec t = { t_ms / 1000, t_ms % 1000 * 1000000L };
	pid_t pid = fork();

	if (pid == 0) {
		long r = futex(f, op, val, t_ms < 0 ? 0 : (unsigned long)&t,
			       NULL, bitset);

		_exit(r == 0 ? 0 : 100 + errno);
	}
	if (n_before >= 0)
		wait_for(f, n_before + 1);
	return pid;
}

static void test_wake(void)
{
	unsigned int *f = &shm[0];
	pid_t p[3];
	int i;

	for (i = 0; i < 3; i++)
		p[i] = waiter(f, FUTEX_WAIT, 0, -1, 0, i);
	CHECK_EQ(nwaiters(f), 3, "three children wait on a shared futex");
	CHECK_EQ(futex(f, FUTEX_WAKE_PRIVATE, 1, 0, NULL, 0), 0,
		 "WAKE_PRIVATE does not meet them: 0");
	CHECK_EQ(futex(f, FUTEX_WAKE, 1, 0, NULL, 0), 1, "WAKE 1: 1");
	CHECK_EQ(reap(p[0]), 0, "... the oldest waiter woke, its wait 0");
	CHECK_EQ(nwaiters(f), 2, "... two still wait");
	CHECK_EQ(futex(f, FUTEX_WAKE, 0, 0, NULL, 0), 1,
		 "WAKE 0 wakes one all the same");
	CHECK_EQ(reap(p[1]), 0, "... the next oldest");
	CHECK_EQ(futex(f, FUTEX_WAKE, INT_MAX, 0, NULL, 0), 1,
		 "WAKE INT_MAX: the last one");
	CHECK_EQ(reap(p[2]), 0, "... which returned 0");
	CHECK_EQ(futex(f, FUTEX_WAKE, INT_MAX, 0, NULL, 0), 0,
		 "WAKE again: 0");
}

static void test_private_key(void)
{
	unsigned int *f = &shm[1];
	pid_t p = waiter(f, FUTEX_WAIT_PRIVATE, 0, 300, 0, -1);

	sleep_ms(100);
	CHECK_EQ(nwaiters(f), 0,
		 "a WAIT_PRIVATE on the shared page is not a shared waiter");
	CHECK_EQ(futex(f, FUTEX_WAKE, 1, 0, NULL, 0), 0,
		 "... WAKE does not wake it");
	CHECK_EQ(futex(f, FUTEX_WAKE_PRIVATE, 1, 0, NULL, 0), 0,
		 "... nor WAKE_PRIVATE from another process");
	CHECK_EQ(reap(p), 100 + ETIMEDOUT, "... it times out");
}

static void test_bitset(void)
{
	unsigned int *f = &shm[2];
	pid_t p[3];
	int i;

	for (i = 0; i < 3; i++)
		p[i] = waiter(f, FUTEX_WAIT_BITSET, 0, -1, 1u << i, i);
	CHECK_EQ(futex(f, FUTEX_WAKE_BITSET, INT_MAX, 0, NULL, 8), 0,
		 "WAKE_BITSET 8 with waiters on bits 1, 2, 4: 0");
	CHECK_EQ(futex(f, FUTEX_WAKE_BITSET, INT_MAX, 0, NULL, 6), 2,
		 "WAKE_BITSET 6: 2");
	CHECK_EQ(reap(p[1]), 0, "... bit 2's waiter woke");
	CHECK_EQ(reap(p[2]), 0, "... and bit 4's");
	CHECK_EQ(nwaiters(f), 1, "... bit 1's still waits");
	CHECK_EQ(futex(f, FUTEX_WAKE, 1, 0, NULL, 0), 1,
		 "WAKE (any bitset) wakes it");
	CHECK_EQ(reap(p[0]), 0, "... returned 0");
}

static void test_requeue(void)
{
	unsigned int *a = &shm[3], *b = &shm[4];
	pid_t p[3];
	int i;

	*a = 5;
	for (i = 0; i < 3; i++)
		p[i] = waiter(a, FUTEX_WAIT, 5, -1, 0, i);
	CHECK_EQ(futex(a, FUTEX_REQUEUE, 1, 1, b, 0), 2,
		 "REQUEUE 3 waiters, wake 1, move 1: 2");
	CHECK_EQ(reap(p[0]), 0, "... the oldest woke");
	CHECK_EQ(nwaiters(a), 1, "... one still waits on the first futex");
	CHECK_EQ(nwaiters(b), 1, "... one on the second");
	CHECK_ERR(futex(a, FUTEX_CMP_REQUEUE, 0, 10, b, 4), EAGAIN,
		  "CMP_REQUEUE with a stale value: EAGAIN");
	CHECK_EQ(futex(a, FUTEX_CMP_REQUEUE, 0, 10, b, 5), 1,
		 "CMP_REQUEUE, wake 0, move 10: 1");
	CHECK_EQ(nwaiters(a), 0, "... none left on the first futex");
	CHECK_EQ(futex(a, FUTEX_WAKE, 10, 0, NULL, 0), 0,
		 "... WAKE on it: 0");
	CHECK_EQ(futex(b, FUTEX_WAKE, 10, 0, NULL, 0), 2,
		 "WAKE on the second: both");
	CHECK_EQ(reap(p[1]), 0, "... a moved waiter's wait returns 0");
	CHECK_EQ(reap(p[2]), 0, "... the other's too");
}

/* A child that waits on f until *f == 0xdead, again after each wake. */
static pid_t looper(unsigned int *f)
{
	pid_t pid = fork();

	if (pid == 0) {
		unsigned int v;

		while ((v = *f) != 0xdead)
			futex(f, FUTEX_WAIT, v, 0, NULL, 0);
		_exit(0);
	}
	return pid;
}

static const struct {
	unsigned int old;
	int cmp, cmparg;
	long woken;
	const char *what;
} cmps[] = {
	{ 5, FUTEX_OP_CMP_EQ, 5, 1, "WAKE_OP CMP_EQ: 5 == 5 wakes" },
	{ 5, FUTEX_OP_CMP_EQ, 4, 0, "WAKE_OP CMP_EQ: 5 == 4 does not" },
	{ 5, FUTEX_OP_CMP_NE, 4, 1, "WAKE_OP CMP_NE: 5 != 4" },
	{ 5, FUTEX_OP_CMP_NE, 5, 0, "WAKE_OP CMP_NE: 5 != 5" },
	{ 0xffffffff, FUTEX_OP_CMP_LT, 0, 1, "WAKE_OP CMP_LT: -1 < 0, signed" },
	{ 1, FUTEX_OP_CMP_LT, 0, 0, "WAKE_OP CMP_LT: 1 < 0" },
	{ 0, FUTEX_OP_CMP_LE, 0, 1, "WAKE_OP CMP_LE: 0 <= 0" },
	{ 1, FUTEX_OP_CMP_LE, 0, 0, "WAKE_OP CMP_LE: 1 <= 0" },
	{ 0, FUTEX_OP_CMP_GT, -1, 1, "WAKE_OP CMP_GT: 0 > -1" },
	{ 0xffffffff, FUTEX_OP_CMP_GT, 0, 0, "WAKE_OP CMP_GT: -1 > 0" },
	{ 2047, FUTEX_OP_CMP_GE, 2047, 1, "WAKE_OP CMP_GE: 2047 >= 2047" },
	{ 0x80000000, FUTEX_OP_CMP_GE, -2048, 0,
	  "WAKE_OP CMP_GE: INT_MIN >= -2048" },
	{ 0x1005, FUTEX_OP_CMP_EQ, 5, 0,
	  "WAKE_OP CMP_EQ: 0x1005 == 5 (the whole old value)" },
};

static void test_wake_op(void)
{
	unsigned int *a = &shm[5], *b = &shm[6];
	unsigned int i;
	pid_t pa, pb;

	*a = *b = 0;
	pa = waiter(a, FUTEX_WAIT, 0, -1, 0, 0);
	pb = waiter(b, FUTEX_WAIT, 0, -1, 0, 0);
	CHECK_EQ(futex(a, FUTEX_WAKE_OP, 1, 1, b,
		       FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), 2,
		 "WAKE_OP, a waiter on each futex, the comparison true: 2");
	CHECK_EQ(*b, 1, "... *uaddr2 was set");
	CHECK_EQ(reap(pa), 0, "... the first futex's waiter woke");
	CHECK_EQ(reap(pb), 0, "... the second's");

	pb = looper(b);
	for (i = 0; i < sizeof(cmps) / sizeof(cmps[0]); i++) {
		wait_for(b, 1);
		*b = cmps[i].old;
		CHECK_EQ(futex(a, FUTEX_WAKE_OP, 1, 1, b,
			       FUTEX_OP(FUTEX_OP_ADD, 0, cmps[i].cmp,
					cmps[i].cmparg)),
			 cmps[i].woken, cmps[i].what);
	}
	wait_for(b, 1);
	*b = 0xdead;
	futex(b, FUTEX_WAKE, 1, 0, NULL, 0);
	CHECK_EQ(reap(pb), 0, "the looping waiter ends");
}

/* A stop and SIGCONT take the child out of its wait (no handler runs),
 * and the wait resumes: from scratch without a timeout, to the same
 * deadline with one (restart_syscall). */
static void test_stop_restart(void)
{
	unsigned int *f = &shm[7];
	long long start;
	pid_t p;
	int st;

	p = waiter(f, FUTEX_WAIT, 0, -1, 0, 0);
	kill(p, SIGSTOP);
	CHECK_EQ(waitpid(p, &st, WUNTRACED), p, "a waiter stopped");
	CHECK_EQ(nwaiters(f), 0, "... it left the wait");
	kill(p, SIGCONT);
	CHECK(wait_for(f, 1), "... SIGCONT: it waits again");
	CHECK_EQ(futex(f, FUTEX_WAKE, 1, 0, NULL, 0), 1, "... and wakes");
	CHECK_EQ(reap(p), 0, "... its wait returned 0");

	start = monotonic_ns();
	p = waiter(f, FUTEX_WAIT, 0, 300, 0, 0);
	kill(p, SIGSTOP);
	waitpid(p, &st, WUNTRACED);
	kill(p, SIGCONT);
	CHECK(wait_for(f, 1), "a waiter with a 300 ms timeout, stopped and "
	      "continued, waits again");
	CHECK_EQ(reap(p), 100 + ETIMEDOUT, "... and times out");
	st = (monotonic_ns() - start) / 1000000;
	CHECK(st >= 300 && st < 1500, "... after about 300 ms: the deadline "
	      "kept");
}

int main(void)
{
	shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	test_wake();
	test_private_key();
	test_bitset();
	test_requeue();
	test_wake_op();
	test_stop_restart();
	return test_done();
}
