/*
 * poll.c - poll() on pipes in every state, and its special cases: fd -1,
 * a bad fd (POLLNVAL), timeouts, wakeups by another process, nfds limits.
 *
 * Masks are printed in hex.  ALL asks for every event a pipe could report,
 * so revents shows exactly what Linux's pipe_poll() returns.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define ALL (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | \
	     POLLWRNORM | POLLWRBAND | POLLRDHUP)

static char buf[65536];

/* poll one fd for events with timeout 0; check the count and revents. */
static void check_poll(int fd, short events, int want_ret, short want_revents,
		       const char *what)
{
	struct pollfd pfd = { fd, events, 0x7777 };	/* revents is output only */
	int ret = poll(&pfd, 1, 0);
	char line[128];

	snprintf(line, sizeof(line), "%s: count", what);
	CHECK_EQ(ret, want_ret, line);
	snprintf(line, sizeof(line), "%s: revents", what);
	CHECK_HEX(pfd.revents, want_revents, line);
}

static void test_pipe_states(void)
{
	int p[2];

	pipe2(p, O_NONBLOCK);
	check_poll(p[0], ALL, 0, 0, "empty pipe, read end: nothing");
	check_poll(p[1], ALL, 1, POLLOUT | POLLWRNORM, "empty pipe, write end");
	write(p[1], "x", 1);
	check_poll(p[0], ALL, 1, POLLIN | POLLRDNORM, "pipe with data, read end");
	check_poll(p[0], POLLIN, 1, POLLIN, "only requested events are reported");
	check_poll(p[0], 0, 0, 0, "events 0 reports nothing");
	check_poll(p[1], ALL, 1, POLLOUT | POLLWRNORM, "pipe with data, write end");
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	check_poll(p[0], ALL, 1, POLLIN | POLLRDNORM, "full pipe, read end");
	check_poll(p[1], ALL, 0, 0, "full pipe, write end: nothing");

	close(p[0]);
	check_poll(p[1], ALL, 1, POLLERR, "full pipe without readers: POLLERR");
	close(p[1]);

	pipe(p);
	write(p[1], "x", 1);
	close(p[1]);
	check_poll(p[0], ALL, 1, POLLIN | POLLRDNORM | POLLHUP,
		   "data, no writers: POLLIN|POLLRDNORM|POLLHUP");
	check_poll(p[0], POLLIN, 1, POLLIN | POLLHUP, "same, asking POLLIN only");
	check_poll(p[0], 0, 1, POLLHUP, "POLLHUP is reported even unasked");
	read(p[0], buf, 1);
	check_poll(p[0], ALL, 1, POLLHUP, "empty, no writers: POLLHUP");
	close(p[0]);

	pipe(p);
	close(p[0]);
	check_poll(p[1], ALL, 1, POLLOUT | POLLWRNORM | POLLERR,
		   "write end without readers: POLLOUT|POLLWRNORM|POLLERR");
	check_poll(p[1], POLLOUT, 1, POLLOUT | POLLERR,
		   "same, asking POLLOUT only");
	check_poll(p[1], 0, 1, POLLERR, "POLLERR is reported even unasked");
	close(p[1]);
}

static void test_special_fds(const char *self)
{
	int p[2], fd = open(self, O_RDONLY);
	struct pollfd pfds[5];

	check_poll(fd, ALL, 1, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM,
		   "regular file: always readable and writable");
	close(fd);
	check_poll(-1, POLLIN, 0, 0, "fd -1 is ignored, revents 0");
	check_poll(999, POLLIN, 1, POLLNVAL, "a closed fd: POLLNVAL");
	check_poll(999, 0, 1, POLLNVAL, "POLLNVAL even with events 0");

	pipe(p);
	write(p[1], "x", 1);
	pfds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	pfds[1] = (struct pollfd){ p[1], POLLIN, 0 };
	pfds[2] = (struct pollfd){ -1, POLLIN, 0 };
	pfds[3] = (struct pollfd){ 999, POLLIN, 0 };
	pfds[4] = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(poll(pfds, 5, 0), 3,
		 "5 entries: counts the ready ones, each fd entry separately");
	CHECK_HEX(pfds[1].revents, 0, "write end polled for POLLIN: 0");
	CHECK_HEX(pfds[3].revents, POLLNVAL, "the closed fd's entry");
	CHECK_HEX(pfds[4].revents, POLLIN, "the repeated fd's entry");
	close(p[0]);
	close(p[1]);
}

static void test_timeouts_and_wakeups(void)
{
	int p[2], status;
	struct pollfd pfd;
	long long t0;

	pipe(p);
	pfd = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ(poll(&pfd, 1, 0), 0, "timeout 0 on an empty pipe returns 0");
	t0 = monotonic_ns();
	CHECK_EQ(poll(&pfd, 1, 20), 0, "timeout 20 ms returns 0");
	CHECK(monotonic_ns() - t0 >= 20000000, "after at least 20 ms");
	CHECK_EQ(poll(NULL, 0, 10), 0, "no fds, timeout 10 ms: a sleep");

	if (fork() == 0) {
		int asleep = wait_parent_asleep();

		write(p[1], "x", 1);
		_exit(!asleep);
	}
	CHECK_EQ(poll(&pfd, 1, -1), 1, "a child's write wakes poll(-1)");
	CHECK_HEX(pfd.revents, POLLIN, "with POLLIN");
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");
	read(p[0], buf, 1);

	if (fork() == 0)	/* its copy of the write end closes at exit */
		_exit(!wait_parent_asleep());
	close(p[1]);
	CHECK_EQ(poll(&pfd, 1, -1), 1, "the last writer's exit wakes poll(-1)");
	CHECK_HEX(pfd.revents, POLLHUP, "with POLLHUP");
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");
	close(p[0]);
}

static void test_errors(void)
{
	CHECK_EQ(set_fd_limit(1024), 0, "set RLIMIT_NOFILE to 1024");
	CHECK_ERR(poll(bad_addr(0), 1025, 0), EINVAL, "nfds 1025 > RLIMIT_NOFILE");
	CHECK_ERR(poll(bad_addr(0), 1024, 0), EFAULT, "nfds 1024 with a NULL array");
	CHECK_ERR(poll(bad_addr(1), 1, 0), EFAULT, "array at address 1");
	CHECK_ERR(poll(bad_addr(0xffff800000000000UL), 1, 0), EFAULT,
		  "array at a kernel address");
}

int main(int argc, char **argv)
{
	(void)argc;
	test_pipe_states();
	test_special_fds(argv[0]);
	test_timeouts_and_wakeups();
	test_errors();
	return test_done();
}
