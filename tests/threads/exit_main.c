/*
 * exit_main: pthread_exit from main.  The process lives on while any
 * thread does: its parent's waitpid(WNOHANG) still says 0, the last
 * thread keeps working (reads the parent's pipe, writes an answer), and
 * the process's exit status is the last thread's: 0 when it returns,
 * its code when it calls exit().  The child execs this program afresh
 * first: musl 1.2.3's fork does not redo set_tid_address, so in a
 * forked child a main thread's pthread_exit never releases musl's
 * thread-list lock and the last thread hangs in its own pthread_exit.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

static int to_child[2], to_parent[2];

static void *last(void *arg)
{
	char c = 0;

	if (read(to_child[0], &c, 1) == 1) {
		c++;
		write(to_parent[1], &c, 1);
	}
	if (arg)
		exit((int)(intptr_t)arg);
	return NULL;
}

static char *self;

/* A child whose main ends with pthread_exit, leaving one thread that
 * ends with exit(code) (returns, if code is 0). */
static pid_t spawn(const char *code)
{
	char fds[32];
	pid_t pid = fork();

	if (pid == 0) {
		snprintf(fds, sizeof(fds), "%d %d", to_child[0], to_parent[1]);
		execl(self, self, "child", code, fds, (char *)NULL);
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	char c = 'a';
	int s = -1;
	pid_t pid;

	self = argv[0];
	if (argc == 4) {
		pthread_t t;

		sscanf(argv[3], "%d %d", &to_child[0], &to_parent[1]);
		pthread_create(&t, NULL, last, (void *)(intptr_t)atoi(argv[2]));
		pthread_exit(NULL);
	}

	pipe(to_child);
	pipe(to_parent);
	pid = spawn("0");
	tt_sleep_ms(100);	/* main has gone by now */
	CHECK_EQ(waitpid(pid, &s, WNOHANG), 0,
		 "main called pthread_exit, a thread lives: WNOHANG gives 0");
	write(to_child[1], &c, 1);
	CHECK(read(to_parent[0], &c, 1) == 1 && c == 'b',
	      "the remaining thread still works: it answers through the pipe");
	CHECK(waitpid(pid, &s, 0) == pid && WIFEXITED(s) && WEXITSTATUS(s) == 0,
	      "when it returns the process exits 0");

	pid = spawn("6");
	tt_sleep_ms(100);
	CHECK_EQ(waitpid(pid, &s, WNOHANG), 0, "second child: alive after main's pthread_exit");
	write(to_child[1], &c, 1);
	CHECK(read(to_parent[0], &c, 1) == 1 && c == 'c', "its thread answers");
	CHECK_EQ(waitpid(pid, &s, 0), pid, "second child: waitpid gives it");
	CHECK_EQ(s, 6 << 8, "its exit(6) is the process's status");
	return tt_done();
}
