/*
 * gettid: each thread has its own id, the process one pid.  The main
 * thread's tid is the pid; 16 threads each record getpid(), gettid()
 * and getppid(): all share the pid and the parent, every tid differs
 * from the others and from the pid.  A forked child's thread group is
 * new: its main tid is its own pid.  set_tid_address returns the tid.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

#define N 16

struct seen {
	pid_t pid, tid, ppid;
};

static pthread_barrier_t all_alive;	/* so no tid is reused */

static void *record(void *arg)
{
	struct seen *s = arg;

	s->pid = getpid();
	s->tid = tt_gettid();
	s->ppid = getppid();
	pthread_barrier_wait(&all_alive);
	return NULL;
}

int main(void)
{
	struct seen s[N];
	pthread_t t[N];
	pid_t pid = getpid();
	int same_pid = 0, same_ppid = 0, distinct = 1, not_pid = 0;

	CHECK_EQ(tt_gettid(), pid, "main thread: gettid() == getpid()");
	pthread_barrier_init(&all_alive, NULL, N + 1);
	for (int i = 0; i < N; i++)
		pthread_create(&t[i], NULL, record, &s[i]);
	pthread_barrier_wait(&all_alive);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < N; i++) {
		same_pid += s[i].pid == pid;
		same_ppid += s[i].ppid == getppid();
		not_pid += s[i].tid != pid && s[i].tid > 0;
		for (int j = 0; j < i; j++)
			if (s[i].tid == s[j].tid)
				distinct = 0;
	}
	CHECK_EQ(same_pid, N, "16 threads: getpid() is the process's pid");
	CHECK_EQ(same_ppid, N, "16 threads: getppid() is the process's parent");
	CHECK_EQ(not_pid, N, "16 threads: gettid() is not the pid");
	CHECK(distinct, "16 threads: 16 distinct tids");

	/* set_tid_address returns the caller's tid (glibc and musl set it
	 * at start; setting it to the same place changes nothing) */
	CHECK_EQ(syscall(SYS_set_tid_address, NULL), tt_gettid(),
		 "set_tid_address returns the tid");

	int fds[2], status;
	pid_t child, inside[2];

	pipe(fds);
	child = fork();
	if (child == 0) {
		inside[0] = getpid();
		inside[1] = tt_gettid();
		write(fds[1], inside, sizeof(inside));
		_exit(0);
	}
	read(fds[0], inside, sizeof(inside));
	waitpid(child, &status, 0);
	CHECK(inside[0] == child && inside[1] == child,
	      "forked child: its pid and tid are both fork's return");
	return tt_done();
}
