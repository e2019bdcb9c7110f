/*
 * test.h - the tiny framework every user test program uses.
 *
 * Each check prints exactly one line with one write():
 *     ok N - what
 *     not ok N - what (got X, want Y)
 * and test_done() prints "P passed, F failed" and returns the exit status.
 * Output never contains pids, addresses or times, so a run inside Pollux can
 * be compared byte for byte with the same program run on Linux.
 *
 * Fork rule: only the parent prints.  A child reports through its exit
 * status (or a pipe) and the parent turns that into a CHECK.
 */
#ifndef TEST_H
#define TEST_H

#include <errno.h>
#include <sys/types.h>

/* Evaluate every argument exactly once, then let test.c judge and print. */
#define CHECK(cond, what) test_check(!!(cond), (what))
#define CHECK_EQ(got, want, what) \
	test_check_eq((long long)(got), (long long)(want), (what))
/* Like CHECK_EQ but prints both values in hex: use it for masks and flags. */
#define CHECK_HEX(got, want, what) \
	test_check_hex((long long)(got), (long long)(want), (what))
/* expr must fail: return -1 with errno == err.  errno is cleared first so a
 * stale value is never mistaken for the call's own. */
#define CHECK_ERR(expr, err, what)                                           \
	do {                                                                 \
		errno = 0;                                                   \
		long long test_ret_ = (long long)(expr);                     \
		test_check_err(test_ret_, errno, (err), (what));             \
	} while (0)
#define CHECK_STR(got, want, what) test_check_str((got), (want), (what))
#define CHECK_MEM(got, want, n, what) \
	test_check_mem((got), (want), (n), (what))

void test_check(int ok, const char *what);
void test_check_eq(long long got, long long want, const char *what);
void test_check_hex(long long got, long long want, const char *what);
void test_check_err(long long ret, int got_errno, int want_errno,
		    const char *what);
void test_check_str(const char *got, const char *want, const char *what);
void test_check_mem(const void *got, const void *want, unsigned long n,
		    const char *what);

/* Print "P passed, F failed"; return 0 iff nothing failed (the exit status). */
int test_done(void);

/* A pointer to addr that the compiler cannot see through, so passing a bad
 * address such as 1 or 0xffff800000000000 to a syscall draws no warning. */
void *bad_addr(unsigned long addr);

/* Set the soft RLIMIT_NOFILE (with raw prlimit64, keeping the hard limit),
 * so fd-limit tests see Linux's default of 1024 whatever the host's shell
 * set.  Returns prlimit64's result. */
long set_fd_limit(unsigned long soft);

/* sigaction(sig) with handler fn (or SIG_DFL, SIG_IGN), sa_flags flags
 * and an empty sa_mask. */
void set_handler(int sig, void (*fn)(int), int flags);

/* Runs fn in a child process, which exits with fn's return value;
 * returns the child's wait status (-1 if fork failed). */
int run_child(int (*fn)(void));

/* A child runs before() (if not NULL), then execs self with the argv
 * { self, "exec-check", "A", "B" } (the numbers of fds a and b), so
 * the program's main checks what the exec kept; returns the child's
 * wait status (exit 100: execve failed). */
int run_exec_check(const char *self, int a, int b, void (*before)(void));

/* A parent and one child taking turns, over two pipes.  lockstep_fork()
 * forks (0 in the child, as fork); the child runs first: child_turn()
 * ends its turn and waits for the parent's end (parent_done()), which
 * the parent starts with parent_turn() (waiting for the child's end).
 * lockstep_wait() closes the pipes and waits: the child's exit code,
 * or 100 + the signal that killed it. */
pid_t lockstep_fork(void);
void child_turn(void);
void parent_turn(void);
void parent_done(void);
int lockstep_wait(pid_t pid);

/* Forks a child that sleeps ms milliseconds, then exits with code;
 * returns its pid (-1 if fork failed). */
pid_t fork_exiting(int ms, int code);

/* Timing helpers for timeout checks: CLOCK_MONOTONIC in nanoseconds, and a
 * nanosleep of ms milliseconds (the child side of "wake me later" tests). */
long long monotonic_ns(void);
void sleep_ms(long ms);

/* "EBADF" for EBADF; "E?" for a number the table does not know. */
const char *errno_name(int e);

/* SIGALRM's handler set with sa_flags flags, and ITIMER_REAL armed to
 * fire once in ms milliseconds (a signal into a blocked call). */
void arm_alarm(int ms, int flags, void (*handler)(int));

/* /proc/self/fdinfo/fd read into buf (size bytes with the NUL); the
 * bytes read, or -1 if it cannot be opened. */
int read_fdinfo(int fd, char *buf, int size);

/* The whole file at path read into buf (size bytes with the NUL), in as
 * many reads as it takes; its length, or -1 if it cannot be opened. */
long read_text(const char *path, char *buf, long size);

/* The nth line of text (from 0) that starts with prefix, without its
 * newline, in a static buffer; "" if there is none. */
const char *line_of(const char *text, const char *prefix, int nth);

/* The permissions ("rw-p", "r--s"...) of the /proc/self/maps line
 * whose range holds addr, in a static buffer; "" if none does. */
const char *maps_perms(const void *addr);

#endif
