/*
 * The wake-up path check of a nested EPOLL_CTL_ADD is linear in the size
 * of the graph, as Linux's: each epoll below the new link is visited once
 * and each file reached is checked once, however many ways lead to it.
 * A walk that follows every way down checks each pipe 100 times here,
 * with 100 upward paths each time (1.5 million steps for one ADD).
 *
 *   top -(ADD)-> x -> a_1 .. a_100 -> p_1 .. p_150   (every a_i watches
 *                                                     every p_j)
 *
 * Each pipe then has 100 paths of length 3 (p -> a_i -> x -> top), the
 * most Linux allows (path_limits[2] = 100): one more is EINVAL, and
 * closing the loop is ELOOP.  The ADD must take less than 50 ms: Linux
 * takes under 1 ms, Pollux under TCG about 4 ms, and 190 ms or more when
 * it walked every way down (its time is not printed: it differs by
 * machine).
 */
#include <sys/epoll.h>
#include <unistd.h>
#include "test.h"

#define NPIPES 150
#define NMID 100

static int pipes[NPIPES], mid[NMID + 1];

static int add(int ep, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

int main(void)
{
	int top, x, i, j, bad = 0;
	long long t0;

	set_fd_limit(1024);
	for (i = 0; i < NPIPES; i++) {
		int p[2];

		bad |= pipe(p);
		close(p[1]);
		pipes[i] = p[0];
	}
	CHECK_EQ(bad, 0, "150 pipes");
	for (i = 0; i <= NMID; i++) {
		mid[i] = epoll_create1(0);
		for (j = 0; j < NPIPES && i < NMID; j++)
			bad |= add(mid[i], pipes[j]);
	}
	CHECK_EQ(bad, 0, "100 epolls each watching the 150 pipes");
	x = epoll_create1(0);
	for (i = 0; i < NMID; i++)
		bad |= add(x, mid[i]);
	CHECK_EQ(bad, 0, "x watches the 100 epolls");
	top = epoll_create1(0);
	t0 = monotonic_ns();
	CHECK_EQ(add(top, x), 0, "top watches x: 100 paths of length 3 per pipe, allowed");
	CHECK(monotonic_ns() - t0 < 50 * 1000000LL, "that ADD takes less than 50 ms");

	CHECK_EQ(add(mid[NMID], pipes[0]), 0, "a 101st epoll watches p_1");
	CHECK_ERR(add(x, mid[NMID]), EINVAL, "x watching it would make 101 paths: EINVAL");
	CHECK_ERR(add(mid[0], top), ELOOP, "a_1 watching top closes a loop: ELOOP");
	return test_done();
}
