/*
 * timerfd_clock_set: TFD_TIMER_CANCEL_ON_SET, which needs CLOCK_REALTIME
 * set: Pollux only (tools/test-all.sh), never natively, where it would
 * set the host's clock.  So the answers here are not seen on Linux but
 * read from Linux 6.18's fs/timerfd.c: a clock set counts one tick on
 * every absolute realtime timer armed with the flag (readable, pollers
 * woken); its next read is ECANCELED and drops the count; TFD_IOC_
 * SET_TICKS then is ECANCELED too; a timer without the flag, or on
 * the monotonic clock, is untouched.  The clock is set to what it
 * reads, plus a second (and once 200 s on and back): the date stays
 * about right.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../user/test.h"

static long long rd(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? (long long)v : -1;
}

/* Arms fd at REALTIME now + 100 s, absolute, with flags added */
static int arm_abs(int fd, int flags)
{
	struct itimerspec it = { { 0, 0 }, { 0, 0 } };

	clock_gettime(CLOCK_REALTIME, &it.it_value);
	it.it_value.tv_sec += 100;
	return timerfd_settime(fd, TFD_TIMER_ABSTIME | flags, &it, NULL);
}

/* CLOCK_REALTIME set sec seconds on (or back) */
static int clock_step_by(int sec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += sec;
	return clock_settime(CLOCK_REALTIME, &ts);
}

static int clock_step(void)
{
	return clock_step_by(1);
}

static int readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && p.revents == POLLIN;
}

/* fd's time left, in whole seconds */
static long left_s(int fd)
{
	struct itimerspec it;

	return timerfd_gettime(fd, &it) ? -1 : it.it_value.tv_sec;
}

static void test_follow(void)
{
	int abs = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int back = timerfd_create(CLOCK_REALTIME_ALARM, TFD_NONBLOCK);
	int rel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int mono = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec in100 = { { 0, 0 }, { 100, 0 } };

	arm_abs(abs, 0);
	timerfd_settime(rel, 0, &in100, NULL);
	timerfd_settime(mono, 0, &in100, NULL);
	CHECK_EQ(clock_step_by(200), 0, "REALTIME set 200 s on");
	usleep(20000);
	CHECK(readable(abs), "  a timer ABSTIME 100 s ahead is due: readable");
	CHECK_EQ(rd(abs), 1, "  read: 1");
	CHECK(!readable(rel), "  a relative REALTIME timer is not");
	CHECK(left_s(rel) >= 98, "    still 98 s or more left");
	CHECK(!readable(mono), "  nor a MONOTONIC one");

	arm_abs(back, 0);
	CHECK(left_s(back) >= 98 && left_s(back) <= 100, "REALTIME_ALARM, ABSTIME 100 s ahead");
	CHECK_EQ(clock_step_by(-200), 0, "REALTIME set 200 s back");
	CHECK(left_s(back) >= 298 && left_s(back) <= 300, "  it now has 298 to 300 s left");
	CHECK(left_s(rel) >= 98 && left_s(rel) <= 100, "  the relative one, still under 100 s");
	close(abs);
	close(back);
	close(rel);
	close(mono);
}

int main(void)
{
	int c = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int plain = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int rel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int mono = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec in100 = { { 0, 0 }, { 100, 0 } };

	CHECK_EQ(arm_abs(c, TFD_TIMER_CANCEL_ON_SET), 0, "ABSTIME|CANCEL_ON_SET, REALTIME");
	CHECK_EQ(arm_abs(plain, 0), 0, "ABSTIME alone, REALTIME");
	CHECK_EQ(timerfd_settime(rel, TFD_TIMER_CANCEL_ON_SET, &in100, NULL), 0,
		 "CANCEL_ON_SET, relative, REALTIME");
	CHECK_EQ(timerfd_settime(mono, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
				 &in100, NULL), 0, "ABSTIME|CANCEL_ON_SET, MONOTONIC");
	CHECK(!readable(c), "not readable before the clock is set");

	CHECK_EQ(clock_step(), 0, "clock_settime(CLOCK_REALTIME), a second on");
	CHECK(readable(c), "the cancel-on-set timer is readable");
	CHECK_ERR(rd(c), ECANCELED, "  its read: ECANCELED");
	CHECK_ERR(rd(c), EAGAIN, "  the next: EAGAIN (the count was dropped)");
	CHECK(!readable(plain), "ABSTIME without the flag: untouched");
	CHECK(!readable(rel), "relative with the flag: untouched");
	CHECK(!readable(mono), "MONOTONIC with the flag: untouched");

	CHECK_EQ(clock_step(), 0, "the clock set again");
	CHECK_ERR(ioctl(c, TFD_IOC_SET_TICKS, &(uint64_t){ 3 }), ECANCELED,
		  "  TFD_IOC_SET_TICKS: ECANCELED");
	CHECK_EQ(ioctl(c, TFD_IOC_SET_TICKS, &(uint64_t){ 3 }), 0, "  once seen, it works again");
	CHECK_EQ(rd(c), 3, "  read: 3");

	CHECK_EQ(clock_step(), 0, "the clock set again");
	CHECK_EQ(arm_abs(c, 0), 0, "  re-armed without the flag: no ECANCELED");
	CHECK_ERR(rd(c), EAGAIN, "  its read: EAGAIN (no longer cancelled)");
	/* Linux keeps the "clock was set" mark (moffs) while the flag is
	 * off, and timerfd_setup() tests it once the flag is back on */
	CHECK_ERR(arm_abs(c, TFD_TIMER_CANCEL_ON_SET), ECANCELED,
		  "  with the flag again: ECANCELED, the set it missed");
	CHECK_EQ(arm_abs(c, TFD_TIMER_CANCEL_ON_SET), 0, "  once seen: 0");
	CHECK_EQ(clock_step(), 0, "the clock set again");
	CHECK_ERR(arm_abs(c, TFD_TIMER_CANCEL_ON_SET), ECANCELED,
		  "  settime with the flag: ECANCELED (armed all the same)");
	CHECK_ERR(rd(c), EAGAIN, "  its read: EAGAIN");

	fcntl(c, F_SETFL, 0);
	if (fork() == 0) {
		usleep(50000);
		_exit(clock_step() != 0);
	}
	CHECK_ERR(rd(c), ECANCELED, "a blocked read, the clock set by a child: ECANCELED");
	wait(NULL);
	close(c);
	test_follow();
	close(plain);
	close(rel);
	close(mono);
	return test_done();
}
