/*
 * pipe_size.c - F_GETPIPE_SZ and F_SETPIPE_SZ as Linux answers root:
 * sizes rounded up to a power of two pages, EBUSY when the data held
 * would not fit, EINVAL past 2^31, EBADF on a file that is not a pipe,
 * and /proc/sys/fs/pipe-max-size: beyond it EPERM, as for this host's
 * root, which lacks CAP_SYS_RESOURCE (Pollux has no capabilities).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#endif

static char buf[3 * 4096];

static void test_sizes(int p[2])
{
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536, "a new pipe holds 64 KiB");
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536, "either end tells");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096, "0 rounds up to a page");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 4097), 8192, "4097: two pages");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 3 * 4096), 16384,
		 "three pages round up to four");
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 16384, "the read end sees it");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 1048576), 1048576,
		 "up to pipe-max-size");
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 1048577), EPERM,
		  "past pipe-max-size without CAP_SYS_RESOURCE: EPERM");
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, (1U << 31) + 1), EINVAL,
		  "past 2^31: EINVAL");
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 1048576, "errors left the size");
}

static void test_busy(int p[2])
{
	int n = 0;

	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536, "back to 64 KiB");
	for (int i = 0; i < 3; i++)
		n += write(p[1], buf, 4096);
	CHECK_EQ(n, 3 * 4096, "three pages written");
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 8192), EBUSY,
		  "two pages cannot hold three: EBUSY");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 16384), 16384, "four pages can");
	CHECK_EQ(read(p[0], buf, 4096), 4096, "read one page");
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 8192), 8192, "two hold two");
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 8192, "the data survives");
	CHECK_EQ(write(p[1], buf, 4096) + write(p[1], buf, 4096), 8192,
		 "two pages fill it");
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	CHECK_ERR(write(p[1], buf, 1), EAGAIN, "full at two pages");
}

static void test_errors(void)
{
	char text[32];
	int fd = open("/proc/sys/fs/pipe-max-size", O_RDONLY);
	long n = read(fd, text, sizeof(text) - 1);

	text[n > 0 ? n : 0] = '\0';
	CHECK_STR(text, "1048576\n", "/proc/sys/fs/pipe-max-size");
	CHECK_ERR(fcntl(fd, F_GETPIPE_SZ), EBADF, "not a pipe: EBADF");
	CHECK_ERR(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF, "set, not a pipe: EBADF");
	close(fd);
	CHECK_ERR(fcntl(99, F_GETPIPE_SZ), EBADF, "no such fd: EBADF");
}

int main(void)
{
	int p[2];

	pipe(p);
	test_sizes(p);
	test_busy(p);
	test_errors();
	return test_done();
}
