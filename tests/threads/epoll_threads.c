/*
 * epoll_threads: threads sharing fds and epoll.  The fd table is the
 * process's: an fd one thread opens another uses, one closes and the
 * other gets EBADF.  A pool of 4 workers on one epoll fd, 8 pipes
 * registered with EPOLLIN | EPOLLONESHOT and re-armed with
 * EPOLL_CTL_MOD after each event: 3 rounds of a byte into every pipe,
 * each event handed to exactly one worker (each pipe counted 3 times,
 * no byte left).  4 threads, each with its own epoll on one shared
 * pipe: with EPOLLEXCLUSIVE one write wakes exactly one of them,
 * without it all four.
 */
#include <fcntl.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include "tt.h"

static int shared_fd = -1, closed_fd;

static void *opens(void *arg)
{
	(void)arg;
	shared_fd = dup(1);
	return NULL;
}

static void *closes(void *arg)
{
	(void)arg;
	close(closed_fd);
	return NULL;
}

static void fd_table(void)
{
	pthread_t t;
	int p[2];

	pthread_create(&t, NULL, opens, NULL);
	pthread_join(t, NULL);
	CHECK(shared_fd > 2 && fcntl(shared_fd, F_GETFD) == 0,
	      "an fd a thread opened is open in main");
	close(shared_fd);
	pipe(p);
	closed_fd = p[0];
	pthread_create(&t, NULL, closes, NULL);
	pthread_join(t, NULL);
	errno = 0;
	CHECK_ERR(fcntl(p[0], F_GETFD), EBADF, "an fd a thread closed: EBADF in main");
	close(p[1]);
}

/* ------------------------------------------------ the EPOLLONESHOT pool */
#define WORKERS 4
#define PIPES 8
#define ROUNDS 3

static int ep, pipes[PIPES][2], quit;
static int handled[PIPES], empty_reads;	/* under pool_lock */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static int total;

static void *pool_worker(void *arg)
{
	struct epoll_event ev;
	char c;

	(void)arg;
	for (;;) {
		if (epoll_wait(ep, &ev, 1, -1) != 1)
			continue;
		if (ev.data.u32 == PIPES)	/* quit: level-triggered, seen by all */
			return NULL;
		ssize_t n = read(pipes[ev.data.u32][0], &c, 1);

		pthread_mutex_lock(&pool_lock);
		handled[ev.data.u32]++;
		empty_reads += n != 1;	/* another worker had the same event */
		total++;
		pthread_cond_signal(&pool_cond);
		pthread_mutex_unlock(&pool_lock);
		ev.events = EPOLLIN | EPOLLONESHOT;
		epoll_ctl(ep, EPOLL_CTL_MOD, pipes[ev.data.u32][0], &ev);
	}
}

static void oneshot_pool(void)
{
	struct epoll_event ev;
	pthread_t t[WORKERS];
	int each = 0, left = 0;

	ep = epoll_create1(0);
	for (int i = 0; i < PIPES; i++) {
		pipe2(pipes[i], O_NONBLOCK);
		ev = (struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .u32 = i } };
		epoll_ctl(ep, EPOLL_CTL_ADD, pipes[i][0], &ev);
	}
	for (long i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, pool_worker, (void *)i);
	for (int round = 1; round <= ROUNDS; round++) {
		for (int i = 0; i < PIPES; i++)
			write(pipes[i][1], "x", 1);
		pthread_mutex_lock(&pool_lock);
		while (total < round * PIPES)
			pthread_cond_wait(&pool_cond, &pool_lock);
		pthread_mutex_unlock(&pool_lock);
	}
	quit = eventfd(1, 0);
	ev = (struct epoll_event){ EPOLLIN, { .u32 = PIPES } };
	epoll_ctl(ep, EPOLL_CTL_ADD, quit, &ev);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < PIPES; i++) {
		char c;

		each += handled[i] == ROUNDS;
		left += read(pipes[i][0], &c, 1) == 1;
		close(pipes[i][0]);
		close(pipes[i][1]);
	}
	CHECK_EQ(total, PIPES * ROUNDS, "EPOLLONESHOT pool: 24 events for 24 bytes");
	CHECK_EQ(each, PIPES, "... each of the 8 pipes handled once per round");
	CHECK_EQ(empty_reads, 0, "... by one worker each time: no read found the pipe empty");
	CHECK_EQ(left, 0, "... no byte left unread");
	close(quit);
	close(ep);
}

/* ------------------------------------------ EPOLLEXCLUSIVE among threads */
static int herd[2], got[WORKERS];
static pid_t herd_tid[WORKERS];	/* each member's tid, once it runs */

static void *herd_member(void *arg)
{
	long flags = (long)arg >> 8, me = (long)arg & 0xff;
	struct epoll_event ev = { EPOLLIN | (uint32_t)flags, { .u32 = 1 } };
	int my_ep = epoll_create1(0);

	epoll_ctl(my_ep, EPOLL_CTL_ADD, herd[0], &ev);
	__atomic_store_n(&herd_tid[me], tt_gettid(), __ATOMIC_RELEASE);
	got[me] = epoll_wait(my_ep, &ev, 1, 500);	/* nobody reads */
	close(my_ep);
	return NULL;
}

static int herd_run(long flags)
{
	pthread_t t[WORKERS];
	int woke = 0;
	char c;

	pipe(herd);
	memset(herd_tid, 0, sizeof(herd_tid));
	for (long i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, herd_member, (void *)(flags << 8 | i));
	/* All four asleep in epoll_wait, the only place a member sleeps (a
	 * fixed delay is not enough on a busy host); 5 s at most. */
	for (int tries = 0, n = 0; tries < 5000 && n < WORKERS; tries++) {
		n = 0;
		for (int i = 0; i < WORKERS; i++) {
			pid_t tid = __atomic_load_n(&herd_tid[i], __ATOMIC_ACQUIRE);

			n += tid && task_asleep(tid);
		}
		if (n < WORKERS)
			tt_sleep_ms(1);
	}
	write(herd[1], "x", 1);
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], NULL);
		woke += got[i] == 1;
	}
	read(herd[0], &c, 1);
	close(herd[0]);
	close(herd[1]);
	return woke;
}

int main(void)
{
	fd_table();
	oneshot_pool();
	CHECK_EQ(herd_run(EPOLLEXCLUSIVE), 1,
		 "EPOLLEXCLUSIVE, 4 threads each with its own epoll: one write wakes 1");
	CHECK_EQ(herd_run(0), WORKERS, "without EPOLLEXCLUSIVE: it wakes all 4");
	return tt_done();
}
