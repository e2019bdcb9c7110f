/*
 * sigaltstack(2): a handler with SA_ONSTACK runs on the alternate stack,
 * sees itself there (SS_ONSTACK) and may not change it (EPERM); the
 * classic use, catching a stack overflow's SIGSEGV, works; argument
 * errors in Linux's order.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

static char altstack[65536];
static volatile int on_alt, flags_inside, change_err;

static void on_usr1(int sig)
{
	char here;
	stack_t ss, now;

	(void)sig;
	on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
	sigaltstack(NULL, &now);
	flags_inside = now.ss_flags;
	memset(&ss, 0, sizeof(ss));
	ss.ss_flags = SS_DISABLE;
	change_err = sigaltstack(&ss, NULL) < 0 ? errno : 0;
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(42);
}

/* Recurses until the stack runs out (the flag only hides that from the
 * compiler's infinite-recursion warning). */
static volatile int forever = 1;

static int recurse(volatile char *p)
{
	volatile char buf[4096];

	buf[0] = p ? p[0] + 1 : 0;
	if (!forever)
		return 0;
	return recurse(buf) + buf[1];
}

int main(void)
{
	stack_t ss, old;
	int status;

	CHECK_EQ(sigaltstack(NULL, &old), 0, "sigaltstack(NULL, &old)");
	CHECK_EQ(old.ss_flags, SS_DISABLE, "  none at first: SS_DISABLE");
	CHECK_EQ(old.ss_size, 0, "  size 0");
	ss.ss_sp = altstack;
	ss.ss_size = MINSIGSTKSZ - 1;
	ss.ss_flags = 0;
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM, "smaller than MINSIGSTKSZ");
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 5;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL, "bad flags");
	CHECK_ERR(sigaltstack(bad_addr(1), NULL), EFAULT, "bad pointer");
	ss.ss_flags = 0;
	CHECK_EQ(sigaltstack(&ss, NULL), 0, "install a 64 KiB altstack");
	CHECK_EQ(sigaltstack(NULL, &old), 0, "read it back");
	CHECK(old.ss_sp == altstack && old.ss_size == sizeof(altstack), "  same sp and size");
	CHECK_EQ(old.ss_flags, 0, "  flags 0 (not on it)");

	set_handler(SIGUSR1, on_usr1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK_EQ(on_alt, 1, "SA_ONSTACK handler runs on the altstack");
	CHECK_EQ(flags_inside, SS_ONSTACK, "  and sees SS_ONSTACK");
	CHECK_EQ(change_err, EPERM, "  changing it there: EPERM");
	set_handler(SIGUSR1, on_usr1, 0);
	raise(SIGUSR1);
	CHECK_EQ(on_alt, 0, "without SA_ONSTACK: the normal stack");

	if (fork() == 0) {	/* a stack overflow, caught on the altstack */
		set_handler(SIGSEGV, on_segv, SA_ONSTACK);
		recurse(NULL);
		_exit(1);
	}
	wait(&status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "stack overflow: the SIGSEGV handler ran on the altstack");
	return test_done();
}
