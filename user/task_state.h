/*
 * task_asleep(): is thread tid of this process asleep?  The state letter
 * after "(comm) " in /proc/self/task/TID/stat is S.  A program that must
 * act once its threads sleep (in epoll_wait, say) polls this instead of
 * a fixed delay, which a busy host overruns.  Shared by the pthread demos
 * (user/), the thread tests (tests/threads/tt.h) and bench/herd.c
 * (stat_asleep() of another process); glibc, musl or the project's libc.
 */
#ifndef TASK_STATE_H
#define TASK_STATE_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Is the task whose stat file is path asleep (state letter S)? */
static inline int stat_asleep(const char *path)
{
	char buf[256], *p;
	int fd = open(path, O_RDONLY), n;

	n = fd < 0 ? -1 : (int)read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

static inline int task_asleep(pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	return stat_asleep(path);
}

#endif
