/*
 * files.c - regular files and directories: openat, read/write/lseek,
 * readv/writev, fstat, getdents64, and their error paths.
 *
 * Scratch files live in /tmp under names that include the pid, so parallel
 * runs on a Linux host do not collide; the names are never printed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

static char path_a[64], path_b[64], name_a[32], name_b[32];

static void make_names(void)
{
	snprintf(name_a, sizeof(name_a), "pollux-files-%d-a", getpid());
	snprintf(name_b, sizeof(name_b), "pollux-files-%d-b", getpid());
	snprintf(path_a, sizeof(path_a), "/tmp/%s", name_a);
	snprintf(path_b, sizeof(path_b), "/tmp/%s", name_b);
}

static void test_open_self(const char *self)
{
	char magic[4];
	char notdir[256];
	int fd = openat(AT_FDCWD, self, O_RDONLY);

	CHECK(fd >= 0, "openat O_RDONLY of our own binary");
	CHECK_EQ(read(fd, magic, 4), 4, "read its first 4 bytes");
	CHECK_MEM(magic, "\177ELF", 4, "they are the ELF magic");
	CHECK_ERR(write(fd, "x", 1), EBADF, "write to an O_RDONLY fd");
	close(fd);

	CHECK_ERR(open(self, O_RDONLY | O_DIRECTORY), ENOTDIR,
		  "O_DIRECTORY on a regular file");
	snprintf(notdir, sizeof(notdir), "%s/x", self);
	CHECK_ERR(open(notdir, O_RDONLY), ENOTDIR, "a file used as a directory");
	CHECK_ERR(open("/nonexistent-pollux", O_RDONLY), ENOENT,
		  "open of a missing file");
	CHECK_ERR(open("/nonexistent-pollux/x", O_RDONLY), ENOENT,
		  "open under a missing directory");
	CHECK_ERR(open("", O_RDONLY), ENOENT, "open of the empty path");
	CHECK_ERR(open("/", O_WRONLY), EISDIR, "open a directory for writing");
}

static void test_create(void)
{
	int fd = open(path_a, O_CREAT | O_TRUNC | O_RDWR, 0644);
	struct stat st;

	CHECK(fd >= 0, "O_CREAT in /tmp");
	CHECK_EQ(write(fd, "hello world", 11), 11, "write 11 bytes");
	close(fd);
	CHECK_ERR(open(path_a, O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST,
		  "O_CREAT|O_EXCL on an existing file");
	fd = open(path_a, O_RDWR | O_TRUNC);
	CHECK_EQ(fstat(fd, &st), 0, "fstat after O_TRUNC");
	CHECK_EQ(st.st_size, 0, "O_TRUNC empties the file");
	close(fd);
}

static void test_read_write_seek(void)
{
	char buf[16] = "";
	int fd = open(path_a, O_RDWR | O_TRUNC);
	struct stat st;

	CHECK_EQ(write(fd, "hello world", 11), 11, "write 11 bytes");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11, "offset is 11 after the write");
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0, "read at the end returns 0");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "SEEK_SET 0");
	CHECK_EQ(read(fd, buf, 5), 5, "read 5");
	CHECK_MEM(buf, "hello", 5, "read returns the start of the file");
	CHECK_EQ(lseek(fd, 1, SEEK_CUR), 6, "SEEK_CUR +1");
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5, "read the rest: short count");
	CHECK_MEM(buf, "world", 5, "rest of the file");
	CHECK_EQ(lseek(fd, -5, SEEK_END), 6, "SEEK_END -5");
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL, "SEEK_SET -1");
	CHECK_ERR(lseek(fd, -12, SEEK_END), EINVAL, "SEEK_END before the start");
	CHECK_ERR(lseek(fd, 0, 7), EINVAL, "whence 7");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6, "failed seeks keep the offset");
	CHECK_EQ(read(fd, buf, 0), 0, "read of 0 bytes");

	/* Writing past the end leaves a hole that reads as zeros. */
	CHECK_EQ(lseek(fd, 20, SEEK_SET), 20, "seek past the end");
	CHECK_EQ(write(fd, "!", 1), 1, "write past the end");
	fstat(fd, &st);
	CHECK_EQ(st.st_size, 21, "the file grew to 21 bytes");
	lseek(fd, 11, SEEK_SET);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, 10), 10, "read across the hole");
	CHECK_MEM(buf, "\0\0\0\0\0\0\0\0\0!", 10, "the hole reads as zeros");
	close(fd);

	fd = open(path_a, O_WRONLY | O_APPEND);
	CHECK_EQ(write(fd, "+", 1), 1, "O_APPEND write");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 22, "O_APPEND wrote at the end");
	CHECK_ERR(read(fd, buf, 1), EBADF, "read from an O_WRONLY fd");
	close(fd);
}

/* A buffer that runs into unmapped memory: read and write copy the bytes
 * before it and return their count; with none before it, EFAULT. */
static void test_partial_copy(void)
{
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *end = page + 4096, buf[8] = "";
	int fd = open(path_a, O_RDWR | O_TRUNC);

	CHECK(page != MAP_FAILED, "mmap two pages");
	CHECK_EQ(munmap(end, 4096), 0, "unmap the second one");
	memcpy(end - 4, "wxyz", 4);
	CHECK_EQ(write(fd, end - 4, 8), 4, "write 8, the last 4 unmapped: 4");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4, "  the offset moved by 4");
	CHECK_ERR(write(fd, end, 8), EFAULT, "write from an unmapped page: EFAULT");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "SEEK_SET 0");
	CHECK_EQ(read(fd, buf, 8), 4, "the file holds 4 bytes");
	CHECK_MEM(buf, "wxyz", 4, "  the ones before it");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "SEEK_SET 0");
	CHECK_EQ(write(fd, "12345678", 8), 8, "write 8 bytes");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "SEEK_SET 0");
	CHECK_EQ(read(fd, end - 4, 8), 4, "read 8, the last 4 unmapped: 4");
	CHECK_MEM(end - 4, "1234", 4, "  the first 4 bytes");
	CHECK_ERR(read(fd, end, 8), EFAULT, "read into an unmapped page: EFAULT");
	CHECK_EQ(read(fd, buf, 8), 4, "the offset moved by 4 only");
	CHECK_MEM(buf, "5678", 4, "  the last 4 bytes");
	close(fd);
	munmap(page, 4096);
}

static void test_vectors(void)
{
	char a[4], b[8];
	struct iovec out[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd = open(path_b, O_CREAT | O_TRUNC | O_RDWR, 0600);
	volatile int minus_one = -1;	/* hidden from gcc's overflow warning */

	CHECK_EQ(writev(fd, out, 3), 8, "writev of 3 iovecs (one empty)");
	CHECK_EQ(writev(fd, out, 0), 0, "writev of 0 iovecs");
	CHECK_ERR(writev(fd, out, minus_one), EINVAL, "writev with iovcnt -1");
	CHECK_ERR(writev(fd, out, 1025), EINVAL, "writev with iovcnt 1025");
	CHECK_ERR(writev(-1, out, 1025), EBADF, "writev: a bad fd before a bad count");
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ(readv(fd, in, 2), 8, "readv into 4 + 8 bytes");
	CHECK_MEM(a, "abcd", 4, "first iovec filled first");
	CHECK_MEM(b, "efgh", 4, "second iovec gets the rest");
	close(fd);
}

static void test_fstat(const char *self)
{
	struct stat st;
	int fds[2], fd;

	fd = open(self, O_RDONLY);
	CHECK_EQ(fstat(fd, &st), 0, "fstat our binary");
	CHECK(S_ISREG(st.st_mode), "a binary is S_ISREG");
	CHECK(st.st_size > 4096, "our binary is bigger than a page");
	CHECK_ERR(ioctl(fd, 0x5401 /* TCGETS */, &st), ENOTTY,
		  "TCGETS on a regular file");
	close(fd);

	pipe(fds);
	fstat(fds[0], &st);
	CHECK(S_ISFIFO(st.st_mode), "a pipe is S_ISFIFO");
	close(fds[0]);
	close(fds[1]);

	fd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "open / O_DIRECTORY");
	fstat(fd, &st);
	CHECK(S_ISDIR(st.st_mode), "/ is S_ISDIR");
	CHECK_ERR(read(fd, &st, 1), EISDIR, "read from a directory");
	close(fd);
}

/* Look for name in a getdents64 buffer; return its d_type, or -1. */
static int find_dirent(const char *buf, long len, const char *name)
{
	for (long off = 0; off < len;) {
		const struct linux_dirent64 *d = (const void *)(buf + off);
		if (strcmp(d->d_name, name) == 0)
			return d->d_type;
		off += d->d_reclen;
	}
	return -1;
}

static void test_getdents(void)
{
	static char buf[32768];
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	int type_a = -1, type_b = -1, dot = -1, dotdot = -1;
	long n;

	CHECK(fd >= 0, "open /tmp");
	while ((n = syscall(__NR_getdents64, fd, buf, sizeof(buf))) > 0) {
		if (find_dirent(buf, n, name_a) >= 0)
			type_a = find_dirent(buf, n, name_a);
		if (find_dirent(buf, n, name_b) >= 0)
			type_b = find_dirent(buf, n, name_b);
		if (find_dirent(buf, n, ".") >= 0)
			dot = find_dirent(buf, n, ".");
		if (find_dirent(buf, n, "..") >= 0)
			dotdot = find_dirent(buf, n, "..");
	}
	CHECK_EQ(n, 0, "getdents64 ends with 0");
	CHECK_EQ(type_a, DT_REG, "first created file listed as DT_REG");
	CHECK_EQ(type_b, DT_REG, "second created file listed as DT_REG");
	CHECK_EQ(dot, DT_DIR, "\".\" listed as DT_DIR");
	CHECK_EQ(dotdot, DT_DIR, "\"..\" listed as DT_DIR");
	lseek(fd, 0, SEEK_SET);
	CHECK_ERR(syscall(__NR_getdents64, fd, buf, 8), EINVAL,
		  "getdents64 with a too small buffer");
	close(fd);

	fd = open(path_a, O_RDONLY);
	CHECK_ERR(syscall(__NR_getdents64, fd, buf, sizeof(buf)), ENOTDIR,
		  "getdents64 on a regular file");
	close(fd);
}

static void test_close(void)
{
	int fd = open("/", O_RDONLY);

	CHECK_EQ(close(fd), 0, "close");
	CHECK_ERR(close(fd), EBADF, "close twice");
	CHECK_ERR(close(-1), EBADF, "close(-1)");
}

int main(int argc, char **argv)
{
	(void)argc;
	make_names();
	test_open_self(argv[0]);
	test_create();
	test_read_write_seek();
	test_partial_copy();
	test_vectors();
	test_fstat(argv[0]);
	test_getdents();
	test_close();
	CHECK_EQ(unlink(path_a), 0, "unlink the first file");
	CHECK_EQ(unlink(path_b), 0, "unlink the second file");
	CHECK_ERR(open(path_a, O_RDONLY), ENOENT, "an unlinked file is gone");
	return test_done();
}
