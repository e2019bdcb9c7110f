/*
 * select.c - select() on pipes: read and write sets, a timeout that is
 * updated to the time left, EBADF for a closed fd in a set, EINVAL.
 */
#include <fcntl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static char buf[65536];

static void test_sets(void)
{
	int p[2];
	fd_set rd, wr, ex;
	struct timeval zero = { 0, 0 };

	pipe2(p, O_NONBLOCK);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	FD_SET(p[0], &ex);
	CHECK_EQ(select(p[1] + 1, &rd, &wr, &ex, &zero), 1,
		 "empty pipe: 1 ready");
	CHECK(!FD_ISSET(p[0], &rd), "read end is not readable");
	CHECK(FD_ISSET(p[1], &wr), "write end is writable");
	CHECK(!FD_ISSET(p[0], &ex), "no exception on a pipe");

	write(p[1], "x", 1);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &rd);	/* the write end never becomes readable */
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, &rd, &wr, NULL, &zero), 2,
		 "pipe with data: 2 ready");
	CHECK(FD_ISSET(p[0], &rd), "read end is readable");
	CHECK(!FD_ISSET(p[1], &rd), "write end is not readable");

	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	FD_ZERO(&rd);
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, NULL, &wr, NULL, &zero), 0,
		 "full pipe: write end not writable");
	CHECK(!FD_ISSET(p[1], &wr), "its bit is cleared");

	close(p[0]);
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, NULL, &wr, NULL, &zero), 1,
		 "full pipe without readers: write end is 'writable' (error)");
	close(p[1]);

	pipe(p);
	close(p[1]);
	FD_SET(p[0], &rd);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &zero), 1,
		 "read end without writers is readable (EOF)");
	close(p[0]);
}

static void test_timeout_and_wakeup(void)
{
	int p[2], status;
	fd_set rd;
	struct timeval tv = { 0, 20000 };
	long long t0;

	pipe(p);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	t0 = monotonic_ns();
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0,
		 "timeout 20 ms returns 0");
	CHECK(monotonic_ns() - t0 >= 20000000, "after at least 20 ms");
	CHECK(tv.tv_sec == 0 && tv.tv_usec == 0,
	      "the timeout is updated to the time left: 0");
	CHECK(!FD_ISSET(p[0], &rd), "the set is cleared on timeout");
	tv = (struct timeval){ 0, 10000 };
	CHECK_EQ(select(0, NULL, NULL, NULL, &tv), 0, "no sets: a 10 ms sleep");

	if (fork() == 0) {
		int asleep = wait_parent_asleep();

		write(p[1], "x", 1);
		_exit(!asleep);
	}
	FD_SET(p[0], &rd);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, NULL), 1,
		 "a child's write wakes select without a timeout");
	CHECK(FD_ISSET(p[0], &rd), "the read end is set");
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");
	close(p[0]);
	close(p[1]);
}

static void test_errors(void)
{
	int p[2];
	fd_set rd;
	struct timeval tv = { 0, 0 };

	pipe(p);
	close(p[1]);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &rd);
	CHECK_ERR(select(p[1] + 1, &rd, NULL, NULL, &tv), EBADF,
		  "a closed fd in the read set");
	FD_ZERO(&rd);
	CHECK_ERR(select(-1, &rd, NULL, NULL, &tv), EINVAL, "nfds -1");
	tv.tv_usec = -1;
	CHECK_ERR(select(1, &rd, NULL, NULL, &tv), EINVAL, "tv_usec -1");
	tv.tv_usec = 0;
	CHECK_ERR(select(p[0] + 1, bad_addr(1), NULL, NULL, &tv), EFAULT,
		  "read set at address 1");
	close(p[0]);
}

int main(void)
{
	test_sets();
	test_timeout_and_wakeup();
	test_errors();
	return test_done();
}
