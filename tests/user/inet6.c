/*
 * inet6.c - AF_INET6 on ::1: TCP and UDP as on 127.0.0.1, with
 * 28-byte addresses; bind's IPv6 checks; a dual-stack socket (bound to
 * ::) taking an IPv4 connection, which it sees as ::ffff:127.0.0.1;
 * IPV6_V6ONLY.  Every expected value was seen on Linux 6.18.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "inet_util.h"
#include "test.h"

#define IN (POLLIN | POLLRDNORM)
#define OUT (POLLOUT | POLLWRNORM)

static struct sockaddr_in6 lo6(unsigned short port)
{
	struct sockaddr_in6 a;

	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	a.sin6_port = htons(port);
	a.sin6_addr = in6addr_loopback;
	return a;
}

/* fd bound to addr, port 0 (a free one) */
static int bind6(int fd, const struct in6_addr *addr)
{
	struct sockaddr_in6 a = lo6(0);

	a.sin6_addr = *addr;
	bind(fd, SA(&a), sizeof(a));
	return fd;
}

static int bound6(int type, const struct in6_addr *addr)
{
	return bind6(socket(AF_INET6, type, 0), addr);
}

static void test_bind(void)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 a = lo6(0), got;
	socklen_t len = sizeof(got);

	CHECK_EQ(getint(fd, SOL_SOCKET, SO_DOMAIN), AF_INET6, "SO_DOMAIN");
	CHECK_EQ(getint(fd, IPPROTO_IPV6, IPV6_V6ONLY), 0, "IPV6_V6ONLY off");
	CHECK_ERR(bind(fd, SA(&a), 23), EINVAL, "23 bytes: short");
	a.sin6_family = AF_INET;
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EAFNOSUPPORT, "AF_INET family");
	a = lo6(0);
	a.sin6_addr.s6_addr[0] = 0x20;
	a.sin6_addr.s6_addr[1] = 0x01;
	a.sin6_addr.s6_addr[2] = 0x0d;
	a.sin6_addr.s6_addr[3] = 0xb8;
	CHECK_ERR(bind(fd, SA(&a), sizeof(a)), EADDRNOTAVAIL, "2001:db8::1");
	a = lo6(0);
	CHECK_EQ(bind(fd, SA(&a), 24), 0, "24 bytes are enough");
	CHECK_EQ(getsockname(fd, SA(&got), &len), 0, "getsockname");
	CHECK_EQ(len, 28, "28 bytes");
	CHECK_EQ(got.sin6_family, AF_INET6, "AF_INET6");
	CHECK_MEM(&got.sin6_addr, &in6addr_loopback, 16, "::1");
	CHECK(ntohs(got.sin6_port) >= 32768 && ntohs(got.sin6_port) <= 60999,
	      "an ephemeral port");
	CHECK_ERR(setint(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1), EINVAL,
		  "IPV6_V6ONLY after bind");
	close(fd);
}

static void test_tcp(void)
{
	int l = bound6(SOCK_STREAM, &in6addr_loopback), c, s;
	struct sockaddr_in6 a = lo6(local_port(l)), got;
	socklen_t len = sizeof(got);
	char buf[8];

	listen(l, 5);
	c = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_ERR(connect(c, SA(&a), sizeof(a)), EINPROGRESS, "EINPROGRESS");
	CHECK_HEX(revents(l, ALL), IN, "listener: IN");
	memset(&got, 0, sizeof(got));
	s = accept(l, SA(&got), &len);
	CHECK(s >= 0, "accept");
	CHECK_EQ(len, 28, "peer address: 28 bytes");
	CHECK_MEM(&got.sin6_addr, &in6addr_loopback, 16, "peer ::1");
	CHECK_EQ(ntohs(got.sin6_port), local_port(c), "peer port");
	CHECK_HEX(revents(c, ALL), OUT, "client: OUT");
	CHECK_EQ(send(c, "v6", 2, 0), 2, "send");
	CHECK_EQ(recv(s, buf, sizeof(buf), 0), 2, "recv");
	shutdown(c, SHUT_WR);
	CHECK_HEX(revents(s, ALL), IN | OUT | POLLRDHUP, "peer shut: IN|OUT|RDHUP");
	send(c, "x", 0, 0);
	close(s);
	CHECK_HEX(revents(c, ALL), IN | OUT | POLLRDHUP | POLLHUP, "both closed");
	close(c);
	close(l);
}

/* A socket on :: takes IPv4 too, unless IPV6_V6ONLY */
static void test_dual_stack(void)
{
	int l = bound6(SOCK_STREAM, &in6addr_any), c, s, only;
	struct sockaddr_in a4 = lo4(local_port(l));
	struct sockaddr_in6 got;
	socklen_t len = sizeof(got);
	static const unsigned char mapped[16] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1 };

	listen(l, 5);
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_EQ(connect(c, SA(&a4), sizeof(a4)), 0, "IPv4 to a :: listener");
	s = accept(l, SA(&got), &len);
	CHECK_EQ(len, 28, "an IPv6 address");
	CHECK_MEM(&got.sin6_addr, mapped, 16, "::ffff:127.0.0.1");
	len = sizeof(got);
	getsockname(s, SA(&got), &len);
	CHECK_MEM(&got.sin6_addr, mapped, 16, "our side: ::ffff:127.0.0.1");
	close(s);
	close(c);
	/* the IPv4 port is taken by the :: socket */
	CHECK_EQ(try_bind4(SOCK_STREAM, 0, local_port(l)), -EADDRINUSE,
		 "127.0.0.1 on the port of ::");
	close(l);

	only = socket(AF_INET6, SOCK_STREAM, 0);
	CHECK_EQ(setint(only, IPPROTO_IPV6, IPV6_V6ONLY, 1), 0, "IPV6_V6ONLY");
	CHECK_EQ(getint(only, IPPROTO_IPV6, IPV6_V6ONLY), 1, "IPV6_V6ONLY on");
	listen(bind6(only, &in6addr_any), 5);
	a4 = lo4(local_port(only));
	CHECK_EQ(try_bind4(SOCK_STREAM, 0, local_port(only)), 0,
		 "V6ONLY: the IPv4 port is free");
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK_ERR(connect(c, SA(&a4), sizeof(a4)), ECONNREFUSED,
		  "V6ONLY: IPv4 refused");
	close(c);
	close(only);
}

static void test_udp(void)
{
	int a = bound6(SOCK_DGRAM, &in6addr_loopback);
	int b = bound6(SOCK_DGRAM, &in6addr_loopback), n = -1;
	struct sockaddr_in6 to = lo6(local_port(b)), from;
	socklen_t len = sizeof(from);
	static char big[65530];
	char buf[8];

	CHECK_EQ(sendto(a, "six", 3, 0, SA(&to), sizeof(to)), 3, "sendto ::1");
	CHECK_EQ(ioctl(b, FIONREAD, &n), 0, "FIONREAD");
	CHECK_EQ(n, 3, "3 bytes");
	CHECK_EQ(recvfrom(b, buf, sizeof(buf), 0, SA(&from), &len), 3, "recvfrom");
	CHECK_EQ(len, 28, "from: 28 bytes");
	CHECK_EQ(ntohs(from.sin6_port), local_port(a), "from: the sender");
	CHECK_EQ(sendto(a, big, 65527, 0, SA(&to), sizeof(to)), 65527,
		 "65527 bytes: IPv6's most");
	CHECK_ERR(sendto(a, big, 65528, 0, SA(&to), sizeof(to)), EMSGSIZE,
		  "65528: EMSGSIZE");
	CHECK_EQ(recv(b, big, sizeof(big), 0), 65527, "arrives whole");
	/* connected, to a port nobody has */
	to = lo6(local_port(b));
	close(b);
	connect(a, SA(&to), sizeof(to));
	CHECK_EQ(send(a, "x", 1, 0), 1, "send to a closed port");
	CHECK_HEX(revents(a, ALL), POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR,
		  "then OUT|ERR");
	CHECK_ERR(recv(a, buf, sizeof(buf), 0), ECONNREFUSED, "ECONNREFUSED");
	close(a);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_bind();
	test_tcp();
	test_dual_stack();
	test_udp();
	return test_done();
}
