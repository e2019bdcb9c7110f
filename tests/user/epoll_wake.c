/*
 * Blocking and waking: a write or an ADD from another process wakes a
 * sleeper; how many of several sleepers one event wakes (LT, ET,
 * EPOLLEXCLUSIVE); one ready fd among 1000 watched ones is found.
 */
#include <poll.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define NWAITERS 2
#define NPIPES 500 /* both ends watched: 1000 items, within 1024 fds */

/* Bytes waiting in a pipe, without blocking (each waiter wrote one). */
static int pending(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[16];

	if (poll(&pfd, 1, 0) != 1)
		return 0;
	return (int)read(fd, buf, sizeof(buf));
}

/*
 * parent(ew -1) -> ep -(lt)-> pipe <- child writes after 50 ms
 */
static void test_wake_from_child(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];
	long long t0 = now_ms();
	pid_t pid;

	pipe(p);
	ep_ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
	pid = fork();
	if (pid == 0) {
		msleep(50);
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK_EQ(wait1(ep, &ev, -1), 1, "blocked epoll_wait(-1) woken by a child's write -> 1");
	CHECK_EQ(ev.data.u64, 1, "  data 1");
	CHECK(now_ms() - t0 >= 50, "  not before the write (>= 50 ms)");
	CHECK_EQ(wait_child(pid), 0, "child exited 0");
	close(ep);
	close(p[0]);
	close(p[1]);
}

/*
 * Two waiters, each blocked in epoll_wait(-1); a waiter that wakes writes
 * one byte to `woke` and exits. Either each has its own instance on the
 * same pipe, or both share one instance (inherited over fork):
 *   own:     w0(ew) -> e0 -(flags)-> pipe     shared: w0(ew) \
 *            w1(ew) -> e1 -(flags)-> pipe             w1(ew) -> e -(flags)-> pipe
 * Returns how many one write woke (counted once none is running), then
 * writes again until all have gone.
 */
static int count_woken(unsigned flags, int shared)
{
	int data[2], ready[2], woke[2], i, n, ep = -1;
	pid_t pid[NWAITERS];
	char c;

	pipe(data);
	pipe(ready);
	pipe(woke);
	if (shared) {
		ep = epoll_create1(0);
		ep_ctl(ep, EPOLL_CTL_ADD, data[0], EPOLLIN | flags, 0);
	}
	for (i = 0; i < NWAITERS; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			struct epoll_event ev;

			if (!shared) {
				ep = epoll_create1(0);
				ep_ctl(ep, EPOLL_CTL_ADD, data[0], EPOLLIN | flags, i);
			}
			write(ready[1], "r", 1);
			if (wait1(ep, &ev, -1) != 1)
				_exit(1);
			write(woke[1], "w", 1);
			_exit(0);
		}
	}
	for (i = 0; i < NWAITERS; i++)
		read(ready[0], &c, 1);
	/* after "ready", a waiter can only fall asleep in epoll_wait */
	CHECK(wait_states(pid, NWAITERS, "S"), "  both waiters asleep in epoll_wait");
	write(data[1], "x", 1);
	/* a woken waiter runs until it exits (Z), having passed any LT
	 * wake-up on; one still asleep (S) was not woken */
	CHECK(wait_states(pid, NWAITERS, "SZ"), "  every woken waiter has exited");
	n = pending(woke[0]);
	for (i = n; i < NWAITERS; i++) {
		write(data[1], "x", 1);
		read(woke[0], &c, 1);
	}
	for (i = 0; i < NWAITERS; i++)
		CHECK_EQ(wait_child(pid[i]), 0, "  waiter exited 0");
	if (shared)
		close(ep);
	close(data[0]);
	close(data[1]);
	close(ready[0]);
	close(ready[1]);
	close(woke[0]);
	close(woke[1]);
	return n;
}

/*
 * An ADD of a ready fd wakes a sleeper, even on an empty interest set.
 *   parent(ew -1) -> ep (empty) <- child: ADD pipe write end (ready) once it sleeps
 */
static void test_add_wakes(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		int asleep = wait_parent_asleep();

		_exit(ep_ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 2) != 0 || !asleep);
	}
	CHECK_EQ(wait1(ep, &ev, -1), 1, "empty set, blocked; a child ADDs a ready fd -> 1");
	CHECK_EQ(ev.data.u64, 2, "  data 2");
	CHECK_EQ(wait_child(pid), 0, "child exited 0");
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void test_exclusive(void)
{
	CHECK_EQ(count_woken(0, 0), 2, "2 instances, LT: one write wakes both");
	CHECK_EQ(count_woken(EPOLLET, 0), 2, "2 instances, ET: one write wakes both");
	CHECK_EQ(count_woken(EPOLLEXCLUSIVE, 0), 1, "2 instances, EXCLUSIVE: one write wakes one");
	/* Sleepers on one instance wait exclusively; LT hands the event on, ET does not. */
	CHECK_EQ(count_woken(0, 1), 2, "1 shared instance, LT: one write wakes both waiters");
	CHECK_EQ(count_woken(EPOLLET, 1), 1, "1 shared instance, ET: one write wakes one waiter");
}

/*
 * One epoll watching 1000 fds: the read ends (EPOLLIN, quiet while empty)
 * and the write ends (EPOLLIN, which a write end never raises). Writing to
 * one pipe makes exactly one of the 1000 items ready.
 */
static void test_many(void)
{
	static int rd[NPIPES], wr[NPIPES];
	struct epoll_event ev[4];
	int ep = epoll_create1(0), p[2], i, added = 0;

	for (i = 0; i < NPIPES; i++) {
		pipe(p);
		rd[i] = p[0];
		wr[i] = p[1];
		added += ep_ctl(ep, EPOLL_CTL_ADD, rd[i], EPOLLIN, i) == 0;
		added += ep_ctl(ep, EPOLL_CTL_ADD, wr[i], EPOLLIN, 1000 + i) == 0;
	}
	CHECK_EQ(added, 2 * NPIPES, "1000 fds added to one epoll");
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 0, "nothing ready -> 0");
	write(wr[377], "x", 1);
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 1, "one pipe written -> 1");
	CHECK_EQ(ev[0].data.u64, 377, "  it is pipe 377");
	close(rd[123]);
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 2, "reader of pipe 123 closed -> 2");
	CHECK_EQ(ev[0].data.u64, 377, "  pipe 377 (re-queued LT) first");
	CHECK_EQ(ev[1].data.u64, 1123, "  then the write end of pipe 123");
	CHECK_HEX(ev[1].events, EPOLLERR, "  with EPOLLERR");
	for (i = 0; i < NPIPES; i++) {
		if (i != 123)
			close(rd[i]);
		close(wr[i]);
	}
	close(ep);
}

/*
 * 1000 pipes, their read ends watched (2000 fds: RLIMIT_NOFILE raised
 * past the default 1024); a write to one makes exactly that one ready.
 */
#define MANY 1000

static void test_1000_pipes(void)
{
	static int rd[MANY], wr[MANY];
	struct epoll_event ev[4];
	int ep, p[2], i, made = 0, added = 0;

	CHECK_EQ(set_fd_limit(2 * MANY + 64), 0, "RLIMIT_NOFILE raised to 2064");
	ep = epoll_create1(0);
	for (i = 0; i < MANY; i++) {
		if (pipe(p))
			break;
		made++;
		rd[i] = p[0];
		wr[i] = p[1];
		added += ep_ctl(ep, EPOLL_CTL_ADD, rd[i], EPOLLIN, i) == 0;
	}
	CHECK_EQ(made, MANY, "1000 pipes made");
	CHECK_EQ(added, MANY, "their 1000 read ends added to one epoll");
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 0, "nothing ready -> 0");
	write(wr[999], "x", 1);
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 1, "pipe 999 written -> 1 ready");
	CHECK_EQ(ev[0].data.u64, 999, "  it is pipe 999");
	for (i = 0; i < made; i++) {
		close(rd[i]);
		close(wr[i]);
	}
	close(ep);
	set_fd_limit(1024);
}

int main(void)
{
	test_wake_from_child();
	test_add_wakes();
	test_exclusive();
	test_many();
	test_1000_pipes();
	return test_done();
}
