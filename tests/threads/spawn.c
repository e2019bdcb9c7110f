/*
 * spawn: posix_spawn, which musl and glibc build on clone(CLONE_VM |
 * CLONE_VFORK): the parent sleeps until the child has exec'd (or
 * failed to).  The spawned program (this one, with arguments) answers
 * through a pipe dup'ed onto its stdout by a file action and exits with
 * a chosen status; a spawn attribute's signal mask reaches it; a path
 * that does not exist gives ENOENT from posix_spawn itself, and the
 * failed child is already reaped; a spawn from a non-main thread works
 * like one from main.
 */
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

extern char **environ;
static char *self;

/* The spawned side: argv = self child CODE. */
static int child(int code)
{
	sigset_t m;

	sigprocmask(SIG_BLOCK, NULL, &m);
	printf("spawned child %d, SIGUSR1 %s\n", code,
	       sigismember(&m, SIGUSR1) ? "blocked" : "not blocked");
	return code;
}

struct result {
	int err, status;
	char line[64];
};

/* Spawns self child CODE with stdout on a pipe; fills r. */
static void spawn_one(const char *code, const sigset_t *mask, struct result *r)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	char *argv[] = { self, "child", (char *)code, NULL };
	int fds[2];
	pid_t pid;
	ssize_t n;

	pipe(fds);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawnattr_init(&at);
	if (mask) {
		posix_spawnattr_setsigmask(&at, mask);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	}
	r->err = posix_spawn(&pid, self, &fa, &at, argv, environ);
	close(fds[1]);
	n = read(fds[0], r->line, sizeof(r->line) - 1);
	r->line[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	r->status = -1;
	if (r->err == 0)
		waitpid(pid, &r->status, 0);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
}

static void *from_thread(void *arg)
{
	spawn_one("9", NULL, arg);
	return NULL;
}

int main(int argc, char **argv)
{
	struct result r;
	sigset_t m;
	pthread_t t;

	self = argv[0];
	if (argc == 3)
		return child(atoi(argv[2]));

	spawn_one("5", NULL, &r);
	CHECK_EQ(r.err, 0, "posix_spawn of this program: 0");
	CHECK(!strcmp(r.line, "spawned child 5, SIGUSR1 not blocked\n"),
	      "its line came through the pipe dup'ed onto its stdout");
	CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 5, "it exited 5");

	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	spawn_one("6", &m, &r);
	CHECK(!strcmp(r.line, "spawned child 6, SIGUSR1 blocked\n"),
	      "POSIX_SPAWN_SETSIGMASK: the child starts with SIGUSR1 blocked");

	pid_t pid = 0;
	char *bad[] = { "/no/such/program", NULL };

	CHECK_EQ(posix_spawn(&pid, bad[0], NULL, NULL, bad, environ), ENOENT,
		 "posix_spawn of a missing program: ENOENT from posix_spawn");
	CHECK_ERR(wait(NULL), ECHILD, "... its child already reaped: ECHILD");

	pthread_create(&t, NULL, from_thread, &r);
	pthread_join(t, NULL);
	CHECK(r.err == 0 && !strcmp(r.line, "spawned child 9, SIGUSR1 not blocked\n") &&
	      WIFEXITED(r.status) && WEXITSTATUS(r.status) == 9,
	      "posix_spawn from a non-main thread: same answer, exit 9");
	return tt_done();
}
