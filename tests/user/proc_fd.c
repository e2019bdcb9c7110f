/*
 * proc_fd.c - /proc/PID/fd, as Linux 6.18 answers: a directory listing
 * one entry per open fd, each a symbolic link whose target names the
 * file (pipe:[ino], socket:[ino], anon_inode:[eventpoll], [eventfd],
 * [timerfd], [signalfd], [pidfd], a device's path); readlink of /proc/self, stat through a link
 * to the file and lstat of the link itself.  Inode numbers differ between
 * kernels: a target's number is compared with fstat's st_ino.
 * /proc/PID/fdinfo lists the same fds, as regular files (busybox's
 * ls -l /proc/PID stats it).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "test.h"

static char target[256];

/* readlink of /proc/self/fd/fd, NUL-terminated in target; its length */
static long link_of(int fd)
{
	char path[64];
	long n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	return n;
}

/* "pipe:[%lu]" etc. with fd's own inode number */
static const char *with_ino(const char *prefix, int fd)
{
	static char want[64];
	struct stat st;

	fstat(fd, &st);
	snprintf(want, sizeof(want), "%s:[%lu]", prefix, (unsigned long)st.st_ino);
	return want;
}

static void test_readlink(void)
{
	int p[2], s[2], ep = epoll_create1(0), efd = eventfd(0, 0);
	int pfd = pidfd_open(getpid(), 0), null = open("/dev/null", O_RDWR);
	int tfd = timerfd_create(CLOCK_MONOTONIC, 0), sfd;
	sigset_t mask;
	char want[32];

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sfd = signalfd(-1, &mask, 0);
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	CHECK(link_of(p[0]) > 0, "pipe: a link");
	CHECK_STR(target, with_ino("pipe", p[0]), "pipe:[ino]");
	link_of(p[1]);
	CHECK_STR(target, with_ino("pipe", p[1]), "write end: the same");
	link_of(s[0]);
	CHECK_STR(target, with_ino("socket", s[0]), "socket:[ino]");
	CHECK_EQ(link_of(ep), 22, "epoll: 22 bytes");
	CHECK_STR(target, "anon_inode:[eventpoll]", "anon_inode:[eventpoll]");
	link_of(efd);
	CHECK_STR(target, "anon_inode:[eventfd]", "anon_inode:[eventfd]");
	link_of(tfd);
	CHECK_STR(target, "anon_inode:[timerfd]", "anon_inode:[timerfd]");
	link_of(sfd);
	CHECK_STR(target, "anon_inode:[signalfd]", "anon_inode:[signalfd]");
	link_of(pfd);
	CHECK_STR(target, "anon_inode:[pidfd]", "anon_inode:[pidfd]");
	link_of(null);
	CHECK_STR(target, "/dev/null", "/dev/null");
	CHECK_ERR(readlink("/proc/self/fd/0", target, 0), EINVAL,
		  "bufsiz 0: EINVAL");
	CHECK_ERR(readlink("/proc/self/fd/3000", target, 8), ENOENT,
		  "a closed fd: ENOENT");
	CHECK_ERR(readlink("/proc/self/fd/x", target, 8), ENOENT, "fd x: ENOENT");
	memset(target, 'z', sizeof(target));
	CHECK_EQ(readlink("/proc/self/fd/0", target, 0 + 3), 3, "cut to bufsiz");
	CHECK_EQ(target[3], 'z', "no NUL added");
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK_EQ(readlink("/proc/self", target, sizeof(target)), strlen(want),
		 "/proc/self: the pid's length");
	target[strlen(want)] = '\0';
	CHECK_STR(target, want, "/proc/self: the pid");
	close(p[0]);
	close(p[1]);
	close(s[0]);
	close(s[1]);
	close(ep);
	close(efd);
	close(pfd);
	close(tfd);
	close(sfd);
	close(null);
}

static void test_stat(void)
{
	int p[2], null = open("/dev/null", O_RDONLY);
	struct stat st, fst;
	char path[64];

	pipe(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	CHECK_EQ(stat(path, &st), 0, "stat through the link");
	fstat(p[0], &fst);
	CHECK(S_ISFIFO(st.st_mode), "stat: the pipe (S_IFIFO)");
	CHECK(st.st_ino == fst.st_ino, "stat: the pipe's inode");
	CHECK_EQ(lstat(path, &st), 0, "lstat");
	CHECK_HEX(st.st_mode, S_IFLNK | 0500, "lstat: lr-x------ (read end)");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	lstat(path, &st);
	CHECK_HEX(st.st_mode, S_IFLNK | 0300, "lstat: l-wx------ (write end)");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", null);
	stat(path, &st);
	CHECK(S_ISCHR(st.st_mode), "stat: /dev/null is a char device");
	CHECK_ERR(stat("/proc/self/fd/3000", &st), ENOENT, "closed fd: ENOENT");
	close(p[0]);
	close(p[1]);
	close(null);
}

/* The names getdents64 lists in dir, as "name:type ..." in its order
 * (type 1 a symbolic link, 2 a directory, 3 a regular file) */
static void list_dir(const char *dir, char *out, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t used = 0;

	out[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d)) && used < size)
		used += snprintf(out + used, size - used, "%s%s:%d",
				 used ? " " : "", e->d_name,
				 e->d_type == DT_LNK ? 1 : e->d_type == DT_DIR ? 2 :
				 e->d_type == DT_REG ? 3 : 0);
	closedir(d);
}

/* dir (/proc/self/fd or fdinfo) lists ., .. and fds 0 to 5 and efd, each
 * of type (list_dir's number); it is a directory of mode; O_WRONLY fails */
static void check_fd_dir(const char *dir, int type, int mode, int efd)
{
	char got[512], want[512], what[64];
	int t = type;
	struct stat st;

	list_dir(dir, got, sizeof(got));
	snprintf(want, sizeof(want), ".:2 ..:2 0:%d 1:%d 2:%d 3:%d 4:%d 5:%d %d:%d",
		 t, t, t, t, t, t, efd, t);
	snprintf(what, sizeof(what), "%s: ., .., each fd (3: the dir's own)", dir);
	CHECK_STR(got, want, what);
	CHECK_EQ(stat(dir, &st), 0, "  stat");
	CHECK_HEX(st.st_mode, S_IFDIR | mode, "  its mode");
	CHECK_ERR(open(dir, O_WRONLY), EISDIR, "  O_WRONLY: EISDIR");
}

static void test_listing(void)
{
	int p[2], ep, efd;
	struct stat st;

	/* only 0, 1, 2 open before: the listing's own fd is 3 */
	pipe(p);	/* 3, 4 */
	ep = epoll_create1(0);	/* 5 */
	close(p[0]);	/* a hole at 3 */
	efd = dup2(ep, 9);
	check_fd_dir("/proc/self/fd", 1, 0500, efd);	/* dr-x------, links */
	/* dr-xr-xr-x, regular files */
	check_fd_dir("/proc/self/fdinfo/", 3, 0555, efd);
	CHECK_EQ(stat("/proc/self/fdinfo/4", &st), 0, "stat /proc/self/fdinfo/4");
	CHECK_HEX(st.st_mode, S_IFREG | 0444, "  -r--r--r--");
	close(p[1]);
	close(ep);
	close(efd);
}

int main(void)
{
	/* whatever the caller left open (a shell's fds) is not listed */
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	test_listing();
	test_readlink();
	test_stat();
	return test_done();
}
