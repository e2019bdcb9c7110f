/*
 * demo-herd: the thundering herd, and EPOLLEXCLUSIVE.  Four threads each
 * have their own epoll fd watching one shared pipe (as servers watch one
 * listening socket).  For each event (a byte written into the pipe) the
 * demo counts the threads whose epoll_wait returned: without
 * EPOLLEXCLUSIVE every waiter is woken, though one would do; with it,
 * only one.  The threads do not read the byte (main does, after each
 * round), so a woken thread always sees the event and says so.
 *
 *                  /--> epoll 0 --> thread 0
 *   write --> pipe ----> epoll 1 --> thread 1
 *                  \--> epoll 2 --> thread 2
 *                   \-> epoll 3 --> thread 3
 *
 * Built by musl-gcc -static -pthread (Pollux's own libc has no threads).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include "task_state.h"

#define NTHREADS 4
#define EVENTS 5

static int pipefd[2], exclusive, woke[NTHREADS];
static volatile pid_t tid[NTHREADS];
static pthread_barrier_t start, done;

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waits (up to 2 s) until the four threads sleep in epoll_wait: a fixed
 * delay is not enough when the host is busy. */
static void wait_all_asleep(void)
{
	for (int tries = 0; tries < 2000; tries++) {
		int n = 0;

		for (int i = 0; i < NTHREADS; i++)
			n += task_asleep(tid[i]);
		if (n == NTHREADS)
			return;
		sleep_ms(1);
	}
}

static void *waiter(void *arg)
{
	int me = (int)(long)arg, ep = epoll_create1(0);
	struct epoll_event ev = { EPOLLIN | (exclusive ? EPOLLEXCLUSIVE : 0),
				  { .u32 = 0 } };

	epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev);
	tid[me] = syscall(SYS_gettid);
	for (int r = 0; r < EVENTS; r++) {
		pthread_barrier_wait(&start);
		/* 500 ms: long enough for the event, short if none comes */
		woke[me] = epoll_wait(ep, &ev, 1, 500) == 1;
		pthread_barrier_wait(&done);
	}
	close(ep);
	return NULL;
}

static int run(int excl)
{
	pthread_t t[NTHREADS];
	int total = 0;
	char c;

	exclusive = excl;
	pthread_barrier_init(&start, NULL, NTHREADS + 1);
	pthread_barrier_init(&done, NULL, NTHREADS + 1);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, waiter, (void *)i);
	for (int round_no = 1; round_no <= EVENTS; round_no++) {
		int n = 0;

		pthread_barrier_wait(&start);
		wait_all_asleep();
		write(pipefd[1], "x", 1);
		pthread_barrier_wait(&done);
		read(pipefd[0], &c, 1);
		dprintf(1, "  event %d: woke", round_no);
		for (int i = 0; i < NTHREADS; i++)
			if (woke[i]) {
				dprintf(1, " thread %d", i);
				n++;
			}
		dprintf(1, " (%d of %d)\n", n, NTHREADS);
		total += n;
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	pthread_barrier_destroy(&done);
	return total;
}

int main(void)
{
	int herd, excl;

	pipe(pipefd);
	dprintf(1, "demo-herd: %d threads, each with its own epoll fd on one pipe\n",
		NTHREADS);
	dprintf(1, "without EPOLLEXCLUSIVE:\n");
	herd = run(0);
	dprintf(1, "with EPOLLEXCLUSIVE:\n");
	excl = run(1);
	dprintf(1, "wake-ups per event: %d.%d without, %d.%d with EPOLLEXCLUSIVE\n",
		herd / EVENTS, herd * 10 / EVENTS % 10,
		excl / EVENTS, excl * 10 / EVENTS % 10);
	return 0;
}
