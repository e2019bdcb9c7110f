/*
 * futex_wait.c - FUTEX_WAIT, FUTEX_WAKE and their _BITSET forms in one
 * process (no threads): the value check (EAGAIN), relative and absolute
 * timeouts on both clocks (ETIMEDOUT, never early), a signal into the
 * wait (EINTR; a transparent restart under SA_RESTART that then sees the
 * handler's new value), a wake with no one waiting (0), and every errno
 * Linux gives for a bad address, op, timeout or bitset.
 */
#include <linux/futex.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static unsigned int word;

static long futex(void *uaddr, int op, unsigned int val,
		  const struct timespec *t, void *uaddr2, unsigned int val3)
{
	return syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3);
}

static void test_wake_none(void)
{
	CHECK_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0,
		 "WAKE with no waiter: 0");
	CHECK_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 100, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE with no waiter: 0");
	CHECK_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 5), 0,
		 "WAKE_BITSET with no waiter: 0");
	CHECK_EQ(futex(NULL, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE of NULL: 0 (a private key needs no page)");
	CHECK_ERR(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT,
		  "WAKE (shared) of NULL: EFAULT");
}

static void test_eagain(void)
{
	word = 5;
	CHECK_ERR(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN,
		  "WAIT for 4 on a word holding 5: EAGAIN");
	CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 6, NULL, NULL, 0), EAGAIN,
		  "WAIT_PRIVATE for 6 on 5: EAGAIN");
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 1), EAGAIN,
		  "WAIT_BITSET for 0 on 5: EAGAIN");
	word = 0;
}

/* A WAIT on a word that holds val, with timeout t, must time out no
 * sooner than min_ms. */
static void check_timeout(int op, const struct timespec *t, unsigned int val3,
			  long min_ms, const char *what)
{
	long long start = monotonic_ns();

	word = 0;
	CHECK_ERR(futex(&word, op, 0, t, NULL, val3), ETIMEDOUT, what);
	CHECK(monotonic_ns() - start >= min_ms * 1000000LL,
	      "... and not early");
}

static struct timespec abs_in(clockid_t clk, long ms)
{
	struct timespec t;

	clock_gettime(clk, &t);
	t.tv_nsec += ms * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}

static void test_timeouts(void)
{
	struct timespec zero = { 0, 0 }, rel = { 0, 30000000 }, t;

	check_timeout(FUTEX_WAIT, &zero, 0, 0, "WAIT with a zero timeout");
	check_timeout(FUTEX_WAIT_PRIVATE, &rel, 0, 30,
		      "WAIT_PRIVATE for a relative 30 ms: ETIMEDOUT");
	t = abs_in(CLOCK_MONOTONIC, 30);
	check_timeout(FUTEX_WAIT_BITSET, &t, FUTEX_BITSET_MATCH_ANY, 29,
		      "WAIT_BITSET to CLOCK_MONOTONIC now + 30 ms: ETIMEDOUT");
	t = abs_in(CLOCK_REALTIME, 30);
	check_timeout(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, &t, 1, 29,
		      "WAIT_BITSET to CLOCK_REALTIME now + 30 ms: ETIMEDOUT");
	check_timeout(FUTEX_WAIT_BITSET_PRIVATE, &zero, 1, 0,
		      "WAIT_BITSET to monotonic 0 (long past): ETIMEDOUT");
	t = abs_in(CLOCK_MONOTONIC, 0);
	check_timeout(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, &t, 1, 0,
		      "WAIT_BITSET to a monotonic time read as realtime: past");
	word = 1;
	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, &zero, NULL, 0), EAGAIN,
		  "a zero timeout and a changed value: EAGAIN first");
	word = 0;
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
	word = 7;	/* what a restarted wait sees */
}

static void test_signal(void)
{
	struct timespec t = { 10, 0 };

	word = 0;
	alarms = 0;
	arm_alarm(20, 0, on_alarm);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0), EINTR,
		  "WAIT interrupted by a handled signal: EINTR");
	CHECK_EQ(alarms, 1, "... the handler ran once");

	word = 0;
	alarms = 0;
	arm_alarm(20, SA_RESTART, on_alarm);
	CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EAGAIN,
		  "WAIT under SA_RESTART restarts and sees the new value: "
		  "EAGAIN");
	CHECK_EQ(alarms, 1, "... the handler ran once");

	word = 0;
	alarms = 0;
	arm_alarm(20, SA_RESTART, on_alarm);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, &t, NULL, 0), EINTR,
		  "WAIT with a timeout is not restarted, SA_RESTART or not: "
		  "EINTR");
	t = abs_in(CLOCK_MONOTONIC, 10000);
	word = 0;
	arm_alarm(20, SA_RESTART, on_alarm);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 0, &t, NULL, ~0u), EINTR,
		  "WAIT_BITSET with a deadline: EINTR too");
	set_handler(SIGALRM, SIG_DFL, 0);
	word = 0;
}

/* Ops on a page that is not plain writable memory, and their errno */
static const struct {
	int prot, op, err;
	const char *what;
} pages[] = {
	{ PROT_READ, FUTEX_WAIT_PRIVATE, EAGAIN,
	  "WAIT_PRIVATE for 1 on a read-only page: read, EAGAIN" },
	{ PROT_READ, FUTEX_WAIT, EFAULT,
	  "WAIT (shared) on a read-only private page: EFAULT" },
	{ PROT_READ, FUTEX_WAKE, EFAULT,
	  "WAKE (shared) on a read-only private page: EFAULT" },
	{ PROT_NONE, FUTEX_WAIT_PRIVATE, EFAULT,
	  "WAIT_PRIVATE on a PROT_NONE page: EFAULT" },
	{ PROT_NONE, FUTEX_WAKE, EFAULT,
	  "WAKE (shared) on a PROT_NONE page: EFAULT" },
};

static void test_errors(void)
{
	struct timespec bad_ns = { 0, 1000000000L }, neg = { -1, 0 };
	struct timespec zero = { 0, 0 };
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	char *cw = (char *)&word;
	unsigned int i;

	CHECK_ERR(futex(cw + 1, FUTEX_WAIT, 0, NULL, NULL, 0), EINVAL,
		  "WAIT on an unaligned address: EINVAL");
	CHECK_ERR(futex(cw + 2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), EINVAL,
		  "WAKE on an unaligned address: EINVAL");
	CHECK_ERR(futex(bad_addr(1), FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL,
		  "WAKE on address 1: EINVAL before EFAULT");
	CHECK_ERR(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT,
		  "WAIT on NULL: EFAULT");
	CHECK_ERR(futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT,
		  "WAIT_PRIVATE on NULL: EFAULT");
	CHECK_ERR(futex(bad_addr(0xffff800000000000UL), FUTEX_WAKE_PRIVATE, 1,
			NULL, NULL, 0), EFAULT,
		  "WAKE_PRIVATE on a kernel address: EFAULT");
	CHECK_ERR(futex(bad_addr(0x00007ffffffff000UL), FUTEX_WAKE, 1, NULL,
			NULL, 0), EFAULT,
		  "WAKE (shared) on an unmapped page: EFAULT");
	CHECK_EQ(futex(bad_addr(0x00007ffffffff000UL), FUTEX_WAKE_PRIVATE, 1,
		       NULL, NULL, 0), 0,
		 "WAKE_PRIVATE on an unmapped page: 0");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char *page = pages[i].prot == PROT_READ ? ro : none;

		CHECK_ERR(futex(page, pages[i].op, 1, NULL, NULL, 0),
			  pages[i].err, pages[i].what);
	}
	CHECK_EQ(futex(ro, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE on a read-only page: 0");
	CHECK_EQ(futex(none, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
		 "WAKE_PRIVATE on a PROT_NONE page: 0");

	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, bad_addr(1), NULL, 0), EFAULT,
		  "WAIT with a bad timeout pointer: EFAULT");
	CHECK_ERR(futex(NULL, FUTEX_WAIT, 0, bad_addr(1), NULL, 0), EFAULT,
		  "... checked before the address");
	CHECK_ERR(futex(&word, FUTEX_WAIT, 0, &bad_ns, NULL, 0), EINVAL,
		  "WAIT with tv_nsec = 1e9: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 0, &neg, NULL, 1), EINVAL,
		  "WAIT_BITSET with tv_sec = -1: EINVAL");
	CHECK_ERR(futex(cw + 1, FUTEX_WAIT, 0, &neg, NULL, 0), EINVAL,
		  "a bad timeout on an unaligned address: EINVAL");
	CHECK_EQ(futex(&word, FUTEX_WAKE, 1, bad_addr(1), NULL, 0), 0,
		 "WAKE ignores the timeout pointer");

	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL,
		  "WAIT_BITSET with bitset 0: EINVAL");
	CHECK_ERR(futex(NULL, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL,
		  "... before the address is looked at");
	CHECK_ERR(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL,
		  "WAKE_BITSET with bitset 0: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &zero,
			NULL, 0), ENOSYS,
		  "WAIT with FUTEX_CLOCK_REALTIME: ENOSYS");
	CHECK_ERR(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL,
			NULL, 0), ENOSYS,
		  "WAKE with FUTEX_CLOCK_REALTIME: ENOSYS");
	CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &bad_ns,
			NULL, 0), EINVAL,
		  "... but a bad timeout is found first: EINVAL");
	CHECK_ERR(futex(&word, FUTEX_FD, 0, NULL, NULL, 0), ENOSYS,
		  "FUTEX_FD (removed in 2.6.26): ENOSYS");
	CHECK_ERR(futex(&word, 14, 0, NULL, NULL, 0), ENOSYS,
		  "command 14: ENOSYS");
	CHECK_ERR(futex(&word, 99 | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0),
		  ENOSYS, "command 99: ENOSYS");
	CHECK_ERR(futex(&word, 0x1000 | FUTEX_WAKE, 1, NULL, NULL, 0), ENOSYS,
		  "an unknown flag bit (0x1000): ENOSYS");
	munmap(ro, 4096);
	munmap(none, 4096);
}

int main(void)
{
	test_wake_none();
	test_eagain();
	test_timeouts();
	test_signal();
	test_errors();
	return test_done();
}
