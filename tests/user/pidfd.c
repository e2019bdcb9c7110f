/*
 * pidfd.c - pidfd_open and pidfd_send_signal, as Linux 6.18 answers:
 * every errno, the file's flags (close-on-exec always), readiness in
 * poll, select and epoll (level and edge-triggered) woken by the child's
 * exit, EPOLLHUP once it is reaped (a second wake-up: edge-triggered
 * watchers see it), signals through the pidfd, and the
 * fdinfo lines.  waitid(P_PIDFD) is not tested: Pollux has no waitid.
 *
 * A child that must be waited for sleeps 50 ms, then exits; the parent
 * checks what woke it.
 *
 *   exit:  child -(do_notify_pidfd)-> pidfd <-(EPOLLIN)- e0 <- parent
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/pidfd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"


static char info[1024];

static int poll_mask(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static pid_t child_pausing(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static int reap(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void test_open_errors(void)
{
	int fd;

	CHECK_ERR(pidfd_open(0, 0), EINVAL, "pidfd_open(0): EINVAL");
	CHECK_ERR(pidfd_open(-1, 0), EINVAL, "pidfd_open(-1): EINVAL");
	CHECK_ERR(pidfd_open(getpid(), 1), EINVAL, "flags 1: EINVAL");
	CHECK_ERR(pidfd_open(getpid(), O_CLOEXEC), EINVAL, "O_CLOEXEC: EINVAL");
	CHECK_ERR(pidfd_open(0x3ffffff0, 0), ESRCH, "no such pid: ESRCH");
	fd = pidfd_open(getpid(), 0);
	CHECK(fd >= 0, "pidfd_open(self)");
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC, "close-on-exec always");
	CHECK_HEX(fcntl(fd, F_GETFL), O_RDWR, "F_GETFL: O_RDWR");
	CHECK_EQ(poll_mask(fd), 0, "a live process: no events");
	CHECK_ERR(read(fd, info, 8), EINVAL, "read: EINVAL");
	CHECK_ERR(write(fd, info, 8), EINVAL, "write: EINVAL");
	close(fd);
	fd = pidfd_open(getpid(), PIDFD_NONBLOCK);
	CHECK_HEX(fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK,
		  "PIDFD_NONBLOCK: O_RDWR|O_NONBLOCK");
	close(fd);
}

static void test_signal_errors(void)
{
	int fd = pidfd_open(getpid(), 0), p[2];
	siginfo_t si;

	pipe(p);
	CHECK_ERR(pidfd_send_signal(-1, 0, NULL, 0), EBADF, "fd -1: EBADF");
	CHECK_ERR(pidfd_send_signal(p[0], 0, NULL, 0), EBADF,
		  "a pipe: EBADF");
	CHECK_ERR(pidfd_send_signal(fd, 0, NULL, 8), EINVAL, "flags 8: EINVAL");
	CHECK_ERR(pidfd_send_signal(fd, 0, NULL, PIDFD_SIGNAL_THREAD |
				    PIDFD_SIGNAL_THREAD_GROUP), EINVAL,
		  "two scope flags: EINVAL");
	CHECK_ERR(pidfd_send_signal(fd, 65, NULL, 0), EINVAL, "sig 65: EINVAL");
	CHECK_ERR(pidfd_send_signal(fd, -1, NULL, 0), EINVAL, "sig -1: EINVAL");
	CHECK_ERR(pidfd_send_signal(fd, 0, bad_addr(1), 0), EFAULT,
		  "bad info: EFAULT");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	CHECK_ERR(pidfd_send_signal(fd, SIGUSR2, &si, 0), EINVAL,
		  "si_signo != sig: EINVAL");
	CHECK_EQ(pidfd_send_signal(fd, 0, NULL, 0), 0, "sig 0 to self");
	CHECK_EQ(pidfd_send_signal(fd, 0, NULL, PIDFD_SIGNAL_THREAD), 0,
		  "PIDFD_SIGNAL_THREAD");
	CHECK_EQ(pidfd_send_signal(fd, 0, NULL, PIDFD_SIGNAL_THREAD_GROUP), 0,
		  "PIDFD_SIGNAL_THREAD_GROUP");
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* poll before the exit, after it (a zombie), after the reap */
static void test_poll(void)
{
	pid_t pid = fork_exiting_asleep(-1, 7);
	int fd = pidfd_open(pid, 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };

	CHECK_EQ(poll_mask(fd), 0, "poll: running child, no events");
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll: woken by the exit");
	CHECK_HEX(p.revents, POLLIN, "poll: POLLIN");
	CHECK_HEX(poll_mask(fd), POLLIN, "zombie: POLLIN");
	CHECK_EQ(reap(pid), 7 << 8, "reaped: exit 7");
	CHECK_HEX(poll_mask(fd), POLLIN | POLLHUP, "reaped: POLLIN|POLLHUP");
	p.events = POLLRDNORM;
	CHECK_EQ(poll(&p, 1, 0), 1, "POLLRDNORM asked for");
	CHECK_HEX(p.revents, POLLRDNORM | POLLHUP, "reaped: RDNORM|HUP");
	close(fd);
}

static void test_select(void)
{
	pid_t pid = fork_exiting_asleep(-1, 7);
	int fd = pidfd_open(pid, 0);
	fd_set r, w;
	struct timeval tv = { 5, 0 };

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fd, &r);
	FD_SET(fd, &w);
	CHECK_EQ(select(fd + 1, &r, &w, NULL, &tv), 1, "select: woken");
	CHECK(FD_ISSET(fd, &r) && !FD_ISSET(fd, &w), "select: readable only");
	reap(pid);
	close(fd);
}

/* flags: 0 (level) or EPOLLET */
static void test_epoll(unsigned int flags, const char *name)
{
	pid_t pid = fork_exiting_asleep(-1, 7);
	int fd = pidfd_open(pid, 0), ep = epoll_create1(0);
	struct epoll_event ev;
	char what[80];

	ep_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN | flags, 42);
	CHECK_EQ(wait1(ep, &ev, 0), 0, name);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll_wait: woken by the exit");
	CHECK_HEX(ev.events, EPOLLIN, "events: EPOLLIN");
	CHECK_EQ(ev.data.u64, 42, "data");
	snprintf(what, sizeof(what), "%s: again", name);
	CHECK_EQ(wait1(ep, &ev, 0), flags ? 0 : 1, what);
	reap(pid);
	snprintf(what, sizeof(what), "%s: after the reap", name);
	ev.events = 0;
	CHECK_EQ(wait1(ep, &ev, 0), 1, what);
	CHECK_HEX(ev.events, EPOLLIN | EPOLLHUP, "reaped: IN|HUP");
	close(ep);
	close(fd);
}

/* The parent watches no EPOLLIN: the exit still reports HUP once reaped */
static void test_epoll_hup(void)
{
	pid_t pid = fork_exiting(0, 7);
	int fd = pidfd_open(pid, 0), ep = epoll_create1(0);
	struct epoll_event ev;

	ep_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLOUT, 1);
	reap(pid);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "EPOLLOUT watcher: HUP after the reap");
	CHECK_HEX(ev.events, EPOLLHUP, "only EPOLLHUP");
	close(ep);
	close(fd);
}

/*
 * Lifetime: a pidfd closed while epoll watches it (its entry goes, the
 * exit wakes no one), one inherited by a child and closed there, and a
 * child no one waits for (SIGCHLD ignored: reaped at its exit).
 */
static void test_lifetime(void)
{
	int go[2], fd, ep = epoll_create1(0), status = -1;
	struct epoll_event ev;
	struct pollfd p;
	pid_t pid, c;

	pipe(go);	/* the child exits once we sleep in the last wait1() */
	pid = fork_exiting_asleep(go[0], 7);
	fd = pidfd_open(pid, 0);
	ep_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 1);
	c = fork();
	if (c == 0)
		_exit(close(fd) == 0 && poll_mask(fd) == POLLNVAL ? 0 : 1);
	waitpid(c, &status, 0);
	CHECK_EQ(status, 0, "inherited by a child, closed there");
	close(fd);
	write(go[1], "g", 1);
	CHECK_EQ(wait1(ep, &ev, 200), 0, "closed pidfd: the exit wakes no one");
	CHECK_EQ(reap(pid), 7 << 8, "reaped");
	close(go[0]);
	close(go[1]);
	close(ep);

	set_handler(SIGCHLD, SIG_IGN, 0);
	pid = fork_exiting_asleep(-1, 7);
	fd = pidfd_open(pid, 0);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK_EQ(poll(&p, 1, 5000), 1, "autoreaped child: poll woken");
	CHECK_HEX(p.revents, POLLIN | POLLHUP, "autoreaped: POLLIN|POLLHUP");
	CHECK_ERR(pidfd_send_signal(fd, 0, NULL, 0), ESRCH, "autoreaped: ESRCH");
	set_handler(SIGCHLD, SIG_DFL, 0);
	close(fd);
}

static void test_send_signal(void)
{
	pid_t pid = child_pausing();
	int fd = pidfd_open(pid, 0), status;

	CHECK_EQ(pidfd_send_signal(fd, 0, NULL, 0), 0, "sig 0 to a live child");
	CHECK_EQ(pidfd_send_signal(fd, SIGTERM, NULL, 0), 0, "SIGTERM sent");
	status = reap(pid);
	CHECK(WIFSIGNALED(status), "child killed");
	CHECK_EQ(WTERMSIG(status), SIGTERM, "WTERMSIG: SIGTERM");
	CHECK_ERR(pidfd_send_signal(fd, SIGTERM, NULL, 0), ESRCH,
		  "after the reap: ESRCH");
	close(fd);

	/* PIDFD_SIGNAL_PROCESS_GROUP: the group whose id is the pid */
	pid = child_pausing();
	fd = pidfd_open(pid, 0);
	CHECK_ERR(pidfd_send_signal(fd, 0, NULL, PIDFD_SIGNAL_PROCESS_GROUP),
		  ESRCH, "process group: none has that id: ESRCH");
	setpgid(pid, pid);
	CHECK_EQ(pidfd_send_signal(fd, SIGKILL, NULL,
				   PIDFD_SIGNAL_PROCESS_GROUP), 0,
		 "process group: its own, SIGKILL");
	CHECK_EQ(WTERMSIG(reap(pid)), SIGKILL, "WTERMSIG: SIGKILL");
	close(fd);

	pid = fork_exiting(0, 7);
	fd = pidfd_open(pid, 0);
	poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1, 5000);
	CHECK_EQ(pidfd_send_signal(fd, SIGTERM, NULL, 0), 0,
		 "to a zombie: 0");
	reap(pid);
	close(fd);
}

static void test_fdinfo(void)
{
	pid_t pid = fork_exiting(0, 7);
	int fd = pidfd_open(pid, PIDFD_NONBLOCK);
	char want[64];

	CHECK(read_fdinfo(fd, info, sizeof(info)) > 0, "fdinfo readable");
	CHECK_STR(line_of(info, "pos:", 0), "pos:\t0", "pos line");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02004002",
		  "flags: O_RDWR|O_NONBLOCK|O_CLOEXEC");
	snprintf(want, sizeof(want), "Pid:\t%d", pid);
	CHECK_STR(line_of(info, "Pid:", 0), want, "Pid: the child's");
	snprintf(want, sizeof(want), "NSpid:\t%d", pid);
	CHECK_STR(line_of(info, "NSpid:", 0), want, "NSpid: the child's");
	CHECK(strstr(info, "\nino:") < strstr(info, "\nPid:") &&
	      strstr(info, "\nPid:") < strstr(info, "\nNSpid:"),
	      "lines in Linux's order");
	poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1, 5000);
	read_fdinfo(fd, info, sizeof(info));
	snprintf(want, sizeof(want), "Pid:\t%d", pid);
	CHECK_STR(line_of(info, "Pid:", 0), want, "zombie: Pid: still");
	reap(pid);
	read_fdinfo(fd, info, sizeof(info));
	CHECK_STR(line_of(info, "Pid:", 0), "Pid:\t-1", "reaped: Pid: -1");
	CHECK_STR(line_of(info, "NSpid:", 0), "NSpid:\t-1", "reaped: NSpid: -1");
	CHECK_EQ(info[strlen(info) - 1], '\n', "ends with a newline");
	close(fd);
}

int main(void)
{
	test_open_errors();
	test_signal_errors();
	test_poll();
	test_select();
	test_epoll(0, "epoll LT: running child");
	test_epoll(EPOLLET, "epoll ET: running child");
	test_epoll_hup();
	test_lifetime();
	test_send_signal();
	test_fdinfo();
	return test_done();
}
