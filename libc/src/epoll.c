/* epoll_pwait and epoll_pwait2, which pass the signal set's size (Linux:
 * fs/eventpoll.c); the other epoll calls are generated (syscalls.c). */
#include <sys/epoll.h>
#include "syscall.h"

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
