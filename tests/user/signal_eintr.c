/*
 * signal_eintr.c - a handled signal interrupts a blocking syscall: EINTR,
 * or a transparent restart under SA_RESTART for the calls Linux restarts
 * (read/write on a pipe, wait4), never for the ones it does not
 * (nanosleep, poll, select, epoll_wait: man 7 signal).  The signal is a
 * SIGALRM from setitimer 20 ms into the call; where the call should
 * restart, a child completes it later (writes, reads or exits at 80 ms).
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static volatile int alarms;
static int p[2];
static char big[65536];

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* SIGALRM's handler with flags, and the timer armed for ms. */
static void alarm_in(int ms, int flags)
{
	alarms = 0;
	arm_alarm(ms, flags, on_alarm);
}

/* A child that does its part ms after we sleep (so after the alarm
 * armed before that sleep, however slow a busy host makes the fork),
 * then exits 7 (8 if it never found us asleep). */
static pid_t child_after(int ms, void (*part)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		int asleep = wait_parent_asleep();

		sleep_ms(ms);
		if (part)
			part();
		_exit(asleep ? 7 : 8);
	}
	return pid;
}

static void write_one(void) { write(p[1], "x", 1); }
/* a page: a full pipe takes a write again once a whole slot is free */
static void read_page(void) { read(p[0], big, 4096); }

static void test_pipe_read(void)
{
	char c = 0;
	pid_t pid;

	pipe(p);
	alarm_in(20, 0);
	CHECK_ERR(read(p[0], &c, 1), EINTR, "pipe read: EINTR");
	CHECK_EQ(alarms, 1, "pipe read: the handler ran");

	pid = child_after(80, write_one);
	alarm_in(20, SA_RESTART);
	CHECK_EQ(read(p[0], &c, 1), 1, "pipe read, SA_RESTART: restarted, reads the byte");
	CHECK_EQ(alarms, 1, "pipe read, SA_RESTART: the handler ran");
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static void test_pipe_write(void)
{
	pid_t pid;

	pipe(p);
	write(p[1], big, sizeof(big));	/* full: the next write blocks */
	alarm_in(20, 0);
	CHECK_ERR(write(p[1], "y", 1), EINTR, "full pipe write: EINTR");
	CHECK_EQ(alarms, 1, "full pipe write: the handler ran");

	pid = child_after(80, read_page);
	alarm_in(20, SA_RESTART);
	CHECK_EQ(write(p[1], "y", 1), 1, "full pipe write, SA_RESTART: restarted, writes");
	CHECK_EQ(alarms, 1, "full pipe write, SA_RESTART: the handler ran");
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static void test_wait4(void)
{
	pid_t pid;
	int status = 0;

	pid = child_after(200, NULL);
	alarm_in(20, 0);
	CHECK_ERR(waitpid(pid, &status, 0), EINTR, "wait4: EINTR");
	CHECK_EQ(alarms, 1, "wait4: the handler ran");
	alarm_in(20, SA_RESTART);
	CHECK(waitpid(pid, &status, 0) == pid, "wait4, SA_RESTART: restarted, reaps the child");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "with its exit status");
	CHECK_EQ(alarms, 1, "wait4, SA_RESTART: the handler ran");
}

static void test_nanosleep(int flags, const char *what)
{
	struct timespec req = { 1, 0 }, rem = { -1, -1 };
	char buf[120];

	alarm_in(20, flags);
	snprintf(buf, sizeof(buf), "nanosleep%s: EINTR", what);
	CHECK_ERR(nanosleep(&req, &rem), EINTR, buf);
	snprintf(buf, sizeof(buf), "nanosleep%s: the remaining time is in rem", what);
	CHECK(rem.tv_sec == 0 && rem.tv_nsec > 500000000, buf);
}

static void test_poll(int flags, const char *what)
{
	struct pollfd pfd;
	char buf[120];

	pipe(p);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	alarm_in(20, flags);
	snprintf(buf, sizeof(buf), "poll%s: EINTR", what);
	CHECK_ERR(poll(&pfd, 1, 1000), EINTR, buf);
	alarm_in(20, flags);
	snprintf(buf, sizeof(buf), "poll%s, no timeout: EINTR", what);
	CHECK_ERR(poll(&pfd, 1, -1), EINTR, buf);
	close(p[0]);
	close(p[1]);
}

static void test_select(int flags, const char *what)
{
	struct timeval tv = { 1, 0 };
	fd_set rd;
	char buf[120];

	pipe(p);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	alarm_in(20, flags);
	snprintf(buf, sizeof(buf), "select%s: EINTR", what);
	CHECK_ERR(select(p[0] + 1, &rd, NULL, NULL, &tv), EINTR, buf);
	close(p[0]);
	close(p[1]);
}

static void test_epoll_wait(int flags, const char *what)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(0);
	char buf[120];

	pipe(p);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	alarm_in(20, flags);
	snprintf(buf, sizeof(buf), "epoll_wait%s: EINTR", what);
	CHECK_ERR(epoll_wait(ep, &ev, 1, -1), EINTR, buf);
	close(ep);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	test_pipe_read();
	test_pipe_write();
	test_wait4();
	test_nanosleep(0, "");
	test_nanosleep(SA_RESTART, ", SA_RESTART");
	test_poll(0, "");
	test_poll(SA_RESTART, ", SA_RESTART");
	test_select(0, "");
	test_select(SA_RESTART, ", SA_RESTART");
	test_epoll_wait(0, "");
	test_epoll_wait(SA_RESTART, ", SA_RESTART");
	return test_done();
}
