/*
 * pread.c - reading and writing at an offset: pread64, pwrite64, preadv,
 * pwritev, preadv2, pwritev2.  The bytes, the file position (never
 * moved, except by the v2 calls at offset -1), pwrite on O_APPEND (at
 * the end, as Linux), the errors (EINVAL for a negative or overflowing
 * offset before EBADF, ESPIPE for pipes, sockets, eventfds, EBADF,
 * EFAULT, EISDIR), and the RWF_ flags (EOPNOTSUPP, EINVAL).  Files in
 * /dev/shm (tmpfs on Linux too) carry the pid, never printed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define LLONG_MAX_ 0x7fffffffffffffffL

static char file[64];

static int make_file(const char *text)
{
	int fd = open(file, O_CREAT | O_RDWR | O_TRUNC, 0600);

	write(fd, text, strlen(text));
	return fd;
}

static void test_pread_pwrite(void)
{
	int fd = make_file("0123456789");
	char buf[32];

	lseek(fd, 3, SEEK_SET);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, 4, 2), 4, "pread 4 at 2");
	CHECK_MEM(buf, "2345", 4, "the bytes at 2");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3, "the position is not moved");
	CHECK_EQ(pread(fd, buf, 20, 7), 3, "pread past the end: the 3 left");
	CHECK_EQ(pread(fd, buf, 5, 10), 0, "pread at the end: 0");
	CHECK_EQ(pread(fd, buf, 5, 1000), 0, "pread beyond the end: 0");
	CHECK_EQ(pwrite(fd, "ab", 2, 4), 2, "pwrite 2 at 4");
	CHECK_EQ(pwrite(fd, "XY", 2, 12), 2, "pwrite past the end, at 12");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3, "the position is still 3");
	CHECK_EQ(pread(fd, buf, 32, 0), 14, "the file is 14 bytes");
	CHECK_MEM(buf, "0123ab6789\0\0XY", 14, "a hole of zeros before XY");
	CHECK_EQ(read(fd, buf, 2), 2, "read goes on from 3");
	CHECK_MEM(buf, "3a", 2, "read's bytes");
	CHECK_EQ(pread(fd, buf, 0, LLONG_MAX_), 0, "0 bytes at LLONG_MAX: 0");
	CHECK_ERR(pread(fd, buf, 2, LLONG_MAX_), EINVAL,
		  "offset + count overflows: EINVAL");
	CHECK_ERR(pwrite(fd, buf, 2, LLONG_MAX_ - 1), EINVAL,
		  "pwrite offset + count overflows: EINVAL");
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL, "negative offset: EINVAL");
	CHECK_ERR(pwrite(fd, buf, 1, -1), EINVAL, "pwrite -1: EINVAL");
	CHECK_ERR(pread(-1, buf, 1, -1), EINVAL, "fd -1, offset -1: EINVAL first");
	CHECK_ERR(pread(-1, buf, 1, 0), EBADF, "fd -1: EBADF");
	CHECK_ERR(pread(fd, bad_addr(1), 1, 0), EFAULT, "bad buffer: EFAULT");
	CHECK_ERR(pwrite(fd, bad_addr(1), 1, 0), EFAULT, "pwrite bad buffer: EFAULT");
	CHECK_ERR(pread(fd, bad_addr(0xffff800000000000UL), 1, 0), EFAULT,
		  "kernel buffer: EFAULT");
	close(fd);
}

static void test_modes(void)
{
	int ro, wo, ap, dir, fd = make_file("0123456789");
	char buf[16];

	close(fd);
	ro = open(file, O_RDONLY);
	wo = open(file, O_WRONLY);
	ap = open(file, O_WRONLY | O_APPEND);
	CHECK_ERR(pwrite(ro, "x", 1, 0), EBADF, "pwrite an O_RDONLY fd: EBADF");
	CHECK_ERR(pread(wo, buf, 1, 0), EBADF, "pread an O_WRONLY fd: EBADF");
	CHECK_EQ(pwrite(ap, "AB", 2, 0), 2, "pwrite O_APPEND at 0");
	CHECK_EQ(lseek(ap, 0, SEEK_CUR), 0, "its position stays 0");
	CHECK_EQ(pread(ro, buf, 16, 0), 12, "the file is 12 bytes");
	CHECK_MEM(buf, "0123456789AB", 12, "the bytes went to the end");
	CHECK_EQ(write(ap, "C", 1), 1, "write O_APPEND");
	CHECK_EQ(lseek(ap, 0, SEEK_CUR), 13, "write moves it to the end");
	dir = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	CHECK_ERR(pread(dir, buf, 1, 0), EISDIR, "pread a directory: EISDIR");
	CHECK_ERR(pwrite(dir, buf, 1, 0), EBADF, "pwrite a directory: EBADF");
	close(dir);
	close(ro);
	close(wo);
	close(ap);
}

static void test_espipe(void)
{
	int p[2], sv[2], efd = eventfd(0, 0);
	int nul = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDONLY);
	int cpu = open("/proc/cpuinfo", O_RDONLY);
	char buf[8], cpu0[16], cpu5[8];
	struct iovec iov = { buf, 4 };

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE, "pread a pipe: ESPIPE");
	CHECK_ERR(pwrite(p[1], "x", 1, 0), ESPIPE, "pwrite a pipe: ESPIPE");
	CHECK_ERR(pread(sv[0], buf, 1, 0), ESPIPE, "pread a socket: ESPIPE");
	CHECK_ERR(pwrite(sv[0], "x", 1, 0), ESPIPE, "pwrite a socket: ESPIPE");
	CHECK_ERR(pread(efd, buf, 8, 0), ESPIPE, "pread an eventfd: ESPIPE");
	CHECK_ERR(preadv(p[0], &iov, 0, 0), ESPIPE,
		  "preadv a pipe, no vector: ESPIPE");
	CHECK_ERR(preadv2(p[0], &iov, 1, 0, 0), ESPIPE, "preadv2 a pipe: ESPIPE");
	CHECK_EQ(write(p[1], "pipe", 4), 4, "fill the pipe");
	CHECK_EQ(preadv2(p[0], &iov, 1, -1, 0), 4, "preadv2 a pipe at -1: as readv");
	CHECK_MEM(buf, "pipe", 4, "the pipe's bytes");
	CHECK_EQ(pread(nul, buf, 1, 5), 0, "pread /dev/null: 0");
	CHECK_EQ(pwrite(nul, "abc", 3, 5), 3, "pwrite /dev/null: 3");
	memset(buf, 1, 3);
	CHECK_EQ(pread(zero, buf, 3, 5), 3, "pread /dev/zero: 3");
	CHECK_MEM(buf, "\0\0\0", 3, "zeros");
	CHECK_EQ(pread(cpu, cpu0, 16, 0), 16, "pread /proc/cpuinfo at 0");
	CHECK_EQ(pread(cpu, cpu5, 8, 5), 8, "pread /proc/cpuinfo at 5");
	CHECK_MEM(cpu5, cpu0 + 5, 8, "the same bytes at 5");
	CHECK_EQ(lseek(cpu, 0, SEEK_CUR), 0, "its position stays 0");
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(efd);
	close(nul);
	close(zero);
	close(cpu);
}

static void test_vectors(void)
{
	int fd = make_file("0123456789");
	char a[3], b[4];
	struct iovec iov[2] = { { a, 3 }, { b, 4 } };
	struct iovec w[2] = { { "AB", 2 }, { "CD", 2 } };

	lseek(fd, 1, SEEK_SET);
	CHECK_EQ(preadv(fd, iov, 2, 2), 7, "preadv 3 + 4 at 2");
	CHECK_MEM(a, "234", 3, "first segment");
	CHECK_MEM(b, "5678", 4, "second segment");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1, "the position stays 1");
	CHECK_EQ(preadv(fd, iov, 2, 8), 2, "preadv at 8: the 2 left");
	CHECK_MEM(a, "89", 2, "into the first segment");
	CHECK_EQ(pwritev(fd, w, 2, 6), 4, "pwritev 2 + 2 at 6");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1, "the position stays 1");
	CHECK_EQ(preadv(fd, iov, 2, 3), 7, "read back at 3");
	CHECK_MEM(a, "345", 3, "unchanged before 6");
	CHECK_MEM(b, "ABCD", 4, "the written bytes");
	CHECK_ERR(preadv(fd, iov, 2, -1), EINVAL, "preadv at -1: EINVAL");
	CHECK_ERR(pwritev(fd, w, 2, -2), EINVAL, "pwritev at -2: EINVAL");
	CHECK_EQ(preadv(fd, iov, 0, 0), 0, "no segments: 0");
	CHECK_ERR(preadv(fd, iov, -1, 0), EINVAL, "-1 segments: EINVAL");
	CHECK_ERR(preadv(fd, bad_addr(1), 1, 0), EFAULT, "bad vector: EFAULT");
	CHECK_ERR(preadv(-1, iov, 1, 0), EBADF, "fd -1: EBADF");
	CHECK_EQ(preadv2(fd, iov, 2, -1, 0), 7, "preadv2 at -1: from the position");
	CHECK_MEM(a, "123", 3, "the bytes at 1");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8, "and it moves, to 8");
	CHECK_EQ(pwritev2(fd, w, 1, -1, 0), 2, "pwritev2 at -1");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10, "the position moves to 10");
	CHECK_EQ(preadv2(fd, iov, 1, 0, 0), 3, "preadv2 at 0");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10, "the position stays 10");
	CHECK_ERR(preadv2(fd, iov, 1, -2, 0), EINVAL, "preadv2 at -2: EINVAL");
	close(fd);
}

static void test_rwf_flags(void)
{
	int fd = make_file("0123456789"), ap;
	char a[4], all[16];
	struct iovec iov = { a, 4 }, w = { "xy", 2 };

	CHECK_ERR(preadv2(fd, &iov, 1, 0, 0x200), EOPNOTSUPP,
		  "an unknown flag: EOPNOTSUPP");
	CHECK_ERR(preadv2(fd, &iov, 1, 0, 0x80000000), EOPNOTSUPP,
		  "the top bit: EOPNOTSUPP");
	CHECK_ERR(pwritev2(fd, &w, 1, 0, RWF_APPEND | RWF_NOAPPEND), EINVAL,
		  "APPEND with NOAPPEND: EINVAL");
	CHECK_EQ(preadv2(fd, &iov, 0, 0, 0x200), 0,
		 "no bytes: the flags are not looked at");
	CHECK_ERR(preadv2(-1, &iov, 1, 0, 0x200), EBADF, "fd -1 first: EBADF");
	CHECK_EQ(preadv2(fd, &iov, 1, 0, RWF_HIPRI), 4, "RWF_HIPRI: read");
	CHECK_EQ(pwritev2(fd, &w, 1, 0, RWF_DSYNC), 2, "RWF_DSYNC: written");
	CHECK_EQ(pwritev2(fd, &w, 1, 2, RWF_SYNC), 2, "RWF_SYNC: written");
	CHECK_ERR(preadv2(fd, &iov, 1, 0, RWF_NOWAIT), EOPNOTSUPP,
		  "RWF_NOWAIT on tmpfs: EOPNOTSUPP");
	CHECK_ERR(preadv2(fd, &iov, 1, 0, RWF_ATOMIC), EOPNOTSUPP,
		  "RWF_ATOMIC read: EOPNOTSUPP");
	CHECK_ERR(pwritev2(fd, &w, 1, 0, RWF_ATOMIC), EOPNOTSUPP,
		  "RWF_ATOMIC write on tmpfs: EOPNOTSUPP");
	CHECK_ERR(pwritev2(fd, &w, 1, 0, RWF_DONTCACHE), EOPNOTSUPP,
		  "RWF_DONTCACHE on tmpfs: EOPNOTSUPP");
	CHECK_EQ(pwritev2(fd, &w, 1, 4, RWF_APPEND), 2, "RWF_APPEND at 4");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10, "the position stays 10");
	ap = open(file, O_RDWR | O_APPEND);
	CHECK_EQ(pwritev2(ap, &w, 1, 1, RWF_NOAPPEND), 2,
		 "O_APPEND fd, RWF_NOAPPEND at 1");
	CHECK_EQ(pwritev2(ap, &w, 1, -1, RWF_APPEND), 2,
		 "RWF_APPEND at -1");
	CHECK_EQ(lseek(ap, 0, SEEK_CUR), 14, "moves the position to the end");
	CHECK_EQ(pread(fd, all, 16, 0), 14, "the file is 14 bytes");
	CHECK_MEM(all, "xxyy456789xyxy", 14,
		  "DSYNC at 0, SYNC at 2, NOAPPEND at 1, two appends");
	close(ap);
	close(fd);
}

int main(void)
{
	snprintf(file, sizeof(file), "/dev/shm/pollux-pread-%d", getpid());
	test_pread_pwrite();
	test_modes();
	test_espipe();
	test_vectors();
	test_rwf_flags();
	unlink(file);
	return test_done();
}
