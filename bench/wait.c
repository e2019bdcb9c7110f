/*
 * wait.c: the cost of one wait for readiness among N watched pipes.
 *
 * Each round makes one pipe readable (a different one each time), times
 * the wait call that reports it, then drains the pipe.  epoll_wait only
 * looks at its ready list, so its cost should not grow with N; poll and
 * select call every file's ->poll, so theirs grows linearly.  Only the
 * system call is timed: the O(N) scan a poll/select program then needs
 * to find the ready fd is left out, which favours poll and select.
 *
 * usage: wait              every API at every N (make bench)
 *        wait API N        one API (epoll_wait, poll, select) at one N,
 *                          e.g. under tools/profile (docs/profiling.md)
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>
#include "bench.h"

#define ROUNDS 1000
#define WARMUP 50

static int nr, *rfd, *wfd;
static const char *only;	/* the one API to run, or NULL: all */

/* ---- epoll: the interest set is registered once */
static int epfd;

static int epoll_setup(void)
{
	epfd = epoll_create1(0);
	if (epfd < 0)
		return -1;
	for (int i = 0; i < nr; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };

		if (epoll_ctl(epfd, EPOLL_CTL_ADD, rfd[i], &ev) < 0)
			return -1;
	}
	return 0;
}

static int epoll_ready(int i)
{
	struct epoll_event ev;

	return epoll_wait(epfd, &ev, 1, -1) == 1 && ev.data.u32 == (uint32_t)i;
}

static void epoll_teardown(void)
{
	close(epfd);
}

/* ---- poll: the array is passed in full on every call */
static struct pollfd *pfd;

static int poll_setup(void)
{
	pfd = malloc(nr * sizeof(*pfd));
	if (!pfd)
		return -1;
	for (int i = 0; i < nr; i++)
		pfd[i] = (struct pollfd){ .fd = rfd[i], .events = POLLIN };
	return 0;
}

static int poll_ready(int i)
{
	return poll(pfd, nr, -1) == 1 && (pfd[i].revents & POLLIN);
}

static void poll_teardown(void)
{
	free(pfd);
}

/* ---- select: the set is rewritten by every call, so it is copied in */
static fd_set all;
static int maxfd;

static int select_setup(void)
{
	FD_ZERO(&all);
	maxfd = 0;
	for (int i = 0; i < nr; i++) {
		if (rfd[i] >= FD_SETSIZE) {
			errno = EBADF;
			return -1;
		}
		FD_SET(rfd[i], &all);
		if (rfd[i] > maxfd)
			maxfd = rfd[i];
	}
	return 0;
}

static int select_ready(int i)
{
	fd_set rd = all;

	return select(maxfd + 1, &rd, NULL, NULL, NULL) == 1 && FD_ISSET(rfd[i], &rd);
}

static void select_teardown(void)
{
}

struct waiter {
	const char *name;
	int (*setup)(void);
	int (*ready)(int i);	/* timed: did the wait report exactly pipe i? */
	void (*teardown)(void);
};

static const struct waiter waiters[] = {
	{ "epoll_wait", epoll_setup, epoll_ready, epoll_teardown },
	{ "poll", poll_setup, poll_ready, poll_teardown },
	{ "select", select_setup, select_ready, select_teardown },
};

/* Median cycles of one wait; rounds visit the pipes in a scattered order. */
static uint64_t run_rounds(const struct waiter *w)
{
	static uint64_t cycles[ROUNDS];
	char c = 'x';

	bench_profile_reset();
	for (int r = -WARMUP; r < ROUNDS; r++) {
		int i = (int)(((unsigned)(r + WARMUP) * 7919u) % nr);
		uint64_t t0, t1;
		int ok;

		if (write(wfd[i], &c, 1) != 1)
			die("write");
		t0 = rdtsc();
		ok = w->ready(i);
		t1 = rdtsc();
		if (!ok || read(rfd[i], &c, 1) != 1) {
			fprintf(stderr, "bench: %s did not report pipe %d\n", w->name, i);
			exit(1);
		}
		if (r >= 0)
			cycles[r] = t1 - t0;
	}
	return median(cycles, ROUNDS);
}

static void bench_size(int n)
{
	nr = n;
	rfd = malloc(n * sizeof(int));
	wfd = malloc(n * sizeof(int));
	if (!rfd || !wfd)
		die("malloc");
	if (make_pipes(n, rfd, wfd) < 0) {
		for (unsigned k = 0; k < sizeof(waiters) / sizeof(waiters[0]); k++)
			bench_na("wait", waiters[k].name, n, pipes_failed_why());
		goto out;
	}
	for (unsigned k = 0; k < sizeof(waiters) / sizeof(waiters[0]); k++) {
		const struct waiter *w = &waiters[k];

		if (only && strcmp(w->name, only))
			continue;
		if (w->setup() < 0)
			bench_na("wait", w->name, n, errno == EBADF ?
				 "fd >= FD_SETSIZE (1024)" : "setup failed");
		else
			bench_row("wait", w->name, n, run_rounds(w));
		w->teardown();
	}
	close_pipes(n, rfd, wfd);
out:
	free(rfd);
	free(wfd);
}

int main(int argc, char **argv)
{
	if (argc == 3) {
		only = argv[1];
		bench_init();
		bench_header();
		bench_size(atoi(argv[2]));
		return 0;
	}
	bench_main(bench_size);
	return 0;
}
