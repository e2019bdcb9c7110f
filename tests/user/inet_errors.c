/*
 * inet_errors.c - AF_INET's answers to bad or conflicting requests:
 * socket()'s family, type and protocol checks, bind (ephemeral ports,
 * SO_REUSEADDR, SO_REUSEPORT, EADDRINUSE, EADDRNOTAVAIL, a second bind),
 * listen, connect to a closed port, calls on unconnected sockets, and
 * the socket options with their defaults.  Every expected value was
 * seen on Linux 6.18 on 127.0.0.1.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "inet_util.h"
#include "test.h"

static char what[100];

static const char *W(const char *a, const char *b)
{
	snprintf(what, sizeof(what), "%s: %s", a, b);
	return what;
}

static void test_socket(void)
{
	int fd;

	CHECK_ERR(socket(47, SOCK_STREAM, 0), EAFNOSUPPORT, "family 47");
	CHECK_ERR(socket(AF_INET, 11, 0), EINVAL, "type 11");
	CHECK_ERR(socket(AF_INET, SOCK_STREAM | 0x1000, 0), EINVAL,
		  "unknown type flag");
	CHECK_ERR(socket(AF_INET, SOCK_STREAM, -1), EINVAL, "protocol -1");
	CHECK_ERR(socket(AF_INET, SOCK_STREAM, 300), EINVAL,
		  "protocol 300 (IPPROTO_MAX and over)");
	CHECK_ERR(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT,
		  "stream, IPPROTO_UDP");
	CHECK_ERR(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT,
		  "dgram, IPPROTO_TCP");
	CHECK_ERR(socket(AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT,
		  "seqpacket");
	CHECK_ERR(socket(AF_INET6, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT,
		  "inet6 stream, IPPROTO_UDP");
	CHECK_ERR(socket(AF_INET6, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT,
		  "inet6 seqpacket");
	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	CHECK(fd >= 0, "stream, IPPROTO_TCP");
	close(fd);
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	CHECK(fd >= 0, "dgram, IPPROTO_UDP");
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK, "SOCK_NONBLOCK");
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC");
	close(fd);
}

/* bind's checks of the address, in Linux's order */
static void test_bind_args(int type, const char *t)
{
	int fd = socket(AF_INET, type, 0), fd2;
	struct sockaddr_in a = lo4(0);
	unsigned short port;

	CHECK_ERR(bind(fd, SA(&a), sizeof(a) - 1), EINVAL, W(t, "short address"));
	a.sin_family = AF_UNIX;
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EAFNOSUPPORT, W(t, "AF_UNIX address"));
	a = in4(192, 0, 2, 1, 0);
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EADDRNOTAVAIL,
		  W(t, "192.0.2.1: not local"));
	CHECK_EQ(local_port(fd), 0, W(t, "unbound: port 0"));
	a = in4(127, 1, 2, 3, 0);
	CHECK_EQ(bind(fd, SA(&a), sizeof(a)), 0, W(t, "127.1.2.3: local"));
	port = local_port(fd);
	CHECK(port >= 32768 && port <= 60999, W(t, "an ephemeral port"));
	a = lo4(0);
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EINVAL, W(t, "a second bind"));
	/* 127.1.2.3 and 127.0.0.1 are two addresses: the port is free */
	fd2 = socket(AF_INET, type, 0);
	a = lo4(port);
	CHECK_EQ(bind(fd2, SA(&a), sizeof(a)), 0, W(t, "same port, other address"));
	close(fd2);
	fd2 = socket(AF_INET, type, 0);
	a = in4(0, 0, 0, 0, port);
	CHECK_ERR(bind(fd2, SA(&a), sizeof(a)), EADDRINUSE,
		  W(t, "INADDR_ANY over a bound port"));
	a = in4(127, 1, 2, 3, port);
	CHECK_ERR(bind(fd2, SA(&a), sizeof(a)), EADDRINUSE,
		  W(t, "the same address and port"));
	close(fd2);
	/* AF_UNSPEC is taken for AF_INET with INADDR_ANY only */
	fd2 = socket(AF_INET, type, 0);
	a = in4(0, 0, 0, 0, 0);
	a.sin_family = AF_UNSPEC;
	CHECK_EQ(bind(fd2, SA(&a), sizeof(a)), 0, W(t, "AF_UNSPEC, INADDR_ANY"));
	close(fd2);
	fd2 = socket(AF_INET, type, 0);
	a = lo4(0);
	a.sin_family = AF_UNSPEC;
	CHECK_ERR(bind(fd2, SA(&a), sizeof(a)), EAFNOSUPPORT,
		  W(t, "AF_UNSPEC, 127.0.0.1"));
	close(fd2);
	close(fd);
}

/* SO_REUSEADDR: a TCP port may be shared while nobody listens on it;
 * SO_REUSEPORT: also while listening.  UDP: either shares. */
static void test_reuse(int type, const char *t)
{
	int a1 = socket(AF_INET, type, 0), a2 = socket(AF_INET, type, 0);
	struct sockaddr_in a = lo4(0);
	unsigned short port;

	setint(a1, SOL_SOCKET, SO_REUSEADDR, 1);
	setint(a2, SOL_SOCKET, SO_REUSEADDR, 1);
	bind(a1, SA(&a), sizeof(a));
	a = lo4(port = local_port(a1));
	CHECK_EQ(bind(a2, SA(&a), sizeof(a)), 0, W(t, "SO_REUSEADDR on both"));
	if (type == SOCK_STREAM) {
		/* the other is bound, not listening: no conflict */
		CHECK_EQ(listen(a2, 1), 0, W(t, "one of the two listens"));
		CHECK_ERR(listen(a1, 1), EADDRINUSE, W(t, "the other cannot"));
	}
	close(a2);
	if (type == SOCK_STREAM) {
		listen(a1, 1);
		CHECK_EQ(try_bind4(type, SO_REUSEADDR, port), -EADDRINUSE,
			 W(t, "SO_REUSEADDR, the port listening"));
	}
	CHECK_EQ(try_bind4(type, 0, port), -EADDRINUSE,
		 W(t, "SO_REUSEADDR on the first only"));
	close(a1);

	a1 = socket(AF_INET, type, 0);
	setint(a1, SOL_SOCKET, SO_REUSEPORT, 1);
	a = lo4(0);
	bind(a1, SA(&a), sizeof(a));
	if (type == SOCK_STREAM)
		CHECK_EQ(listen(a1, 1), 0, W(t, "listen"));
	port = local_port(a1);
	CHECK_EQ(try_bind4(type, SO_REUSEPORT, port), 0, W(t, "SO_REUSEPORT on both"));
	CHECK_EQ(try_bind4(type, 0, port), -EADDRINUSE,
		 W(t, "SO_REUSEPORT on the first only"));
	close(a1);
	/* the port is free again once its socket is closed */
	CHECK_EQ(try_bind4(type, 0, port), 0, W(t, "the port after close"));
}

static void test_unconnected_tcp(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), l;
	struct sockaddr_in a;
	char c;

	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(send(fd, "x", 1, 0), EPIPE, "tcp: send, unconnected");
	CHECK_EQ(local_port(fd), 0, "tcp: a send does not bind");
	CHECK_ERR(recv(fd, &c, 1, 0), ENOTCONN, "tcp: recv, unconnected");
	CHECK_ERR(shutdown(fd, SHUT_WR), ENOTCONN, "tcp: shutdown, unconnected");
	CHECK_ERR(shutdown(fd, 3), EINVAL, "tcp: shutdown how 3");
	socklen_t len = sizeof(a);
	CHECK_ERR(getpeername(fd, SA(&a), &len), ENOTCONN, "tcp: getpeername");
	CHECK_ERR(accept(fd, NULL, NULL), EINVAL, "tcp: accept, not listening");
	a = lo4(0);
	CHECK_ERR(connect(fd, SA(&a), sizeof(a) - 1), EINVAL, "tcp: connect, short");
	a.sin_family = AF_UNIX;
	CHECK_ERR(connect(fd, SA(&a), sizeof(a)), EAFNOSUPPORT,
		  "tcp: connect, AF_UNIX");
	/* a port nobody listens on: a bound, closed one */
	l = bound4(SOCK_STREAM);
	a = lo4(local_port(l));
	CHECK_ERR(connect(fd, SA(&a), sizeof(a)), ECONNREFUSED,
		  "tcp: connect to a closed port");
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_ERROR), 0, "tcp: SO_ERROR after");
	close(fd);
	CHECK_EQ(listen(l, 0), 0, "tcp: listen(0)");
	CHECK_EQ(listen(l, 10), 0, "tcp: listen again");
	fd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_EQ(connect(fd, SA(&a), sizeof(a)), 0, "tcp: connect");
	CHECK_ERR(connect(fd, SA(&a), sizeof(a)), EISCONN, "tcp: connect again");
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EINVAL, "tcp: bind, connected");
	CHECK_ERR(connect(l, SA(&a), sizeof(a)), EISCONN, "tcp: connect, listening");
	close(fd);
	close(l);
	/* listen without bind: an ephemeral port */
	l = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_EQ(listen(l, 1), 0, "tcp: listen, unbound");
	CHECK(local_port(l) >= 32768 && local_port(l) <= 60999,
	      "tcp: listen picked an ephemeral port");
	close(l);
}

static void test_unconnected_udp(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = lo4(0);
	char c;

	CHECK_ERR(send(fd, "x", 1, 0), EDESTADDRREQ, "udp: send, unconnected");
	CHECK_ERR(recv(fd, &c, 1, MSG_DONTWAIT), EAGAIN, "udp: recv, nothing");
	CHECK_ERR(listen(fd, 1), EOPNOTSUPP, "udp: listen");
	CHECK_ERR(accept(fd, NULL, NULL), EOPNOTSUPP, "udp: accept");
	CHECK_ERR(shutdown(fd, SHUT_RD), ENOTCONN, "udp: shutdown, unconnected");
	CHECK_ERR(sendto(fd, "x", 1, 0, SA(&a), sizeof(a)), EINVAL,
		  "udp: sendto port 0");
	a = lo4(9);
	CHECK_ERR(sendto(fd, "x", 1, 0, SA(&a), sizeof(a) - 1), EINVAL,
		  "udp: sendto, short address");
	a.sin_family = AF_UNIX;
	CHECK_ERR(sendto(fd, "x", 1, 0, SA(&a), sizeof(a)), EAFNOSUPPORT,
		  "udp: sendto AF_UNIX");
	/* inet_sendmsg binds before udp_sendmsg looks at anything */
	CHECK(local_port(fd) >= 32768 && local_port(fd) <= 60999,
	      "udp: a failed send bound the socket");
	close(fd);
}

static void test_options(int type, const char *t)
{
	int fd = socket(AF_INET, type, 0);
	int v;
	socklen_t len;

	CHECK_EQ(getint(fd, SOL_SOCKET, SO_TYPE), type, W(t, "SO_TYPE"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_DOMAIN), AF_INET, W(t, "SO_DOMAIN"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_PROTOCOL),
		 type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP,
		 W(t, "SO_PROTOCOL"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_ERROR), 0, W(t, "SO_ERROR"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_SNDBUF),
		 type == SOCK_STREAM ? 16384 : 212992, W(t, "SO_SNDBUF default"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_RCVBUF),
		 type == SOCK_STREAM ? 131072 : 212992, W(t, "SO_RCVBUF default"));
	setint(fd, SOL_SOCKET, SO_SNDBUF, 10000);
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_SNDBUF), 20000, W(t, "SO_SNDBUF doubled"));
	setint(fd, SOL_SOCKET, SO_RCVBUF, 10000);
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_RCVBUF), 20000, W(t, "SO_RCVBUF doubled"));
	setint(fd, SOL_SOCKET, SO_RCVBUF, 1);
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_RCVBUF), 2304, W(t, "SO_RCVBUF minimum"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0, W(t, "SO_KEEPALIVE off"));
	CHECK_EQ(setint(fd, SOL_SOCKET, SO_KEEPALIVE, 5), 0, W(t, "SO_KEEPALIVE set"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1, W(t, "SO_KEEPALIVE on"));
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_REUSEADDR), 0, W(t, "SO_REUSEADDR off"));
	setint(fd, SOL_SOCKET, SO_REUSEADDR, 7);
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_REUSEADDR), 1, W(t, "SO_REUSEADDR on"));
	setint(fd, SOL_SOCKET, SO_REUSEPORT, 1);
	CHECK_EQ(getint(fd, SOL_SOCKET, SO_REUSEPORT), 1, W(t, "SO_REUSEPORT on"));
	CHECK_EQ(getint(fd, SOL_SOCKET, 12345), -ENOPROTOOPT, W(t, "unknown option"));
	v = 1;
	CHECK_ERR(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, 3), EINVAL,
		  W(t, "optlen 3"));
	len = 2;
	v = 0;
	CHECK_EQ(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), 0, W(t, "optlen 2"));
	CHECK_EQ(len * 100 + v, 200 + type, W(t, "cut to 2 bytes"));
	if (type == SOCK_STREAM) {
		CHECK_EQ(getint(fd, IPPROTO_TCP, TCP_NODELAY), 0, W(t, "TCP_NODELAY off"));
		CHECK_EQ(setint(fd, IPPROTO_TCP, TCP_NODELAY, 3), 0, W(t, "TCP_NODELAY set"));
		CHECK_EQ(getint(fd, IPPROTO_TCP, TCP_NODELAY), 1, W(t, "TCP_NODELAY on"));
		CHECK_EQ(getint(fd, IPPROTO_TCP, 9999), -ENOPROTOOPT,
			 W(t, "unknown TCP option"));
	} else {
		CHECK_EQ(setint(fd, IPPROTO_TCP, TCP_NODELAY, 1), -1,
			 W(t, "TCP_NODELAY on udp"));
		CHECK_EQ(errno, ENOPROTOOPT, W(t, "TCP_NODELAY on udp: errno"));
	}
	close(fd);
}

int main(void)
{
	test_socket();
	test_bind_args(SOCK_STREAM, "tcp");
	test_bind_args(SOCK_DGRAM, "udp");
	test_reuse(SOCK_STREAM, "tcp");
	test_reuse(SOCK_DGRAM, "udp");
	test_unconnected_tcp();
	test_unconnected_udp();
	test_options(SOCK_STREAM, "tcp");
	test_options(SOCK_DGRAM, "udp");
	return test_done();
}
