/*
 * epoll_wait / epoll_pwait / epoll_pwait2: argument checks (in the
 * Linux >= 6.15 order: EBADF, maxevents, access_ok, "is it an epoll"),
 * faults while copying out, and timeouts.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define KERNEL_PTR ((void *)0xffff800000000000UL)
#define BAD_FD 1000
/* INT_MAX / sizeof(struct epoll_event), as in fs/eventpoll.c. */
#define EP_MAX_EVENTS (INT_MAX / 12)

static int ep, rd, wr;

/*
 * Called through a volatile pointer, so the compiler does not reject the
 * deliberately bad buffers and counts these tests pass.
 */
static int (*volatile ewait)(int, struct epoll_event *, int, int) = epoll_wait;

/* Raw epoll_pwait, so the sigset size can be chosen (libc always passes 8). */
static long raw_pwait(int epfd, void *events, int max, int timeout, void *mask, long size)
{
	return syscall(__NR_epoll_pwait, epfd, events, max, timeout, mask, size);
}

static void test_bad_args(void)
{
	struct epoll_event ev[2];

	CHECK_ERR(ewait(-1, ev, 1, 0), EBADF, "epfd -1 -> EBADF");
	CHECK_ERR(ewait(BAD_FD, ev, 1, 0), EBADF, "epfd not open -> EBADF");
	CHECK_ERR(ewait(rd, ev, 1, 0), EINVAL, "epfd is a pipe -> EINVAL");
	CHECK_ERR(ewait(ep, ev, 0, 0), EINVAL, "maxevents 0 -> EINVAL");
	CHECK_ERR(ewait(ep, ev, -1, 0), EINVAL, "maxevents -1 -> EINVAL");
	CHECK_ERR(ewait(ep, NULL, EP_MAX_EVENTS + 1, 0), EINVAL,
		  "maxevents EP_MAX_EVENTS+1 -> EINVAL");
	CHECK_EQ(ewait(ep, NULL, EP_MAX_EVENTS, 0), 0,
		 "maxevents EP_MAX_EVENTS, NULL buffer, nothing ready -> 0");
	CHECK_ERR(ewait(ep, KERNEL_PTR, 1, 0), EFAULT,
		  "kernel-address buffer, nothing ready -> EFAULT (access_ok)");

	/* Order (6.15+): EBADF, then maxevents, then access_ok, then "not an epoll". */
	CHECK_ERR(ewait(-1, ev, 0, 0), EBADF, "bad epfd + maxevents 0 -> EBADF");
	CHECK_ERR(ewait(-1, KERNEL_PTR, 1, 0), EBADF, "bad epfd + kernel buffer -> EBADF");
	CHECK_ERR(ewait(ep, KERNEL_PTR, 0, 0), EINVAL,
		  "maxevents 0 + kernel buffer -> EINVAL");
	CHECK_ERR(ewait(rd, KERNEL_PTR, 1, 0), EFAULT,
		  "pipe epfd + kernel buffer -> EFAULT (before not-epoll EINVAL)");
}

/* A user address that passes access_ok but faults is only found while copying. */
static void test_copy_fault(void)
{
	struct epoll_event ev;

	CHECK_EQ(ewait(ep, NULL, 1, 0), 0, "NULL buffer, nothing ready -> 0");
	CHECK_EQ(ewait(ep, (void *)1, 1, 0), 0, "buffer at 1, nothing ready -> 0");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 5), 0, "ADD pipe write end (ready)");
	CHECK_ERR(ewait(ep, NULL, 1, 0), EFAULT, "NULL buffer, 1 ready -> EFAULT");
	CHECK_ERR(ewait(ep, (void *)1, 1, -1), EFAULT, "buffer at 1, 1 ready -> EFAULT");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "the event is still there after the fault");
	CHECK_HEX(ev.events, EPOLLOUT, "  mask EPOLLOUT");
	CHECK_EQ(ev.data.u64, 5, "  data 5");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, wr, NULL), 0, "DEL write end");
}

/*
 * The fault hits the second slot: the first event is kept (returns 1), and
 * the item that could not be copied goes back to the head of the ready list.
 */
static void test_partial_fault(void)
{
	struct epoll_event ev[2];
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct epoll_event *edge = (struct epoll_event *)(page + 4096 - sizeof(*edge));
	int p[2];

	CHECK(page != MAP_FAILED, "mmap two pages");
	CHECK_EQ(munmap(page + 4096, 4096), 0, "unmap the second one");
	pipe(p);
	ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 5);
	ep_ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 6);
	CHECK_EQ(ewait(ep, edge, 2, 0), 1, "2 ready, second slot unmapped -> 1");
	CHECK_EQ(edge->data.u64, 5, "  first slot: data 5");
	CHECK_EQ(ewait(ep, ev, 2, 0), 2, "next call -> 2");
	CHECK_EQ(ev[0].data.u64 * 10 + ev[1].data.u64, 65, "  6 (put back at the head), then 5");
	epoll_ctl(ep, EPOLL_CTL_DEL, wr, NULL);
	close(p[0]);
	close(p[1]);
	munmap(page, 4096);
}

static void test_timeouts(void)
{
	struct epoll_event ev;
	long long t0;

	t0 = now_ms();
	CHECK_EQ(wait1(ep, &ev, 0), 0, "timeout 0, nothing ready -> 0");
	CHECK(now_ms() - t0 < 20, "timeout 0 does not sleep");
	t0 = now_ms();
	CHECK_EQ(wait1(ep, &ev, 30), 0, "timeout 30 ms, nothing ready -> 0");
	CHECK(now_ms() - t0 >= 30, "timeout 30 ms sleeps at least 30 ms");

	/* Any negative timeout means "forever"; ready events return at once. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 6), 0, "ADD write end");
	CHECK_EQ(wait1(ep, &ev, -5), 1, "timeout -5 with a ready fd -> 1");
	CHECK_EQ(ev.data.u64, 6, "  data 6");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, wr, NULL), 0, "DEL write end");
}

static void test_pwait(void)
{
	struct epoll_event ev;
	sigset_t ss;

	sigemptyset(&ss);
	CHECK_EQ(epoll_pwait(ep, &ev, 1, 0, NULL), 0, "epoll_pwait, NULL sigmask -> 0");
	CHECK_EQ(epoll_pwait(ep, &ev, 1, 0, &ss), 0, "epoll_pwait, empty sigmask -> 0");
	CHECK_EQ(raw_pwait(ep, &ev, 1, 0, NULL, 3), 0, "NULL sigmask: sigsetsize ignored -> 0");
	CHECK_ERR(raw_pwait(ep, &ev, 1, 0, &ss, 4), EINVAL, "sigsetsize 4 -> EINVAL");
	CHECK_ERR(raw_pwait(ep, &ev, 1, 0, &ss, 16), EINVAL, "sigsetsize 16 -> EINVAL");
	CHECK_ERR(raw_pwait(-1, &ev, 1, 0, &ss, 4), EINVAL,
		  "sigsetsize 4 + bad epfd -> EINVAL (sigmask first)");
	CHECK_ERR(raw_pwait(-1, &ev, 1, 0, KERNEL_PTR, 8), EFAULT,
		  "unreadable sigmask + bad epfd -> EFAULT (sigmask first)");
	CHECK_ERR(raw_pwait(-1, &ev, 1, 0, &ss, 8), EBADF, "good sigmask + bad epfd -> EBADF");
}

static void test_pwait2(void)
{
	struct epoll_event ev;
	struct timespec zero = { 0, 0 }, ms20 = { 0, 20000000 };
	struct timespec bad_nsec = { 0, 1000000000 }, neg_sec = { -1, 0 }, neg_nsec = { 0, -1 };
	long long t0;

	CHECK_EQ(epoll_pwait2(ep, &ev, 1, &zero, NULL), 0, "pwait2 {0,0}, nothing ready -> 0");
	t0 = now_ms();
	CHECK_EQ(epoll_pwait2(ep, &ev, 1, &ms20, NULL), 0, "pwait2 20 ms, nothing ready -> 0");
	CHECK(now_ms() - t0 >= 20, "pwait2 20 ms sleeps at least 20 ms");
	CHECK_ERR(epoll_pwait2(ep, &ev, 1, &bad_nsec, NULL), EINVAL, "tv_nsec 1e9 -> EINVAL");
	CHECK_ERR(epoll_pwait2(ep, &ev, 1, &neg_sec, NULL), EINVAL, "tv_sec -1 -> EINVAL");
	CHECK_ERR(epoll_pwait2(ep, &ev, 1, &neg_nsec, NULL), EINVAL, "tv_nsec -1 -> EINVAL");
	CHECK_ERR(epoll_pwait2(-1, &ev, 1, &bad_nsec, NULL), EINVAL,
		  "bad timespec + bad epfd -> EINVAL (timespec first)");
	CHECK_ERR(epoll_pwait2(-1, &ev, 1, KERNEL_PTR, NULL), EFAULT,
		  "unreadable timespec + bad epfd -> EFAULT");

	/* NULL timespec = forever; a ready fd returns at once. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 7), 0, "ADD write end");
	CHECK_EQ(epoll_pwait2(ep, &ev, 1, NULL, NULL), 1, "pwait2 NULL timeout, fd ready -> 1");
	CHECK_EQ(ev.data.u64, 7, "  data 7");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, wr, NULL), 0, "DEL write end");
}

int main(void)
{
	int p[2];

	ep = epoll_create1(0);
	pipe(p);
	rd = p[0];
	wr = p[1];
	test_bad_args();
	test_copy_fault();
	test_partial_fault();
	test_timeouts();
	test_pwait();
	test_pwait2();
	return test_done();
}
