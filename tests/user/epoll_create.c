/*
 * epoll_create / epoll_create1: argument checks, the flags of the new
 * file, and the fd it lands on. Values checked against Linux 6.18.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "test.h"

static void test_create_size(void)
{
	int ep;

	CHECK_ERR(epoll_create(0), EINVAL, "epoll_create(0) -> EINVAL");
	CHECK_ERR(epoll_create(-1), EINVAL, "epoll_create(-1) -> EINVAL");

	/* The size is only a hint: any positive value works. */
	ep = epoll_create(1);
	CHECK(ep >= 0, "epoll_create(1) succeeds");
	close(ep);
	ep = epoll_create(INT_MAX);
	CHECK(ep >= 0, "epoll_create(INT_MAX) succeeds");
	CHECK_EQ(fcntl(ep, F_GETFD), 0, "epoll_create: FD_CLOEXEC clear");
	close(ep);
}

static void test_create1_flags(void)
{
	int ep;

	CHECK_EQ(EPOLL_CLOEXEC, 0x80000, "EPOLL_CLOEXEC == O_CLOEXEC == 0x80000");
	CHECK_ERR(epoll_create1(-1), EINVAL, "epoll_create1(-1) -> EINVAL");
	CHECK_ERR(epoll_create1(EPOLL_CLOEXEC + 1), EINVAL,
		  "epoll_create1(EPOLL_CLOEXEC+1) -> EINVAL");
	CHECK_ERR(epoll_create1(O_NONBLOCK), EINVAL, "epoll_create1(O_NONBLOCK) -> EINVAL");

	ep = epoll_create1(0);
	CHECK(ep >= 0, "epoll_create1(0) succeeds");
	CHECK_EQ(fcntl(ep, F_GETFD), 0, "epoll_create1(0): FD_CLOEXEC clear");
	CHECK_EQ(fcntl(ep, F_GETFL), O_RDWR, "epoll_create1(0): F_GETFL == O_RDWR");
	close(ep);

	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0, "epoll_create1(EPOLL_CLOEXEC) succeeds");
	CHECK_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC, "epoll_create1(EPOLL_CLOEXEC): FD_CLOEXEC set");
	CHECK_EQ(fcntl(ep, F_GETFL), O_RDWR, "epoll_create1(EPOLL_CLOEXEC): F_GETFL == O_RDWR");
	close(ep);
}

/* Like every fd allocation, the new epoll fd is the lowest free number. */
static void test_lowest_fd(void)
{
	int a = epoll_create1(0);
	int b = epoll_create1(0);
	int c;

	CHECK_EQ(b, a + 1, "second epoll fd is the next number");
	close(a);
	c = epoll_create1(0);
	CHECK_EQ(c, a, "a freed lower fd is reused");
	close(b);
	close(c);
}

/* The epoll file has no read or write operation. */
static void test_epoll_file(void)
{
	int ep = epoll_create1(0);
	char buf[8] = "x";

	CHECK_ERR(read(ep, buf, sizeof(buf)), EINVAL, "read(epoll fd) -> EINVAL");
	CHECK_ERR(write(ep, buf, 1), EINVAL, "write(epoll fd) -> EINVAL");
	close(ep);
	CHECK_ERR(close(ep), EBADF, "close(closed epoll fd) -> EBADF");
}

int main(void)
{
	test_create_size();
	test_create1_flags();
	test_lowest_fd();
	test_epoll_file();
	return test_done();
}
