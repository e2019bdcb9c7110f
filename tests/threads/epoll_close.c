/*
 * epoll_close: a watched fd closed by one thread while another waits in
 * epoll_wait.  Closing the last reference to the file removes its epoll
 * item: the waiter sees nothing and times out, EPOLL_CTL_DEL of the
 * number is EBADF and a new file at the same number is not watched.
 * With a dup left open, the item lives on (it is keyed on the file and
 * the number it was added with): a write through the dup wakes the
 * waiter with the old data, DEL of the dup's number is ENOENT.  Closing
 * the epoll fd itself while a thread waits on it: the waiter's
 * reference keeps it working, and the next event still wakes it.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include "tt.h"

static int ep;
static int timeout_ms;
static pid_t waiter_tid;
static struct epoll_event got;
static int got_n;

static void *waiter(void *arg)
{
	(void)arg;
	__atomic_store_n(&waiter_tid, tt_gettid(), __ATOMIC_SEQ_CST);
	got_n = epoll_wait(ep, &got, 1, timeout_ms);
	return NULL;
}

static int add(int fd, uint32_t tag)
{
	struct epoll_event ev = { EPOLLIN, { .u32 = tag } };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* Returns once thread tid sleeps (state S in /proc/self/task/TID/stat);
 * where there is no such file, after 100 ms. */
static void until_asleep(pid_t tid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	for (int i = 0; i < 5000; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			tt_sleep_ms(100);
			return;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		tt_sleep_ms(1);
	}
}

/* Starts the waiter and returns once it sleeps in epoll_wait. */
static void wait_in_thread(pthread_t *t, int ms)
{
	timeout_ms = ms;
	got_n = -2;
	waiter_tid = 0;
	pthread_create(t, NULL, waiter, NULL);
	while (!__atomic_load_n(&waiter_tid, __ATOMIC_SEQ_CST))
		tt_sleep_ms(1);
	until_asleep(waiter_tid);
}

/* A thread waits on ep; main closes fd under it, then makes via
 * readable; returns once the thread is back. */
static void close_under_waiter(int fd, int via)
{
	pthread_t t;

	wait_in_thread(&t, 5000);
	close(fd);
	tt_sleep_ms(50);
	eventfd_write(via, 1);
	pthread_join(t, NULL);
}

int main(void)
{
	struct epoll_event ev;
	pthread_t t;
	int e, e2, again;

	ep = epoll_create1(0);
	e = eventfd(0, 0);
	add(e, 1);
	wait_in_thread(&t, 400);
	close(e);
	pthread_join(t, NULL);
	CHECK_EQ(got_n, 0, "last reference closed while a thread waits: it times out, no event");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL), EBADF, "EPOLL_CTL_DEL of the closed number: EBADF");
	again = eventfd(1, 0);
	CHECK_EQ(again, e, "a new eventfd (readable) gets the same number");
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0, "... it is not watched: epoll_wait 0");
	close(again);

	e = eventfd(0, 0);
	e2 = dup(e);
	add(e, 2);
	close_under_waiter(e, e2);
	CHECK_EQ(got_n, 1, "with a dup open, a write through it wakes the waiter");
	CHECK_EQ(got.data.u32, 2, "... with the data of the item added on the closed number");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, e2, NULL), ENOENT,
		  "EPOLL_CTL_DEL of the dup's number: ENOENT (the item is keyed on the old one)");
	close(e2);
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0, "closing the dup removes the item");

	e = eventfd(0, 0);
	add(e, 3);
	close_under_waiter(ep, e);
	CHECK_EQ(got_n, 1, "epoll fd closed while a thread waits on it: the next event still wakes it");
	CHECK_EQ(got.data.u32, 3, "... with its data");
	CHECK_ERR(epoll_wait(ep, &ev, 1, 0), EBADF, "... then the number is gone: EBADF");
	close(e);
	return tt_done();
}
