/*
 * runner.c - init (pid 1) for a Pollux test boot.
 *
 * For each name in argv[1..], runs /usr/tests/<name> (or, after "-C DIR",
 * DIR/<name>) as a child and brackets its output:
 *     ### BEGIN <name>
 *     ...whatever the test writes to fd 1 and 2...
 *     ### END <name> <raw wait status in decimal>
 * and ends with "### DONE".  tools/run-tests --pollux-log reads this.  With
 * no arguments it prints "### DONE" at once: the boot command names the
 * tests, so the list lives in one place (the Makefile).
 *
 * Each line is one write(), so the markers never mix with a test's lines.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run one test and return its raw wait status (-1 if fork failed). */
static int run_test(const char *dir, const char *name, char **envp)
{
	char path[256];
	char *argv[] = { path, NULL };
	int status = -1;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, envp);
		dprintf(2, "runner: cannot execute %s\n", path);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* As pid 1 we also inherit the test's orphans: reap the dead ones. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return status;
}

int main(int argc, char **argv, char **envp)
{
	const char *dir = "/usr/tests";
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "-C")) {
		dir = argv[2];
		i = 3;
	}
	for (; i < argc; i++) {
		dprintf(1, "### BEGIN %s\n", argv[i]);
		dprintf(1, "### END %s %d\n", argv[i], run_test(dir, argv[i], envp));
	}
	dprintf(1, "### DONE\n");
	return 0;
}
