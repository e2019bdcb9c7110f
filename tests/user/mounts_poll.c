/*
 * mounts_poll.c - /proc/self/mounts and mountinfo as Linux's
 * mounts_poll answers them: EPOLLIN|EPOLLRDNORM always, and
 * EPOLLPRI|EPOLLERR once after each change of the mount list (a mount,
 * an umount), seen by the first poll of each open file, not before the
 * change, not again, and not for a failed mount or umount or a change of
 * propagation type.  In poll, select (exceptfds), epoll level- and
 * edge-triggered, and as a wake-up of a sleeping epoll_wait and poll when
 * another process mounts or unmounts.  A reader finds the new list by
 * reading from the start again.  Run as root; what it mounts, it
 * unmounts, even after a failure.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mount_util.h"
#include "test.h"

static char dir[64];
static int fd_poll, fd_lt, fd_et, fd_select, ep_lt, ep_et;

static int poll_now(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

/* The events of one epoll_wait(timeout), 0 if none; -1 if more */
static int ep_wait(int ep, int timeout)
{
	struct epoll_event ev[2];
	int n = epoll_wait(ep, ev, 2, timeout);

	return n == 0 ? 0 : n == 1 ? (int)ev[0].events : -1;
}

/* select()'s answer for fd in readfds and exceptfds: 1 read, 2 except */
static int select_now(int fd)
{
	struct timeval tv = { 0, 0 };
	fd_set r, x;

	FD_ZERO(&r);
	FD_ZERO(&x);
	FD_SET(fd, &r);
	FD_SET(fd, &x);
	if (select(fd + 1, &r, NULL, &x, &tv) < 0)
		return -1;
	return FD_ISSET(fd, &r) + 2 * FD_ISSET(fd, &x);
}

/* Every watcher sees no change */
static void check_quiet(const char *what)
{
	char line[128];

	snprintf(line, sizeof(line), "%s: poll sees POLLIN only", what);
	CHECK_HEX(poll_now(fd_poll, POLLIN | POLLPRI), POLLIN, line);
	snprintf(line, sizeof(line), "%s: level-triggered epoll, nothing", what);
	CHECK_HEX(ep_wait(ep_lt, 0), 0, line);
	snprintf(line, sizeof(line), "%s: edge-triggered epoll, nothing", what);
	CHECK_HEX(ep_wait(ep_et, 0), 0, line);
	snprintf(line, sizeof(line), "%s: select, readable only", what);
	CHECK_EQ(select_now(fd_select), 1, line);
}

/* Every watcher sees the change once */
static void check_change(const char *what)
{
	char line[128];

	snprintf(line, sizeof(line), "%s: poll, POLLIN|POLLPRI|POLLERR", what);
	CHECK_HEX(poll_now(fd_poll, POLLIN | POLLPRI),
		  POLLIN | POLLPRI | POLLERR, line);
	snprintf(line, sizeof(line), "%s: level-triggered, EPOLLPRI|EPOLLERR",
		 what);
	CHECK_HEX(ep_wait(ep_lt, 0), EPOLLPRI | EPOLLERR, line);
	snprintf(line, sizeof(line), "%s: edge-triggered, IN|PRI|ERR", what);
	CHECK_HEX(ep_wait(ep_et, 0),
		  EPOLLIN | EPOLLPRI | EPOLLERR, line);
	snprintf(line, sizeof(line), "%s: select, readable and exceptional",
		 what);
	CHECK_EQ(select_now(fd_select), 3, line);
	check_quiet("then");
}

/* Whether the text read from fd's start has dir's line */
static int lists_dir(int fd)
{
	static char text[65536];
	char want[80];
	long n, len = 0;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	text[len] = 0;
	snprintf(want, sizeof(want), " %s ", dir);
	return strstr(text, want) != NULL;
}

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLPRI, .data.u32 = 1 };

	fd_poll = open("/proc/self/mounts", O_RDONLY);
	fd_lt = open("/proc/self/mounts", O_RDONLY);
	fd_et = open("/proc/self/mountinfo", O_RDONLY);
	fd_select = open("/proc/mounts", O_RDONLY);
	CHECK(fd_poll >= 0 && fd_lt >= 0 && fd_et >= 0 && fd_select >= 0,
	      "open mounts, mountinfo four times");
	ep_lt = epoll_create1(0);
	ep_et = epoll_create1(0);
	CHECK_EQ(epoll_ctl(ep_lt, EPOLL_CTL_ADD, fd_lt, &ev), 0,
		 "watch mounts for EPOLLPRI");
	ev.events = EPOLLIN | EPOLLPRI | EPOLLET;
	CHECK_EQ(epoll_ctl(ep_et, EPOLL_CTL_ADD, fd_et, &ev), 0,
		 "watch mountinfo edge-triggered for EPOLLIN|EPOLLPRI");
	CHECK_HEX(ep_wait(ep_et, 0), EPOLLIN,
		  "edge-triggered: the first edge, EPOLLIN only");
}

static void test_changes(void)
{
	int fd;

	check_quiet("opened");
	CHECK_ERR(mount("none", dir, "nosuchfs", 0, NULL), ENODEV,
		  "a failed mount");
	check_quiet("failed mount");
	CHECK_EQ(mount("none", dir, "tmpfs", 0, NULL), 0, "mount tmpfs");
	check_change("mount");
	CHECK(lists_dir(fd_poll), "read from the start: the new mount");
	CHECK(lists_dir(fd_et), "mountinfo too");
	fd = open("/proc/self/mounts", O_RDONLY);
	CHECK_HEX(poll_now(fd, POLLIN | POLLPRI), POLLIN,
		  "opened after the change: no event");
	CHECK_EQ(mount(NULL, dir, NULL, MS_PRIVATE, NULL), 0, "MS_PRIVATE");
	check_quiet("a propagation change");
	close(open("/proc/self/mounts", O_RDONLY));
	CHECK_EQ(chdir(dir), 0, "chdir into the mount");
	CHECK_ERR(umount(dir), EBUSY, "a failed umount");
	CHECK_EQ(chdir("/"), 0, "chdir out");
	check_quiet("failed umount");
	CHECK_EQ(umount(dir), 0, "umount");
	check_change("umount");
	CHECK(!lists_dir(fd_poll), "read from the start: gone");
	CHECK_HEX(poll_now(fd, POLLPRI), POLLPRI | POLLERR,
		  "the later file sees the umount");
	close(fd);
}

/* A child mounts (or unmounts) dir after a pause */
static pid_t later(int do_mount)
{
	pid_t pid = fork();

	if (pid == 0) {
		usleep(100000);
		_exit(do_mount ? mount("none", dir, "tmpfs", 0, NULL) != 0 :
				 umount(dir) != 0);
	}
	return pid;
}

static void test_wakeups(void)
{
	struct pollfd p = { .fd = fd_poll, .events = POLLPRI };
	int status = -1;
	pid_t pid;

	pid = later(1);
	CHECK_HEX(ep_wait(ep_lt, 5000), EPOLLPRI | EPOLLERR,
		  "epoll_wait sleeps until another process mounts");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the child's mount");
	CHECK_EQ(poll(&p, 1, 0), 1, "poll for POLLPRI sees it too");
	pid = later(0);
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll sleeps until the child unmounts");
	CHECK_HEX(p.revents, POLLPRI | POLLERR, "POLLPRI|POLLERR");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the child's umount");
	CHECK_HEX(ep_wait(ep_et, 0), EPOLLIN | EPOLLPRI | EPOLLERR,
		  "the edge-triggered watcher saw the last change once");
	CHECK_HEX(ep_wait(ep_lt, 0), EPOLLPRI | EPOLLERR, "and the other");
	CHECK_EQ(select_now(fd_select), 3, "and select");
	check_quiet("after both");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mounts_poll.%d", (int)getpid());
	CHECK_EQ(mkdir(dir, 0755), 0, "mkdir the mount point");
	setup();
	test_changes();
	test_wakeups();
	cleanup_dir(dir);
	CHECK_ERR(access(dir, F_OK), ENOENT, "the scratch directory is gone");
	return test_done();
}
