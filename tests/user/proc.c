/*
 * proc.c - processes: fork, exit statuses, wait4, signals from faults,
 * sleeping and execve failures.
 *
 * Children never print: they report through their exit status and the
 * parent turns that into a check.
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define NCHILDREN 50

static int deref_null(void)
{
	return *(volatile int *)0;
}

static int do_hlt(void)
{
	__asm__ volatile("hlt");
	return 0;
}

static int do_cli(void)
{
	__asm__ volatile("cli");
	return 0;
}

/* The child dies by a fault; the parent only sees its wait status. */
static void check_killed_by_segv(int (*fn)(void), const char *what)
{
	char buf[128];
	int status = run_child(fn);

	snprintf(buf, sizeof(buf), "%s: WIFSIGNALED", what);
	CHECK(WIFSIGNALED(status), buf);
	snprintf(buf, sizeof(buf), "%s: WTERMSIG is SIGSEGV", what);
	CHECK_EQ(WTERMSIG(status), 11, buf);
}

static void test_ids(void)
{
	pid_t self = getpid();
	int fds[2];
	pid_t seen[2] = { 0, 0 };

	CHECK(self > 0, "getpid is positive");
	CHECK(getppid() != self, "getppid differs from getpid");
	CHECK_EQ(getpid(), self, "getpid is stable");

	/* The child sends its own pid and its parent's pid through a pipe. */
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		pid_t ids[2] = { getpid(), getppid() };
		write(fds[1], ids, sizeof(ids));
		_exit(0);
	}
	CHECK(pid > 0, "fork returns the child's pid to the parent");
	CHECK_EQ(read(fds[0], seen, sizeof(seen)), sizeof(seen),
		 "child reports its ids");
	CHECK_EQ(seen[0], pid, "child's getpid equals fork's return");
	CHECK_EQ(seen[1], self, "child's getppid is the parent");
	CHECK_EQ(waitpid(pid, NULL, 0), pid, "wait4 with a NULL status");
	close(fds[0]);
	close(fds[1]);
}

static int global_value = 1;

static int change_global(void)
{
	global_value = 2;
	return global_value;
}

static void test_fork_copies_memory(void)
{
	int status = run_child(change_global);

	CHECK_EQ(WEXITSTATUS(status), 2, "child sees its own write");
	CHECK_EQ(global_value, 1, "child's write is invisible to the parent");
}

/* Each child exits with a distinct code; the parent reaps in any order. */
static void test_many_children(void)
{
	pid_t pids[NCHILDREN];
	int right = 0, reaped = 0;

	for (int i = 0; i < NCHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i + 100);
	}
	for (;;) {
		int status;
		pid_t pid = wait4(-1, &status, 0, NULL);
		if (pid < 0)
			break;
		reaped++;
		for (int i = 0; i < NCHILDREN; i++)
			if (pids[i] == pid && WIFEXITED(status) &&
			    WEXITSTATUS(status) == i + 100)
				right++;
	}
	CHECK_EQ(reaped, NCHILDREN, "50 children reaped");
	CHECK_EQ(right, NCHILDREN, "each exited with its own code");
	CHECK_EQ(errno, ECHILD, "the loop ended with ECHILD");
}

static int exit_big(void)
{
	return 0x1234;
}

static void test_exit_status(void)
{
	int status = run_child(exit_big);

	CHECK(WIFEXITED(status), "exit(0x1234): WIFEXITED");
	CHECK_EQ(WEXITSTATUS(status), 0x34, "exit status keeps the low 8 bits");
	CHECK_HEX(status, 0x3400, "raw wait status");
}

static void test_wnohang(void)
{
	int fds[2], status = -1;
	char c;

	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1));	/* blocks until EOF */
	}
	close(fds[0]);
	CHECK_EQ(wait4(pid, &status, WNOHANG, NULL), 0,
		 "wait4 WNOHANG on a running child returns 0");
	close(fds[1]);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid, "then the child is reaped");
	CHECK_HEX(status, 0, "child saw EOF and exited 0");
	CHECK_ERR(wait4(pid, &status, WNOHANG, NULL), ECHILD,
		  "wait4 on a reaped pid");
}

static void test_sleep(void)
{
	struct timespec t0, t1, req = { 0, 10 * 1000 * 1000 };

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t0), 0, "clock_gettime");
	CHECK_EQ(nanosleep(&req, NULL), 0, "nanosleep 10 ms");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK((t1.tv_sec - t0.tv_sec) * 1000000000LL + t1.tv_nsec - t0.tv_nsec >=
		      10 * 1000 * 1000,
	      "nanosleep slept at least 10 ms");
	req.tv_nsec = 1000000000;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL, "nanosleep tv_nsec 1e9");
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL, "nanosleep tv_sec -1");
	CHECK_EQ(syscall(__NR_sched_yield), 0, "sched_yield returns 0");
}

static void test_execve_errors(void)
{
	char *argv[] = { "missing", NULL };
	char *envp[] = { NULL };

	CHECK_ERR(execve("/nonexistent-pollux", argv, envp), ENOENT,
		  "execve of a missing file");
	CHECK_ERR(execve(bad_addr(1), argv, envp), EFAULT,
		  "execve with a bad path pointer");
	CHECK_ERR(execve("/", argv, envp), EACCES, "execve of a directory");
}

int main(void)
{
	CHECK_ERR(wait4(-1, NULL, 0, NULL), ECHILD, "wait4 with no children");
	test_ids();
	test_fork_copies_memory();
	test_many_children();
	test_exit_status();
	test_wnohang();
	check_killed_by_segv(deref_null, "null dereference");
	check_killed_by_segv(do_hlt, "hlt in user mode");
	check_killed_by_segv(do_cli, "cli in user mode");
	test_sleep();
	test_execve_errors();
	return test_done();
}
