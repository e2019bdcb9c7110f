/*
 * herd.c: the thundering herd, counted.  K tasks, each asleep in its own
 * epoll fd watching one shared pipe (as servers watch one listening
 * socket); one byte is written per event, once all K sleep.  Each woken
 * task counts the wake-up and sleeps again: EPOLLET, so the unread byte
 * is reported once; main reads it when all K sleep again.  (A task that
 * read it would make the others' harvest find nothing, and they would
 * sleep on uncounted.)  Without EPOLLEXCLUSIVE every waiter wakes (K per
 * event); with it, one (Linux's promise: "one or more").
 *
 *                  /--> epoll --> task 0
 *   write --> pipe ----> epoll --> task 1      (K = 2, 4, 8)
 *                  \--> epoll --> task K-1
 *
 * The tasks are processes (Pollux's libc has no threads), which share
 * the pipe as threads would.  "Asleep" is the state letter S of
 * /proc/PID/stat, polled, so the count does not depend on timing.
 * Output rows: "herd plain|exclusive K wakeups_per_event".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"
#include "../user/task_state.h"

#define EVENTS 50
#define MAXK 8

static int shared[2], quit[2], results[2];

/* Is pid asleep?  (user/task_state.h) */
static int asleep(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	return stat_asleep(path);
}

static void wait_all_asleep(const pid_t *pids, int k)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < k; i++)
		while (!asleep(pids[i]))
			nanosleep(&ms, NULL);
}

/* One member: wake and count, until the quit pipe is readable; then its
 * count goes to main through the results pipe. */
static void member(unsigned int flags)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET | flags };
	int epfd = epoll_create1(0), wakeups = 0;

	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, shared[0], &ev) < 0)
		die("epoll (member)");
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 1 };
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, quit[0], &ev) < 0)
		die("epoll (quit)");
	while (epoll_wait(epfd, &ev, 1, -1) == 1 && ev.data.u32 == 0)
		wakeups++;
	if (write(results[1], &wakeups, sizeof(wakeups)) != sizeof(wakeups))
		die("write (results)");
	_exit(0);
}

/* K members, EVENTS bytes: wake-ups per event, in hundredths. */
static int herd(int k, unsigned int flags)
{
	pid_t pids[MAXK];
	int total = 0, n, status;
	char c;

	if (pipe2(shared, O_NONBLOCK) < 0 || pipe(quit) < 0 || pipe(results) < 0)
		die("pipe");
	for (int i = 0; i < k; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0)
			member(flags);
	}
	for (int e = 0; e < EVENTS; e++) {
		wait_all_asleep(pids, k);
		if (write(shared[1], "x", 1) != 1)
			die("write");
		/* every woken member has counted and sleeps again */
		wait_all_asleep(pids, k);
		if (read(shared[0], &c, 1) != 1)
			die("read");
	}
	if (write(quit[1], "q", 1) != 1)
		die("write (quit)");
	for (int i = 0; i < k; i++) {
		if (read(results[0], &n, sizeof(n)) != sizeof(n))
			die("read (results)");
		total += n;
		waitpid(pids[i], &status, 0);
	}
	close(shared[0]);
	close(shared[1]);
	close(quit[0]);
	close(quit[1]);
	close(results[0]);
	close(results[1]);
	return total * 100 / EVENTS;
}

int main(void)
{
	printf("%-10s %-12s %6s %14s\n", "bench", "api", "k", "wakeups/event");
	for (int k = 2; k <= MAXK; k *= 2) {
		int plain = herd(k, 0), excl = herd(k, EPOLLEXCLUSIVE);

		printf("%-10s %-12s %6d %11d.%02d\n", "herd", "plain", k,
		       plain / 100, plain % 100);
		printf("%-10s %-12s %6d %11d.%02d\n", "herd", "exclusive", k,
		       excl / 100, excl % 100);
	}
	return 0;
}
