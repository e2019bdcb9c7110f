/*
 * netecho: a TCP and UDP echo server for the network card test
 * (tools/test-net, docs/net.md section 8).  With a port argument, first
 * connects out to the host (10.0.2.2, QEMU's gateway) on that port and
 * checks a line comes back.  Then listens on TCP port 80 and UDP port 7
 * of every address, waits in epoll_wait for either, echoes each UDP
 * datagram, and exits after echoing a TCP connection (until the client
 * shuts its side down) that came after a datagram.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int bound_socket(int type, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	int one = 1, fd = socket(AF_INET, type, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("netecho: bind");
		_exit(1);
	}
	return fd;
}

/* Returns once the peer acknowledged all we sent (5 s at most): our exit
 * powers the machine off, and what the send queue still held would go
 * with it (a close hands it to the kernel, no more). */
static void wait_acked(int fd)
{
	struct timespec ms = { 0, 1000000 };
	int left;

	for (int i = 0; i < 5000; i++) {
		if (ioctl(fd, TIOCOUTQ, &left) < 0 || left == 0)
			return;
		nanosleep(&ms, NULL);
	}
}

/* One connection: everything it sends comes back, until its end. */
static void echo_tcp(int lfd)
{
	char buf[2048];
	size_t total = 0;
	ssize_t n;
	int fd = accept(lfd, NULL, NULL);

	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		if (write(fd, buf, n) != n)
			break;
		total += n;
	}
	if (fd < 0 || n < 0)
		perror("netecho: tcp");
	wait_acked(fd);
	close(fd);
	printf("tcp: echoed %zu bytes\n", total);
}

static void echo_udp(int fd)
{
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	char buf[512];
	ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&from, &len);

	if (n < 0 || sendto(fd, buf, n, 0, (struct sockaddr *)&from, len) != n)
		perror("netecho: udp");
	printf("udp: echoed %zd bytes\n", n);
}

/* A line to the host's port and back: the route through the gateway,
 * ARP for it, and the source address an unbound socket gets. */
static int call_host(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr.s_addr = htonl(0x0a000202) };
	socklen_t len = sizeof(a);
	char buf[64];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	unsigned int ip;
	ssize_t n;

	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0 ||
	    write(fd, "from pollux\n", 12) != 12) {
		perror("netecho: call_host");
		return -1;
	}
	n = read(fd, buf, sizeof(buf));
	ip = ntohl(a.sin_addr.s_addr);
	printf("netecho: connected from %u.%u.%u.%u, the host says %.*s",
	       ip >> 24, ip >> 16 & 0xff, ip >> 8 & 0xff, ip & 0xff,
	       n > 0 ? (int)n : 0, buf);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int lfd = bound_socket(SOCK_STREAM, 80), ufd = bound_socket(SOCK_DGRAM, 7);
	int ep = epoll_create1(0), done = 0;
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = lfd };

	if (argc > 1 && call_host(atoi(argv[1])) < 0)
		return 1;
	listen(lfd, 4);
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.data.fd = ufd;
	epoll_ctl(ep, EPOLL_CTL_ADD, ufd, &ev);
	printf("netecho: ready\n");
	fflush(stdout);
	/* every datagram echoed (the host may repeat one), until a TCP
	 * connection has been echoed after at least one */
	while (done != 3 && epoll_wait(ep, &ev, 1, -1) == 1) {
		if (ev.data.fd == lfd)
			echo_tcp(lfd);
		else
			echo_udp(ufd);
		done |= ev.data.fd == lfd ? (done & 2) >> 1 : 2;
		fflush(stdout);
	}
	return 0;
}
