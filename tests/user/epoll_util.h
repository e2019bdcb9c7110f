/*
 * Small helpers shared by the epoll test programs (tests/user/epoll_*.c).
 * Every helper returns what the syscall returned, so a test can CHECK it.
 */
#ifndef EPOLL_UTIL_H
#define EPOLL_UTIL_H

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* epoll_ctl(ADD/MOD) with a mask and a 64-bit cookie. */
static inline int ep_ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, op, fd, &ev);
}

/* Sleep for ms milliseconds (nanosleep restarts are not needed here). */
static inline void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* CLOCK_MONOTONIC in milliseconds: the clock epoll timeouts run on. */
static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* One epoll_wait for a single event; the event is zeroed first. */
static inline int wait1(int ep, struct epoll_event *ev, int timeout)
{
	ev->events = 0;
	ev->data.u64 = 0;
	return epoll_wait(ep, ev, 1, timeout);
}

/* Wait for a child; its raw wait status (0: exited with status 0). */
static inline int wait_child(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return status;
}

#endif
