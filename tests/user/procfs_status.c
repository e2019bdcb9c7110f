/*
 * procfs_status.c - the values of /proc/PID/status and /proc/PID/stat
 * that Linux makes deterministic: the umask, the signal masks (pending,
 * blocked, ignored, caught; stat's decimal 31-bit forms), the state of
 * a sleeping, stopped and dead child, the thread count, the memory a
 * brk adds, wchan and a zombie's exit code, and which lines a zombie
 * leaves out (its mm and fs are gone).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static char text[8192];

static long read_status(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return read_text(path, text, sizeof(text));
}

/* Field n > 2 (from 1, as proc(5) numbers them) of the stat file at
 * path: fields after the name are counted from its last ')'. */
static unsigned long stat_file_field(const char *path, int n)
{
	char *p;

	if (read_text(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return -1UL;
	for (int i = 2; i < n && p; i++)
		p = strchr(p + 1, ' ');
	return p ? strtoul(p + 1, NULL, 10) : -1UL;
}

/* Field n of /proc/PID/stat: the process's */
static unsigned long stat_field(pid_t pid, int n)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	return stat_file_field(path, n);
}

/* Field n of /proc/PID/task/PID/stat: the thread's own */
static unsigned long task_stat_field(pid_t pid, int n)
{
	char path[48];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, pid);
	return stat_file_field(path, n);
}

/* The number in a "Name:\t   N kB" line of status */
static long status_kb(const char *name)
{
	const char *line = line_of(text, name, 0);

	return *line ? atol(line + strlen(name)) : -1;
}

static void on_signal(int sig)
{
	(void)sig;
}

/* What a harness left ignored or blocked is not ours to check. */
static void reset_signals(void)
{
	sigset_t none;

	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void test_umask(void)
{
	mode_t old = umask(027);

	read_status(getpid());
	CHECK_STR(line_of(text, "Umask:", 0), "Umask:\t0027", "status Umask after umask(027)");
	umask(old);
}

/* A blocked signal sent to the thread (tgkill) stays pending in
 * SigPnd, one sent to the process (kill) in ShdPnd; stat's masks are
 * decimal and keep the low 31 bits only. */
static void test_signal_masks(void)
{
	sigset_t set;

	reset_signals();
	signal(SIGUSR2, on_signal);
	signal(40, on_signal);
	signal(SIGPIPE, SIG_IGN);
	signal(41, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, 42);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	kill(getpid(), SIGHUP);
	read_status(getpid());
	CHECK_STR(line_of(text, "SigPnd:", 0), "SigPnd:\t0000000000000200",
		  "status SigPnd: SIGUSR1 by tgkill, blocked");
	CHECK_STR(line_of(text, "ShdPnd:", 0), "ShdPnd:\t0000000000000001",
		  "status ShdPnd: SIGHUP by kill, blocked");
	CHECK_STR(line_of(text, "SigBlk:", 0), "SigBlk:\t0000020000000201",
		  "status SigBlk: SIGHUP, SIGUSR1 and 42");
	CHECK_STR(line_of(text, "SigIgn:", 0), "SigIgn:\t0000010000001000",
		  "status SigIgn: SIGPIPE and 41");
	CHECK_STR(line_of(text, "SigCgt:", 0), "SigCgt:\t0000008000000800",
		  "status SigCgt: SIGUSR2 and 40");
	CHECK_STR(line_of(text, "Threads:", 0), "Threads:\t1", "status Threads");
	CHECK_EQ(stat_field(getpid(), 31), 0x200, "stat signal: the thread's SIGUSR1 only");
	CHECK_EQ(stat_field(getpid(), 32), 0x201, "stat blocked: 31 bits only");
	CHECK_EQ(stat_field(getpid(), 33), 0x1000, "stat sigignore: 31 bits only");
	CHECK_EQ(stat_field(getpid(), 34), 0x800, "stat sigcatch: 31 bits only");
	CHECK_EQ(stat_field(getpid(), 20), 1, "stat num_threads");
	CHECK_EQ(stat_field(getpid(), 35), 0, "stat wchan: 0 while running");
	signal(SIGUSR1, SIG_IGN);	/* drops the pending ones */
	signal(SIGHUP, SIG_IGN);
	reset_signals();
}

/* A brk of 64 pages adds 256 kB to VmSize and VmData, 262144 bytes to
 * stat's vsize. */
static void test_brk_memory(void)
{
	unsigned long brk0 = syscall(SYS_brk, 0);
	long size, data, vsize;

	read_status(getpid());
	size = status_kb("VmSize:");
	data = status_kb("VmData:");
	vsize = stat_field(getpid(), 23);
	syscall(SYS_brk, brk0 + 64 * 4096);
	read_status(getpid());
	CHECK_EQ(status_kb("VmSize:") - size, 256, "brk of 64 pages: VmSize +256 kB");
	CHECK_EQ(status_kb("VmData:") - data, 256, "brk of 64 pages: VmData +256 kB");
	CHECK_STR(line_of(text, "VmLck:", 0), "VmLck:\t       0 kB", "status VmLck");
	CHECK_STR(line_of(text, "VmPin:", 0), "VmPin:\t       0 kB", "status VmPin");
	CHECK_EQ(stat_field(getpid(), 23) - vsize, 262144, "brk of 64 pages: stat vsize");
	syscall(SYS_brk, brk0);
}

/* A child's State line and stat's wchan as it sleeps, stops, dies. */
static void test_child_states(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	wait_states(&pid, 1, "S");	/* in pause() */
	read_status(pid);
	CHECK_STR(line_of(text, "State:", 0), "State:\tS (sleeping)", "sleeping child: State");
	CHECK_EQ(stat_field(pid, 35), 1, "sleeping child: stat wchan 1");
	kill(pid, SIGSTOP);
	wait_states(&pid, 1, "T");
	CHECK_EQ(stat_field(pid, 52), SIGSTOP,
		 "stopped child, not yet waited for: stat exit_code SIGSTOP");
	CHECK_EQ(task_stat_field(pid, 52), 0, "  the thread's own (task/TID/stat): 0");
	waitpid(pid, &status, WUNTRACED);
	CHECK_EQ(stat_field(pid, 52), 0, "  waited for (WUNTRACED): 0");
	read_status(pid);
	CHECK_STR(line_of(text, "State:", 0), "State:\tT (stopped)", "stopped child: State");
	CHECK_EQ(stat_field(pid, 35), 1, "stopped child: stat wchan 1");
	kill(pid, SIGKILL);
	wait_states(&pid, 1, "Z");
	read_status(pid);
	CHECK_STR(line_of(text, "State:", 0), "State:\tZ (zombie)", "zombie child: State");
	CHECK_STR(line_of(text, "VmSize:", 0), "", "zombie child: no Vm lines");
	CHECK_STR(line_of(text, "Umask:", 0), "", "zombie child: no Umask line");
	CHECK_STR(line_of(text, "FDSize:", 0), "FDSize:\t0", "zombie child: FDSize 0");
	CHECK_STR(line_of(text, "Threads:", 0), "Threads:\t1", "zombie child: Threads");
	CHECK_EQ(stat_field(pid, 52), SIGKILL, "zombie child: stat exit_code SIGKILL");
	CHECK_EQ(stat_field(pid, 23), 0, "zombie child: stat vsize 0");
	waitpid(pid, &status, 0);
	pid = fork_exiting(0, 3);
	wait_states(&pid, 1, "Z");
	CHECK_EQ(stat_field(pid, 52), 3 << 8, "exited child: stat exit_code 3 << 8");
	waitpid(pid, &status, 0);
}

int main(void)
{
	test_umask();
	test_signal_masks();
	test_brk_memory();
	test_child_states();
	return test_done();
}
