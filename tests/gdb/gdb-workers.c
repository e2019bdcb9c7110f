/*
 * The user program of tests/gdb/one_waiter.gdb, one_thread.gdb and
 * docs/debugging.md's recipe 8: several tasks asleep in epoll_wait on
 * one epoll fd, and a breakpoint in ep_poll that stops for one of them.
 *
 *   pid 1: pipe (fds 3, 4), epoll fd 5 watching fd 3 for EPOLLIN;
 *   1. processes: pids 2, 3, 4 (forked in that order) each call
 *      epoll_wait(5, -1) and sleep in ep_poll on the one ep->wq (fork
 *      shares the epoll fd);
 *   2. threads: then pid 1 clones threads 5, 6, 7 (CLONE_THREAD, in
 *      that order; they report on a pipe, fds 6 and 7), which do the
 *      same.
 * Pid 1 starts each worker only when the one before sleeps (its state in
 * /proc/PID/stat is S): on one CPU with a 1 ms time slice, the order of
 * reaching ep_poll is otherwise the scheduler's, not the fork order.
 * Then pid 1 writes a byte to fd 4.  Fd 3 stays
 * readable until pid 1 reads the byte back, so level-triggered epoll
 * wakes the workers one after the other.  Runs on Linux too; exits 0
 * iff every worker got EPOLLIN.
 */
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../user/test.h"
#include "../user/thread_util.h"

#define WORKERS 3

static int epfd, done[2];
static char stacks[WORKERS][THREAD_STACK] __attribute__((aligned(16)));

static int worker(void *arg)
{
	struct epoll_event ev = { 0, { 0 } };
	char result;

	(void)arg;
	result = epoll_wait(epfd, &ev, 1, -1) == 1 && ev.events == EPOLLIN &&
		 ev.data.fd == 3 ? 0 : 1;
	if (done[1])			/* a thread: tell pid 1 */
		write(done[1], &result, 1);
	return result;
}

/* Wakes the (sleeping) workers with a byte on fd 3 and collects their
 * results; 0 iff all got EPOLLIN */
static int wake_workers(int p[2], int threads)
{
	int status, failed = 0;
	char c;

	if (write(p[1], "x", 1) != 1)
		return 1;
	for (int i = 0; i < WORKERS; i++)
		if (threads ? read(done[0], &c, 1) != 1 || c :
		    wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	return read(p[0], &c, 1) == 1 ? failed : 1;
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = 3 };
	int p[2];

	if (pipe(p) < 0)				/* fds 3 and 4 */
		return 1;
	epfd = epoll_create1(0);			/* fd 5 */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return 1;
	for (int i = 0; i < WORKERS; i++) {		/* pids 2, 3, 4 */
		pid_t pid = fork();

		if (pid == 0)
			_exit(worker(NULL));
		if (pid < 0 || !wait_states(&pid, 1, "S"))
			return 1;
	}
	if (wake_workers(p, 0) || pipe(done) < 0)	/* fds 6 and 7 */
		return 1;
	for (int i = 0; i < WORKERS; i++) {		/* tids 5, 6, 7 */
		pid_t tid = thread_clone(PTHREAD_FLAGS, stacks[i] + THREAD_STACK,
					 NULL, NULL, 0, worker, NULL);

		if (tid < 0 || !wait_states(&tid, 1, "S"))
			return 1;
	}
	return wake_workers(p, 1);
}
