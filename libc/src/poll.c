/* ppoll and pselect, which copy the timeout and pass the signal mask (poll
 * and select are generated: syscalls.c). */
#include <poll.h>
#include <sys/select.h>
#include "syscall.h"

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
