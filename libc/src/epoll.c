/* epoll wrappers: each is one system call (Linux: fs/eventpoll.c). */
#include <sys/epoll.h>
#include "syscall.h"

int epoll_create(int size)
{
	return syscall1(__NR_epoll_create, size);
}

int epoll_create1(int flags)
{
	return syscall1(__NR_epoll_create1, flags);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return syscall4(__NR_epoll_ctl, epfd, op, fd, event);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms)
{
	return syscall4(__NR_epoll_wait, epfd, events, maxevents, timeout_ms);
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms,
		const sigset_t *sigmask)
{
	return syscall6(__NR_epoll_pwait, epfd, events, maxevents, timeout_ms, sigmask,
			sizeof(sigset_t));
}

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *sigmask)
{
	return syscall6(__NR_epoll_pwait2, epfd, events, maxevents, timeout, sigmask,
			sizeof(sigset_t));
}
