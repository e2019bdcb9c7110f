/*
 * /proc/self/fdinfo/N of an epoll fd, as Linux prints it: the generic
 * lines (pos, flags, mnt_id, ino) and one "tfd: ... events: ... data: ..."
 * line per watched fd.  Inode numbers and mnt_id differ between systems,
 * so only pos, flags and the tfd/events/data fields are compared.
 *
 *   t0 -(fdinfo)-> e0 -> { p0 read end (IN|ET), p1 write end (OUT) }
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "test.h"

static char info[4096];

/* The tfd line of fd, without its pos/ino/sdev tail (the order of the
 * lines follows the kernel's tree of file pointers, so look them up). */
static const char *tfd_fields(int fd)
{
	static char buf[256];
	char prefix[32];
	const char *l;

	snprintf(prefix, sizeof(prefix), "tfd: %8d ", fd);
	l = line_of(info, prefix, 0);
	const char *tail = strstr(l, "  pos:");

	snprintf(buf, sizeof(buf), "%.*s", tail ? (int)(tail - l) : (int)strlen(l), l);
	return buf;
}

int main(void)
{
	int p0[2], p1[2], ep;
	struct epoll_event ev;

	CHECK_EQ(pipe(p0), 0, "pipe p0");
	CHECK_EQ(pipe(p1), 0, "pipe p1");
	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0, "epoll_create1(EPOLL_CLOEXEC)");
	CHECK(read_fdinfo(ep, info, sizeof(info)) > 0, "fdinfo of an empty epoll is readable");
	CHECK_STR(line_of(info, "pos:", 0), "pos:\t0", "pos line");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02000002", "flags: O_RDWR|O_CLOEXEC");
	CHECK_STR(line_of(info, "tfd:", 0), "", "no tfd line when nothing is watched");

	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 0x1234;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p0[0], &ev), 0, "add p0 read end");
	ev.events = EPOLLOUT;
	ev.data.u64 = 0xfedcba9876543210ULL;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p1[1], &ev), 0, "add p1 write end");
	CHECK(read_fdinfo(ep, info, sizeof(info)) > 0, "fdinfo readable");

	char want[128];
	snprintf(want, sizeof(want), "tfd: %8d events: %8x data: %16llx",
		 p0[0], EPOLLIN | EPOLLET | EPOLLERR | EPOLLHUP, 0x1234ULL);
	CHECK_STR(tfd_fields(p0[0]), want, "p0's line: ERR|HUP added to the events");
	snprintf(want, sizeof(want), "tfd: %8d events: %8x data: %16llx",
		 p1[1], EPOLLOUT | EPOLLERR | EPOLLHUP, 0xfedcba9876543210ULL);
	CHECK_STR(tfd_fields(p1[1]), want, "p1's line, 64-bit data");

	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 5;
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, p0[0], &ev), 0, "MOD p0");
	read_fdinfo(ep, info, sizeof(info));
	snprintf(want, sizeof(want), "tfd: %8d events: %8x data: %16llx",
		 p0[0], EPOLLIN | EPOLLONESHOT | EPOLLERR | EPOLLHUP, 5ULL);
	CHECK_STR(tfd_fields(p0[0]), want, "MOD shows in fdinfo");

	CHECK(read_fdinfo(p0[0], info, sizeof(info)) > 0, "fdinfo of a pipe");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t00", "pipe read end flags");
	CHECK_STR(line_of(info, "tfd:", 0), "", "a pipe has no tfd lines");
	CHECK_ERR(open("/proc/self/fdinfo/999", O_RDONLY), ENOENT, "fdinfo of a closed fd");
	return test_done();
}
