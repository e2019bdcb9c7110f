/*
 * inet_tcp.c - TCP on 127.0.0.1 as a program sees it: connect and
 * accept4 (blocking, non-blocking with EINPROGRESS, flags), names,
 * data with MSG_PEEK, MSG_DONTWAIT and FIONREAD, a megabyte through a
 * window that fills, shutdown(SHUT_WR) as the peer's end of input, a
 * close with unread data as a reset (ECONNRESET), and the poll masks
 * of tcp_poll at each step.  Every expected value was seen on Linux 6.18.
 *
 *   client --SYN--> listener;  accept4 -> server;  client <--data--> server
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "inet_util.h"
#include "test.h"

#define IN (POLLIN | POLLRDNORM)
#define OUT (POLLOUT | POLLWRNORM)

static char buf[1 << 20];

static void test_connect_accept(void)
{
	int l = listener4(5), c, s;
	struct sockaddr_in a = lo4(local_port(l)), got;
	socklen_t len;

	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_HEX(revents(c, ALL), OUT | POLLHUP, "fresh socket: OUT|HUP");
	CHECK_HEX(revents(l, ALL), 0, "listener, nothing pending: 0");
	CHECK_EQ(selected(l), 0, "select: listener not ready");
	CHECK_EQ(connect(c, SA(&a), sizeof(a)), 0, "connect");
	CHECK_HEX(revents(l, ALL), IN, "listener, one pending: IN");
	CHECK_EQ(selected(l), 1, "select: listener readable");
	CHECK_HEX(revents(c, ALL), OUT, "connected client: OUT");
	len = sizeof(got);
	memset(&got, 0xff, sizeof(got));
	s = accept4(l, SA(&got), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK(s >= 0, "accept4");
	CHECK_EQ(len, sizeof(struct sockaddr_in), "peer address length");
	CHECK_EQ(got.sin_family, AF_INET, "peer family");
	CHECK_EQ(got.sin_addr.s_addr, htonl(INADDR_LOOPBACK), "peer address");
	CHECK_EQ(ntohs(got.sin_port), local_port(c), "peer port: the client's");
	CHECK(local_port(c) >= 32768 && local_port(c) <= 60999,
	      "client port ephemeral");
	CHECK_EQ(fcntl(s, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "SOCK_NONBLOCK");
	CHECK_EQ(fcntl(s, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC");
	CHECK_EQ(local_port(s), local_port(l), "accepted: the listener's port");
	len = sizeof(got);
	getpeername(c, SA(&got), &len);
	CHECK_EQ(ntohs(got.sin_port), local_port(l), "client's peer: listener port");
	CHECK_EQ(len, 16, "getpeername length");
	len = 4;
	CHECK_EQ(getsockname(c, SA(&got), &len), 0, "getsockname, short buffer");
	CHECK_EQ(len, 16, "full length returned");
	CHECK_HEX(revents(s, ALL), OUT, "accepted: OUT");
	CHECK_HEX(revents(l, ALL), 0, "listener drained");
	fcntl(l, F_SETFL, O_NONBLOCK);
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN, "accept, none pending: EAGAIN");
	close(s);
	close(c);
	close(l);
}

/* A non-blocking connect: EINPROGRESS, then writable with SO_ERROR 0;
 * to a closed port the reset comes back as SO_ERROR ECONNREFUSED */
static void test_nonblocking_connect(void)
{
	int l = listener4(5), c, s, closed = bound4(SOCK_STREAM);
	struct sockaddr_in a = lo4(local_port(l));

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), EINPROGRESS, "EINPROGRESS");
	CHECK_HEX(revents(c, ALL), OUT, "then writable");
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), 0, "SO_ERROR 0");
	CHECK_EQ(connect(c, SA(&a), sizeof(a)), 0, "connect again: 0, done");
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), EISCONN, "a third: EISCONN");
	s = accept(l, NULL, NULL);
	CHECK(s >= 0, "accepted");
	close(s);
	close(c);

	a = lo4(local_port(closed));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), EINPROGRESS,
		  "closed port: EINPROGRESS");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLERR | POLLHUP | POLLRDHUP,
		  "closed port: IN|OUT|ERR|HUP|RDHUP");
	CHECK_EQ(selected(c), 3, "select: readable and writable");
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), ECONNREFUSED,
		 "SO_ERROR ECONNREFUSED");
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), 0, "read once");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLHUP | POLLRDHUP,
		  "then IN|OUT|HUP|RDHUP");
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), ECONNABORTED,
		  "connect again: the error was read, ECONNABORTED");
	close(c);
	close(closed);
	close(l);
}

static void test_data(void)
{
	int c, s, n = -1;
	char small[16];

	tcp_pair(&c, &s);
	CHECK_ERR(recv(s, small, 1, MSG_DONTWAIT), EAGAIN, "MSG_DONTWAIT: EAGAIN");
	CHECK_EQ(send(c, "hello", 5, 0), 5, "send 5");
	CHECK_EQ(send(c, "world", 5, 0), 5, "send 5 more");
	CHECK_HEX(revents(s, ALL), IN | OUT, "data: IN|OUT");
	CHECK_EQ(ioctl(s, FIONREAD, &n), 0, "FIONREAD");
	CHECK_EQ(n, 10, "FIONREAD: 10");
	CHECK_EQ(recv(s, small, 3, MSG_PEEK), 3, "MSG_PEEK 3");
	CHECK_MEM(small, "hel", 3, "peeked bytes");
	CHECK_EQ(recv(s, small, sizeof(small), 0), 10, "recv joins the sends");
	CHECK_MEM(small, "helloworld", 10, "bytes in order");
	CHECK_EQ(ioctl(s, FIONREAD, &n), 0, "FIONREAD again");
	CHECK_EQ(n, 0, "FIONREAD: 0");
	CHECK_EQ(write(s, "back", 4), 4, "write back");
	CHECK_EQ(read(c, small, sizeof(small)), 4, "read it");
	CHECK_EQ(send(c, "", 0, 0), 0, "send 0 bytes");
	CHECK_ERR(recv(s, small, 1, MSG_DONTWAIT), EAGAIN, "nothing sent");
	n = -1;
	CHECK_EQ(ioctl(c, FIONREAD, &n), 0, "FIONREAD (SIOCINQ) on client");
	CHECK_EQ(n, 0, "0 queued");
	close(c);
	close(s);
}

/* A megabyte from a child, through a window that fills and drains */
static void test_bulk(void)
{
	int c, s, i, status;
	long total = 0, sum = 0, n;

	tcp_pair(&c, &s);
	if (fork() == 0) {
		close(s);
		for (i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (char)(i * 7);
		for (i = 0; i < (int)sizeof(buf); i += n)
			if ((n = write(c, buf + i, sizeof(buf) - i)) <= 0)
				_exit(1);
		_exit(0);
	}
	close(c);
	while ((n = read(s, buf, 65536)) > 0) {
		for (i = 0; i < n; i++)
			sum += (unsigned char)buf[i] ^ (unsigned char)((total + i) * 7);
		total += n;
	}
	wait(&status);
	CHECK_EQ(total, sizeof(buf), "a megabyte arrived");
	CHECK_EQ(sum, 0, "every byte right");
	CHECK_EQ(status, 0, "the writer finished");
	CHECK_EQ(read(s, buf, 1), 0, "then EOF");
	close(s);
}

/* Our SHUT_WR is the peer's end of input: EOF and POLLRDHUP there;
 * our reading goes on */
static void test_shutdown(void)
{
	int c, s;
	char b[8];

	tcp_pair(&c, &s);
	send(c, "ab", 2, 0);
	CHECK_EQ(shutdown(c, SHUT_WR), 0, "shutdown(SHUT_WR)");
	CHECK_HEX(revents(s, ALL), IN | OUT | POLLRDHUP, "peer: IN|OUT|RDHUP");
	CHECK_HEX(revents(c, ALL), OUT, "own side: OUT");
	CHECK_EQ(recv(s, b, sizeof(b), 0), 2, "the data first");
	CHECK_EQ(recv(s, b, sizeof(b), 0), 0, "then EOF");
	CHECK_EQ(recv(s, b, sizeof(b), 0), 0, "EOF again");
	CHECK_ERR(send(c, "x", 1, 0), EPIPE, "send after SHUT_WR: EPIPE");
	CHECK_EQ(send(s, "yz", 2, 0), 2, "the peer still sends");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 2, "and we read it");
	CHECK_EQ(shutdown(s, SHUT_WR), 0, "peer's SHUT_WR");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLRDHUP | POLLHUP,
		  "both shut: IN|OUT|RDHUP|HUP");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 0, "EOF for us too");
	CHECK_HEX(revents(s, ALL), IN | OUT | POLLRDHUP | POLLHUP,
		  "the peer: the same");
	close(c);
	close(s);

	tcp_pair(&c, &s);
	CHECK_EQ(shutdown(c, SHUT_RD), 0, "shutdown(SHUT_RD)");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLRDHUP, "own SHUT_RD: IN|OUT|RDHUP");
	CHECK_HEX(revents(s, ALL), OUT, "peer sees nothing");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 0, "recv: 0");
	close(c);
	close(s);
}

/* Closing with unread data resets the connection */
static void test_reset(void)
{
	int c, s;
	char b[8];

	tcp_pair(&c, &s);
	send(c, "unread", 6, 0);
	send(s, "for c", 5, 0);
	close(s);
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLERR | POLLHUP | POLLRDHUP,
		  "reset: IN|OUT|ERR|HUP|RDHUP");
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), ECONNRESET,
		 "SO_ERROR ECONNRESET");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLHUP | POLLRDHUP,
		  "the error read: IN|OUT|HUP|RDHUP");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 5, "data sent before the reset");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 0, "then 0");
	CHECK_ERR(send(c, "x", 1, 0), EPIPE, "send: EPIPE");
	close(c);

	tcp_pair(&c, &s);
	send(c, "unread", 6, 0);
	close(s);
	CHECK_ERR(recv(c, b, sizeof(b), 0), ECONNRESET, "recv: ECONNRESET");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 0, "then 0");
	close(c);

	tcp_pair(&c, &s);
	send(c, "unread", 6, 0);
	close(s);
	CHECK_ERR(send(c, "x", 1, 0), ECONNRESET, "send: ECONNRESET");
	CHECK_ERR(send(c, "x", 1, 0), EPIPE, "then EPIPE");
	close(c);

	/* a reset while our own send queue is full: the queue goes too */
	tcp_pair(&c, &s);
	fcntl(s, F_SETFL, O_NONBLOCK);
	while (send(s, buf, sizeof(buf), 0) > 0)
		;
	send(c, "unread", 6, 0);
	close(s);
	CHECK_EQ(getint(c, SOL_SOCKET, SO_ERROR), ECONNRESET,
		 "full send queue, unread data: ECONNRESET");
	CHECK(recv(c, b, sizeof(b), 0) > 0, "what arrived is still read");
	close(c);

	/* a plain close: the peer reads EOF, its writes then reset */
	tcp_pair(&c, &s);
	close(s);
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLRDHUP, "closed peer: IN|OUT|RDHUP");
	CHECK_EQ(recv(c, b, sizeof(b), 0), 0, "EOF");
	CHECK_EQ(send(c, "x", 1, 0), 1, "a send into the closed socket");
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLERR | POLLHUP | POLLRDHUP,
		  "answered by a reset");
	CHECK_ERR(send(c, "x", 1, 0), EPIPE, "next send: EPIPE");
	close(c);
}

/* A listener closed with a connection not accepted resets it */
static void test_listener_close(void)
{
	int l = listener4(5), c;
	struct sockaddr_in a = lo4(local_port(l));
	char b;

	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, SA(&a), sizeof(a));
	close(l);
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLERR | POLLHUP | POLLRDHUP,
		  "not accepted, listener closed: reset");
	CHECK_ERR(recv(c, &b, 1, 0), ECONNRESET, "recv: ECONNRESET");
	close(c);
}

/* listen(1): the accept queue holds two; a third SYN is dropped and its
 * connect stays in SYN_SENT (Linux retries it a second later) */
static void test_backlog(void)
{
	int l = listener4(1), c[3], s, i;
	struct sockaddr_in a = lo4(local_port(l));

	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		CHECK_ERR(connect(c[i], SA(&a), sizeof(a)), EINPROGRESS,
			  "non-blocking connect: EINPROGRESS");
	}
	CHECK_HEX(revents(c[0], ALL), OUT, "first: connected");
	CHECK_HEX(revents(c[1], ALL), OUT, "second: connected");
	CHECK_HEX(revents(c[2], ALL), 0, "third: still connecting, 0");
	CHECK_ERR(send(c[2], "x", 1, 0), EAGAIN, "third: send EAGAIN");
	CHECK_ERR(connect(c[2], SA(&a), sizeof(a)), EALREADY, "third: EALREADY");
	fcntl(l, F_SETFL, O_NONBLOCK);
	for (i = 0; i < 2; i++) {
		s = accept(l, NULL, NULL);
		CHECK(s >= 0, "accept one of the two");
		close(s);
	}
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN, "then EAGAIN");
	for (i = 0; i < 3; i++)
		close(c[i]);
	close(l);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal ends a blocking accept or recv with EINTR (no SA_RESTART) */
static void test_eintr(void)
{
	int l = listener4(1), c, s;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	char b;

	set_handler(SIGALRM, on_alarm, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR(accept(l, NULL, NULL), EINTR, "accept: EINTR");
	close(l);
	tcp_pair(&c, &s);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR(recv(s, &b, 1, 0), EINTR, "recv: EINTR");
	close(c);
	close(s);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_connect_accept();
	test_nonblocking_connect();
	test_data();
	test_bulk();
	test_shutdown();
	test_reset();
	test_listener_close();
	test_backlog();
	test_eintr();
	return test_done();
}
