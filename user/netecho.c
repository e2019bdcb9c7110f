/*
 * netecho: a TCP and UDP echo server for the network card test
 * (tools/test-net, docs/net.md section 8).  Listens on TCP port 80 and
 * UDP port 7 of every address, waits in epoll_wait for either, echoes
 * one TCP connection (until the client shuts its side down) and one
 * UDP datagram, then exits.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
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

int main(void)
{
	int lfd = bound_socket(SOCK_STREAM, 80), ufd = bound_socket(SOCK_DGRAM, 7);
	int ep = epoll_create1(0), done = 0;
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = lfd };

	listen(lfd, 4);
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.data.fd = ufd;
	epoll_ctl(ep, EPOLL_CTL_ADD, ufd, &ev);
	printf("netecho: ready\n");
	fflush(stdout);
	while (done != 3 && epoll_wait(ep, &ev, 1, -1) == 1) {
		if (ev.data.fd == lfd)
			echo_tcp(lfd);
		else
			echo_udp(ufd);
		done |= ev.data.fd == lfd ? 1 : 2;
		fflush(stdout);
	}
	return 0;
}
