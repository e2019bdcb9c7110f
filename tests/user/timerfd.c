/*
 * timerfd.c - timerfd_create, timerfd_settime and timerfd_gettime, as
 * Linux 6.18 answers: the clocks and flags, every errno, one-shot and
 * periodic timers and their expiry counts, absolute times, disarming,
 * readiness in poll, select and epoll (level, edge, one-shot), blocking
 * and EINTR, TFD_IOC_SET_TICKS, the fdinfo lines, and lifetime across
 * dup and fork (exec keeps or closes an fd whatever it is: eventfd.c).
 *
 * Times are checked only where they are certain: a timer never fires
 * early, so after sleeping n intervals at least n expired; the time
 * left is never more than was set.  Intervals are 100 ms, long enough
 * that two calls in a row fall inside one.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define MS 1000000L	/* ns */

/* The count read, or -1 (errno set) */
static long long rd(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? (long long)v : -1;
}

/* Arms fd: first expiry in value_ms (or at that absolute time, with
 * TFD_TIMER_ABSTIME in flags), then every interval_ms */
static int arm(int fd, int flags, long long value_ms, long interval_ms)
{
	struct itimerspec it = {
		.it_value = { value_ms / 1000, value_ms % 1000 * MS },
		.it_interval = { interval_ms / 1000, interval_ms % 1000 * MS },
	};

	return timerfd_settime(fd, flags, &it, NULL);
}

static long long ts_ns(struct timespec ts)
{
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The time left before the next expiry, in ns (-1 on error) */
static long long left_ns(int fd)
{
	struct itimerspec it;

	return timerfd_gettime(fd, &it) ? -1 : ts_ns(it.it_value);
}

static long long interval_ns(int fd)
{
	struct itimerspec it;

	return timerfd_gettime(fd, &it) ? -1 : ts_ns(it.it_interval);
}

/* clock's time now, in ms */
static long long clock_ms(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / MS;
}

static int poll_mask(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void test_create(void)
{
	static const char *const want[] = {
		"EINVAL", "ok", "ok", "EINVAL", "EINVAL", "EINVAL", "EINVAL",
		"EINVAL", "ok", "ok", "ok", "EINVAL", "EINVAL", "EINVAL",
	};
	int t = timerfd_create(CLOCK_MONOTONIC, 0), e = eventfd(0, 0);
	struct stat st, est;
	char what[64];

	for (int c = -1; c <= 12; c++) {
		int fd = timerfd_create(c, 0);

		snprintf(what, sizeof(what), "timerfd_create(clock %d): %s", c, want[c + 1]);
		CHECK_STR(fd >= 0 ? "ok" : errno_name(errno), want[c + 1], what);
		if (fd >= 0)
			close(fd);
	}
	CHECK_HEX(fcntl(t, F_GETFL), O_RDWR, "F_GETFL: O_RDWR");
	CHECK_EQ(fcntl(t, F_GETFD), 0, "F_GETFD: no FD_CLOEXEC");
	close(t);
	t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	CHECK_HEX(fcntl(t, F_GETFL), O_RDWR | O_NONBLOCK, "TFD_NONBLOCK: O_RDWR|O_NONBLOCK");
	CHECK_EQ(fcntl(t, F_GETFD), FD_CLOEXEC, "TFD_CLOEXEC: FD_CLOEXEC");
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, TFD_TIMER_ABSTIME), EINVAL,
		  "TFD_TIMER_ABSTIME at create: EINVAL");
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, O_APPEND), EINVAL, "O_APPEND: EINVAL");
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, -1), EINVAL, "every bit: EINVAL");

	CHECK_EQ(fstat(t, &st), 0, "fstat");
	CHECK_HEX(st.st_mode, 0600, "st_mode 0600: an anon inode");
	fstat(e, &est);
	CHECK(st.st_ino == est.st_ino, "timerfd and eventfd share the anon inode");
	CHECK_EQ(lseek(t, 10, SEEK_SET), 0, "lseek: succeeds, moves nothing");
	CHECK_ERR(write(t, &(uint64_t){ 1 }, 8), EINVAL, "write: EINVAL (no write)");
	CHECK_ERR(ioctl(t, FIONREAD, &(int){ 0 }), ENOTTY, "FIONREAD: ENOTTY");
	close(t);
	close(e);
}

static void test_errors(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), e = eventfd(0, 0);
	struct itimerspec it = { { 0, 0 }, { 1, 0 } }, bad = it, old;
	char buf[16];

	CHECK_ERR(timerfd_settime(1000, 0, &it, NULL), EBADF, "settime, fd 1000: EBADF");
	CHECK_ERR(timerfd_settime(-1, 0, &it, NULL), EBADF, "settime, fd -1: EBADF");
	CHECK_ERR(timerfd_settime(e, 0, &it, NULL), EINVAL, "settime on an eventfd: EINVAL");
	CHECK_ERR(timerfd_gettime(e, &old), EINVAL, "gettime on an eventfd: EINVAL");
	CHECK_ERR(timerfd_gettime(1000, &old), EBADF, "gettime, fd 1000: EBADF");
	CHECK_ERR(timerfd_settime(t, 4, &it, NULL), EINVAL, "settime flag 4: EINVAL");
	CHECK_ERR(timerfd_settime(1000, 4, &it, NULL), EINVAL, "  before the fd: EINVAL");
	bad.it_value.tv_nsec = 1000000000;
	CHECK_ERR(timerfd_settime(t, 0, &bad, NULL), EINVAL, "it_value.tv_nsec 1e9: EINVAL");
	bad.it_value.tv_nsec = -1;
	CHECK_ERR(timerfd_settime(t, 0, &bad, NULL), EINVAL, "it_value.tv_nsec -1: EINVAL");
	bad = it;
	bad.it_value.tv_sec = -1;
	CHECK_ERR(timerfd_settime(t, 0, &bad, NULL), EINVAL, "it_value.tv_sec -1: EINVAL");
	bad = it;
	bad.it_interval.tv_nsec = 1000000000;
	CHECK_ERR(timerfd_settime(t, 0, &bad, NULL), EINVAL, "it_interval.tv_nsec 1e9: EINVAL");
	CHECK_ERR(timerfd_settime(1000, 0, &bad, NULL), EINVAL, "  before the fd: EINVAL");
	CHECK_ERR(timerfd_settime(t, 0, bad_addr(1), NULL), EFAULT, "new value at a bad pointer: EFAULT");
	CHECK_ERR(timerfd_settime(1000, 4, bad_addr(1), NULL), EFAULT, "  before the flags and fd: EFAULT");
	CHECK_EQ(left_ns(t), 0, "  the timer stays disarmed");
	CHECK_ERR(timerfd_settime(t, 0, &it, bad_addr(1)), EFAULT, "old value at a bad pointer: EFAULT");
	CHECK(left_ns(t) > 0, "  but the timer was set");
	CHECK_ERR(timerfd_gettime(t, bad_addr(1)), EFAULT, "gettime into a bad pointer: EFAULT");
	CHECK_ERR(timerfd_gettime(1000, bad_addr(1)), EBADF, "  the fd first: EBADF");

	CHECK_ERR(rd(t), EAGAIN, "read before expiry, O_NONBLOCK: EAGAIN");
	CHECK_ERR(read(t, buf, 7), EINVAL, "read into 7 bytes: EINVAL");
	CHECK_ERR(read(t, buf, 0), EINVAL, "read into 0 bytes: EINVAL");
	close(t);
	close(e);
}

static void test_oneshot(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec cur;
	long long start, left;

	CHECK_EQ(timerfd_gettime(t, &cur), 0, "gettime of a new timer");
	CHECK(ts_ns(cur.it_value) == 0 && ts_ns(cur.it_interval) == 0, "  all zero");
	start = monotonic_ns();
	CHECK_EQ(arm(t, 0, 200, 0), 0, "arm once, in 200 ms");
	left = left_ns(t);
	CHECK(left > 0 && left <= 200 * MS, "  time left: (0, 200 ms]");
	CHECK_EQ(interval_ns(t), 0, "  interval 0");
	CHECK_EQ(poll_mask(t, POLLIN), 0, "  not readable yet");
	CHECK_EQ(rd(t), 1, "blocking read: 1 expiry");
	CHECK(monotonic_ns() - start >= 200 * MS, "  not before 200 ms");
	CHECK_EQ(left_ns(t), 0, "  time left now 0");
	fcntl(t, F_SETFL, O_NONBLOCK);
	CHECK_ERR(rd(t), EAGAIN, "read again: EAGAIN (one-shot)");
	close(t);
}

static void test_interval(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	long long n, left;

	arm(t, 0, 100, 100);
	sleep_ms(350);
	CHECK(poll_mask(t, POLLIN) == POLLIN, "every 100 ms, after 350 ms: readable");
	n = rd(t);
	CHECK(n >= 3, "  at least 3 expiries");
	CHECK_ERR(rd(t), EAGAIN, "  the read took them: EAGAIN");
	left = left_ns(t);
	CHECK(left > 0 && left <= 100 * MS, "  time left: (0, 100 ms]");
	CHECK_EQ(interval_ns(t), 100 * MS, "  interval 100 ms");
	fcntl(t, F_SETFL, 0);
	CHECK_EQ(rd(t), 1, "blocking read: the next expiry");

	sleep_ms(250);
	left = left_ns(t);
	CHECK(left > 0 && left <= 100 * MS, "gettime after 2 expiries: the next, (0, 100 ms]");
	CHECK(rd(t) >= 2, "  and the read counts them all");
	close(t);
}

static void test_abstime(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	int r = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	long long start, n;

	/* "a second ago" must be after boot: a fresh Pollux may be younger */
	if (clock_ms(CLOCK_MONOTONIC) < 1100)
		sleep_ms(1100 - clock_ms(CLOCK_MONOTONIC));
	CHECK_EQ(arm(t, TFD_TIMER_ABSTIME, clock_ms(CLOCK_MONOTONIC) - 1000, 0), 0,
		  "ABSTIME a second ago (MONOTONIC)");
	sleep_ms(5);
	CHECK_EQ(rd(t), 1, "  fired at once: 1");
	CHECK_EQ(arm(t, TFD_TIMER_ABSTIME, 1, 0), 0, "ABSTIME 1 ms after boot");
	sleep_ms(5);
	CHECK_EQ(rd(t), 1, "  fired at once: 1");
	CHECK_EQ(arm(r, TFD_TIMER_ABSTIME, clock_ms(CLOCK_REALTIME) - 1000, 0), 0,
		  "ABSTIME a second ago (REALTIME)");
	sleep_ms(5);
	CHECK_EQ(rd(r), 1, "  fired at once: 1");
	arm(t, TFD_TIMER_ABSTIME, clock_ms(CLOCK_MONOTONIC) - 1000, 100);
	sleep_ms(5);
	n = rd(t);
	CHECK(n >= 10 && n <= 20,
	      "ABSTIME a second ago, every 100 ms: 10 expiries at once, or a few more");

	start = monotonic_ns();
	arm(r, TFD_TIMER_ABSTIME, clock_ms(CLOCK_REALTIME) + 150, 0);
	fcntl(r, F_SETFL, 0);
	CHECK_EQ(rd(r), 1, "ABSTIME 150 ms ahead (REALTIME): blocking read, 1");
	CHECK(monotonic_ns() - start >= 140 * MS, "  not before (ms rounding aside)");
	start = monotonic_ns();
	arm(r, 0, 100, 0);
	CHECK_EQ(rd(r), 1, "relative 100 ms (REALTIME): 1");
	CHECK(monotonic_ns() - start >= 100 * MS, "  not before 100 ms");
	close(t);
	close(r);
}

static void test_disarm(void)
{
	int t = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK);
	struct itimerspec zero = { { 0, 0 }, { 0, 0 } }, old;
	struct itimerspec every = { { 1, 0 }, { 0, 0 } };

	arm(t, 0, 100, 0);
	CHECK_EQ(timerfd_settime(t, 0, &zero, &old), 0, "disarm with a zero it_value");
	CHECK(ts_ns(old.it_value) > 0 && ts_ns(old.it_value) <= 100 * MS,
	      "  old it_value: what was left, (0, 100 ms]");
	CHECK_EQ(ts_ns(old.it_interval), 0, "  old it_interval 0");
	CHECK_EQ(left_ns(t), 0, "  time left 0");
	sleep_ms(150);
	CHECK_ERR(rd(t), EAGAIN, "  150 ms later: no expiry");

	CHECK_EQ(timerfd_settime(t, 0, &every, NULL), 0, "zero it_value, interval 1 s");
	CHECK_EQ(left_ns(t), 0, "  disarmed");
	CHECK_EQ(interval_ns(t), 1000000000, "  gettime hands the interval back all the same");

	arm(t, 0, 1, 0);
	sleep_ms(20);
	CHECK_EQ(poll_mask(t, POLLIN), POLLIN, "a fired timer is readable");
	arm(t, 0, 1000, 0);
	CHECK_EQ(poll_mask(t, POLLIN), 0, "  re-armed: its count is reset");
	CHECK_ERR(rd(t), EAGAIN, "  read: EAGAIN");

	arm(t, 0, 50, 100);
	sleep_ms(60);
	CHECK_EQ(timerfd_settime(t, 0, &zero, &old), 0, "disarm a periodic timer that fired");
	CHECK(ts_ns(old.it_value) > 0 && ts_ns(old.it_value) <= 100 * MS,
	      "  old it_value: the next expiry's, (0, 100 ms]");
	CHECK_EQ(ts_ns(old.it_interval), 100 * MS, "  old it_interval 100 ms");
	CHECK_ERR(rd(t), EAGAIN, "  its count is gone");
	close(t);
}

static void test_readiness(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event ev;
	fd_set r, w;
	struct timeval tv = { 0, 0 };

	arm(t, 0, 1, 0);
	sleep_ms(20);
	CHECK_HEX(poll_mask(t, POLLIN | POLLOUT | POLLRDNORM), POLLIN,
		  "poll after expiry: IN only (no OUT, no RDNORM)");
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(t, &r);
	FD_SET(t, &w);
	CHECK_EQ(select(t + 1, &r, &w, NULL, &tv), 1, "select: 1");
	CHECK(FD_ISSET(t, &r) && !FD_ISSET(t, &w), "  readable, not writable");

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, t, EPOLLIN | EPOLLOUT, 1), 0, "epoll: add IN|OUT (level)");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  1 event");
	CHECK_HEX(ev.events, EPOLLIN, "  EPOLLIN");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  level: again");
	rd(t);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  after the read: nothing");

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, t, EPOLLIN | EPOLLET, 2), 0, "MOD to IN|ET");
	arm(t, 0, 100, 100);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "  epoll_wait blocked: woken by the expiry");
	CHECK_EQ(ev.data.u64, 2, "  data 2");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  edge: not again");
	CHECK_EQ(wait1(ep, &ev, 250), 0,
		 "  unread, the timer is not re-armed: no event for 250 ms");
	CHECK(rd(t) >= 3, "  yet the read counts the intervals since: 3 or more");
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "  re-armed by the read: the next expiry wakes");
	rd(t);

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, t, EPOLLIN | EPOLLONESHOT, 3), 0, "MOD to IN|ONESHOT");
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "  one event");
	CHECK_EQ(ev.data.u64, 3, "  data 3");
	rd(t);
	CHECK_EQ(wait1(ep, &ev, 250), 0, "  disarmed: later expiries give nothing");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, t, EPOLLIN, 4), 0, "  re-armed by MOD");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  the expiries since: one event");
	CHECK_EQ(ev.data.u64, 4, "  data 4");
	close(t);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "closed: the item is gone");
	close(ep);
}

static void test_blocking(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, 0);
	struct pollfd p = { .fd = t, .events = POLLIN };
	fd_set r;
	long long start = monotonic_ns();

	arm(t, 0, 60, 0);
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll blocked: woken by the expiry");
	CHECK_HEX(p.revents, POLLIN, "  POLLIN");
	CHECK(monotonic_ns() - start >= 60 * MS, "  not before 60 ms");
	rd(t);
	arm(t, 0, 60, 0);
	FD_ZERO(&r);
	FD_SET(t, &r);
	CHECK_EQ(select(t + 1, &r, NULL, NULL, NULL), 1, "select blocked: woken by the expiry");
	CHECK(FD_ISSET(t, &r), "  readable");
	close(t);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void test_signals(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, 0);

	alarms = 0;
	arm_alarm(20, 0, on_alarm);
	CHECK_ERR(rd(t), EINTR, "blocked read of a disarmed timer, a signal: EINTR");
	CHECK_EQ(alarms, 1, "  the handler ran");

	arm(t, 0, 100, 0);
	alarms = 0;
	arm_alarm(20, SA_RESTART, on_alarm);
	CHECK_EQ(rd(t), 1, "blocked read, SA_RESTART: restarted, reads the expiry");
	CHECK_EQ(alarms, 1, "  the handler ran");
	signal(SIGALRM, SIG_DFL);
	close(t);
}

static void test_read_buffers(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	uint64_t r[2] = { 0, 0 };
	struct iovec split[2] = { { &r[0], 4 }, { &r[1], 8 } };
	char buf[16];

	CHECK_EQ(ioctl(t, TFD_IOC_SET_TICKS, &(uint64_t){ 5 }), 0, "TFD_IOC_SET_TICKS 5");
	CHECK_EQ(poll_mask(t, POLLIN), POLLIN, "  readable");
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(read(t, buf, 16), 8, "read into 16 bytes: 8");
	CHECK_EQ(*(uint64_t *)buf, 5, "  the count, 5");
	CHECK_EQ((unsigned char)buf[8], 0xaa, "  the rest untouched");
	CHECK_ERR(ioctl(t, TFD_IOC_SET_TICKS, &(uint64_t){ 0 }), EINVAL, "SET_TICKS 0: EINVAL");
	CHECK_ERR(ioctl(t, TFD_IOC_SET_TICKS, bad_addr(1)), EFAULT, "SET_TICKS from a bad pointer: EFAULT");
	ioctl(t, TFD_IOC_SET_TICKS, &(uint64_t){ 0x100000001ULL });
	CHECK_EQ(readv(t, split, 2), 8, "readv into 4+8: 8 bytes across segments");
	CHECK_EQ(r[0] & 0xffffffff, 1, "  the low half in the first");
	CHECK_EQ(r[1], 1, "  the high half in the second");
	ioctl(t, TFD_IOC_SET_TICKS, &(uint64_t){ 7 });
	CHECK_ERR(read(t, bad_addr(1), 8), EFAULT, "read into a bad pointer: EFAULT");
	CHECK_ERR(rd(t), EAGAIN, "  the count was taken all the same");
	close(t);
}

static char info[1024];

static void test_fdinfo(void)
{
	int t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	int b = timerfd_create(CLOCK_BOOTTIME, 0);
	unsigned long long s, ns;
	struct itimerspec it = { { 1, 500000000 }, { 0, 0 } };
	const char *l;
	char *end;

	CHECK(read_fdinfo(t, info, sizeof(info)) > 0, "fdinfo readable");
	CHECK_STR(line_of(info, "pos:", 0), "pos:\t0", "pos line");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02004002", "flags: O_RDWR|O_NONBLOCK|O_CLOEXEC");
	CHECK_STR(line_of(info, "clockid:", 0), "clockid: 0", "clockid: 0");
	CHECK_STR(line_of(info, "ticks:", 0), "ticks: 0", "ticks: 0");
	CHECK_STR(line_of(info, "settime flags:", 0), "settime flags: 00", "settime flags: 00");
	CHECK_STR(line_of(info, "it_value:", 0), "it_value: (0, 0)", "it_value: (0, 0)");
	CHECK_STR(line_of(info, "it_interval:", 0), "it_interval: (0, 0)", "it_interval: (0, 0)");
	CHECK(strstr(info, "\nino:") < strstr(info, "\nclockid:") &&
	      strstr(info, "\nclockid:") < strstr(info, "\nticks:") &&
	      strstr(info, "\nticks:") < strstr(info, "\nsettime flags:") &&
	      strstr(info, "\nsettime flags:") < strstr(info, "\nit_value:") &&
	      strstr(info, "\nit_value:") < strstr(info, "\nit_interval:"),
	      "lines in Linux's order");

	it.it_value.tv_sec = clock_ms(CLOCK_REALTIME) / 1000 + 100;
	CHECK_EQ(timerfd_settime(t, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &it, NULL), 0,
		 "ABSTIME|CANCEL_ON_SET, 100 s ahead (REALTIME)");
	read_fdinfo(t, info, sizeof(info));
	CHECK_STR(line_of(info, "settime flags:", 0), "settime flags: 03", "  settime flags: 03");
	CHECK_STR(line_of(info, "it_interval:", 0), "it_interval: (1, 500000000)",
		  "  it_interval: (1, 500000000)");
	l = line_of(info, "it_value: (", 0);
	s = strtoull(l + 11, &end, 10);
	ns = strncmp(end, ", ", 2) ? ~0ULL : strtoull(end + 2, &end, 10);
	CHECK(s >= 98 && s <= 100 && ns < 1000000000 && !strcmp(end, ")"),
	      "  it_value: (98..100, ns)");
	CHECK_ERR(rd(t), EAGAIN, "  read: EAGAIN");

	CHECK_EQ(timerfd_settime(b, TFD_TIMER_CANCEL_ON_SET, &it, NULL), 0,
		 "CANCEL_ON_SET, relative (BOOTTIME): accepted");
	ioctl(b, TFD_IOC_SET_TICKS, &(uint64_t){ 12 });
	read_fdinfo(b, info, sizeof(info));
	CHECK_STR(line_of(info, "clockid:", 0), "clockid: 7", "  clockid: 7");
	CHECK_STR(line_of(info, "ticks:", 0), "ticks: 12", "  ticks: 12 (SET_TICKS)");
	CHECK_STR(line_of(info, "settime flags:", 0), "settime flags: 02", "  settime flags: 02");
	close(t);
	close(b);
}

static void test_dup_fork(void)
{
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), d = dup(t);
	pid_t pid;

	arm(d, 0, 1, 0);
	sleep_ms(20);
	CHECK_EQ(rd(t), 1, "armed through a dup, read through the original");
	close(t);
	arm(d, 0, 1, 0);
	sleep_ms(20);
	CHECK_EQ(rd(d), 1, "original closed: the dup still works");

	arm(d, 0, 50, 0);
	pid = fork();
	if (pid == 0) {
		struct pollfd p = { .fd = d, .events = POLLIN };

		_exit(poll(&p, 1, 5000) != 1 || rd(d) != 1);
	}
	CHECK_EQ(wait_child(pid), 0, "a child waits for the inherited timer, reads 1");
	CHECK_ERR(rd(d), EAGAIN, "  the parent finds it taken");

	arm(d, 0, 30, 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	wait_child(pid);
	sleep_ms(60);
	CHECK_EQ(rd(d), 1, "the child's exit leaves the timer running");
	arm(d, 0, 10, 10);
	close(d);
	sleep_ms(30);
	CHECK(1, "closed while armed: the timer goes with the file");
}

int main(void)
{
	test_create();
	test_errors();
	test_oneshot();
	test_interval();
	test_abstime();
	test_disarm();
	test_readiness();
	test_blocking();
	test_signals();
	test_read_buffers();
	test_fdinfo();
	test_dup_fork();
	return test_done();
}
