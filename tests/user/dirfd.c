/*
 * dirfd.c - the *at() calls relative to a directory fd (openat,
 * mkdirat, unlinkat, fstatat, faccessat, readlinkat, fchmodat,
 * fchownat), a removed directory's fd, and rename/renameat/renameat2
 * (replace, RENAME_NOREPLACE, RENAME_EXCHANGE, the errors).
 * Scratch names in /tmp carry the pid and are never printed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

static char top[64];
static int dfd;

static long size_at(int fd, const char *path)
{
	struct stat st;

	return fstatat(fd, path, &st, 0) ? -1 : (long)st.st_size;
}

static void test_at_calls(void)
{
	char buf[8];
	struct stat st;
	int fd, sub;

	CHECK_EQ(mkdirat(dfd, "sub", 0755), 0, "mkdirat relative to dfd");
	fd = openat(dfd, "sub/f", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0, "openat O_CREAT relative to dfd");
	CHECK_EQ(write(fd, "abc", 3), 3, "write 3 bytes");
	close(fd);
	CHECK_EQ(size_at(dfd, "sub/f"), 3, "fstatat relative to dfd: 3 bytes");
	sub = openat(dfd, "sub", O_RDONLY | O_DIRECTORY);
	CHECK(sub >= 0, "openat a subdirectory");
	CHECK_EQ(size_at(sub, "f"), 3, "fstatat relative to it");
	CHECK_EQ(size_at(sub, "../sub/./f"), 3, "through .. and .");
	CHECK_EQ(faccessat(sub, "f", R_OK | W_OK, 0), 0, "faccessat");
	CHECK_ERR(faccessat(sub, "f", X_OK, 0), EACCES, "faccessat X_OK");
	CHECK_ERR(syscall(SYS_readlinkat, sub, "f", buf, sizeof(buf)), EINVAL,
		  "readlinkat of a regular file: EINVAL");
	CHECK_EQ(syscall(SYS_fchmodat, sub, "f", 0600), 0, "fchmodat");
	CHECK_EQ(fchownat(sub, "f", 4, 4, 0), 0, "fchownat");
	CHECK_EQ(fstatat(sub, "f", &st, 0), 0, "fstatat");
	CHECK_EQ(st.st_mode & 07777, 0600, "mode 0600");
	CHECK_EQ(st.st_uid, 4, "uid 4");
	fd = openat(sub, "f", O_RDONLY);
	CHECK_EQ(read(fd, buf, 3), 3, "openat relative to it, read");
	CHECK_MEM(buf, "abc", 3, "the data");
	CHECK_ERR(openat(fd, "x", O_RDONLY), ENOTDIR, "dfd a file: ENOTDIR");
	CHECK_ERR(mkdirat(fd, "x", 0755), ENOTDIR, "mkdirat: ENOTDIR");
	CHECK_ERR(fstatat(fd, "x", &st, 0), ENOTDIR, "fstatat: ENOTDIR");
	CHECK_EQ(fstatat(fd, "/", &st, 0), 0, "an absolute path ignores dfd");
	CHECK_EQ(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH), 0,
		 "fstatat AT_FDCWD \"\" AT_EMPTY_PATH: the cwd");
	CHECK_HEX(st.st_mode & S_IFMT, S_IFDIR, "a directory");
	CHECK_EQ(faccessat(fd, "", R_OK, AT_EMPTY_PATH), 0,
		 "faccessat of the fd itself");
	CHECK_ERR(faccessat(fd, "", X_OK, AT_EMPTY_PATH), EACCES,
		  "it has no x bit");
	CHECK_ERR(faccessat(999, "", R_OK, AT_EMPTY_PATH), EBADF,
		  "AT_EMPTY_PATH of fd 999: EBADF");
	CHECK_ERR(openat(999, "x", O_RDONLY), EBADF, "dfd 999: EBADF");
	CHECK_ERR(openat(999, "", O_RDONLY), ENOENT, "empty path: ENOENT first");
	close(fd);
	CHECK_ERR(unlinkat(dfd, "sub", AT_REMOVEDIR), ENOTEMPTY, "ENOTEMPTY");
	CHECK_EQ(unlinkat(sub, "f", 0), 0, "unlinkat relative to sub");
	CHECK_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0, "rmdir sub via dfd");
	CHECK_ERR(openat(sub, "g", O_CREAT | O_RDWR, 0644), ENOENT,
		  "creating in the removed directory: ENOENT");
	CHECK_EQ(fstatat(sub, "..", &st, 0), 0, "its .. still works");
	CHECK_EQ(fstatat(sub, ".", &st, 0), 0, "and its .");
	CHECK_ERR(fstatat(sub, "f", &st, 0), ENOENT, "it is empty");
	CHECK_EQ(fstat(sub, &st), 0, "fstat of its fd still works");
	CHECK_ERR(syscall(SYS_getdents64, sub, buf, sizeof(buf)), ENOENT,
		  "getdents64 of it: ENOENT");
	close(sub);
}

static void make_file(const char *name, const char *data)
{
	int fd = openat(dfd, name, O_CREAT | O_TRUNC | O_WRONLY, 0644);

	write(fd, data, strlen(data));
	close(fd);
}

static void test_rename(void)
{
	char a[96], b[96];

	make_file("a", "1");
	make_file("b", "22");
	snprintf(a, sizeof(a), "%s/a", top);
	snprintf(b, sizeof(b), "%s/c", top);
	CHECK_EQ(rename(a, b), 0, "rename a to c");
	CHECK_ERR(access(a, F_OK), ENOENT, "a is gone");
	CHECK_EQ(size_at(dfd, "c"), 1, "c has a's data");
	CHECK_EQ(renameat(dfd, "c", dfd, "b"), 0, "renameat c over b");
	CHECK_EQ(size_at(dfd, "b"), 1, "b is now c's file");
	make_file("a", "333");
	CHECK_ERR(renameat2(dfd, "a", dfd, "b", RENAME_NOREPLACE), EEXIST,
		  "RENAME_NOREPLACE onto b: EEXIST");
	CHECK_EQ(renameat2(dfd, "a", dfd, "b", RENAME_EXCHANGE), 0,
		 "RENAME_EXCHANGE a and b");
	CHECK_EQ(size_at(dfd, "a"), 1, "a has b's data");
	CHECK_EQ(size_at(dfd, "b"), 3, "b has a's data");
	CHECK_ERR(renameat2(dfd, "a", dfd, "zz", RENAME_EXCHANGE), ENOENT,
		  "RENAME_EXCHANGE with nothing: ENOENT");
	CHECK_ERR(renameat2(dfd, "a", dfd, "b", 3), EINVAL,
		  "NOREPLACE|EXCHANGE: EINVAL");
	CHECK_ERR(renameat2(dfd, "a", dfd, "b", 8), EINVAL, "flag 8: EINVAL");
	CHECK_EQ(renameat(dfd, "a", dfd, "a"), 0, "onto itself: 0");
	CHECK_ERR(renameat(dfd, "zz", dfd, "y"), ENOENT, "missing: ENOENT");
	CHECK_EQ(mkdirat(dfd, "d", 0755), 0, "mkdir d");
	CHECK_EQ(mkdirat(dfd, "d/e", 0755), 0, "mkdir d/e");
	CHECK_ERR(renameat(dfd, "a", dfd, "d"), EISDIR, "file onto dir: EISDIR");
	CHECK_ERR(renameat(dfd, "d", dfd, "a"), ENOTDIR, "dir onto file: ENOTDIR");
	CHECK_ERR(renameat(dfd, "d", dfd, "d/e/f"), EINVAL,
		  "a directory into itself: EINVAL");
	CHECK_ERR(renameat(dfd, "d/e", dfd, "d"), ENOTEMPTY,
		  "onto its own parent: ENOTEMPTY");
	CHECK_EQ(mkdirat(dfd, "g", 0755), 0, "mkdir g");
	CHECK_EQ(renameat(dfd, "d/e", dfd, "g"), 0, "dir onto an empty dir");
	CHECK_EQ(renameat(dfd, "b", dfd, "g/b"), 0, "a file into g");
	CHECK_EQ(size_at(dfd, "g/b"), 3, "g/b is there");
	CHECK_ERR(renameat(dfd, ".", dfd, "x"), EBUSY, "renaming .: EBUSY");
	CHECK_ERR(renameat(dfd, "a", dfd, ".."), EBUSY, "onto ..: EBUSY");
	CHECK_ERR(rename(a, "/dev/shm/pollux-dirfd"), EXDEV,
		  "to another file system: EXDEV");
	CHECK_ERR(renameat(dfd, "a/x", dfd, "y"), ENOTDIR, "through a file");
	CHECK_ERR(rename(bad_addr(1), b), EFAULT, "bad old path: EFAULT");
	CHECK_ERR(renameat(999, "a", dfd, "y"), EBADF, "bad olddfd: EBADF");
	unlinkat(dfd, "g/b", 0);
	unlinkat(dfd, "g", AT_REMOVEDIR);
	unlinkat(dfd, "d", AT_REMOVEDIR);
	unlinkat(dfd, "a", 0);
}

int main(void)
{
	snprintf(top, sizeof(top), "/tmp/pollux-dirfd-%d", getpid());
	mkdir(top, 0755);
	dfd = open(top, O_RDONLY | O_DIRECTORY);
	test_at_calls();
	test_rename();
	close(dfd);
	CHECK_EQ(rmdir(top), 0, "everything was removed");
	return test_done();
}
