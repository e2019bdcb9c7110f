/*
 * What poll and select say of one fd right now, for the socket tests
 * (tests/user/unix_poll.c, inet*.c).
 */
#ifndef POLL_UTIL_H
#define POLL_UTIL_H

#include <poll.h>
#include <sys/select.h>

/* poll's revents for events, 0 ms (-1 on error) */
static inline int revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

/* select's answer as bits: 1 readable, 2 writable, 4 exceptional */
static inline int selected(int fd)
{
	fd_set r, w, e;
	struct timeval tv = { 0, 0 };

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(fd, &r);
	FD_SET(fd, &w);
	FD_SET(fd, &e);
	if (select(fd + 1, &r, &w, &e, &tv) < 0)
		return -1;
	return FD_ISSET(fd, &r) | FD_ISSET(fd, &w) << 1 | FD_ISSET(fd, &e) << 2;
}

#endif
