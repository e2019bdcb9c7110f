/*
 * The user program of tests/gdb/dot.gdb and of the picture in
 * docs/eventpoll.md: nested epoll instances, a task in epoll_wait, a
 * task in poll() on the inner instance, and a writer that wakes them.
 *
 *   pid 1 -(epoll_wait)-> e8 -(EPOLLIN)-----------> e7 -(EPOLLIN)-> p3 <- p4 <-(write)- pid 3
 *                          \-(EPOLLIN)-> p5 <-(EPOLLIN|EPOLLET)-/
 *   pid 2 -(poll)-> e7
 *
 * pid 3 writes to the pipe 20 ms after it starts, when pids 1 and 2
 * sleep: ep_poll_callback queues e7's item for fd 3, then e7's
 * poll_wait wakes e8 (its item for fd 7) and pid 2.  Runs on Linux too;
 * exits 0 iff pid 1 gets e8's item for fd 7 and pid 2 POLLIN.
 */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

static int watch(int ep, int fd, unsigned events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int child_ok(void)
{
	int status;

	return wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(void)
{
	struct epoll_event ev = { 0, { 0 } };
	int a[2], b[2], inner, outer;

	if (pipe(a) < 0 || pipe(b) < 0)			/* fds 3, 4 and 5, 6 */
		return 1;
	inner = epoll_create1(0);			/* fd 7 */
	outer = epoll_create1(0);			/* fd 8 */
	if (watch(inner, a[0], EPOLLIN, 0x1003) < 0 ||
	    watch(inner, b[0], EPOLLIN | EPOLLET, 0x1005) < 0 ||
	    watch(outer, inner, EPOLLIN, 0x2007) < 0 ||
	    watch(outer, b[0], EPOLLIN, 0x2005) < 0)
		return 1;
	if (fork() == 0) {				/* pid 2 */
		struct pollfd p = { .fd = inner, .events = POLLIN };

		_exit(poll(&p, 1, -1) == 1 && p.revents == POLLIN ? 0 : 1);
	}
	if (fork() == 0) {				/* pid 3 */
		usleep(20000);				/* let pids 1, 2 sleep */
		_exit(write(a[1], "x", 1) == 1 ? 0 : 1);
	}
	if (epoll_wait(outer, &ev, 1, -1) != 1 || ev.events != EPOLLIN ||
	    ev.data.u64 != 0x2007)
		return 1;
	return child_ok() && child_ok() ? 0 : 1;
}
