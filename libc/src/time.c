/* Clocks and sleeping built on the calls (clock_gettime, nanosleep, the
 * itimers are generated: syscalls.c).  Pollux has no vDSO: every clock
 * read is a syscall. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

/* Unlike the others, this one returns the error number instead of setting errno. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return (int)-__syscall4(__NR_clock_nanosleep, clk, flags, (long)req, (long)rem);
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
