/*
 * threads_clone.c - threads made with clone(2) as pthread_create makes
 * them (CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM, a new stack, the tid
 * words), without a threads library: ids (getpid is the process's,
 * gettid the thread's), what the flags share, the tid words, TLS,
 * exit of one thread against exit_group, a leader that exits first,
 * wait4 (processes, not threads), process- and thread-directed
 * signals, a group stop, execve and fork from a thread, CLONE_VFORK.
 * Each case runs in a child process, which reports by its exit status.
 * Linux: kernel/fork.c, kernel/exit.c, kernel/signal.c, fs/exec.c.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "test.h"
#include "thread_util.h"

static char stacks[4][THREAD_STACK] __attribute__((aligned(16)));
#define STACK(i) (stacks[i] + THREAD_STACK)
static const char *self;

/* Thread ids and the tid words, seen from both sides. */
static volatile int ctid, ptid, seen_ctid;
static volatile long t_pid, t_tid, t_ppid;

static int ids_thread(void *arg)
{
	(void)arg;
	seen_ctid = ctid;
	t_pid = getpid();
	t_tid = raw_gettid();
	t_ppid = getppid();
	return 0;
}

/* Waits until a CHILD_CLEARTID word is cleared by the thread's exit. */
static void join(volatile int *tid)
{
	while (*tid)
		sleep_ms(1);
}

/* A thread on stack 0 with ctid as its CHILD_CLEARTID word (join(&ctid)
 * waits for it); extra flags and tls as clone takes them. */
static long start_thread(unsigned long extra, unsigned long tls,
			 int (*fn)(void *))
{
	ctid = 1;
	return thread_clone(PTHREAD_FLAGS | CLONE_CHILD_CLEARTID | extra,
			    STACK(0), (int *)&ptid, (int *)&ctid, tls, fn, NULL);
}

static void ids(void)
{
	long tid;

	tid = start_thread(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID, 0, ids_thread);

	CHECK(tid > 0 && tid != getpid(), "a thread: clone returns its tid, not the pid");
	join(&ctid);
	CHECK(ptid == tid, "  CLONE_PARENT_SETTID wrote the tid");
	CHECK(seen_ctid == tid, "  CLONE_CHILD_SETTID wrote it before the thread ran");
	CHECK(t_pid == getpid(), "  getpid in the thread: the process's");
	CHECK(t_tid == tid, "  gettid in the thread: its own");
	CHECK(t_ppid == getppid(), "  getppid in the thread: the process's parent");
	CHECK_EQ(ctid, 0, "  CLONE_CHILD_CLEARTID: 0 at the thread's exit");
	CHECK_EQ(raw_gettid(), getpid(), "  the first thread's tid is the pid");
}

static volatile int fds[2];

/* The soft RLIMIT_NOFILE (raw prlimit64 on this process). */
static unsigned long long nofile_limit(void)
{
	struct { unsigned long long cur, max; } lim = { 0, 0 };

	syscall(SYS_prlimit64, 0, 7 /* RLIMIT_NOFILE */, NULL, &lim);
	return lim.cur;
}

static int share_thread(void *arg)
{
	(void)arg;
	pipe((int *)fds);
	umask(077);
	set_fd_limit(100);
	chdir("/proc");
	return 0;
}

/* What CLONE_FILES and CLONE_FS share, and a CLONE_VM process without
 * them does not. */
static int sharing_child(void)
{
	char cwd[256], start[256];
	int ok = 0;

	getcwd(start, sizeof(start));
	start_thread(0, 0, share_thread);
	join(&ctid);
	ok |= fcntl(fds[0], F_GETFD) == 0 ? 1 : 0;
	ok |= umask(022) == 077 ? 2 : 0;
	ok |= nofile_limit() == 100 ? 16 : 0;	/* limits are the process's */
	ok |= getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/proc") ? 32 : 0;
	set_fd_limit(1024);
	chdir(start);
	/* a process sharing only the memory: the pipe and umask stay its own */
	ok |= (waitpid(thread_clone(CLONE_VM | SIGCHLD, STACK(1), NULL, NULL, 0,
				    share_thread, NULL), NULL, 0) > 0) ? 4 : 0;
	ok |= fcntl(fds[1] + 1, F_GETFD) == -1 && umask(022) == 022 &&
	      nofile_limit() == 1024 && getcwd(cwd, sizeof(cwd)) &&
	      !strcmp(cwd, start) ? 8 : 0;
	return ok;
}

static void sharing(void)
{
	int status = run_child(sharing_child);

	CHECK_HEX(status, 63 << 8, "CLONE_FILES and CLONE_FS share the fds, umask and cwd, threads the limits; CLONE_VM alone none");
}

static volatile unsigned long t_fs;
static char tls_block[64];

static int tls_thread(void *arg)
{
	unsigned long fs = 0;

	(void)arg;
	syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs);
	t_fs = fs;
	return 0;
}

static void tls(void)
{
	start_thread(CLONE_SETTLS, (unsigned long)tls_block, tls_thread);
	join(&ctid);
	CHECK(t_fs == (unsigned long)tls_block, "CLONE_SETTLS: the thread's fs base");
}

static int sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
	return 0;
}

/* wait4 sees processes: a thread is not a child. */
static int wait_child(void)
{
	thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0, sleeper, NULL);
	errno = 0;
	return waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD ? 3 : 1;
}

static int exit_group_thread(void *arg)
{
	(void)arg;
	sleep_ms(20);
	syscall(SYS_exit_group, 7);
	return 0;
}

/* exit_group in a thread ends the sleeping main thread too. */
static int exit_group_child(void)
{
	thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0, exit_group_thread, NULL);
	for (;;)
		pause();
	return 0;
}

/* The state letter in /proc/PID/task/TID/stat, 0 if there is none. */
static char thread_state(pid_t pid, const char *tid)
{
	char path[64], buf[256], *p;
	int fd, len;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", pid, tid);
	fd = open(path, O_RDONLY);
	len = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[len > 0 ? len : 0] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* How many threads of process pid are in state c. */
static int threads_in_state(pid_t pid, char c)
{
	char path[64];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.' && thread_state(pid, e->d_name) == c;
	if (d)
		closedir(d);
	return n;
}

/* Returns once n threads of pid are in state c (after 5 s in any case):
 * no sleep-and-hope, whatever the load. */
static void until_threads_in_state(pid_t pid, char c, int n)
{
	for (int i = 0; i < 5000 && threads_in_state(pid, c) < n; i++)
		sleep_ms(1);
}

/* The thread of leader_first_child waits for EOF on hold[0]. */
static int hold[2];

static int exit_thread(void *arg)
{
	char c;

	while (read(hold[0], &c, 1) < 0 && errno == EINTR)
		;
	if (arg)
		syscall(SYS_exit_group, 5);
	return 3;
}

/* The leader exits first (exit(2), not exit_group); the process lives
 * on in its thread. */
static int leader_first_child(void *how)
{
	close(hold[1]);
	thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0, exit_thread, how);
	syscall(SYS_exit, 9);
	return 0;
}

static int leader_exit_then_exit(void) { return leader_first_child(NULL); }
static int leader_exit_then_group(void) { return leader_first_child((void *)1); }

static void leader_first(int (*fn)(void), int want, const char *what)
{
	char leader[16];
	int status = -1;
	pid_t pid;

	pipe(hold);
	pid = fork();
	if (pid == 0)
		_exit(fn());
	close(hold[0]);
	snprintf(leader, sizeof(leader), "%d", pid);
	for (int i = 0; i < 5000 && thread_state(pid, leader) != 'Z'; i++)
		sleep_ms(1);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0, what);
	CHECK_EQ(thread_state(pid, leader), 'Z', "  the leader is a zombie (Z)");
	CHECK_EQ(kill(pid, 0), 0, "  the process is still there");
	close(hold[1]);		/* the thread goes on */
	CHECK_EQ(waitpid(pid, &status, 0), pid, "  reaped when its last thread exits");
	CHECK_HEX(status, want, "  its status");
}

static void exits(void)
{
	CHECK_HEX(run_child(wait_child), 3 << 8, "wait4 with only a thread besides: ECHILD");
	CHECK_HEX(run_child(exit_group_child), 7 << 8,
		  "exit_group in a thread: the process exits with its code");
	leader_first(leader_exit_then_exit, 3 << 8,
		     "leader exit(9), then the thread's exit(3): not yet reapable");
	/* the last thread's exit(3) is the process's status (Linux 5.19 on) */
	leader_first(leader_exit_then_group, 5 << 8,
		     "leader exit(9), then the thread's exit_group(5)");
}

static volatile long handler_tid;
static volatile int handled;

static void on_usr(int sig)
{
	(void)sig;
	handler_tid = raw_gettid();
	handled = 1;
}

/* The thread unblocks what its creator blocks. */
static int wait_handled(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	while (!handled)
		sleep_ms(1);
	return 0;
}

/* kill() goes to a thread that does not block the signal; tgkill() to
 * the thread named, blocked or not. */
static void signals(void)
{
	sigset_t usr1, pending;
	long tid;

	set_handler(SIGUSR1, on_usr, 0);
	set_handler(SIGUSR2, on_usr, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigaddset(&usr1, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	tid = start_thread(0, 0, wait_handled);
	kill(getpid(), SIGUSR1);
	join(&ctid);
	CHECK(handled && handler_tid == tid,
	      "kill: the thread that does not block SIGUSR1 runs the handler");

	handled = 0;
	tid = start_thread(0, 0, wait_handled);
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
	sleep_ms(20);
	CHECK_EQ(handled, 0, "tgkill to the main thread, which blocks SIGUSR2: no handler");
	sigpending(&pending);
	CHECK(sigismember(&pending, SIGUSR2), "  pending for the main thread");
	syscall(SYS_tgkill, getpid(), tid, SIGUSR2);
	join(&ctid);
	CHECK(handled && handler_tid == tid, "tgkill to the thread: its handler runs there");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	CHECK_EQ(handler_tid, getpid(), "  unblocked, the main thread's SIGUSR2 runs");
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

static volatile long sleeper_tid;

/* A fatal signal to one thread ends the process. */
static int fatal_child(void)
{
	sleeper_tid = thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0,
				   sleeper, NULL);
	syscall(SYS_tgkill, getpid(), sleeper_tid, SIGTERM);
	for (;;)
		pause();
	return 0;
}

static int sleepers_child(void)
{
	thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0, sleeper, NULL);
	thread_clone(PTHREAD_FLAGS, STACK(1), NULL, NULL, 0, sleeper, NULL);
	for (;;)
		pause();
	return 0;
}

/* SIGSTOP stops every thread, SIGCONT resumes them: one report each. */
static void group_signals(void)
{
	pid_t pid;
	int status = 0;

	CHECK_HEX(run_child(fatal_child), SIGTERM,
		  "tgkill SIGTERM to a thread: the whole process is killed");
	pid = fork();
	if (pid == 0)
		_exit(sleepers_child());
	until_threads_in_state(pid, 'S', 3);
	kill(pid, SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid, "SIGSTOP to a process of three threads");
	CHECK_HEX(status, (SIGSTOP << 8) | 0x7f, "  reported stopped once");
	CHECK_EQ(threads_in_state(pid, 'T'), 3, "  once reported, all three threads stopped (T)");
	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0, "  no second report");
	kill(pid, SIGCONT);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid, "SIGCONT");
	CHECK_HEX(status, 0xffff, "  reported continued");
	kill(pid, SIGKILL);
	CHECK_EQ(waitpid(pid, &status, 0), pid, "SIGKILL");
	CHECK_HEX(status, SIGKILL, "  kills all three");
}

static char pid_arg[16];

static int exec_thread(void *arg)
{
	char *argv[] = { (char *)self, "exec-thread", pid_arg, NULL };
	char *envp[] = { NULL };

	(void)arg;
	execve(self, argv, envp);
	return 100;
}

/* execve in a thread: the other threads go, the program runs as the
 * process (pid and tid the process id). */
static int exec_child(void)
{
	snprintf(pid_arg, sizeof(pid_arg), "%d", getpid());
	thread_clone(PTHREAD_FLAGS, STACK(0), NULL, NULL, 0, exec_thread, NULL);
	for (;;)
		pause();
	return 0;
}

static int fork_thread(void *arg)
{
	pid_t pid = fork();

	(void)arg;
	if (pid == 0)
		_exit(getpid() == raw_gettid() ? 4 : 1);
	return 0;
}

/* fork in a thread copies that thread only; the main thread waits for
 * the child its thread forked. */
static int fork_child(void)
{
	int status = 0;

	start_thread(0, 0, fork_thread);
	join(&ctid);
	if (waitpid(-1, &status, 0) <= 0)
		return 1;
	return WEXITSTATUS(status);
}

static void exec_fork(void)
{
	CHECK_HEX(run_child(exec_child), 42 << 8,
		  "execve in a thread: the new program has the pid, one thread");
	CHECK_HEX(run_child(fork_child), 4 << 8,
		  "fork in a thread: a process, waited for by the main thread");
}

static volatile int vfork_mark;

static int vfork_fn(void *arg)
{
	(void)arg;
	sleep_ms(30);
	vfork_mark = 5;
	return 6;
}

/* CLONE_VFORK: clone returns once the child has exited. */
static void vfork_clone(void)
{
	int status = 0;
	long pid = thread_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, STACK(0),
				NULL, NULL, 0, vfork_fn, NULL);

	CHECK_EQ(vfork_mark, 5, "CLONE_VM|CLONE_VFORK: the parent sleeps until the child exits");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "  the child is a process");
	CHECK_HEX(status, 6 << 8, "  its status");
}

static int started[2];	/* the vfork child writes a byte here */

/* The vfork child says it runs, then waits for EOF on hold[0], which
 * comes once the test has seen its parent killed. */
static int slow_child(void *arg)
{
	char c;

	(void)arg;
	close(hold[1]);
	write(started[1], "x", 1);
	while (read(hold[0], &c, 1) < 0 && errno == EINTR)
		;
	return 0;
}

static int vfork_parent(void)
{
	thread_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, STACK(1), NULL, NULL, 0,
		     slow_child, NULL);
	return 0;
}

/* The parent's sleep is killable: SIGKILL ends it while its child still
 * runs (the child ends only when the test closes hold[1]). */
static void vfork_killed(void)
{
	int status = 0;
	pid_t pid;
	char c;

	pipe(hold);
	pipe(started);
	pid = fork();
	if (pid == 0)
		_exit(vfork_parent());
	close(hold[0]);
	close(started[1]);
	read(started[0], &c, 1);
	kill(pid, SIGKILL);
	CHECK_EQ(waitpid(pid, &status, 0), pid,
		 "CLONE_VFORK: the sleeping parent is reaped while its child runs");
	CHECK_HEX(status, SIGKILL, "  SIGKILL ended its sleep");
	close(hold[1]);
	close(started[0]);
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "exec-thread"))
		return getpid() == atoi(argv[2]) && raw_gettid() == getpid() ? 42 : 1;
	ids();
	sharing();
	tls();
	exits();
	signals();
	group_signals();
	exec_fork();
	vfork_clone();
	vfork_killed();
	return test_done();
}
