/* poll and select, the pre-epoll ways to wait for several descriptors. */
#include <poll.h>
#include <sys/select.h>
#include "syscall.h"

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return syscall3(__NR_poll, fds, nfds, timeout_ms);
}

/* The kernel writes the time left back into the timeout; POSIX says the
 * caller's is const, so give the kernel a copy (as glibc does). */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *sigmask)
{
	struct timespec ts, *tsp = 0;

	if (timeout) {
		ts = *timeout;
		tsp = &ts;
	}
	return syscall5(__NR_ppoll, fds, nfds, tsp, sigmask, sizeof(sigset_t));
}

/* Linux writes the time left into *timeout; like glibc, pass it through. */
int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
	return syscall5(__NR_select, nfds, rd, wr, ex, timeout);
}

int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *sigmask)
{
	struct timespec ts, *tsp = 0;
	/* pselect6 has only six registers: the mask and its size travel together. */
	struct { const sigset_t *ss; unsigned long ss_len; } mask = { sigmask, sizeof(sigset_t) };

	if (timeout) {
		ts = *timeout;
		tsp = &ts;
	}
	return syscall6(__NR_pselect6, nfds, rd, wr, ex, tsp, &mask);
}
