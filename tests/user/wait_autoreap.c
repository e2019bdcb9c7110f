/*
 * wait_autoreap.c - a parent that ignores SIGCHLD, or sets SA_NOCLDWAIT,
 * leaves no zombies: each child is reaped as it exits, and wait4 waits
 * until all have exited, then fails with ECHILD.  With SA_NOCLDWAIT and
 * a handler, SIGCHLD is still sent.  Linux: kernel/signal.c
 * do_notify_parent() (autoreap), kernel/exit.c do_wait().
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static volatile int chld_count;

static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

/* Two children, one quick, one slower: wait4 returns only when both are
 * gone (the slow one no longer exists then), with ECHILD. */
static void two_children(const char *what)
{
	pid_t quick = fork_exiting(0, 3), slow = fork_exiting(50, 3);
	int status = 0;

	CHECK_ERR(wait4(-1, &status, 0, NULL), ECHILD, what);
	CHECK_ERR(kill(slow, 0), ESRCH, "  the slower child is gone, not a zombie");
	CHECK_ERR(kill(quick, 0), ESRCH, "  the quick child is gone too");
	CHECK_EQ(status, 0, "  no status stored");
}

int main(void)
{
	set_handler(SIGCHLD, SIG_IGN, 0);
	two_children("SIGCHLD ignored: wait4 blocks until both exit, then ECHILD");
	CHECK_ERR(waitpid(fork_exiting(10, 3), NULL, 0), ECHILD,
		  "  waitpid for one child by pid: ECHILD");

	chld_count = 0;
	set_handler(SIGCHLD, on_chld, SA_NOCLDWAIT | SA_RESTART);
	two_children("SA_NOCLDWAIT with a handler: ECHILD as well");
	CHECK_EQ(chld_count, 2, "  the handler got SIGCHLD for each child");

	set_handler(SIGCHLD, SIG_DFL, 0);
	{
		pid_t pid = fork_exiting(0, 3);
		int status = 0;

		CHECK_EQ(waitpid(pid, &status, 0), pid,
			 "SIG_DFL again: the child is a zombie until waited for");
		CHECK_EQ(WEXITSTATUS(status), 3, "  with its exit status");
	}
	return test_done();
}
