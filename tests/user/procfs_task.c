/*
 * procfs_task.c - /proc/PID/task: one directory per thread, named by
 * its id, each with its own status, stat and comm; /proc lists
 * processes only, though /proc/TID opens.  A process with one thread
 * has one entry, its pid; with two more (raw clone threads asleep in
 * read), three, in creation order, until they exit.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "thread_util.h"

static char stacks[2][THREAD_STACK] __attribute__((aligned(16)));
static int go[2];
static volatile int ctid[2];

static char text[8192];

/* The names of the numeric entries of the directory at path, joined
 * by ' ', in the order listed */
static const char *numeric_entries(const char *path)
{
	static char names[256];
	DIR *d = opendir(path);
	struct dirent *e;

	names[0] = '\0';
	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
		    strlen(names) + strlen(e->d_name) + 2 < sizeof(names)) {
			strcat(names, names[0] ? " " : "");
			strcat(names, e->d_name);
		}
	if (d)
		closedir(d);
	return names;
}

static void test_one_thread(void)
{
	char path[64], want[64];
	struct stat st;

	CHECK_EQ(dir_type("/proc/self", "task"), DT_DIR, "/proc/self lists task, a directory");
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK_STR(numeric_entries("/proc/self/task"), want,
		  "/proc/self/task: one thread, the pid");
	CHECK_EQ(dir_type("/proc/self/task", ".."), DT_DIR, "/proc/self/task lists ..");
	CHECK(stat("/proc/self/task", &st) == 0 && S_ISDIR(st.st_mode),
	      "stat /proc/self/task: a directory");
	snprintf(path, sizeof(path), "/proc/%d/task/%d", getpid(), getpid());
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0555,
	      "stat /proc/PID/task/TID: dr-xr-xr-x");
	CHECK_EQ(dir_type(path, "stat"), DT_REG, "task/TID lists stat");
	CHECK_EQ(dir_type(path, "status"), DT_REG, "task/TID lists status");
	CHECK_EQ(dir_type(path, "comm"), DT_REG, "task/TID lists comm");
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", getpid());
	read_text(path, text, sizeof(text));
	CHECK_STR(text, "procfs_task\n", "task/TID/comm");
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", getpid());
	read_text(path, text, sizeof(text));
	snprintf(want, sizeof(want), "%d (procfs_task) R %d ", getpid(), getppid());
	CHECK_EQ(strncmp(text, want, strlen(want)), 0, "task/TID/stat: tid (comm) R ppid");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
	read_text(path, text, sizeof(text));
	snprintf(want, sizeof(want), "Tgid:\t%d", getpid());
	CHECK_STR(line_of(text, "Tgid:", 0), want, "task/TID/status: Tgid");
	snprintf(want, sizeof(want), "Pid:\t%d", getpid());
	CHECK_STR(line_of(text, "Pid:", 0), want, "task/TID/status: Pid");
	CHECK_STR(line_of(text, "Threads:", 0), "Threads:\t1", "task/TID/status: Threads");
}

/* Another process's pid is no thread of ours. */
static void test_not_our_thread(void)
{
	char path[64];
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/self/task/%d", pid);
	CHECK_EQ(dir_type(path, "."), -2, "a child is not in /proc/self/task");
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", pid);
	CHECK_ERR(open(path, O_RDONLY), ENOENT, "open a child's stat under our task: ENOENT");
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, pid);
	CHECK(read_text(path, text, sizeof(text)) > 0, "the child's own task/TID/stat");
	CHECK_EQ(dir_type("/proc/self/task/0", "."), -2, "task/0: no such thread");
	CHECK_ERR(open("/proc/0/status", O_RDONLY), ENOENT, "/proc/0: the idle task is not there");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

/* A thread asleep in read() until the main thread writes */
static int sleeper(void *arg)
{
	char c;

	(void)arg;
	return read(go[0], &c, 1) == 1 ? 0 : 1;
}

/* Line name of /proc/self/task/TID/status */
static const char *thread_line(long tid, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%ld/status", tid);
	read_text(path, text, sizeof(text));
	return line_of(text, name, 0);
}

/* Field n > 2 (from 1, as proc(5) numbers them) of the stat file at
 * path, read into text */
static long stat_field(const char *path, int n)
{
	char *p;

	if (read_text(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return -999;
	for (int i = 2; i < n && p; i++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -999;
}

static void test_threads(void)
{
	char path[64], want[64], name[16];
	long tid[2];

	if (pipe(go) < 0)
		return;
	for (int i = 0; i < 2; i++) {
		ctid[i] = 1;
		tid[i] = thread_clone(PTHREAD_FLAGS | CLONE_CHILD_CLEARTID,
				      stacks[i] + THREAD_STACK, NULL,
				      (int *)&ctid[i], 0, sleeper, NULL);
	}
	usleep(100000);
	snprintf(want, sizeof(want), "%d %ld %ld", getpid(), tid[0], tid[1]);
	CHECK_STR(numeric_entries("/proc/self/task"), want,
		  "three threads: task lists the pid, then each thread");
	snprintf(name, sizeof(name), "%ld", tid[1]);
	CHECK_EQ(dir_type("/proc", name), -1, "/proc does not list a thread");
	snprintf(path, sizeof(path), "/proc/%ld/status", tid[1]);
	CHECK(read_text(path, text, sizeof(text)) > 0, "/proc/TID opens all the same");
	snprintf(want, sizeof(want), "Tgid:\t%d", getpid());
	CHECK_STR(line_of(text, "Tgid:", 0), want, "/proc/TID/status: Tgid is the pid");
	read_text("/proc/self/status", text, sizeof(text));
	CHECK_STR(line_of(text, "Threads:", 0), "Threads:\t3", "status: Threads 3");
	CHECK_EQ(stat_field("/proc/self/stat", 20), 3, "stat: num_threads 3");
	CHECK_EQ(stat_field("/proc/self/stat", 38), SIGCHLD, "stat: the process's exit_signal");
	CHECK_STR(thread_line(tid[0], "Tgid:"), want, "task/TID/status: Tgid is the pid");
	snprintf(want, sizeof(want), "Pid:\t%ld", tid[0]);
	CHECK_STR(thread_line(tid[0], "Pid:"), want, "task/TID/status: Pid is the tid");
	CHECK_STR(thread_line(tid[0], "State:"), "State:\tS (sleeping)",
		  "task/TID/status: the thread sleeps in read");
	CHECK_STR(thread_line(tid[0], "Threads:"), "Threads:\t3", "task/TID/status: Threads 3");
	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", tid[0]);
	CHECK_EQ(stat_field(path, 38), -1, "task/TID/stat: a thread's exit_signal -1");
	CHECK_EQ(atol(text), tid[0], "task/TID/stat: the tid first");
	snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", tid[1]);
	read_text(path, text, sizeof(text));
	CHECK_STR(text, "procfs_task\n", "task/TID/comm: the process's name");
	write(go[1], "xx", 2);
	for (int i = 0; i < 2; i++)
		while (ctid[i])
			usleep(1000);
	usleep(10000);
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK_STR(numeric_entries("/proc/self/task"), want,
		  "the threads exited: task lists the pid alone");
}

int main(void)
{
	test_one_thread();
	test_not_our_thread();
	test_threads();
	return test_done();
}
