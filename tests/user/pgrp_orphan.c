/*
 * pgrp_orphan.c - a process group that becomes orphaned while one of its
 * members is stopped gets SIGHUP, then SIGCONT: no shell is left to
 * resume the job, so it is woken rather than left stopped forever
 * (POSIX; Linux: kernel/exit.c kill_orphaned_pgrp()).  Two ways:
 *   a. the parent exits, and its stopped child is alone in a group of
 *      its own:        s (session leader) -> a -> c (group c, stopped)
 *   b. the last member with a parent outside the group exits:
 *                      s (session leader) -> p (group p) -> c (group p)
 * Each runs in a session of its own, so that the new parent (init, or a
 * subreaper) is outside it.  c reports through a pipe: its pid, then one
 * letter per signal handled (H, C) and "." once it runs again.  Both
 * signals are pending when c resumes: SIGHUP's frame is built first,
 * SIGCONT's on top of it, so SIGCONT's handler runs first ("CH.").
 */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static int report_fd;

static void on_sig(int sig)
{
	write(report_fd, sig == SIGHUP ? "H" : "C", 1);
}

/* The stopped member: reports its pid, stops, and after the wake-up
 * says so and exits. */
static void stopped_member(int fd, int own_group)
{
	pid_t me = getpid();

	report_fd = fd;
	signal(SIGHUP, on_sig);
	signal(SIGCONT, on_sig);
	if (own_group)
		setpgid(0, 0);
	write(fd, &me, sizeof(me));
	raise(SIGSTOP);
	write(fd, ".", 1);
	_exit(0);
}

/* The middle process: starts c, waits until it is stopped, exits. */
static void middle(int fd, int own_group_for_c)
{
	pid_t c;
	int status;

	if (!own_group_for_c)
		setpgid(0, 0);
	c = fork();
	if (c == 0)
		stopped_member(fd, own_group_for_c);
	waitpid(c, &status, WUNTRACED);
	_exit(0);
}

/* Runs one case; the letters c wrote into out ("" if it stayed stopped
 * for 2 s, after which it is killed). */
static void run_case(int own_group_for_c, char *out, int size)
{
	int fds[2], n = 0, status;
	pid_t s, c = 0;
	struct pollfd pfd;

	pipe(fds);
	s = fork();
	if (s == 0) {
		pid_t a;

		setsid();
		a = fork();
		if (a == 0)
			middle(fds[1], own_group_for_c);
		waitpid(a, &status, 0);
		_exit(0);
	}
	close(fds[1]);
	read(fds[0], &c, sizeof(c));
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (n < size - 1 && poll(&pfd, 1, 2000) == 1 &&
	       read(fds[0], out + n, 1) == 1)
		n++;
	out[n] = 0;
	if (c > 0)
		kill(c, SIGKILL);
	close(fds[0]);
	waitpid(s, &status, 0);
}

int main(void)
{
	char got[8];

	run_case(1, got, sizeof(got));
	CHECK_STR(got, "CH.",
		  "parent exits, stopped child alone in its group: SIGHUP, SIGCONT");
	run_case(0, got, sizeof(got));
	CHECK_STR(got, "CH.",
		  "last member with an outside parent exits: SIGHUP, SIGCONT");
	return test_done();
}
