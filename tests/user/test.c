/*
 * test.c - the framework behind test.h.
 *
 * Every line is built in a buffer and written with a single write(), so a
 * line is never split or interleaved, and nothing waits in a stdio buffer
 * when a test forks or exits.
 */
/* strerrorname_np() in glibc, for the host-built unit tests */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static int test_num;	/* number of the last check printed */
static int test_failed;

static void emit(int ok, const char *what, const char *detail)
{
	char line[512];
	int n;

	test_num++;
	if (ok)
		n = snprintf(line, sizeof(line), "ok %d - %s\n", test_num, what);
	else
		n = snprintf(line, sizeof(line), "not ok %d - %s (%s)\n",
			     test_num, what, detail);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (!ok)
		test_failed++;
	write(1, line, n);
}

void test_check(int ok, const char *what)
{
	emit(ok, what, "got false, want true");
}

void test_check_eq(long long got, long long want, const char *what)
{
	char detail[96];

	snprintf(detail, sizeof(detail), "got %lld, want %lld", got, want);
	emit(got == want, what, detail);
}

void test_check_hex(long long got, long long want, const char *what)
{
	char detail[96];

	snprintf(detail, sizeof(detail), "got 0x%llx, want 0x%llx", got, want);
	emit(got == want, what, detail);
}

void test_check_err(long long ret, int got_errno, int want_errno,
		    const char *what)
{
	char detail[160];

	snprintf(detail, sizeof(detail),
		 "got ret=%lld errno=%d(%s), want -1 errno=%d(%s)", ret,
		 got_errno, errno_name(got_errno), want_errno,
		 errno_name(want_errno));
	emit(ret == -1 && got_errno == want_errno, what, detail);
}

void test_check_str(const char *got, const char *want, const char *what)
{
	char detail[256];

	snprintf(detail, sizeof(detail), "got \"%s\", want \"%s\"",
		 got ? got : "(null)", want);
	emit(got && strcmp(got, want) == 0, what, detail);
}

void test_check_mem(const void *got, const void *want, unsigned long n,
		    const char *what)
{
	const unsigned char *g = got, *w = want;
	char detail[96] = "";
	unsigned long i = 0;

	while (i < n && g[i] == w[i])
		i++;
	if (i < n)
		snprintf(detail, sizeof(detail),
			 "got 0x%02x at offset %lu, want 0x%02x", g[i], i,
			 w[i]);
	emit(i == n, what, detail);
}

int test_done(void)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%d passed, %d failed\n",
			 test_num - test_failed, test_failed);

	write(1, line, n);
	return test_failed ? 1 : 0;
}

void *bad_addr(unsigned long addr)
{
	return (void *)addr;
}

long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

long set_fd_limit(unsigned long soft)
{
	/* Linux: struct rlimit64 in include/uapi/linux/resource.h */
	struct { unsigned long long cur, max; } lim;
	const int rlimit_nofile = 7;
	long ret = syscall(__NR_prlimit64, 0, rlimit_nofile, NULL, &lim);

	if (ret < 0)
		return ret;
	lim.cur = soft;
	return syscall(__NR_prlimit64, 0, rlimit_nofile, &lim, NULL);
}

/* errno's name from libc; "0" and "E?" keep the output of old checks. */
const char *errno_name(int e)
{
	if (e == 0)
		return "0";
	return strerrorname_np(e) ? strerrorname_np(e) : "E?";
}

void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

int run_child(int (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

static int to_child[2], to_parent[2];	/* lockstep_fork()'s pipes */

pid_t lockstep_fork(void)
{
	pipe(to_child);
	pipe(to_parent);
	return fork();
}

void child_turn(void)
{
	char c = 0;

	write(to_parent[1], &c, 1);
	read(to_child[0], &c, 1);
}

void parent_turn(void)
{
	char c = 0;

	read(to_parent[0], &c, 1);
}

void parent_done(void)
{
	char c = 0;

	write(to_child[1], &c, 1);
}

int lockstep_wait(pid_t pid)
{
	int status = -1;

	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

int run_exec_check(const char *self, int a, int b, void (*before)(void))
{
	char sa[12], sb[12];
	char *argv[] = { (char *)self, "exec-check", sa, sb, NULL };
	char *envp[] = { NULL };
	int status = -1;
	pid_t pid;

	snprintf(sa, sizeof(sa), "%d", a);
	snprintf(sb, sizeof(sb), "%d", b);
	pid = fork();
	if (pid == 0) {
		if (before)
			before();
		execve(self, argv, envp);
		_exit(100);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

pid_t fork_exiting(int ms, int code)
{
	pid_t pid = fork();

	if (pid == 0) {
		sleep_ms(ms);
		_exit(code);
	}
	return pid;
}

void arm_alarm(int ms, int flags, void (*handler)(int))
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, ms % 1000 * 1000 } };

	set_handler(SIGALRM, handler, flags);
	setitimer(ITIMER_REAL, &it, NULL);
}

int read_fdinfo(int fd, char *buf, int size)
{
	char path[64];
	int f, n;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY);
	if (f < 0)
		return -1;
	n = read(f, buf, size - 1);
	close(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

long read_text(const char *path, char *buf, long size)
{
	int f = open(path, O_RDONLY);
	long len = 0, n;

	if (f < 0)
		return -1;
	while ((n = read(f, buf + len, size - 1 - len)) > 0)
		len += n;
	close(f);
	buf[len] = '\0';
	return len;
}

const char *line_of(const char *text, const char *prefix, int nth)
{
	static char line[256];
	const char *p = text;

	line[0] = '\0';
	while ((p = strstr(p, prefix))) {
		if ((p == text || p[-1] == '\n') && nth-- == 0) {
			size_t n = strcspn(p, "\n");

			n = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
			memcpy(line, p, n);
			line[n] = '\0';
			return line;
		}
		p++;
	}
	return line;
}

const char *maps_perms(const void *addr)
{
	static char text[16384], perms[5];
	unsigned long a = (unsigned long)addr, start, end;
	char *p = text, *q;

	perms[0] = '\0';
	if (read_text("/proc/self/maps", text, sizeof(text)) < 0)
		return perms;
	for (; *p; p = *q ? q + 1 : q) {
		q = p + strcspn(p, "\n");
		start = strtoul(p, &p, 16);
		end = strtoul(p + 1, &p, 16);
		if (start <= a && a < end && q - p > 4) {
			memcpy(perms, p + 1, 4);
			perms[4] = '\0';
			break;
		}
	}
	return perms;
}
