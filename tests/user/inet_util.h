/*
 * Helpers shared by the AF_INET/AF_INET6 test programs
 * (tests/user/inet*.c): loopback addresses, a listener on an ephemeral
 * port, a connected pair, poll and select answers.  Port numbers are
 * never printed: Linux picks them at random.
 */
#ifndef INET_UTIL_H
#define INET_UTIL_H

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "poll_util.h"

#define SA(p) ((struct sockaddr *)(p))
#define ALL (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | \
	     POLLWRNORM | POLLWRBAND | POLLRDHUP)

/* a.b.c.d:port (port in host order) */
static inline struct sockaddr_in in4(unsigned int a, unsigned int b,
				     unsigned int c, unsigned int d,
				     unsigned short port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(a << 24 | b << 16 | c << 8 | d);
	return sin;
}

static inline struct sockaddr_in lo4(unsigned short port)
{
	return in4(127, 0, 0, 1, port);
}

/* The port fd is bound to, host order (0 on error) */
static inline unsigned short local_port(int fd)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, SA(&a), &len) < 0)
		return 0;
	return ntohs(a.sin6_port);	/* same place in sockaddr_in */
}

/* A socket of type bound to 127.0.0.1, port 0 (a free one) */
static inline int bound4(int type)
{
	struct sockaddr_in a = lo4(0);
	int fd = socket(AF_INET, type, 0);

	bind(fd, SA(&a), sizeof(a));
	return fd;
}

/* A TCP listener on 127.0.0.1, an ephemeral port */
static inline int listener4(int backlog)
{
	int fd = bound4(SOCK_STREAM);

	listen(fd, backlog);
	return fd;
}

/* A connected pair: *c the client, *s the accepted end */
static inline void tcp_pair(int *c, int *s)
{
	int l = listener4(5);
	struct sockaddr_in a = lo4(local_port(l));

	*c = socket(AF_INET, SOCK_STREAM, 0);
	connect(*c, SA(&a), sizeof(a));
	*s = accept(l, NULL, NULL);
	close(l);
}

static inline int getint(int fd, int level, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, level, opt, &v, &len) < 0)
		return -errno;
	return v;
}

static inline int setint(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof(v));
}

/* A new socket of type, with option opt set (SO_REUSEADDR or
 * SO_REUSEPORT; 0: none), bound to 127.0.0.1:port and closed again:
 * bind's answer, 0 or -errno */
static inline int try_bind4(int type, int opt, unsigned short port)
{
	struct sockaddr_in a = lo4(port);
	int fd = socket(AF_INET, type, 0), r;

	if (opt)
		setint(fd, SOL_SOCKET, opt, 1);
	r = bind(fd, SA(&a), sizeof(a)) < 0 ? -errno : 0;
	close(fd);
	return r;
}

#endif
