/*
 * inet_epoll.c - epoll on TCP and UDP sockets over loopback: a listener
 * wakes when a connection is pending, edge-triggered EPOLLIN per
 * arrival, EPOLLRDHUP from the peer's shutdown, EPOLLERR|EPOLLHUP from
 * a reset, EPOLLOUT leaving when the send buffer fills and coming back
 * when the peer reads, and a sleeping epoll_wait, poll and select woken
 * by another process's connect and send.  Every expected value was
 * seen on Linux 6.18.
 *
 *   parent -(ew)-> ep -(et)-> s  <-TCP over lo->  c <- child
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>

#include "epoll_util.h"
#include "inet_util.h"
#include "test.h"

static char buf[1 << 20];

static void test_listener(void)
{
	int l = listener4(5), ep = epoll_create1(0), c, s;
	struct sockaddr_in a = lo4(local_port(l));
	struct epoll_event ev;

	ep_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN | EPOLLOUT, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "listener idle: nothing");
	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, SA(&a), sizeof(a));
	CHECK_EQ(wait1(ep, &ev, 0), 1, "a connection pending");
	CHECK_HEX(ev.events, EPOLLIN, "listener: EPOLLIN only");
	s = accept(l, NULL, NULL);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "accepted: nothing");
	close(s);
	close(c);
	close(ep);
	close(l);
}

static void test_edges(void)
{
	int c, s, ep = epoll_create1(0);
	struct epoll_event ev;

	tcp_pair(&c, &s);
	ep_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLRDHUP | EPOLLET, 2);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "ET, idle: nothing");
	send(c, "a", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "data: an edge");
	CHECK_HEX(ev.events, EPOLLIN, "EPOLLIN");
	CHECK_EQ(ev.data.u64, 2, "data cookie");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "no second edge");
	send(c, "b", 1, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "more data: a new edge");
	shutdown(c, SHUT_WR);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "peer's SHUT_WR: an edge");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLRDHUP, "EPOLLIN|EPOLLRDHUP");
	ep_ctl(ep, EPOLL_CTL_MOD, s, EPOLLIN | EPOLLOUT | EPOLLRDHUP, 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "level: ready");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLOUT | EPOLLRDHUP, "IN|OUT|RDHUP");
	close(c);
	close(s);
	close(ep);

	/* a reset */
	ep = epoll_create1(0);
	tcp_pair(&c, &s);
	ep_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN | EPOLLRDHUP | EPOLLET, 3);
	send(c, "unread", 6, 0);
	close(s);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "reset: an edge");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP,
		  "EPOLLIN|EPOLLERR|EPOLLHUP|EPOLLRDHUP");
	close(c);
	close(ep);
}

/* EPOLLOUT goes when the send buffer fills, comes back when the peer
 * reads (the window opens and the sent data is acknowledged) */
static void test_epollout(void)
{
	int c, s, ep = epoll_create1(0), filled = 0;
	struct epoll_event ev;
	long n, total = 0, got = 0;

	tcp_pair(&c, &s);
	fcntl(c, F_SETFL, O_NONBLOCK);
	ep_ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT | EPOLLET, 4);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "fresh: EPOLLOUT");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	while ((n = send(c, buf, sizeof(buf), 0)) > 0)
		total += n;
	filled = n < 0 && errno == EAGAIN;
	CHECK(filled, "the send buffer fills: EAGAIN");
	CHECK(total > 100000, "after more than 100000 bytes");
	CHECK_HEX(revents(c, POLLOUT), 0, "poll: not writable");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "epoll: no EPOLLOUT");
	while (got < total && (n = recv(s, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		got += n;
	CHECK_EQ(got, total, "the peer reads it all");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "EPOLLOUT is back");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	CHECK_HEX(revents(c, POLLOUT), POLLOUT, "poll: writable");
	close(c);
	close(s);
	close(ep);
}

/* Sleepers in epoll_wait, poll and select woken by a child */
static void test_wakeups(void)
{
	int l = listener4(5), ep = epoll_create1(0), s, c;
	struct sockaddr_in a = lo4(local_port(l));
	struct epoll_event ev;
	struct pollfd p;
	fd_set r;
	pid_t pid;

	ep_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN, 5);
	pid = fork();
	if (pid == 0) {
		msleep(50);
		c = socket(AF_INET, SOCK_STREAM, 0);
		connect(c, SA(&a), sizeof(a));
		msleep(50);
		send(c, "ping", 4, 0);
		msleep(50);
		send(c, "pong", 4, 0);
		msleep(50);
		close(c);
		_exit(0);
	}
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll_wait woken by connect");
	s = accept(l, NULL, NULL);
	p.fd = s;
	p.events = POLLIN;
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll woken by data");
	CHECK_EQ(recv(s, buf, 4, 0), 4, "read it");
	FD_ZERO(&r);
	FD_SET(s, &r);
	CHECK_EQ(select(s + 1, &r, NULL, NULL, NULL), 1, "select woken by data");
	CHECK_EQ(recv(s, buf, 4, 0), 4, "read it");
	CHECK_EQ(recv(s, buf, 4, 0), 0, "a blocking recv woken by the close");
	CHECK_EQ(wait_child(pid), 0, "child done");
	close(s);
	close(ep);
	close(l);
}

/* A non-blocking connect to a port nobody has: the reset reaches epoll */
static void test_refused(void)
{
	int closed = bound4(SOCK_STREAM), ep = epoll_create1(0), c;
	struct sockaddr_in a = lo4(local_port(closed));
	struct epoll_event ev;

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ep_ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT | EPOLLET, 7);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "unconnected: an edge");
	CHECK_HEX(ev.events, EPOLLOUT | EPOLLHUP, "EPOLLOUT|EPOLLHUP");
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), EINPROGRESS, "EINPROGRESS");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "refused: an edge");
	CHECK_HEX(ev.events, EPOLLOUT | EPOLLERR | EPOLLHUP,
		  "EPOLLOUT|EPOLLERR|EPOLLHUP");
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), ECONNREFUSED, "ECONNREFUSED");
	close(c);
	close(ep);
	close(closed);
}

static void test_udp(void)
{
	int a = bound4(SOCK_DGRAM), b = bound4(SOCK_DGRAM), ep = epoll_create1(0);
	struct sockaddr_in to = lo4(local_port(b));
	struct epoll_event ev;

	ep_ctl(ep, EPOLL_CTL_ADD, b, EPOLLIN | EPOLLOUT | EPOLLET, 6);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "udp fresh: an edge");
	CHECK_HEX(ev.events, EPOLLOUT, "EPOLLOUT");
	sendto(a, "x", 1, 0, SA(&to), sizeof(to));
	CHECK_EQ(wait1(ep, &ev, 0), 1, "a datagram: an edge");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLOUT, "EPOLLIN|EPOLLOUT");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "then nothing");
	close(a);
	close(b);
	close(ep);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_listener();
	test_edges();
	test_epollout();
	test_wakeups();
	test_refused();
	test_udp();
	return test_done();
}
