/*
 * ctl.c: the cost of epoll_ctl ADD and DEL when the interest set already
 * holds N fds.  The set is an rbtree keyed by (file, fd), so both should
 * grow like log N; ADD also allocates an epitem and an eppoll_entry and
 * calls the file's ->poll to hook the wait queue, DEL undoes it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "bench.h"

#define ROUNDS 1000

/* Median cycles of ADD and of DEL of pipe n's read end, into a set of n. */
static void time_add_del(int epfd, int fd, uint64_t *add, uint64_t *del)
{
	static uint64_t ca[ROUNDS], cd[ROUNDS];
	struct epoll_event ev = { .events = EPOLLIN };

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = rdtsc(), t1, t2;

		if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
			die("epoll_ctl ADD");
		t1 = rdtsc();
		if (epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL) < 0)
			die("epoll_ctl DEL");
		t2 = rdtsc();
		ca[r] = t1 - t0;
		cd[r] = t2 - t1;
	}
	*add = median(ca, ROUNDS);
	*del = median(cd, ROUNDS);
}

static void bench_size(int n)
{
	int *rfd = malloc((n + 1) * sizeof(int)), *wfd = malloc((n + 1) * sizeof(int));
	uint64_t add, del;
	int epfd;

	if (!rfd || !wfd)
		die("malloc");
	/* n pipes in the set plus one more to add and delete */
	if (make_pipes(n + 1, rfd, wfd) < 0) {
		bench_na("ctl", "ADD", n, pipes_failed_why());
		bench_na("ctl", "DEL", n, pipes_failed_why());
		goto out;
	}
	epfd = epoll_create1(0);
	if (epfd < 0)
		die("epoll_create1");
	for (int i = 0; i < n; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };

		if (epoll_ctl(epfd, EPOLL_CTL_ADD, rfd[i], &ev) < 0)
			die("epoll_ctl ADD");
	}
	time_add_del(epfd, rfd[n], &add, &del);
	bench_row("ctl", "ADD", n, add);
	bench_row("ctl", "DEL", n, del);
	close(epfd);
	close_pipes(n + 1, rfd, wfd);
out:
	free(rfd);
	free(wfd);
}

int main(void)
{
	bench_main(bench_size);
	return 0;
}
