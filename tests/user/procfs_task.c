/*
 * procfs_task.c - /proc/PID/task: one directory per thread, named by
 * its id, each with its own status, stat and comm; /proc lists
 * processes only.  A process with one thread has one entry, its pid.
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
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int main(void)
{
	test_one_thread();
	test_not_our_thread();
	return test_done();
}
