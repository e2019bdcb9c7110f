/*
 * exec_empty_argv.c - execve with a NULL argv or envp, as Linux: a NULL
 * envp is an empty environment; a NULL (or empty) argv gives the new
 * program one empty string as argv[0], so that argc is never 0 (Linux
 * 5.18 and later: fs/exec.c do_execveat_common()).  The program execs
 * itself; the copy reports argc, argv[0]'s length and the number of
 * environment strings in its exit status.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static int count(char **v)
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* The exec'd copy: exit status 100 + 16 * argc + envc (argv[0] "" or
 * absent), or 10 + 16 * argc + envc when run with "--child". */
static int report(int argc, char **argv, char **envp)
{
	int base = argc > 0 && argv[0][0] ? 10 : 100;

	return base + 16 * argc + count(envp);
}

/* The exit status of path exec'd with argv and envp in a child. */
static int exec_status(const char *path, char *const argv[], char *const envp[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv, char **envp)
{
	char *args[] = { argv[0], "--child", NULL }, *none[] = { NULL };
	char *env[] = { "A=1", "B=2", NULL };

	if (argc != 1 || !argv[0][0])
		return report(argc, argv, envp);
	CHECK_EQ(exec_status(argv[0], args, env), 10 + 32 + 2,
		 "execve with argv and envp: argc 2, two variables");
	CHECK_EQ(exec_status(argv[0], args, NULL), 10 + 32,
		 "a NULL envp: an empty environment");
	CHECK_EQ(exec_status(argv[0], NULL, env), 100 + 16 + 2,
		 "a NULL argv: argc 1, argv[0] the empty string");
	CHECK_EQ(exec_status(argv[0], none, NULL), 100 + 16,
		 "an empty argv: the same");
	CHECK_EQ(exec_status(argv[0], NULL, NULL), 100 + 16,
		 "both NULL");
	return test_done();
}
