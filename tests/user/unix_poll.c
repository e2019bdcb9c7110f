/*
 * unix_poll.c - what poll, select and epoll see on AF_UNIX socketpairs:
 * the masks of unix_poll (SOCK_STREAM) and unix_dgram_poll (SOCK_DGRAM,
 * SOCK_SEQPACKET) after data, shutdown and close; edge-triggered and
 * one-shot epoll; keyed wake-ups (data wakes EPOLLIN watchers only, a
 * reader's progress EPOLLOUT watchers only); the send buffer filling up
 * as on Linux.  Every expected value was seen on Linux 6.18.
 *
 *   parent -(ew)-> ep -(et)-> sv[0]   <-socketpair->   sv[1] <- child
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "epoll_util.h"
#include "poll_util.h"
#include "test.h"

#define ALL (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | \
	     POLLWRNORM | POLLWRBAND | POLLRDHUP)
#define IN (POLLIN | POLLRDNORM)
#define OUT (POLLOUT | POLLWRNORM | POLLWRBAND)

static char buf[400000];
static char what[100];

static const char *W(const char *type, const char *s)
{
	snprintf(what, sizeof(what), "%s: %s", type, s);
	return what;
}

/* A datagram socket's shutdown is its own: the peer sees nothing. */
static void test_masks(int type, const char *t)
{
	int sv[2], conn = type != SOCK_DGRAM;

	socketpair(AF_UNIX, type, 0, sv);
	CHECK_HEX(revents(sv[0], ALL), OUT, W(t, "fresh: writable"));
	CHECK_HEX(revents(sv[0], POLLIN), 0, W(t, "fresh, POLLIN only: 0"));
	CHECK_EQ(selected(sv[0]), 2, W(t, "select: writable"));
	send(sv[1], "x", 1, 0);
	CHECK_HEX(revents(sv[0], ALL), IN | OUT, W(t, "data: readable"));
	CHECK_EQ(selected(sv[0]), 3, W(t, "select: readable and writable"));
	CHECK_HEX(revents(sv[1], ALL), OUT, W(t, "the sender: writable"));
	shutdown(sv[1], SHUT_WR);
	CHECK_HEX(revents(sv[0], ALL), conn ? IN | OUT | POLLRDHUP : IN | OUT,
		  W(t, "peer's SHUT_WR: RDHUP if connection-based"));
	CHECK_HEX(revents(sv[1], ALL), OUT, W(t, "own SHUT_WR: no change"));
	recv(sv[0], buf, 10, 0);
	CHECK_HEX(revents(sv[0], ALL), conn ? IN | OUT | POLLRDHUP : OUT,
		  W(t, "read: still readable (EOF) if connection-based"));
	shutdown(sv[0], SHUT_WR);
	CHECK_HEX(revents(sv[0], ALL), conn ? IN | OUT | POLLRDHUP | POLLHUP
					    : OUT,
		  W(t, "both directions shut: HUP if connection-based"));
	CHECK_HEX(revents(sv[1], ALL), conn ? IN | OUT | POLLRDHUP | POLLHUP
					    : OUT, W(t, "on both sides"));
	CHECK_EQ(selected(sv[0]), conn ? 3 : 2, W(t, "select"));
	shutdown(sv[0], SHUT_RD);
	CHECK_HEX(revents(sv[0], ALL), IN | OUT | POLLRDHUP | POLLHUP,
		  W(t, "own SHUT_RD too: HUP"));
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, type, 0, sv);
	shutdown(sv[0], SHUT_RD);
	CHECK_HEX(revents(sv[0], ALL), IN | OUT | POLLRDHUP,
		  W(t, "own SHUT_RD: RDHUP"));
	CHECK_HEX(revents(sv[1], ALL), OUT, W(t, "the peer: writable"));
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, type, 0, sv);
	send(sv[0], "abc", 3, 0);
	close(sv[1]);
	CHECK_HEX(revents(sv[0], ALL), type == SOCK_DGRAM ? OUT :
		  IN | OUT | POLLRDHUP | POLLHUP | POLLERR,
		  W(t, "peer closed, our data unread"));
	CHECK_HEX(revents(sv[0], 0), type == SOCK_DGRAM ? 0 :
		  POLLHUP | POLLERR, W(t, "HUP and ERR even unasked"));
	CHECK_EQ(selected(sv[0]), type == SOCK_DGRAM ? 2 : 3,
		 W(t, "select"));
	close(sv[0]);
}

static void test_fill(int type, const char *t, int len, int count)
{
	int sv[2], n = 0, total = 0, v;

	socketpair(AF_UNIX, type | SOCK_NONBLOCK, 0, sv);
	while (send(sv[0], buf, len, 0) == len)
		n++;
	CHECK_ERR(send(sv[0], buf, len, 0), EAGAIN, W(t, "full: EAGAIN"));
	CHECK_EQ(n, count, W(t, "messages the send buffer took"));
	CHECK_HEX(revents(sv[0], ALL), 0, W(t, "full: not writable"));
	CHECK_EQ(selected(sv[0]), 0, W(t, "select: nothing"));
	CHECK_HEX(revents(sv[1], ALL), IN | OUT, W(t, "the peer: both"));
	while ((v = recv(sv[1], buf, len, 0)) > 0)
		total += v;
	CHECK_EQ(total, n * len, W(t, "all read back"));
	CHECK_HEX(revents(sv[0], ALL), OUT, W(t, "writable again"));
	close(sv[0]);
	close(sv[1]);
}

/* A stream write takes what fits, in buffers of 36544 bytes, and the
 * writer is writable again only when the charge is a quarter of the
 * buffer. */
static void test_stream_fill(void)
{
	int sv[2], v;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	CHECK_EQ(write(sv[0], buf, sizeof(buf)), 219264,
		 "non-blocking write of 400000 takes 219264");
	CHECK_ERR(write(sv[0], buf, 1), EAGAIN, "then EAGAIN");
	CHECK_EQ(ioctl(sv[1], FIONREAD, &v), 0, "FIONREAD");
	CHECK_EQ(v, 219264, "FIONREAD 219264");
	CHECK_EQ(ioctl(sv[0], 0x5411 /* SIOCOUTQ */, &v), 0, "SIOCOUTQ");
	CHECK_EQ(v, 222720, "SIOCOUTQ: 6 buffers of 37120");
	CHECK_EQ(read(sv[1], buf, 100000), 100000, "read 100000");
	CHECK_HEX(revents(sv[0], ALL), 0, "not writable yet");
	CHECK_EQ(read(sv[1], buf, 100000), 100000, "read 100000 more");
	CHECK_HEX(revents(sv[0], ALL), OUT, "writable: a quarter left");
	CHECK_EQ(ioctl(sv[0], 0x5411, &v), 0, "SIOCOUTQ");
	CHECK_EQ(v, 37120, "one buffer charged");
	CHECK_EQ(write(sv[0], buf, sizeof(buf)), 182720,
		 "the next write takes 182720");
	close(sv[0]);
	close(sv[1]);
}

static void test_epoll_et(void)
{
	int sv[2], ep = epoll_create1(0);
	struct epoll_event ev;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ep_ctl(ep, EPOLL_CTL_ADD, sv[0], EPOLLIN | EPOLLET, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET EPOLLIN: empty, no event");
	send(sv[1], "a", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: a write, an event");
	CHECK_HEX(ev.events, EPOLLIN, "EPOLLIN");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: once");
	send(sv[1], "b", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET: each write is an edge");
	recv(sv[0], buf, 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET: reading is no edge for EPOLLIN");

	/* EPOLLOUT ET on sv[0]: the peer reading our data is an edge, our
	 * own writes and the peer's writes are not */
	ep_ctl(ep, EPOLL_CTL_MOD, sv[0], EPOLLOUT | EPOLLET, 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ET EPOLLOUT: writable");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET EPOLLOUT: once");
	send(sv[0], "c", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "our write: no EPOLLOUT edge");
	send(sv[1], "d", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 0,
		 "the peer's write wakes EPOLLIN only: no EPOLLOUT edge");
	recv(sv[1], buf, 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "the peer read our byte: an edge");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	shutdown(sv[1], SHUT_RDWR);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "the peer's shutdown wakes everyone");
	CHECK_HEX(ev.events, EPOLLOUT | EPOLLHUP, "EPOLLOUT | EPOLLHUP");

	/* ONESHOT */
	close(sv[0]);
	close(sv[1]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	ep_ctl(ep, EPOLL_CTL_ADD, sv[0], EPOLLIN | EPOLLONESHOT, 3);
	send(sv[1], "a", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "ONESHOT: one event");
	CHECK_EQ(ev.data.u64, 3, "its data");
	send(sv[1], "b", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ONESHOT: then none");
	ep_ctl(ep, EPOLL_CTL_MOD, sv[0], EPOLLIN | EPOLLONESHOT, 4);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "MOD re-arms");
	CHECK_EQ(ev.data.u64, 4, "with the new data");

	/* level-triggered dgram: the writable end */
	ep_ctl(ep, EPOLL_CTL_ADD, sv[1], EPOLLOUT | EPOLLIN, 5);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "LT dgram: writable");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	close(sv[0]);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "dgram peer closed: still writable");
	CHECK_HEX(ev.events, EPOLLOUT, "no HUP for a datagram socket");
	close(sv[1]);
	close(ep);
}

/* A parent blocked in epoll_wait, woken by its child's writes,
 * shutdown and exit. */
static void test_epoll_wakeups(void)
{
	int sv[2], go[2], ep = epoll_create1(0), asleep = 1;
	struct epoll_event ev;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(go);
	ep_ctl(ep, EPOLL_CTL_ADD, sv[0], EPOLLIN | EPOLLRDHUP | EPOLLET, 1);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		asleep &= wait_go_parent_asleep(go[0]);
		send(sv[1], "x", 1, 0);
		asleep &= wait_go_parent_asleep(go[0]);
		shutdown(sv[1], SHUT_WR);
		asleep &= wait_go_parent_asleep(go[0]);
		_exit(!asleep);
	}
	close(sv[1]);
	write(go[1], "g", 1);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "woken by the child's write");
	CHECK_HEX(ev.events, EPOLLIN, "EPOLLIN");
	write(go[1], "g", 1);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "woken by its shutdown");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLRDHUP, "EPOLLIN | EPOLLRDHUP");
	write(go[1], "g", 1);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "woken by its exit (close)");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLRDHUP | EPOLLHUP,
		  "EPOLLIN | EPOLLRDHUP | EPOLLHUP");
	CHECK_EQ(wait_child(pid), 0, "child done, each time once we slept");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 1, "the byte");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 0, "then EOF");
	close(sv[0]);
	close(go[0]);
	close(go[1]);
	close(ep);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_masks(SOCK_STREAM, "stream");
	test_masks(SOCK_DGRAM, "dgram");
	test_masks(SOCK_SEQPACKET, "seqpacket");
	test_fill(SOCK_STREAM, "stream 1", 1, 278);
	test_fill(SOCK_STREAM, "stream 5000", 5000, 34);
	test_fill(SOCK_DGRAM, "dgram 1", 1, 278);
	test_fill(SOCK_DGRAM, "dgram 17000", 17000, 11);
	test_fill(SOCK_SEQPACKET, "seqpacket 200", 200, 167);
	test_stream_fill();
	test_epoll_et();
	test_epoll_wakeups();
	return test_done();
}
