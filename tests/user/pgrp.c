/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid,
 * getsid, and kill() addressed to a group (0 and -pgid), the mechanism
 * behind a shell's jobs and the terminal's ^C.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

/* The child's view of a new session: it leads it and its group. */
static int child_setsid(void)
{
	pid_t sid = setsid();

	if (sid != getpid() || getsid(0) != getpid() || getpgrp() != getpid())
		return 1;
	if (setsid() != -1 || errno != EPERM)	/* already a group leader */
		return 2;
	if (setpgid(0, 0) != -1 || errno != EPERM)	/* a session leader */
		return 3;
	return 0;
}

/* Two children in a group of their own; kill(-pgid) reaches both and
 * not us. */
static void group_kill(void)
{
	pid_t a, b;
	int sa, sb;

	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(a, a);
	b = fork();
	if (b == 0) {
		setpgid(0, a);
		pause();
		_exit(0);
	}
	setpgid(b, a);
	CHECK_EQ(getpgid(a), a, "first child leads the new group");
	CHECK_EQ(getpgid(b), a, "second child joined it");
	CHECK(getpgid(0) != a, "we are not in it");
	CHECK_EQ(kill(-a, SIGTERM), 0, "kill(-pgid, SIGTERM)");
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	CHECK(WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM, "first child got SIGTERM");
	CHECK(WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM, "second child got SIGTERM");
	CHECK_ERR(kill(-a, SIGTERM), ESRCH, "the empty group is gone");
}

/* kill(0, sig) signals the caller's own group, the caller included. */
static int child_kill0(void)
{
	sigset_t set;
	int sig;

	setpgid(0, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (kill(0, SIGUSR1) != 0)
		return 1;
	sigpending(&set);
	sig = sigismember(&set, SIGUSR1);
	return sig == 1 ? 0 : 2;
}

/* waitpid(0) waits for children of our group only, waitpid(-pgid) for
 * that group's: a child moved to its own group is seen by the second. */
static int child_waits(void)
{
	int status;
	pid_t pid;

	setpgid(0, 0);	/* a group of our own, so the test is self-contained */
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		usleep(20000);
		_exit(4);
	}
	setpgid(pid, pid);
	if (waitpid(0, &status, WNOHANG) != -1 || errno != ECHILD)
		return 1;	/* no child is in our group */
	if (waitpid(-pid, &status, 0) != pid || WEXITSTATUS(status) != 4)
		return 2;
	return 0;
}

int main(void)
{
	int status;

	CHECK_EQ(getpgid(0), getpgrp(), "getpgid(0) == getpgrp()");
	CHECK_EQ(getsid(0), getsid(getpid()), "getsid(0) == getsid(getpid())");
	CHECK_ERR(setpgid(0, -1), EINVAL, "setpgid with a negative group");
	CHECK_ERR(getpgid(999999), ESRCH, "getpgid of no such process");
	status = run_child(child_setsid);
	CHECK(WIFEXITED(status), "setsid child exited");
	CHECK_EQ(WEXITSTATUS(status), 0, "setsid: new session, EPERM twice");
	group_kill();
	status = run_child(child_kill0);
	CHECK_EQ(WEXITSTATUS(status), 0, "kill(0) reaches the caller's group");
	status = run_child(child_waits);
	CHECK_EQ(WEXITSTATUS(status), 0, "waitpid(0) and waitpid(-pgid) pick by group");
	return test_done();
}
