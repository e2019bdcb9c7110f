/*
 * pipe_sigpipe.c - writing to a pipe nobody reads: SIGPIPE by default,
 * EPIPE once SIGPIPE is ignored.  Kept apart from pipe.c because it needs
 * signals (sigaction and a signal death).
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static char buf[65536];

static void test_default_kills(void)
{
	int p[2], status = -1;
	pid_t pid;

	pipe(p);
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status), "writer without readers is killed");
	CHECK_EQ(WTERMSIG(status), SIGPIPE, "by SIGPIPE");
}

static void test_ignored_gives_epipe(void)
{
	struct sigaction sa, old;
	int p[2], status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	CHECK_EQ(sigaction(SIGPIPE, &sa, &old), 0, "sigaction SIGPIPE SIG_IGN");
	CHECK(old.sa_handler == SIG_DFL, "the old action was SIG_DFL");

	pipe(p);
	close(p[0]);
	CHECK_ERR(write(p[1], "x", 1), EPIPE, "write without readers: EPIPE");
	close(p[1]);

	/* A writer blocked on a full pipe gets EPIPE when the reader goes. */
	pipe(p);
	write(p[1], buf, sizeof(buf));
	if (fork() == 0)	/* its copy of the read end closes at exit */
		_exit(!wait_parent_asleep());
	close(p[0]);
	CHECK_ERR(write(p[1], "x", 1), EPIPE,
		  "a blocked writer wakes with EPIPE when the last reader exits");
	close(p[1]);
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");
}

int main(void)
{
	test_default_kills();
	test_ignored_gives_epipe();
	return test_done();
}
