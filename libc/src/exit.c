/* Ending the process: exit, abort, and the assert failure path. */
#include <assert.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* stdio keeps no buffers and there is no atexit(): nothing to run first. */
void exit(int status)
{
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}

/* Die by SIGABRT even if the program catches or blocks it. */
void abort(void)
{
	sigset_t set;

	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
	abort();
}
