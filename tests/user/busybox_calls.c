/*
 * busybox_calls.c - the calls busybox's applets made that Pollux lacked,
 * with their errors: prctl's names (ps, top), sysinfo (free, uptime),
 * link and linkat (ln), rmdir (rm -r), utimensat (touch), getgroups
 * (id), sched_getaffinity (nproc), syslog (dmesg), a controlling terminal's absence
 * (ash's job control), chdir into /proc and a path relative to it (top),
 * stat of a /proc file (ls /proc), and wait4's rusage (time).  Only what is the same on any
 * machine is checked (no memory sizes, CPU counts or groups).
 * Scratch names in /tmp carry the pid and are never printed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define UTIME_OMIT ((1L << 30) - 2)

static char file[64], file2[64], dir[64];

/* /proc/self/comm without its newline */
static void read_comm(char *buf, size_t size)
{
	int fd = open("/proc/self/comm", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n - 1 : 0] = '\0';
	close(fd);
}

static void test_prctl(void)
{
	char name[32] = "", comm[32];

	CHECK_EQ(syscall(SYS_prctl, PR_SET_NAME, "abcdefghijklmnopqrstu", 0, 0, 0), 0,
		 "PR_SET_NAME with 21 bytes");
	CHECK_EQ(syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0), 0, "PR_GET_NAME");
	CHECK_STR(name, "abcdefghijklmno", "the name is cut to 15 bytes");
	read_comm(comm, sizeof(comm));
	CHECK_STR(comm, "abcdefghijklmno", "/proc/self/comm shows it");
	CHECK_ERR(syscall(SYS_prctl, PR_GET_NAME, bad_addr(1), 0, 0, 0), EFAULT,
		  "PR_GET_NAME to a bad pointer: EFAULT");
	CHECK_ERR(syscall(SYS_prctl, PR_SET_NAME, bad_addr(1), 0, 0, 0), EFAULT,
		  "PR_SET_NAME from a bad pointer: EFAULT");
	CHECK_ERR(syscall(SYS_prctl, 0x7fff1234, 0, 0, 0, 0), EINVAL,
		  "an unknown option: EINVAL");
}

/* struct sysinfo's fields that are the same everywhere */
static void test_sysinfo(void)
{
	unsigned long si[14];	/* 112 bytes, Linux's x86-64 struct sysinfo */
	unsigned int mem_unit;
	unsigned short procs;

	memset(si, 0xff, sizeof(si));
	CHECK_EQ(syscall(SYS_sysinfo, si), 0, "sysinfo");
	memcpy(&mem_unit, (char *)si + 104, sizeof(mem_unit));
	memcpy(&procs, (char *)si + 80, sizeof(procs));
	CHECK_EQ(mem_unit, 1, "mem_unit 1 (sizes in bytes)");
	CHECK(si[4] > si[5] && si[5] > 0, "totalram > freeram > 0");
	CHECK(procs >= 1, "procs >= 1");
	CHECK_ERR(syscall(SYS_sysinfo, bad_addr(1)), EFAULT, "a bad pointer: EFAULT");
}

static void test_link(void)
{
	struct stat a, b;
	int fd = open(file, O_CREAT | O_RDWR | O_TRUNC, 0644);

	CHECK_EQ(write(fd, "one", 3), 3, "write the first name");
	close(fd);
	CHECK_EQ(syscall(SYS_link, file, file2), 0, "link: a second name");
	stat(file, &a);
	stat(file2, &b);
	CHECK(a.st_ino == b.st_ino, "both names, one inode");
	CHECK_EQ(b.st_nlink, 2, "st_nlink 2");
	CHECK_EQ(b.st_size, 3, "the second name has the data");
	CHECK_ERR(syscall(SYS_link, file, file2), EEXIST, "the new name exists: EEXIST");
	CHECK_ERR(syscall(SYS_link, "/nonexistent-pollux", dir), ENOENT,
		  "the old name is missing: ENOENT");
	CHECK_ERR(syscall(SYS_link, "/tmp", dir), EPERM, "a directory: EPERM");
	CHECK_ERR(syscall(SYS_linkat, AT_FDCWD, file, AT_FDCWD, dir, 0x1), EINVAL,
		  "linkat with an unknown flag: EINVAL");
	CHECK_ERR(syscall(SYS_link, file, "/nonexistent-pollux/x"), ENOENT,
		  "into a missing directory: ENOENT");
	CHECK_EQ(unlink(file), 0, "unlink the first name");
	stat(file2, &b);
	CHECK_EQ(b.st_nlink, 1, "st_nlink back to 1");
	CHECK_EQ(b.st_size, 3, "the file lives on under its second name");
	unlink(file2);
}

static void test_rmdir(void)
{
	int fd;

	CHECK_EQ(mkdir(dir, 0755), 0, "mkdir");
	fd = open(file, O_CREAT | O_RDWR, 0644);
	close(fd);
	CHECK_ERR(syscall(SYS_rmdir, file), ENOTDIR, "rmdir of a file: ENOTDIR");
	CHECK_ERR(syscall(SYS_rmdir, "/nonexistent-pollux"), ENOENT, "missing: ENOENT");
	CHECK_EQ(syscall(SYS_rmdir, dir), 0, "rmdir an empty directory");
	CHECK_ERR(stat(dir, &(struct stat){ 0 }), ENOENT, "it is gone");
	unlink(file);
}

static void test_utimensat(void)
{
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	int fd = open(file, O_CREAT | O_RDWR, 0644);

	CHECK_EQ(syscall(SYS_utimensat, AT_FDCWD, file, NULL, 0), 0,
		 "utimensat: now, by path");
	CHECK_EQ(syscall(SYS_utimensat, AT_FDCWD, file, omit, 0), 0, "UTIME_OMIT twice");
	CHECK_EQ(syscall(SYS_utimensat, fd, NULL, NULL, 0), 0, "a NULL path: the fd (futimens)");
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, file, bad, 0), EINVAL,
		  "tv_nsec 1000000000: EINVAL");
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, file, NULL, 0x1), EINVAL,
		  "an unknown flag: EINVAL");
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, "/nonexistent-pollux", NULL, 0), ENOENT,
		  "a missing file: ENOENT");
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, file, bad_addr(1), 0), EFAULT,
		  "bad times: EFAULT");
	CHECK_ERR(syscall(SYS_utimensat, -1, NULL, NULL, 0), EBADF, "fd -1, no path: EBADF");
	close(fd);
	unlink(file);
}

static void test_ids(void)
{
	CHECK_ERR(syscall(SYS_getgroups, -1, NULL), EINVAL, "getgroups(-1): EINVAL");
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 0, NULL), EINVAL,
		  "sched_getaffinity of 0 bytes: EINVAL");
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 12, NULL), EINVAL,
		  "of 12 bytes (not whole longs): EINVAL");
}

/* syslog (dmesg's klogctl): the errors and what needs no log (this
 * Linux may show a container nothing of its own) */
static void test_syslog(void)
{
	char buf[16];

	CHECK_EQ(syscall(SYS_syslog, 1, NULL, 0), 0, "syslog OPEN: 0");
	CHECK_EQ(syscall(SYS_syslog, 3, buf, 0), 0, "READ_ALL of 0 bytes: 0");
	CHECK_ERR(syscall(SYS_syslog, 3, NULL, 16), EINVAL, "READ_ALL into NULL: EINVAL");
	CHECK_ERR(syscall(SYS_syslog, 3, buf, -1), EINVAL, "READ_ALL of -1 bytes: EINVAL");
	CHECK_ERR(syscall(SYS_syslog, 12345, NULL, 0), EINVAL, "an unknown action: EINVAL");
}

/* A new session has no controlling terminal: /dev/tty is ENXIO, the
 * foreground group of any terminal ENOTTY. */
static void test_no_ctty(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		_exit((open("/dev/tty", O_RDWR) < 0 && errno == ENXIO) +
		      2 * (tcgetpgrp(0) < 0 && errno == ENOTTY));
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(WEXITSTATUS(status) & 1, 1, "without a controlling terminal, /dev/tty: ENXIO");
	CHECK_EQ(WEXITSTATUS(status) & 2, 2, "and tcgetpgrp: ENOTTY");
}

/* wait4 fills the child's struct rusage (144 bytes): times in normal
 * form, never what the buffer held */
static void test_wait4_rusage(void)
{
	long ru[18];
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	memset(ru, 0xff, sizeof(ru));
	CHECK_EQ(wait4(pid, NULL, 0, (void *)ru), pid, "wait4 with a rusage");
	CHECK(ru[0] >= 0 && ru[1] >= 0 && ru[1] < 1000000, "ru_utime is a time");
	CHECK(ru[2] >= 0 && ru[3] >= 0 && ru[3] < 1000000, "ru_stime is a time");
}

static void test_proc_cwd(void)
{
	char cwd[64];
	struct stat st;
	int fd;

	CHECK_EQ(chdir("/proc"), 0, "chdir /proc");
	CHECK_STR(getcwd(cwd, sizeof(cwd)), "/proc", "getcwd: /proc");
	fd = open("meminfo", O_RDONLY);
	CHECK(fd >= 0, "open meminfo, relative to /proc");
	close(fd);
	CHECK_EQ(stat("./loadavg", &st), 0, "stat ./loadavg");
	CHECK_HEX(st.st_mode, S_IFREG | 0444, "a regular file, r--r--r--");
	CHECK_EQ(st.st_size, 0, "of size 0");
	CHECK_EQ(chdir("self"), 0, "chdir self");
	fd = open("stat", O_RDONLY);
	CHECK(fd >= 0, "open stat, relative to /proc/self");
	close(fd);
	CHECK_EQ(chdir(".."), 0, "chdir ..");
	CHECK_STR(getcwd(cwd, sizeof(cwd)), "/proc", "back in /proc");
	CHECK_EQ(chdir("/"), 0, "chdir / again");
}

int main(void)
{
	snprintf(file, sizeof(file), "/tmp/pollux-bb-%d", getpid());
	snprintf(file2, sizeof(file2), "/tmp/pollux-bb-%d.2", getpid());
	snprintf(dir, sizeof(dir), "/tmp/pollux-bb-%d.d", getpid());
	test_prctl();
	test_sysinfo();
	test_link();
	test_rmdir();
	test_utimensat();
	test_ids();
	test_syslog();
	test_no_ctty();
	test_wait4_rusage();
	test_proc_cwd();
	return test_done();
}
