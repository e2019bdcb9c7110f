/*
 * Lifetime races made deterministic: what is closed while another
 * process sits in epoll_wait, a process that exits holding thousands of
 * items, and nested instances closed in every order.  The order of events
 * is forced with pipes (a child says "about to wait"; a short sleep then
 * lets it block).  In Pollux, tools/test-all.sh also runs this program
 * under kmemstat, which checks that every kernel counter is back to its
 * baseline afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

/* Forks a child that says "ready" on a pipe, then waits on ep for up to
 * timeout ms; it exits with (events << 2 | count) of its one wait, or
 * 255 on an error.  Returns once the child is blocked (or, with a short
 * timeout on a loaded machine, already done). */
static pid_t waiting_child(int ep, int timeout, int close_fd)
{
	int ready[2];
	char c;
	pid_t pid;

	pipe(ready);
	pid = fork();
	if (pid == 0) {
		struct epoll_event ev;
		int n;

		if (close_fd >= 0)
			close(close_fd);
		write(ready[1], "r", 1);
		n = wait1(ep, &ev, timeout);
		_exit(n < 0 ? 255 : (int)(ev.events << 2 | n));
	}
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	/* after "ready", the child can only fall asleep in epoll_wait */
	CHECK(wait_states(&pid, 1, "SZ"), "  the child waits in epoll_wait");
	return pid;
}

/* A pipe, and an instance watching its read end for EPOLLIN. */
static int watched_pipe(int p[2])
{
	int ep = epoll_create1(0);

	pipe(p);
	ep_ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0);
	return ep;
}

static int child_result(pid_t pid)
{
	int status = wait_child(pid);

	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 *   child -(wait)-> ep -(in)-> p[0];  parent closes p[1], the last writer
 * The waiter wakes with EPOLLHUP.
 */
static void test_close_writer_while_waiting(void)
{
	int p[2], ep = watched_pipe(p);
	pid_t pid;

	pid = waiting_child(ep, 5000, p[1]);
	close(p[1]);
	CHECK_EQ(child_result(pid), EPOLLHUP << 2 | 1,
		 "last writer closed while a child waits: woken, EPOLLHUP, 1 event");
	close(p[0]);
	close(ep);
}

/*
 *   child -(wait)-> ep -(in)-> p[0];  parent closes p[0], the last
 * reference: the item goes; the waiter times out with nothing.
 */
static void test_close_watched_while_waiting(void)
{
	int p[2], ep = watched_pipe(p);
	pid_t pid;

	pid = waiting_child(ep, 300, p[0]);
	close(p[0]);
	CHECK_ERR(write(p[1], "x", 1), EPIPE, "the watched read end is gone: write -> EPIPE");
	CHECK_EQ(child_result(pid), 0,
		 "watched fd closed while a child waits: the wait times out, 0 events");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), EBADF, "DEL the closed fd -> EBADF");
	close(p[1]);
	close(ep);
}

/*
 *   child -(wait)-> ep -(in)-> p[0];  parent closes its ep, then writes
 * The child's fd keeps the instance: it wakes with EPOLLIN.
 */
static void test_close_epoll_while_child_waits(void)
{
	int p[2], ep = watched_pipe(p);
	pid_t pid;

	pid = waiting_child(ep, 5000, -1);
	close(ep);
	write(p[1], "x", 1);
	CHECK_EQ(child_result(pid), EPOLLIN << 2 | 1,
		 "epoll fd closed by the parent while a child waits: woken, EPOLLIN");
	close(p[0]);
	close(p[1]);
}

#define PIPES 1000
#define INSTANCES 2

/* A child exits holding 2000 fds watched by 2 instances: 4000 items, all
 * released by exit. */
static int exit_with_items(void)
{
	int ep[INSTANCES], p[2], items = 0;

	if (set_fd_limit(4096) != 0)
		return 1;
	for (int i = 0; i < INSTANCES; i++)
		ep[i] = epoll_create1(0);
	for (int k = 0; k < PIPES; k++) {
		if (pipe(p) != 0)
			return 2;
		write(p[1], "x", 1);
		for (int i = 0; i < INSTANCES; i++)
			items += !ep_ctl(ep[i], EPOLL_CTL_ADD, p[0], EPOLLIN, k) +
				 !ep_ctl(ep[i], EPOLL_CTL_ADD, p[1], EPOLLOUT, k);
	}
	return items == PIPES * 2 * INSTANCES ? 0 : 3;
}

static void test_exit_with_items(void)
{
	int status = run_child(exit_with_items);

	CHECK(WIFEXITED(status), "a child with 4000 items exits");
	CHECK_EQ(WEXITSTATUS(status), 0, "  after 4000 ADDs that all succeeded");
}

/*
 *   e0 -(in)-> e1 -(in)-> e2 -(in)-> p[0] (one byte in it)
 * closed in the order given; after each close, what each instance still
 * open reports (a digit each: events returned, '-' for closed).
 */
static void close_nest_in_order(const int order[3], char *out)
{
	int e[3], p[2];

	pipe(p);
	for (int i = 0; i < 3; i++)
		e[i] = epoll_create1(0);
	ep_ctl(e[2], EPOLL_CTL_ADD, p[0], EPOLLIN, 2);
	ep_ctl(e[1], EPOLL_CTL_ADD, e[2], EPOLLIN, 1);
	ep_ctl(e[0], EPOLL_CTL_ADD, e[1], EPOLLIN, 0);
	write(p[1], "x", 1);
	for (int step = 0; step < 3; step++) {
		close(e[order[step]]);
		e[order[step]] = -1;
		for (int i = 0; i < 3; i++) {
			struct epoll_event ev;

			*out++ = e[i] < 0 ? '-' : '0' + wait1(e[i], &ev, 0);
		}
		*out++ = step < 2 ? ' ' : '\0';
	}
	close(p[0]);
	close(p[1]);
}

static void test_nest_close_orders(void)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	/* As Linux 6.18 gives them: closing an instance removes the item
	 * that watched it, so what watched it is no longer ready. */
	static const char *const want[6] = {
		"-11 --1 ---", "-11 -0- ---", "0-1 --1 ---",
		"0-1 0-- ---", "00- -0- ---", "00- 0-- ---",
	};
	char got[16], what[64];

	for (int i = 0; i < 6; i++) {
		close_nest_in_order(orders[i], got);
		snprintf(what, sizeof(what), "nest closed in order e%d e%d e%d",
			 orders[i][0], orders[i][1], orders[i][2]);
		CHECK_STR(got, want[i], what);
	}
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_close_writer_while_waiting();
	test_close_watched_while_waiting();
	test_close_epoll_while_child_waits();
	test_exit_with_items();
	test_nest_close_orders();
	return test_done();
}
