/*
 * procfs: /proc/sys numbers written badly, and writes to the read-only
 * /proc files, with Linux's answers to root (Pollux's only user).  Every
 * value was seen on Linux 6.18 as root; as another user Linux refuses
 * the opens for writing (EACCES), so tools/test-all.sh runs this natively
 * only as root, and always in Pollux.  The numbers are written back
 * unchanged: the host's limits are left as they were.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../user/test.h"

#define WATCHES "/proc/sys/fs/epoll/max_user_watches"
#define THREADS "/proc/sys/kernel/threads-max"

static long read_number(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);

	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return strtol(buf, NULL, 10);
}

/* write(2) of text to a fresh open of path: its result, or -errno */
static long write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	long r;

	if (fd < 0)
		return -errno;
	r = write(fd, text, strlen(text));
	if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

static void test_sysctl(const char *path, const char *const bad[], int nbad)
{
	long v = read_number(path);
	char text[40], what[96];
	int fd;

	for (int i = 0; i < nbad; i++) {
		snprintf(what, sizeof(what), "%s: write \"%s\" -> EINVAL",
			 strrchr(path, '/') + 1, bad[i]);
		CHECK_EQ(write_text(path, bad[i]), -EINVAL, what);
	}
	snprintf(text, sizeof(text), " %ld \n", v);
	CHECK_EQ(write_text(path, text), (long)strlen(text),
		 "the same number, with blanks around it: all bytes taken");
	CHECK_EQ(read_number(path), v, "the value reads back unchanged");
	CHECK_EQ(write_text(path, ""), 0, "an empty write -> 0");
	/* strict mode: a write that does not start at offset 0 is ignored */
	fd = open(path, O_WRONLY);
	snprintf(text, sizeof(text), "%ld", v);
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text), "a write at 0");
	CHECK_EQ(write(fd, "abc", 3), 3, "then \"abc\" at offset > 0: ignored, 3");
	close(fd);
	CHECK_EQ(read_number(path), v, "still unchanged");
}

/* Files without a write operation: the open succeeds for root, the
 * write fails (EIO from procfs's own files, EINVAL from fdinfo). */
static void test_read_only(void)
{
	CHECK_EQ(write_text("/proc/meminfo", "1\n"), -EIO, "meminfo: write -> EIO");
	CHECK_EQ(write_text("/proc/slabinfo", "1\n"), -EIO, "slabinfo: write -> EIO");
	CHECK_EQ(write_text("/proc/self/fdinfo/0", "1\n"), -EINVAL,
		 "fdinfo/0: write -> EINVAL");
	CHECK_EQ(write_text("/proc/self/fdinfo/999", "1\n"), -ENOENT,
		 "fdinfo/999: no such fd -> ENOENT");
	CHECK_EQ(write_text("/proc/nosuchfile", "1\n"), -ENOENT,
		 "/proc/nosuchfile -> ENOENT");
}

int main(void)
{
	static const char *const bad_watches[] = { "-1", "abc", "12x", "  " };
	static const char *const bad_threads[] = { "0", "-5", "x" };

	test_sysctl(WATCHES, bad_watches, 4);
	test_sysctl(THREADS, bad_threads, 3);
	test_read_only();
	return test_done();
}
