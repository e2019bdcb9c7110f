/*
 * Nested epoll: an epoll fd is itself pollable, wake-ups propagate from
 * an inner instance to an outer one, loops are refused with ELOOP, and
 * chains are limited to EP_MAX_NESTS + 1 = 5 instances (Linux >= 6.17).
 */
#include <errno.h>
#include <poll.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define MAXCHAIN 8

static int rd, wr;

static void new_pipe(void)
{
	int p[2];

	pipe(p);
	rd = p[0];
	wr = p[1];
}

static int poll_in(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLRDNORM | POLLOUT };

	return poll(&pfd, 1, 0) == 1 ? pfd.revents : 0;
}

static void test_pollable(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0);

	new_pipe();
	ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 1);
	CHECK_HEX(poll_in(ep), 0, "poll(epoll fd), nothing ready: revents 0");
	write(wr, "x", 1);
	CHECK_HEX(poll_in(ep), POLLIN | POLLRDNORM,
		  "poll(epoll fd), an item ready: IN|RDNORM (never OUT)");
	read(rd, &ev, 1);
	CHECK_HEX(poll_in(ep), 0, "poll(epoll fd), item no longer ready: 0");
	close(rd);
	close(wr);
	close(ep);
}

/*
 * e0 -(outer)-> e1 -(inner)-> pipe; one write, then wait twice on e0
 * (or poll e0 and wait on it, twice). Results as "x,y" / "p,w,p,w".
 */
static void nest_case(unsigned outer, unsigned inner, int use_poll, const char *want,
		      const char *what)
{
	struct epoll_event ev;
	int e0 = epoll_create1(0), e1 = epoll_create1(0);
	char got[16], *s = got;
	int i;

	new_pipe();
	ep_ctl(e1, EPOLL_CTL_ADD, rd, EPOLLIN | inner, 0);
	ep_ctl(e0, EPOLL_CTL_ADD, e1, EPOLLIN | outer, 1);
	write(wr, "x", 1);
	for (i = 0; i < 2; i++) {
		if (use_poll) {
			*s++ = '0' + (poll_in(e0) != 0);
			*s++ = ',';
		}
		*s++ = '0' + wait1(e0, &ev, 0);
		*s++ = ',';
	}
	s[-1] = '\0';
	CHECK_STR(got, want, what);
	close(e0);
	close(e1);
	close(rd);
	close(wr);
}

/* The selftest cases epoll17-24 (filesystems/epoll/epoll_wakeup_test.c). */
static void test_nested_modes(void)
{
	struct epoll_event ev;
	int e0 = epoll_create1(0), e1 = epoll_create1(0);

	new_pipe();
	ep_ctl(e1, EPOLL_CTL_ADD, rd, EPOLLIN, 5);
	ep_ctl(e0, EPOLL_CTL_ADD, e1, EPOLLIN, 6);
	write(wr, "x", 1);
	CHECK_EQ(wait1(e0, &ev, 0), 1, "outer reports the inner epoll fd");
	CHECK_HEX(ev.events, EPOLLIN, "  mask EPOLLIN");
	CHECK_EQ(ev.data.u64, 6, "  with the outer item's data");
	CHECK_EQ(wait1(e1, &ev, 0), 1, "inner reports the pipe");
	CHECK_EQ(ev.data.u64, 5, "  with the inner item's data");
	close(e0);
	close(e1);
	close(rd);
	close(wr);

	nest_case(0, 0, 0, "1,1", "e0 -lt- e1 -lt- pipe: wait,wait = 1,1");
	nest_case(0, EPOLLET, 0, "1,1", "e0 -lt- e1 -et- pipe: wait,wait = 1,1");
	nest_case(EPOLLET, 0, 0, "1,0", "e0 -et- e1 -lt- pipe: wait,wait = 1,0");
	nest_case(EPOLLET, EPOLLET, 0, "1,0", "e0 -et- e1 -et- pipe: wait,wait = 1,0");
	nest_case(0, 0, 1, "1,1,1,1", "e0 -lt- e1 -lt- pipe: poll,wait,poll,wait = 1,1,1,1");
	nest_case(0, EPOLLET, 1, "1,1,1,1", "e0 -lt- e1 -et- pipe: poll,wait x2 = 1,1,1,1");
	nest_case(EPOLLET, 0, 1, "1,1,0,0", "e0 -et- e1 -lt- pipe: poll,wait x2 = 1,1,0,0");
	nest_case(EPOLLET, EPOLLET, 1, "1,1,0,0", "e0 -et- e1 -et- pipe: poll,wait x2 = 1,1,0,0");
}

/*
 * A wake-up crosses the nesting: the parent sleeps in e1, a child writes.
 *   parent(ew -1) -> e1 -(lt)-> e2 -(lt)-> pipe <- child writes once it sleeps
 */
static void test_wake_propagates(void)
{
	struct epoll_event ev;
	int e1 = epoll_create1(0), e2 = epoll_create1(0);
	pid_t pid;

	new_pipe();
	ep_ctl(e2, EPOLL_CTL_ADD, rd, EPOLLIN, 2);
	ep_ctl(e1, EPOLL_CTL_ADD, e2, EPOLLIN, 1);
	pid = fork();
	if (pid == 0) {
		int asleep = wait_parent_asleep();

		write(wr, "x", 1);
		_exit(!asleep);
	}
	CHECK_EQ(wait1(e1, &ev, -1), 1, "parent blocked on outer epoll wakes -> 1");
	CHECK_EQ(ev.data.u64, 1, "  reports the inner epoll (data 1)");
	CHECK_EQ(wait_child(pid), 0, "child exited 0");
	close(e1);
	close(e2);
	close(rd);
	close(wr);
}

static void test_loops(void)
{
	int a = epoll_create1(0), b = epoll_create1(0), c = epoll_create1(0);

	CHECK_ERR(ep_ctl(a, EPOLL_CTL_ADD, a, EPOLLIN, 0), EINVAL, "ADD an epoll to itself -> EINVAL");
	CHECK_EQ(ep_ctl(a, EPOLL_CTL_ADD, b, EPOLLIN, 0), 0, "a watches b");
	CHECK_EQ(ep_ctl(b, EPOLL_CTL_ADD, c, EPOLLIN, 0), 0, "b watches c");
	CHECK_ERR(ep_ctl(c, EPOLL_CTL_ADD, a, EPOLLIN, 0), ELOOP, "c watches a: a cycle -> ELOOP");
	CHECK_ERR(ep_ctl(b, EPOLL_CTL_ADD, a, EPOLLIN, 0), ELOOP, "b watches a: a cycle -> ELOOP");
	CHECK_EQ(epoll_ctl(a, EPOLL_CTL_DEL, b, NULL), 0, "a stops watching b");
	CHECK_EQ(ep_ctl(c, EPOLL_CTL_ADD, a, EPOLLIN, 0), 0, "  then c watches a -> 0");
	close(a);
	close(b);
	close(c);
}

/*
 * Link e[i-1] into e[i] for i = 1..n-1 (bottom-up) or i = n-1..1
 * (top-down); return the index i of the first refused link (n if none)
 * and its errno in *err.
 */
static int build_chain(int *e, int n, int top_down, int *err)
{
	int k, i;

	for (k = 1; k < n; k++) {
		i = top_down ? n - k : k;
		if (ep_ctl(e[i], EPOLL_CTL_ADD, e[i - 1], EPOLLIN, i) != 0) {
			*err = errno;
			return i;
		}
	}
	return n;
}

static void chain_case(int with_pipe, int top_down, int want_at, const char *what)
{
	int e[MAXCHAIN], i, err = 0, at;

	new_pipe();
	for (i = 0; i < MAXCHAIN; i++)
		e[i] = epoll_create1(0);
	if (with_pipe)
		ep_ctl(e[0], EPOLL_CTL_ADD, rd, EPOLLIN, 0);
	at = build_chain(e, MAXCHAIN, top_down, &err);
	CHECK_EQ(at, want_at, what);
	CHECK_EQ(err, ELOOP, "  refused with ELOOP");
	for (i = 0; i < MAXCHAIN; i++)
		close(e[i]);
	close(rd);
	close(wr);
}

/* At most 5 epoll instances in any chain; a pipe at the bottom does not count. */
static void test_depth(void)
{
	chain_case(1, 0, 5, "pipe in e0, e0..e4 linked bottom-up; e4 into e5 refused");
	chain_case(0, 0, 5, "e0..e4 linked bottom-up (no pipe); e4 into e5 refused");
	chain_case(0, 1, 3, "e7..e3 linked top-down; e2 into e3 refused");
}

/*
 * reverse_path_check: at most 500 wake-up paths of length 2 from one file.
 *   top -(lt)-> e_i -(lt)-> pipe, for i = 0..500: the 501st path -> EINVAL
 */
static void test_path_limit(void)
{
	static int e[501];
	int top = epoll_create1(0), i, bad = -1, err = 0;

	new_pipe();
	for (i = 0; i < 501 && bad < 0; i++) {
		e[i] = epoll_create1(0);
		ep_ctl(top, EPOLL_CTL_ADD, e[i], EPOLLIN, i);
		if (ep_ctl(e[i], EPOLL_CTL_ADD, rd, EPOLLIN, i) != 0) {
			bad = i;
			err = errno;
		}
	}
	CHECK_EQ(bad, 500, "pipe into the 501st epoll watched by top -> refused");
	CHECK_EQ(err, EINVAL, "  with EINVAL (too many wake-up paths)");
	while (i-- > 0)
		close(e[i]);
	close(top);
	close(rd);
	close(wr);
}

int main(void)
{
	test_pollable();
	test_nested_modes();
	test_wake_propagates();
	test_loops();
	test_depth();
	test_path_limit();
	return test_done();
}
