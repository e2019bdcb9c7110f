/*
 * clone_flags.c - the flag combinations clone(2) and clone3(2) refuse,
 * with Linux's errno, before any task is made; clone3's size rules
 * (EINVAL below version 0, E2BIG above a page or with non-zero bytes
 * past the known struct).  Linux: kernel/fork.c copy_process(),
 * clone3_args_valid(), copy_clone_args_from_user().
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_DETACHED		0x00400000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_CLEAR_SIGHAND	0x100000000ULL

struct clone_args {
	unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal;
	unsigned long long stack, stack_size, tls, set_tid, set_tid_size;
	unsigned long long cgroup;
};

static long raw_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

static const struct {
	unsigned long flags;
	const char *what;
} bad_clone[] = {
	{ CLONE_THREAD, "CLONE_THREAD alone" },
	{ CLONE_THREAD | CLONE_VM, "CLONE_THREAD without CLONE_SIGHAND" },
	{ CLONE_SIGHAND, "CLONE_SIGHAND without CLONE_VM" },
	{ CLONE_SIGHAND | CLONE_FS | SIGCHLD, "CLONE_SIGHAND|CLONE_FS without CLONE_VM" },
	{ CLONE_FS | CLONE_NEWNS, "CLONE_FS with CLONE_NEWNS" },
	{ CLONE_FS | CLONE_NEWUSER, "CLONE_FS with CLONE_NEWUSER" },
	{ CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID,
	  "CLONE_THREAD with CLONE_NEWPID" },
	{ CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWUSER,
	  "CLONE_THREAD with CLONE_NEWUSER" },
	{ CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, "CLONE_PIDFD with CLONE_DETACHED" },
};

static void clone_table(void)
{
	for (unsigned i = 0; i < sizeof(bad_clone) / sizeof(bad_clone[0]); i++)
		CHECK_ERR(raw_clone(bad_clone[i].flags), EINVAL, bad_clone[i].what);
}

static long clone3(void *args, unsigned long size)
{
	return syscall(SYS_clone3, args, size);
}

/* clone3 with args that differ from a plain fork's in one field. */
static void clone3_bad(struct clone_args a, int err, const char *what)
{
	CHECK_ERR(clone3(&a, sizeof(a)), err, what);
}

static void clone3_table(void)
{
	struct clone_args a = { .exit_signal = SIGCHLD }, b;

	b = a; b.exit_signal = 65;
	clone3_bad(b, EINVAL, "clone3: exit_signal 65");
	b = a; b.exit_signal = 0x111;
	clone3_bad(b, EINVAL, "clone3: exit_signal with bits past CSIGNAL");
	b = a; b.flags = SIGCHLD;
	clone3_bad(b, EINVAL, "clone3: a signal in flags (CSIGNAL)");
	b = a; b.flags = CLONE_DETACHED;
	clone3_bad(b, EINVAL, "clone3: CLONE_DETACHED");
	b = a; b.flags = 1ULL << 40;
	clone3_bad(b, EINVAL, "clone3: an unknown flag");
	b = a; b.flags = CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND;
	clone3_bad(b, EINVAL, "clone3: CLONE_SIGHAND with CLONE_CLEAR_SIGHAND");
	b = a; b.flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
	clone3_bad(b, EINVAL, "clone3: CLONE_THREAD with an exit_signal");
	b = a; b.stack = 0x10000;
	clone3_bad(b, EINVAL, "clone3: a stack without a size");
	b = a; b.stack_size = 4096;
	clone3_bad(b, EINVAL, "clone3: a stack size without a stack");
	b = a; b.set_tid_size = 1;
	clone3_bad(b, EINVAL, "clone3: set_tid_size without set_tid");
	b = a; b.flags = CLONE_THREAD;
	b.exit_signal = 0;
	clone3_bad(b, EINVAL, "clone3: CLONE_THREAD without CLONE_SIGHAND");
}

static void clone3_sizes(void)
{
	static char big[8192];
	struct clone_args a = { .exit_signal = SIGCHLD };

	CHECK_ERR(clone3(&a, 0), EINVAL, "clone3: size 0");
	CHECK_ERR(clone3(&a, 63), EINVAL, "clone3: size 63 (below version 0)");
	CHECK_ERR(clone3(big, 4097), E2BIG, "clone3: size past a page");
	memset(big, 0, sizeof(big));
	big[100] = 1;
	CHECK_ERR(clone3(big, 128), E2BIG, "clone3: a non-zero byte past the struct");
	CHECK_ERR(clone3(bad_addr(1), 64), EFAULT, "clone3: a bad pointer");
}

/* A plain fork through clone3, the smallest size: a child that exits. */
static void clone3_fork(void)
{
	struct clone_args a = { .exit_signal = SIGCHLD };
	int status = 0;
	long pid = clone3(&a, 64);

	if (pid == 0)
		_exit(7);
	CHECK(pid > 0, "clone3 of version 0's size forks");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "  its child is waited for");
	CHECK_EQ(status, 7 << 8, "  and exited with 7");
}

int main(void)
{
	clone_table();
	clone3_table();
	clone3_sizes();
	clone3_fork();
	return test_done();
}
