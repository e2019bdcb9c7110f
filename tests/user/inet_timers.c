/*
 * inet_timers.c - what TCP's timers do on 127.0.0.1 that a program
 * can see: a SYN dropped by a full accept queue is sent again (the
 * retransmission timer, a second later), and the end that closes first
 * keeps its port in TIME_WAIT (bind: EADDRINUSE) while the other end's
 * port is free at once.  Only what holds right after a close is checked:
 * TIME_WAIT lasts 60 s on Linux, 2 s on Pollux.  Every expected value
 * was seen on Linux 6.18.
 *
 *   c0, c1 --SYN--> listener(1) [queue full]   c2 --SYN--> dropped
 *   accept c0, c1;  c2's SYN again after 1 s -> connected
 */
#include <fcntl.h>
#include <stdio.h>

#include "inet_util.h"
#include "test.h"

#define OUT (POLLOUT | POLLWRNORM)

/* A SYN the full queue dropped comes again (tcp_retransmit_timer) */
static void test_syn_retry(void)
{
	int l = listener4(1), c[3], s, i;
	struct sockaddr_in a = lo4(local_port(l));
	struct pollfd p;

	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(c[i], SA(&a), sizeof(a));
	}
	CHECK_HEX(revents(c[2], ALL), 0, "third: still connecting");
	for (i = 0; i < 2; i++)
		close(accept(l, NULL, NULL));
	p.fd = c[2];
	p.events = POLLOUT;
	CHECK_EQ(poll(&p, 1, 5000), 1, "third: its SYN again, within 5 s");
	CHECK_HEX(p.revents, POLLOUT, "third: connected");
	s = accept(l, NULL, NULL);
	CHECK(s >= 0, "third: accepted");
	close(s);
	for (i = 0; i < 3; i++)
		close(c[i]);
	close(l);
}

/* bind to 127.0.0.1:port, with SO_REUSEADDR or not: 0 or -errno */
static int bind_again(unsigned short port, int reuse)
{
	struct sockaddr_in a = lo4(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), r;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
	r = bind(fd, SA(&a), sizeof(a)) < 0 ? -errno : 0;
	close(fd);
	return r;
}

/* A connection whose end first closes first: the client (first) or the
 * accepted end; the ports each end had, host order */
static void close_pair(int client_first, unsigned short *cport,
		       unsigned short *lport)
{
	int l = listener4(5), c, s;
	struct sockaddr_in a = lo4(local_port(l));
	char b;

	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, SA(&a), sizeof(a));
	s = accept(l, NULL, NULL);
	*cport = local_port(c);
	*lport = local_port(l);
	close(client_first ? c : s);
	recv(client_first ? s : c, &b, 1, 0);	/* the FIN: end of input */
	close(client_first ? s : c);
	close(l);
}

/* The first to close waits in TIME_WAIT holding its port; the other's
 * port is free */
static void test_time_wait(void)
{
	unsigned short cport, lport;

	close_pair(1, &cport, &lport);
	CHECK_EQ(bind_again(cport, 0), -EADDRINUSE,
		  "client closed first: its port in TIME_WAIT, EADDRINUSE");
	CHECK_EQ(bind_again(lport, 0), 0,
		  "the server's port (it closed second): free");
	close_pair(0, &cport, &lport);
	CHECK_EQ(bind_again(lport, 0), -EADDRINUSE,
		  "server closed first: the listener's port in TIME_WAIT");
	CHECK_EQ(bind_again(cport, 0), 0,
		  "the client's port (it closed second): free");
}

int main(void)
{
	test_syn_retry();
	test_time_wait();
	return test_done();
}
