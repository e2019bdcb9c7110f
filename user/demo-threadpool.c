/*
 * demo-threadpool: a thread-pool server.  Four producer processes write
 * numbered requests into four pipes at their own pace; three worker
 * threads share one epoll fd on which every pipe is registered with
 * EPOLLIN | EPOLLONESHOT.  An event goes to one worker only (the item
 * is disabled once reported); the worker reads the request, says which
 * thread it is and what it serves, works on it for 120 ms (meanwhile the
 * other workers take the other pipes' requests), and re-arms the pipe
 * with EPOLL_CTL_MOD.  A producer's exit closes its pipe (end of file): the
 * worker that sees it removes the pipe.  When all four are gone, main
 * makes an eventfd readable; without EPOLLONESHOT it wakes every worker,
 * they exit, and main prints how many requests each one served.
 *
 *   producer 0 --pipe--\                      /--> worker 0
 *   producer 1 --pipe---\                    /
 *   producer 2 --pipe----+--> one epoll fd -+----> worker 1
 *   producer 3 --pipe---/   (EPOLLONESHOT)   \
 *                                             \--> worker 2
 *
 * Built by musl-gcc -static -pthread (Pollux's own libc has no threads).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NPROD 4
#define NWORK 3
#define REQUESTS 5
#define WORK_MS 120		/* each request's work */
#define QUIT NPROD		/* the eventfd's epoll data */

static const int period_ms[NPROD] = { 90, 150, 230, 310 };
static int ep, rd[NPROD], quit, left = NPROD;
static int served[NWORK];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_closed = PTHREAD_COND_INITIALIZER;

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A producer: REQUESTS fixed-size requests, then exit (closes the pipe). */
static void produce(int id, int fd)
{
	char req[32];

	for (int i = 1; i <= REQUESTS; i++) {
		sleep_ms(period_ms[id]);
		snprintf(req, sizeof(req), "request %d of producer %d", i, id);
		write(fd, req, sizeof(req));
	}
	_exit(0);
}

/* One request, or the end of a pipe, for worker me. */
static void serve(int me, int id)
{
	struct epoll_event ev = { EPOLLIN | EPOLLONESHOT, { .u32 = id } };
	char req[32];
	pid_t tid = (pid_t)syscall(SYS_gettid);

	if (read(rd[id], req, sizeof(req)) == sizeof(req)) {
		dprintf(1, "  worker %d (tid %d) serves %s\n", me, tid, req);
		sleep_ms(WORK_MS);	/* the work: meanwhile others serve */
		pthread_mutex_lock(&lock);
		served[me]++;
		pthread_mutex_unlock(&lock);
		epoll_ctl(ep, EPOLL_CTL_MOD, rd[id], &ev);	/* re-arm */
		return;
	}
	dprintf(1, "  worker %d (tid %d): producer %d closed its pipe\n",
		me, tid, id);
	epoll_ctl(ep, EPOLL_CTL_DEL, rd[id], NULL);
	close(rd[id]);
	pthread_mutex_lock(&lock);
	if (--left == 0)
		pthread_cond_signal(&all_closed);
	pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
	int me = (int)(long)arg;
	struct epoll_event ev;

	dprintf(1, "worker %d: thread %d of process %d, waiting in epoll_wait\n",
		me, (int)syscall(SYS_gettid), (int)getpid());
	for (;;) {
		if (epoll_wait(ep, &ev, 1, -1) != 1)
			continue;
		if (ev.data.u32 == QUIT)
			return NULL;
		serve(me, (int)ev.data.u32);
	}
}

int main(void)
{
	struct epoll_event ev;
	pthread_t t[NWORK];
	int total = 0;

	ep = epoll_create1(0);
	for (int i = 0; i < NPROD; i++) {
		int p[2];

		pipe(p);
		if (fork() == 0) {
			close(p[0]);
			produce(i, p[1]);
		}
		close(p[1]);
		rd[i] = p[0];
		ev = (struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .u32 = i } };
		epoll_ctl(ep, EPOLL_CTL_ADD, rd[i], &ev);
	}
	dprintf(1, "demo-threadpool: %d producers, %d requests each, %d workers on one epoll fd (EPOLLONESHOT)\n",
		NPROD, REQUESTS, NWORK);
	for (long i = 0; i < NWORK; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);

	pthread_mutex_lock(&lock);
	while (left > 0)
		pthread_cond_wait(&all_closed, &lock);
	pthread_mutex_unlock(&lock);
	quit = eventfd(1, 0);	/* level-triggered, never read: wakes them all */
	ev = (struct epoll_event){ EPOLLIN, { .u32 = QUIT } };
	epoll_ctl(ep, EPOLL_CTL_ADD, quit, &ev);
	for (int i = 0; i < NWORK; i++)
		pthread_join(t[i], NULL);
	while (wait(NULL) > 0)
		;
	for (int i = 0; i < NWORK; i++) {
		dprintf(1, "worker %d served %d request%s\n", i, served[i],
			served[i] == 1 ? "" : "s");
		total += served[i];
	}
	dprintf(1, "%d requests served, each by exactly one worker\n", total);
	return total == NPROD * REQUESTS ? 0 : 1;
}
