/*
 * Trigger modes on a pipe: level-triggered (default), EPOLLET and
 * EPOLLONESHOT; what MOD and DEL do to a queued item; the exact masks
 * a pipe reports when one side is closed. All values seen on Linux 6.18.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

static int ep, rd, wr;
static char buf[64];

static void new_pipe(void)
{
	int p[2];

	pipe(p);
	rd = p[0];
	wr = p[1];
}

/* Close both ends; closing the last reference also drops the epoll item. */
static void end_pipe(void)
{
	close(rd);
	close(wr);
}

static void test_level(void)
{
	struct epoll_event ev;

	new_pipe();
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 1), 0, "LT: ADD empty read end");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "LT: empty pipe -> 0");
	write(wr, "ab", 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "LT: after write -> 1");
	CHECK_HEX(ev.events, EPOLLIN, "LT:   mask EPOLLIN");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "LT: again, not drained -> 1");
	read(rd, buf, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "LT: 1 of 2 bytes read -> still 1");
	read(rd, buf, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "LT: drained -> 0");
	end_pipe();
}

/* ET fires on every wake-up the pipe issues (every write), never on reads. */
static void test_edge(void)
{
	struct epoll_event ev;

	new_pipe();
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLET, 2), 0, "ET: ADD empty read end");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: empty pipe -> 0");
	write(wr, "ab", 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: after write -> 1");
	CHECK_HEX(ev.events, EPOLLIN, "ET:   mask EPOLLIN (no ET bit)");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: again without a new write -> 0");
	write(wr, "c", 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: second write to a non-empty pipe -> 1");
	read(rd, buf, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: a partial read does not re-arm -> 0");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN | EPOLLET, 3), 0, "ET: MOD");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: MOD finds it ready -> 1");
	CHECK_EQ(ev.data.u64, 3, "ET:   with the new data");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: and then -> 0");
	read(rd, buf, sizeof(buf));
	write(wr, "d", 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: write after draining -> 1");
	close(wr);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: closing the writer is a new edge -> 1");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLHUP, "ET:   mask IN|HUP");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: then -> 0");
	close(rd);
}

static void test_oneshot(void)
{
	struct epoll_event ev;

	new_pipe();
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLONESHOT, 4), 0, "ONESHOT: ADD");
	write(wr, "a", 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ONESHOT: first event -> 1");
	CHECK_HEX(ev.events, EPOLLIN, "ONESHOT:   mask EPOLLIN");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ONESHOT: disarmed, data still there -> 0");
	write(wr, "b", 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ONESHOT: disarmed, new write -> 0");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 0), EEXIST,
		  "ONESHOT: a disarmed item is still registered (EEXIST)");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN | EPOLLONESHOT, 6), 0, "ONESHOT: MOD re-arms");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ONESHOT: re-armed and ready -> 1");
	CHECK_EQ(ev.data.u64, 6, "ONESHOT:   with the new data");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ONESHOT: disarmed again -> 0");
	end_pipe();
}

static void test_modify(void)
{
	struct epoll_event ev;
	uint64_t cookie = 0x1122334455667788ULL;

	new_pipe();
	write(wr, "a", 1);
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, cookie), 0, "ADD an already-ready fd");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "reported at once -> 1");
	CHECK_EQ(ev.data.u64, cookie, "  64-bit data round-trips");
	/* The item is queued again (LT); MOD changes what that queued item reports. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN, ~cookie), 0, "MOD data while queued");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  -> 1");
	CHECK_EQ(ev.data.u64, ~cookie, "  reports the new data");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLOUT, 9), 0, "MOD read end to EPOLLOUT");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  a read end is never writable -> 0");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN | EPOLLRDNORM, 10), 0, "MOD to IN|RDNORM");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  -> 1");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLRDNORM, "  mask IN|RDNORM");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, rd, NULL), 0, "DEL a queued item");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  its event is gone -> 0");
	end_pipe();
}

/* A pipe reports HUP to readers once the writers are gone, ERR to writers once readers are. */
static void test_hup_err(void)
{
	struct epoll_event ev;

	new_pipe();
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLRDHUP | EPOLLRDNORM, 11), 0,
		 "ADD read end IN|RDHUP|RDNORM");
	write(wr, "a", 1);
	close(wr);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "writer closed, data left -> 1");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLRDNORM | EPOLLHUP, "  mask IN|RDNORM|HUP (no RDHUP)");
	read(rd, buf, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "writer closed, empty -> 1");
	CHECK_HEX(ev.events, EPOLLHUP, "  mask HUP");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, 0, 12), 0, "MOD read end to events 0");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  HUP is reported anyway -> 1");
	CHECK_HEX(ev.events, EPOLLHUP, "  mask HUP");
	close(rd);

	new_pipe();
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 13), 0, "ADD write end OUT");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "empty pipe is writable -> 1");
	CHECK_HEX(ev.events, EPOLLOUT, "  mask OUT");
	close(rd);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "reader closed -> 1");
	CHECK_HEX(ev.events, EPOLLOUT | EPOLLERR, "  mask OUT|ERR");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, wr, 0, 14), 0, "MOD write end to events 0");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  ERR is reported anyway -> 1");
	CHECK_HEX(ev.events, EPOLLERR, "  mask ERR");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, wr, EPOLLOUT | EPOLLWRNORM | EPOLLRDHUP, 15), 0,
		 "MOD write end to OUT|WRNORM|RDHUP");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  -> 1");
	CHECK_HEX(ev.events, EPOLLOUT | EPOLLWRNORM | EPOLLERR, "  mask OUT|WRNORM|ERR");
	close(wr);
}

/* Every fd closed above took its item with it: the set is empty again. */
static void test_empty_after_close(void)
{
	struct epoll_event ev;

	CHECK_EQ(wait1(ep, &ev, 0), 0, "closed pipes left no items -> 0");
}

int main(void)
{
	ep = epoll_create1(0);
	test_level();
	test_edge();
	test_oneshot();
	test_modify();
	test_hup_err();
	test_empty_after_close();
	return test_done();
}
