/*
 * time.c - the clocks and the timeouts.  CLOCK_REALTIME holds today's
 * date; time, gettimeofday and clock_gettime agree; clock_getres;
 * clock_settime and settimeofday refuse bad clocks and bad times before
 * anything is set (this test never sets the clock: it also runs on the
 * host; kernel/selftest.c sets it inside Pollux); clock_nanosleep, and
 * every timeout (poll, ppoll, select, pselect, epoll_wait, epoll_pwait2,
 * nanosleep, clock_nanosleep) lasts at least what was asked for.
 */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define NSEC_PER_SEC 1000000000LL
#define Y2024 1704067200L	/* 2024-01-01 00:00:00 UTC */

static long long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static long long clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts_ns(&ts);
}

static void test_realtime(void)
{
	struct timespec t1, t2;
	struct timeval tv;
	time_t t, stored = 0;

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &t1), 0, "clock_gettime(REALTIME)");
	CHECK(t1.tv_sec >= Y2024, "CLOCK_REALTIME: 2024 or later");
	CHECK_EQ(gettimeofday(&tv, NULL), 0, "gettimeofday");
	t = syscall(SYS_time, &stored);
	clock_gettime(CLOCK_REALTIME, &t2);
	CHECK(tv.tv_sec >= t1.tv_sec && tv.tv_sec <= t2.tv_sec &&
	      tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	      "gettimeofday between two clock_gettime reads");
	/* time(2) reads the second of the last tick (Linux's
	 * ktime_get_real_seconds()), which may still be t1's previous one */
	CHECK(t >= t1.tv_sec - 1 && t <= t2.tv_sec, "time(2) between them too");
	CHECK_EQ(stored, t, "time(2) stores what it returns");
	CHECK(syscall(SYS_time, NULL) >= t, "time(NULL)");
	CHECK_ERR(syscall(SYS_time, bad_addr(1)), EFAULT, "time into address 1");
	CHECK(clock_ns(CLOCK_REALTIME_COARSE) / NSEC_PER_SEC - t2.tv_sec <= 1,
	      "REALTIME_COARSE within a second of REALTIME");
	t = clock_ns(CLOCK_TAI) / NSEC_PER_SEC - clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC;
	CHECK(t >= 0 && t <= 38, "TAI: REALTIME plus the leap seconds");
}

static void test_monotonic(void)
{
	long long a = clock_ns(CLOCK_MONOTONIC), b = clock_ns(CLOCK_MONOTONIC);
	long long boot = clock_ns(CLOCK_BOOTTIME);
	long long c = clock_ns(CLOCK_MONOTONIC_COARSE);

	CHECK(a > 0 && b > a, "MONOTONIC: two reads differ");
	CHECK(boot >= b, "BOOTTIME: at least MONOTONIC");
	CHECK(c <= clock_ns(CLOCK_MONOTONIC) && c > a - NSEC_PER_SEC / 10,
	      "MONOTONIC_COARSE: the last tick's MONOTONIC");
	CHECK(clock_ns(CLOCK_MONOTONIC_RAW) > 0, "MONOTONIC_RAW");
}

/* 20000 reads, across many timer ticks: never backwards, and the coarse
 * clock never ahead of the fine one. */
static void test_monotonic_steps(void)
{
	long long prev = clock_ns(CLOCK_MONOTONIC), now, coarse;
	int backwards = 0, ahead = 0;

	for (int i = 0; i < 20000; i++) {
		coarse = clock_ns(CLOCK_MONOTONIC_COARSE);
		now = clock_ns(CLOCK_MONOTONIC);
		backwards += now < prev;
		ahead += coarse > now;
		prev = now;
	}
	CHECK_EQ(backwards, 0, "20000 MONOTONIC reads: never backwards");
	CHECK_EQ(ahead, 0, "MONOTONIC_COARSE never ahead of MONOTONIC");
}

static void test_bad_clocks(void)
{
	static const int bad[] = { 10, 12, 100, -1 };
	struct timespec ts;
	struct timezone tz = { 99, 99 };

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_ERR(clock_gettime(bad[i], &ts), EINVAL, "clock_gettime: bad clock id");
		CHECK_ERR(clock_getres(bad[i], &ts), EINVAL, "clock_getres: bad clock id");
		CHECK_ERR(clock_settime(bad[i], &ts), EINVAL, "clock_settime: bad clock id");
	}
	CHECK_ERR(gettimeofday(bad_addr(1), NULL), EFAULT, "gettimeofday into address 1");
	CHECK_ERR(gettimeofday(NULL, bad_addr(1)), EFAULT,
		  "gettimeofday: timezone into address 1");
	CHECK_EQ(gettimeofday(NULL, &tz), 0, "gettimeofday: the timezone only");
	CHECK(tz.tz_minuteswest == 0 && tz.tz_dsttime == 0, "timezone: UTC");
}

static void test_getres(void)
{
	static const int fine[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
		CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
		CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME, CLOCK_TAI };
	struct timespec res;

	for (unsigned i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		res.tv_sec = res.tv_nsec = -1;
		CHECK_EQ(clock_getres(fine[i], &res), 0, "clock_getres");
		CHECK(res.tv_sec == 0 && res.tv_nsec == 1, "resolution 1 ns");
	}
	res.tv_sec = res.tv_nsec = -1;
	CHECK_EQ(clock_getres(CLOCK_MONOTONIC_COARSE, &res), 0,
		 "clock_getres(MONOTONIC_COARSE)");
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000,
	      "coarse: a tick, at most 10 ms");
	CHECK_EQ(clock_getres(CLOCK_REALTIME, NULL), 0, "clock_getres into NULL");
	CHECK_ERR(clock_getres(CLOCK_REALTIME, bad_addr(1)), EFAULT,
		  "clock_getres into address 1");
}

/* Every case fails before the permission check, so the host's clock is
 * never touched, root or not. */
static void test_settime_errors(void)
{
	static const int unsettable[] = { CLOCK_MONOTONIC, CLOCK_BOOTTIME,
		CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_RAW, CLOCK_TAI,
		CLOCK_PROCESS_CPUTIME_ID };
	struct timespec ts = { Y2024, 0 };
	struct timeval tv = { Y2024, 0 };

	for (unsigned i = 0; i < sizeof(unsettable) / sizeof(unsettable[0]); i++)
		CHECK_ERR(clock_settime(unsettable[i], &ts), EINVAL,
			  "clock_settime: a clock that cannot be set");
	CHECK_ERR(clock_settime(CLOCK_MONOTONIC, bad_addr(1)), EINVAL,
		  "clock_settime(MONOTONIC): EINVAL before the pointer");
	CHECK_ERR(clock_settime(CLOCK_REALTIME, bad_addr(1)), EFAULT,
		  "clock_settime from address 1");
	ts.tv_nsec = 1000000000;
	CHECK_ERR(clock_settime(CLOCK_REALTIME, &ts), EINVAL, "clock_settime tv_nsec 1e9");
	ts.tv_nsec = -1;
	CHECK_ERR(clock_settime(CLOCK_REALTIME, &ts), EINVAL, "clock_settime tv_nsec -1");
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_ERR(clock_settime(CLOCK_REALTIME, &ts), EINVAL, "clock_settime tv_sec -1");
	ts.tv_sec = 0x7fffffffffffffffL / NSEC_PER_SEC;
	CHECK_ERR(clock_settime(CLOCK_REALTIME, &ts), EINVAL,
		  "clock_settime too near KTIME_MAX");

	CHECK_ERR(settimeofday(bad_addr(1), NULL), EFAULT, "settimeofday from address 1");
	CHECK_ERR(settimeofday(NULL, bad_addr(1)), EFAULT,
		  "settimeofday: timezone from address 1");
	tv.tv_usec = 1000000;
	CHECK_ERR(settimeofday(&tv, NULL), EINVAL, "settimeofday tv_usec 1000000");
	tv.tv_usec = 1000001;
	CHECK_ERR(settimeofday(&tv, NULL), EINVAL, "settimeofday tv_usec 1000001");
	tv.tv_usec = -1;
	CHECK_ERR(settimeofday(&tv, NULL), EINVAL, "settimeofday tv_usec -1");
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	CHECK_ERR(settimeofday(&tv, NULL), EINVAL, "settimeofday tv_sec -1");
}

/* clock_nanosleep returns the error number; it does not set errno. */
static void test_clock_nanosleep(void)
{
	struct timespec ts = { 0, 1000 }, now;
	long long deadline;

	CHECK_EQ(clock_nanosleep(12, 0, &ts, NULL), EINVAL, "clock_nanosleep: bad clock id");
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, &ts, NULL), EOPNOTSUPP,
		 "clock_nanosleep(MONOTONIC_RAW): EOPNOTSUPP");
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME_COARSE, 0, &ts, NULL), EOPNOTSUPP,
		 "clock_nanosleep(REALTIME_COARSE): EOPNOTSUPP");
	CHECK_EQ(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL), EOPNOTSUPP,
		 "clock_nanosleep(THREAD_CPUTIME_ID): EOPNOTSUPP");
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, bad_addr(1), NULL), EFAULT,
		 "clock_nanosleep from address 1");
	ts.tv_nsec = 1000000000;
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), EINVAL,
		 "clock_nanosleep tv_nsec 1e9");
	ts.tv_nsec = 1000;
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0x100, &ts, NULL), 0,
		 "clock_nanosleep: unknown flags are ignored");

	ts.tv_sec = ts.tv_nsec = 0;
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL), 0,
		 "TIMER_ABSTIME in 1970: returns at once");
	deadline = clock_ns(CLOCK_MONOTONIC) + 20000000;
	ts.tv_sec = deadline / NSEC_PER_SEC;
	ts.tv_nsec = deadline % NSEC_PER_SEC;
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0,
		 "TIMER_ABSTIME on MONOTONIC, 20 ms on");
	clock_gettime(CLOCK_MONOTONIC, &now);
	CHECK(ts_ns(&now) >= deadline, "... woke at the deadline, not before");
	deadline = clock_ns(CLOCK_REALTIME) + 20000000;
	ts.tv_sec = deadline / NSEC_PER_SEC;
	ts.tv_nsec = deadline % NSEC_PER_SEC;
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL), 0,
		 "TIMER_ABSTIME on REALTIME, 20 ms on");
	CHECK(clock_ns(CLOCK_REALTIME) >= deadline, "... woke at the deadline, not before");
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* The CPU-time clocks count what this process ran, not sleeps. */
static void test_cputime(void)
{
	long long t0 = clock_ns(CLOCK_MONOTONIC), p0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	long long p1, t1, th;
	struct timespec zero = { 0, 0 }, ms5 = { 0, 5000000 };
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	struct sigaction sa;

	while (clock_ns(CLOCK_MONOTONIC) - t0 < 20000000)
		;	/* spin 20 ms */
	p1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = clock_ns(CLOCK_MONOTONIC);
	th = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	CHECK(p1 - p0 > 1000000 && p1 - p0 <= t1 - t0,
	      "PROCESS_CPUTIME: a 20 ms spin counts, at most the time it took");
	CHECK(th >= p1 && th - p1 < 5000000, "THREAD_CPUTIME: the same, one thread");
	sleep_ms(20);
	CHECK(clock_ns(CLOCK_PROCESS_CPUTIME_ID) - p1 < 10000000,
	      "PROCESS_CPUTIME: a 20 ms sleep does not count");

	CHECK_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, &zero, NULL), 0,
		 "clock_nanosleep(PROCESS_CPUTIME_ID) to a time passed: 0");
	CHECK_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &zero, NULL), 0,
		 "clock_nanosleep(PROCESS_CPUTIME_ID) for 0: 0");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &ms5, NULL), EINTR,
		 "5 ms of our own CPU time asleep: only a signal ends it");
}

/* Each call waits on an empty pipe for 2.5 ms (2 ms where the unit is
 * the millisecond) and must not return before. */
static void test_timeouts_not_early(void)
{
	int p[2], ep = epoll_create1(0);
	struct pollfd pfd;
	struct epoll_event ev = { .events = EPOLLIN }, out;
	struct timespec ts = { 0, 2500000 };
	struct timeval tv = { 0, 2500 };
	fd_set rd;
	long long t0;

	pipe(p);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);

	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(poll(&pfd, 1, 2), 0, "poll 2 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2000000, "... after 2 ms or more");
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(ppoll(&pfd, 1, &ts, NULL), 0, "ppoll 2.5 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0, "select 2.5 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	CHECK(tv.tv_sec == 0 && tv.tv_usec == 0, "... and no time is left");
	FD_SET(p[0], &rd);
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL), 0,
		 "pselect 2.5 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(epoll_wait(ep, &out, 1, 2), 0, "epoll_wait 2 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2000000, "... after 2 ms or more");
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(epoll_pwait2(ep, &out, 1, &ts, NULL), 0, "epoll_pwait2 2.5 ms: times out");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(nanosleep(&ts, NULL), 0, "nanosleep 2.5 ms");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	t0 = clock_ns(CLOCK_MONOTONIC);
	CHECK_EQ(clock_nanosleep(CLOCK_BOOTTIME, 0, &ts, NULL), 0,
		 "clock_nanosleep(BOOTTIME) 2.5 ms");
	CHECK(clock_ns(CLOCK_MONOTONIC) - t0 >= 2500000, "... after 2.5 ms or more");
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* A select that returns at once hands back less than it was given, as
 * some time always passes; what is left is never more than was asked. */
static void test_select_time_left(void)
{
	int p[2];
	fd_set wr;
	struct timeval tv = { 1, 0 };

	pipe(p);
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, NULL, &wr, NULL, &tv), 1, "select: writable at once");
	CHECK(tv.tv_sec == 0 && tv.tv_usec > 900000 && tv.tv_usec < 1000000,
	      "time left: under the second given, over 0.9 s");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	test_realtime();
	test_monotonic();
	test_monotonic_steps();
	test_bad_clocks();
	test_getres();
	test_settime_errors();
	test_clock_nanosleep();
	test_cputime();
	test_timeouts_not_early();
	test_select_time_left();
	return test_done();
}
