/*
 * exec_fork: execve and fork from a thread other than main.  execve in
 * one of five threads (of a forked child) kills the other four and
 * continues in the new image with the process's pid as its tid, the
 * same parent, the old tids gone (Linux's de_thread).  fork in a
 * thread copies only that thread: the child is single-threaded
 * (tid == pid), its parent is the process, it sees the memory as the
 * thread left it and can create threads of its own; any thread of the
 * parent may wait for it.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

static char *self;
static pid_t tids[5];

static void *sleeper(void *arg)
{
	tids[(intptr_t)arg] = tt_gettid();
	for (;;)
		pause();
	return NULL;
}

static void *execer(void *arg)
{
	char list[128];

	tids[(intptr_t)arg] = tt_gettid();
	for (int i = 0; i < 4; i++)	/* the sleepers' tids, recorded */
		while (!__atomic_load_n(&tids[i], __ATOMIC_SEQ_CST))
			tt_sleep_ms(1);
	snprintf(list, sizeof(list), "%d %d %d %d %d %d %d", getpid(),
		 getppid(), tids[0], tids[1], tids[2], tids[3], tids[4]);
	execl(self, self, "after-exec", list, (char *)NULL);
	return NULL;
}

/* The new image: exit status bits say what it found. */
static int after_exec(const char *list)
{
	int pid, ppid, t[5], bits = 0, gone = 0;

	sscanf(list, "%d %d %d %d %d %d %d", &pid, &ppid, &t[0], &t[1], &t[2],
	       &t[3], &t[4]);
	bits |= (getpid() == pid) << 0;
	bits |= (tt_gettid() == pid) << 1;
	bits |= (getppid() == ppid) << 2;
	for (int i = 0; i < 5; i++)
		gone += syscall(SYS_tgkill, pid, t[i], 0) == -1 && errno == ESRCH;
	bits |= (gone == 5) << 3;
	return bits;
}

static void exec_from_thread(void)
{
	int s = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		for (intptr_t i = 0; i < 4; i++)
			pthread_create(&t, NULL, sleeper, (void *)i);
		pthread_create(&t, NULL, execer, (void *)4);
		for (;;)
			pause();
	}
	waitpid(pid, &s, 0);
	s = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
	CHECK(s >= 0, "execve from thread 5 of 5: the new image ran and exited");
	CHECK(s & 1, "... with the process's pid");
	CHECK(s & 2, "... its one thread's tid is the pid");
	CHECK(s & 4, "... the same parent");
	CHECK(s & 8, "... the five old tids are gone (ESRCH)");
}

static int before_fork = 1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *nop(void *arg) { return arg; }

struct forked {
	pid_t pid;
	int bits;
};

static void *forker(void *arg)
{
	struct forked *f = arg;
	int fds[2];

	pipe(fds);
	before_fork = 2;
	pthread_mutex_lock(&lock);	/* held across fork: the child's copy too */
	f->pid = fork();
	if (f->pid == 0) {
		pthread_t t;
		void *r = NULL;
		int bits = 0;

		bits |= (tt_gettid() == getpid()) << 0;
		bits |= (before_fork == 2) << 1;
		bits |= (pthread_create(&t, NULL, nop, (void *)7) == 0 &&
			 pthread_join(t, &r) == 0 && r == (void *)7) << 2;
		bits |= (pthread_mutex_unlock(&lock) == 0) << 3;
		write(fds[1], &bits, sizeof(bits));
		_exit(0);
	}
	pthread_mutex_unlock(&lock);
	read(fds[0], &f->bits, sizeof(f->bits));
	close(fds[0]);
	close(fds[1]);
	return NULL;
}

static void fork_from_thread(void)
{
	struct forked f = { 0, 0 };
	pthread_t t;
	int s = -1;

	pthread_create(&t, NULL, forker, &f);
	pthread_join(t, NULL);
	CHECK(f.bits & 1, "fork in a thread: the child's tid is its pid");
	CHECK(f.bits & 2, "... it sees what the thread wrote before fork");
	CHECK(f.bits & 4, "... it can create and join a thread");
	CHECK(f.bits & 8, "... it owns its copy of the mutex the thread held");
	CHECK(waitpid(f.pid, &s, 0) == f.pid && WIFEXITED(s) &&
	      WEXITSTATUS(s) == 0,
	      "main waits for the child another thread forked");
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 3)
		return after_exec(argv[2]);
	exec_from_thread();
	fork_from_thread();
	return tt_done();
}
