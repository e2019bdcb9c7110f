/*
 * The user program the gdb checks (tests/gdb/run.sh) and the recipes of
 * docs/debugging.md step through: one pass over the epoll path, in one
 * process, so every fd number and every stop is deterministic.
 *
 *   gdb-epoll -(epoll_wait)-> e5 -(EPOLLIN)-> p3 <-(write)- p4
 *
 * Breakpoints it reaches, in order: do_epoll_create (epoll_create1),
 * ep_insert (EPOLL_CTL_ADD), ep_poll (epoll_wait with nothing ready),
 * ep_poll_callback (the write to the pipe wakes the epitem), ep_poll
 * again (epoll_wait finds fd 3 on the ready list).  Runs on Linux too;
 * exits 0 iff epoll_wait reported fd 3 with its data.
 */
#include <sys/epoll.h>
#include <unistd.h>

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1234 };
	int p[2], epfd;

	if (pipe(p) < 0)				/* fds 3 and 4 */
		return 1;
	epfd = epoll_create1(0);			/* fd 5 */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return 1;
	if (epoll_wait(epfd, &ev, 1, 0) != 0)		/* nothing ready yet */
		return 1;
	if (write(p[1], "x", 1) != 1)			/* wakes the epitem */
		return 1;
	ev.data.u64 = 0;
	if (epoll_wait(epfd, &ev, 1, -1) != 1)
		return 1;
	return ev.events == EPOLLIN && ev.data.u64 == 0x1234 ? 0 : 1;
}
