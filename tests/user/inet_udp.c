/*
 * inet_udp.c - UDP on 127.0.0.1: datagrams keep their boundaries,
 * a short buffer truncates (MSG_TRUNC), sendto/recvfrom carry
 * addresses, MSG_PEEK, FIONREAD (the first datagram), empty datagrams,
 * the 65507-byte limit, connected sockets (a port nobody has answers
 * with ICMP port unreachable: ECONNREFUSED on the next call), and
 * udp_poll's masks.  Every expected value was seen on Linux 6.18.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "inet_util.h"
#include "test.h"

#define IN (POLLIN | POLLRDNORM)
#define OUT (POLLOUT | POLLWRNORM | POLLWRBAND)

static char big[70000];

static void test_boundaries(void)
{
	int a = bound4(SOCK_DGRAM), b = bound4(SOCK_DGRAM), n = -1;
	struct sockaddr_in to = lo4(local_port(b)), from;
	socklen_t len = sizeof(from);
	struct msghdr m;
	struct iovec iov;
	char buf[16];

	CHECK_HEX(revents(b, ALL), OUT, "fresh: OUT");
	CHECK_EQ(sendto(a, "one", 3, 0, SA(&to), sizeof(to)), 3, "sendto 3");
	CHECK_EQ(sendto(a, "two!", 4, 0, SA(&to), sizeof(to)), 4, "sendto 4");
	CHECK_EQ(sendto(a, "", 0, 0, SA(&to), sizeof(to)), 0, "sendto 0");
	CHECK_EQ(sendto(a, "three", 5, 0, SA(&to), sizeof(to)), 5, "sendto 5");
	CHECK_HEX(revents(b, ALL), IN | OUT, "data: IN|OUT");
	CHECK_EQ(selected(b), 3, "select: readable, writable");
	CHECK_EQ(ioctl(b, FIONREAD, &n), 0, "FIONREAD");
	CHECK_EQ(n, 3, "FIONREAD: the first datagram");
	CHECK_EQ(recv(b, buf, sizeof(buf), MSG_PEEK), 3, "MSG_PEEK");
	memset(&from, 0, sizeof(from));
	CHECK_EQ(recvfrom(b, buf, sizeof(buf), 0, SA(&from), &len), 3,
		 "one datagram per recv");
	CHECK_MEM(buf, "one", 3, "its bytes");
	CHECK_EQ(len, sizeof(from), "address length");
	CHECK_EQ(from.sin_family, AF_INET, "from: AF_INET");
	CHECK_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK), "from: 127.0.0.1");
	CHECK_EQ(ntohs(from.sin_port), local_port(a), "from: the sender's port");
	/* a short buffer: the rest of the datagram is gone */
	iov.iov_base = buf;
	iov.iov_len = 2;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	CHECK_EQ(recvmsg(b, &m, 0), 2, "short buffer: 2");
	CHECK_HEX(m.msg_flags, MSG_TRUNC, "msg_flags MSG_TRUNC");
	CHECK_EQ(recv(b, buf, sizeof(buf), 0), 0, "the empty datagram");
	CHECK_EQ(recv(b, buf, 1, MSG_TRUNC), 5, "flag MSG_TRUNC: the real length");
	CHECK_ERR(recv(b, buf, 1, MSG_DONTWAIT), EAGAIN, "queue empty: EAGAIN");
	n = -1;
	CHECK_EQ(ioctl(b, FIONREAD, &n), 0, "FIONREAD, empty");
	CHECK_EQ(n, 0, "FIONREAD: 0");
	CHECK_HEX(revents(b, ALL), OUT, "drained: OUT");
	CHECK_EQ(sendto(a, big, 65507, 0, SA(&to), sizeof(to)), 65507,
		 "65507 bytes: the most");
	CHECK_ERR(sendto(a, big, 65508, 0, SA(&to), sizeof(to)), EMSGSIZE,
		  "65508: EMSGSIZE");
	CHECK_EQ(recv(b, big, sizeof(big), 0), 65507, "the big one arrives whole");
	close(a);
	close(b);
}

/* A connected socket: sends go to the peer; an unreachable port is
 * reported (ECONNREFUSED) to the next send or receive */
static void test_connected(void)
{
	int a = socket(AF_INET, SOCK_DGRAM, 0), b = bound4(SOCK_DGRAM);
	int c = bound4(SOCK_DGRAM), gone = bound4(SOCK_DGRAM);
	struct sockaddr_in to = lo4(local_port(b)), peer;
	socklen_t len = sizeof(peer);
	char buf[8];

	CHECK_EQ(connect(a, SA(&to), sizeof(to)), 0, "connect");
	CHECK(local_port(a) >= 32768 && local_port(a) <= 60999,
	      "connect bound an ephemeral port");
	CHECK_EQ(getpeername(a, SA(&peer), &len), 0, "getpeername");
	CHECK_EQ(ntohs(peer.sin_port), local_port(b), "peer: b");
	CHECK_EQ(send(a, "hi", 2, 0), 2, "send without an address");
	CHECK_EQ(recv(b, buf, sizeof(buf), 0), 2, "b got it");
	/* a connected socket takes datagrams from its peer only */
	to = lo4(local_port(a));
	sendto(c, "c", 1, 0, SA(&to), sizeof(to));
	CHECK_ERR(recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		  "from a stranger: dropped");
	sendto(b, "b", 1, 0, SA(&to), sizeof(to));
	CHECK_EQ(recv(a, buf, sizeof(buf), MSG_DONTWAIT), 1, "from the peer: taken");
	/* sendto another address still works */
	to = lo4(local_port(c));
	CHECK_EQ(sendto(a, "x", 1, 0, SA(&to), sizeof(to)), 1, "sendto elsewhere");
	CHECK_EQ(recv(c, buf, sizeof(buf), MSG_DONTWAIT), 1, "c got it");
	/* AF_UNSPEC: no peer */
	to.sin_family = AF_UNSPEC;
	CHECK_EQ(connect(a, SA(&to), sizeof(to)), 0, "connect AF_UNSPEC");
	CHECK_ERR(send(a, "x", 1, 0), EDESTADDRREQ, "then EDESTADDRREQ");
	len = sizeof(peer);
	CHECK_ERR(getpeername(a, SA(&peer), &len), ENOTCONN, "getpeername: ENOTCONN");

	/* a port nobody has: the ICMP error comes back to the sender */
	to = lo4(local_port(gone));
	close(gone);
	CHECK_EQ(connect(a, SA(&to), sizeof(to)), 0, "connect to a closed port");
	CHECK_EQ(send(a, "x", 1, 0), 1, "the first send goes");
	CHECK_HEX(revents(a, ALL), OUT | POLLERR, "then OUT|ERR");
	CHECK_ERR(send(a, "x", 1, 0), ECONNREFUSED, "next send: ECONNREFUSED");
	CHECK_EQ(send(a, "x", 1, 0), 1, "the one after goes");
	CHECK_ERR(recv(a, buf, sizeof(buf), MSG_DONTWAIT), ECONNREFUSED,
		  "recv: ECONNREFUSED");
	CHECK_ERR(recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN, "then EAGAIN");
	send(a, "x", 1, 0);
	CHECK_EQ(getint(a, SOL_SOCKET, SO_ERROR), ECONNREFUSED,
		 "SO_ERROR: ECONNREFUSED");
	/* unconnected, the error is not reported */
	to.sin_family = AF_UNSPEC;
	connect(a, SA(&to), sizeof(to));
	to = lo4(local_port(c));
	close(c);
	CHECK_EQ(sendto(a, "x", 1, 0, SA(&to), sizeof(to)), 1, "sendto a closed port");
	CHECK_HEX(revents(a, ALL), OUT, "unconnected: no error");
	CHECK_EQ(sendto(a, "x", 1, 0, SA(&to), sizeof(to)), 1, "and again");
	close(a);
	close(b);
}

static void test_shutdown(void)
{
	int a = bound4(SOCK_DGRAM), b = bound4(SOCK_DGRAM);
	struct sockaddr_in to = lo4(local_port(b));
	char buf[4];

	connect(a, SA(&to), sizeof(to));
	CHECK_EQ(shutdown(a, SHUT_RD), 0, "connected: shutdown(SHUT_RD)");
	CHECK_HEX(revents(a, ALL), IN | OUT | POLLRDHUP, "IN|OUT|RDHUP");
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 0, "recv: 0");
	CHECK_EQ(shutdown(a, SHUT_WR), 0, "shutdown(SHUT_WR)");
	CHECK_HEX(revents(a, ALL), IN | OUT | POLLRDHUP | POLLHUP, "both: HUP too");
	CHECK_ERR(send(a, "x", 1, 0), EPIPE, "send: EPIPE");
	CHECK_HEX(revents(b, ALL), OUT, "the peer sees nothing");
	close(a);
	close(b);
}

int main(void)
{
	test_boundaries();
	test_connected();
	test_shutdown();
	return test_done();
}
