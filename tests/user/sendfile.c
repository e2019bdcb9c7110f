/*
 * sendfile.c - sendfile(2): bytes and positions (the in file's moves
 * only without an offset pointer, which moves instead; the out file's
 * always), partial transfers (end of file, a non-blocking pipe that
 * fills: EAGAIN once full), many pages at once, procfs, /dev/zero, a
 * socket as output, and as input to a pipe (only), and every error with its order: EFAULT for the offset before
 * the fds, EBADF, ESPIPE (an offset for a pipe or eventfd), EINVAL (a
 * pipe, socket, eventfd, /dev/null or directory as input, an eventfd
 * or O_APPEND file as output, a negative or overflowing offset), and
 * EFAULT after the bytes moved for an offset that cannot be written
 * back.  Files in /dev/shm (tmpfs on Linux too) carry the pid.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "test.h"

#define BIG 100000

static char src[64], dst[64];
static char big[BIG], back[BIG];
static const off_t ro_offset = 2;	/* in read-only memory */

static int make_file(const char *path, const char *text, size_t n)
{
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);

	write(fd, text, n);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static void test_positions(void)
{
	int in = make_file(src, "0123456789", 10), out;
	char buf[16];
	off_t o;

	out = make_file(dst, "", 0);
	CHECK_EQ(sendfile(out, in, NULL, 4), 4, "4 bytes, no offset");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 4, "the in position moves to 4");
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 4, "the out position moves to 4");
	o = 2;
	CHECK_EQ(sendfile(out, in, &o, 3), 3, "3 bytes at offset 2");
	CHECK_EQ(o, 5, "the offset moves to 5");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 4, "the in position stays 4");
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 7, "the out position moves to 7");
	CHECK_EQ(sendfile(out, in, NULL, 100), 6, "100 asked, the 6 left");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 10, "the in position at the end");
	CHECK_EQ(sendfile(out, in, NULL, 5), 0, "at the end: 0");
	o = 10;
	CHECK_EQ(sendfile(out, in, &o, 5), 0, "offset at the end: 0");
	CHECK_EQ(o, 10, "the offset stays 10");
	o = 3;
	CHECK_EQ(sendfile(out, in, &o, 0), 0, "count 0: 0");
	CHECK_EQ(o, 3, "the offset stays 3");
	CHECK_EQ(pread(out, buf, 16, 0), 13, "13 bytes out");
	CHECK_MEM(buf, "0123234456789", 13, "the bytes, in order");
	o = 0x7ffffffffffffff0L;
	CHECK_EQ(sendfile(out, in, &o, 8), 0, "offset near LLONG_MAX: 0");
	CHECK_ERR(sendfile(out, in, &o, 0x20), EINVAL,
		  "offset + count overflows: EINVAL");
	o = -1;
	CHECK_ERR(sendfile(out, in, &o, 1), EINVAL, "offset -1: EINVAL");
	CHECK_ERR(sendfile(out, in, NULL, (size_t)-1), EINVAL,
		  "count over SSIZE_MAX: EINVAL");
	lseek(in, 0, SEEK_SET);
	CHECK_EQ(sendfile(out, in, NULL, 0x7ffffffffUL), 10,
		 "a count over MAX_RW_COUNT: the 10 there are");
	close(in);
	close(out);
}

static void test_big(void)
{
	int in, out, p[2], i;
	off_t o;

	for (i = 0; i < BIG; i++)
		big[i] = 'a' + i % 23;
	in = make_file(src, big, BIG);
	out = make_file(dst, "", 0);
	CHECK_EQ(sendfile(out, in, NULL, BIG), BIG, "100000 bytes at once");
	CHECK_EQ(pread(out, back, BIG, 0), BIG, "100000 bytes out");
	CHECK_MEM(back, big, BIG, "the same bytes");
	close(out);
	pipe2(p, O_NONBLOCK);
	lseek(in, 0, SEEK_SET);
	CHECK_EQ(sendfile(p[1], in, NULL, BIG), 65536,
		 "into a non-blocking pipe: 65536, it is full");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 65536, "the in position at 65536");
	CHECK_ERR(sendfile(p[1], in, NULL, 10), EAGAIN, "full: EAGAIN");
	CHECK_ERR(sendfile(p[1], in, NULL, 0), EAGAIN, "full, 0 bytes: EAGAIN");
	o = 5;
	CHECK_ERR(sendfile(p[1], in, &o, 10), EAGAIN, "full, an offset: EAGAIN");
	CHECK_EQ(o, 5, "the offset stays 5");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 65536, "the in position stays");
	CHECK_EQ(read(p[0], back, BIG), 65536, "the pipe holds 65536");
	CHECK_MEM(back, big, 65536, "the file's first 65536 bytes");
	CHECK_EQ(sendfile(p[1], in, NULL, BIG), BIG - 65536,
		 "the rest into the emptied pipe");
	CHECK_EQ(read(p[0], back, BIG), BIG - 65536, "the rest read");
	CHECK_MEM(back, big + 65536, BIG - 65536, "the file's last bytes");
	close(p[0]);
	close(p[1]);
	close(in);
}

static void test_kinds(void)
{
	int cpu = open("/proc/cpuinfo", O_RDONLY), zero = open("/dev/zero", O_RDONLY);
	int nul = open("/dev/null", O_WRONLY), in = make_file(src, "sock", 4);
	int p[2], sv[2];
	char text[32], got[32];
	off_t o = 3;

	pipe(p);
	CHECK_EQ(pread(cpu, text, 32, 0), 32, "read /proc/cpuinfo");
	CHECK_EQ(sendfile(p[1], cpu, NULL, 20), 20, "/proc/cpuinfo to a pipe");
	CHECK_EQ(lseek(cpu, 0, SEEK_CUR), 20, "its position moves to 20");
	CHECK_EQ(sendfile(p[1], cpu, &o, 12), 12, "and 12 at offset 3");
	CHECK_EQ(o, 15, "the offset moves to 15");
	CHECK_EQ(read(p[0], got, 32), 32, "32 bytes in the pipe");
	CHECK_MEM(got, text, 20, "the first 20");
	CHECK_MEM(got + 20, text + 3, 12, "then 12 from 3");
	CHECK_EQ(sendfile(nul, zero, NULL, 5000), 5000, "/dev/zero to /dev/null");
	CHECK_EQ(sendfile(p[1], zero, NULL, 5), 5, "/dev/zero to a pipe");
	memset(got, 1, 5);
	CHECK_EQ(read(p[0], got, 32), 5, "5 bytes in the pipe");
	CHECK_MEM(got, "\0\0\0\0\0", 5, "zeros");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(sendfile(sv[1], in, NULL, 10), 4, "a file to a socket");
	CHECK_EQ(read(sv[0], got, 32), 4, "4 bytes at the other end");
	CHECK_MEM(got, "sock", 4, "the file's bytes");
	CHECK_EQ(write(sv[0], "back", 4), 4, "4 bytes into the socket");
	CHECK_EQ(sendfile(p[1], sv[1], NULL, 10), 4, "a socket to a pipe");
	CHECK_EQ(read(p[0], got, 32), 4, "4 bytes in the pipe");
	CHECK_MEM(got, "back", 4, "the socket's bytes");
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	close(cpu);
	close(zero);
	close(nul);
	close(in);
}

static void test_errors(void)
{
	int in = make_file(src, "0123456789", 10), out = make_file(dst, "", 0);
	int p[2], sv[2], efd = eventfd(0, 0), tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	int nul = open("/dev/null", O_RDWR), dir = open("/dev/shm", O_RDONLY);
	int ro = open(src, O_RDONLY), wo = open(src, O_WRONLY);
	int ap = open(dst, O_WRONLY | O_APPEND), cpu = open("/proc/cpuinfo", O_RDONLY);
	off_t o = 0;

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(p[1], "x", 1);
	write(sv[0], "y", 1);
	CHECK_ERR(sendfile(out, in, bad_addr(1), 1), EFAULT, "bad offset: EFAULT");
	CHECK_ERR(sendfile(-1, -1, bad_addr(1), 1), EFAULT,
		  "bad offset and fds: EFAULT first");
	CHECK_ERR(sendfile(out, -1, NULL, 1), EBADF, "in -1: EBADF");
	CHECK_ERR(sendfile(-1, in, NULL, 1), EBADF, "out -1: EBADF");
	CHECK_ERR(sendfile(out, wo, NULL, 1), EBADF, "in O_WRONLY: EBADF");
	CHECK_ERR(sendfile(ro, in, NULL, 1), EBADF, "out O_RDONLY: EBADF");
	CHECK_ERR(sendfile(cpu, in, NULL, 1), EBADF, "out /proc/cpuinfo: EBADF");
	CHECK_ERR(sendfile(-1, wo, NULL, 1), EBADF, "both bad: EBADF");
	CHECK_ERR(sendfile(out, p[0], NULL, 1), EINVAL, "in a pipe: EINVAL");
	CHECK_ERR(sendfile(out, p[0], NULL, 0), EINVAL, "in a pipe, 0 bytes: EINVAL");
	CHECK_ERR(sendfile(out, p[0], &o, 1), ESPIPE, "in a pipe, an offset: ESPIPE");
	CHECK_ERR(sendfile(p[1], p[0], NULL, 1), EINVAL, "pipe to pipe: EINVAL");
	CHECK_ERR(sendfile(out, sv[1], NULL, 1), EINVAL, "in a socket: EINVAL");
	CHECK_ERR(sendfile(out, sv[1], NULL, 0), EINVAL,
		  "in a socket, 0 bytes: EINVAL");
	CHECK_ERR(sendfile(out, efd, NULL, 1), EINVAL, "in an eventfd: EINVAL");
	CHECK_EQ(sendfile(out, efd, NULL, 0), 0, "in an eventfd, 0 bytes: 0");
	CHECK_ERR(sendfile(out, efd, &o, 1), ESPIPE, "in an eventfd, offset: ESPIPE");
	CHECK_ERR(sendfile(out, tfd, NULL, 8), EINVAL, "in a timerfd: EINVAL");
	CHECK_ERR(sendfile(out, nul, NULL, 1), EINVAL, "in /dev/null: EINVAL");
	CHECK_ERR(sendfile(out, dir, NULL, 1), EINVAL, "in a directory: EINVAL");
	CHECK_ERR(sendfile(efd, in, NULL, 8), EINVAL, "out an eventfd: EINVAL");
	CHECK_EQ(sendfile(efd, in, NULL, 0), 0, "out an eventfd, 0 bytes: 0");
	CHECK_ERR(sendfile(ap, in, NULL, 1), EINVAL, "out O_APPEND: EINVAL");
	CHECK_ERR(sendfile(ap, in, NULL, 0), EINVAL, "out O_APPEND, 0 bytes: EINVAL");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 0, "in's position never moved");
	CHECK_ERR(sendfile(out, in, (off_t *)&ro_offset, 3), EFAULT,
		  "a read-only offset: EFAULT after the copy");
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 3, "the 3 bytes went out");
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 0, "in's position stays 0");
	close(in);
	close(out);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(efd);
	close(tfd);
	close(nul);
	close(dir);
	close(ro);
	close(wo);
	close(ap);
	close(cpu);
}

int main(void)
{
	snprintf(src, sizeof(src), "/dev/shm/pollux-sendfile-in-%d", getpid());
	snprintf(dst, sizeof(dst), "/dev/shm/pollux-sendfile-out-%d", getpid());
	test_positions();
	test_big();
	test_kinds();
	test_errors();
	unlink(src);
	unlink(dst);
	return test_done();
}
