/* Clocks and sleeping. Pollux has no vDSO: every clock read is a syscall. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return syscall2(__NR_nanosleep, req, rem);
}

/* Unlike the others, this one returns the error number instead of setting errno. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return (int)-__syscall4(__NR_clock_nanosleep, clk, flags, (long)req, (long)rem);
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return syscall2(__NR_clock_gettime, clk, ts);
}

int clock_settime(clockid_t clk, const struct timespec *ts)
{
	return syscall2(__NR_clock_settime, clk, ts);
}

int clock_getres(clockid_t clk, struct timespec *res)
{
	return syscall2(__NR_clock_getres, clk, res);
}

int gettimeofday(struct timeval *tv, struct timezone *tz)
{
	return syscall2(__NR_gettimeofday, tv, tz);
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	return syscall2(__NR_settimeofday, tv, tz);
}

time_t time(time_t *t)
{
	return syscall1(__NR_time, t);
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };

	if (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		return (unsigned int)ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { .tv_sec = usec / 1000000, .tv_nsec = (usec % 1000000) * 1000L };

	return nanosleep(&ts, NULL);
}

unsigned int alarm(unsigned int seconds)
{
	return syscall1(__NR_alarm, seconds);
}

int getitimer(int which, struct itimerval *value)
{
	return syscall2(__NR_getitimer, which, value);
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	return syscall3(__NR_setitimer, which, value, old);
}
