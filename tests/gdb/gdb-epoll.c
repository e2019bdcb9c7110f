/*
 * The user program the gdb checks (tests/gdb/run.sh) and the recipes of
 * docs/debugging.md step through: the epoll path with fixed fd numbers
 * and a fixed order of events.
 *
 *   pid 1 -(epoll_wait)-> e5 -(EPOLLIN)-> p3 <-(write)- p4 <- pid 1, then pid 2
 *
 * Kernel functions it reaches, in order:
 *   1. do_epoll_create (epoll_create1), ep_insert (EPOLL_CTL_ADD);
 *   2. ep_poll with nothing ready (epoll_wait, timeout 0);
 *   3. ep_poll_callback from pipe_write (pid 1 writes to the pipe);
 *   4. ep_poll finding fd 3 on the ready list;
 *   5. after the byte is read, a child (pid 2) writes to the pipe 20 ms
 *      later, while pid 1 sleeps in ep_poll on ep->wq: ep_poll_callback
 *      wakes it.
 * Runs on Linux too; exits 0 iff every epoll_wait reported what it should.
 */
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

static int wait_for_fd3(int epfd, int timeout)
{
	struct epoll_event ev = { 0, { 0 } };

	if (epoll_wait(epfd, &ev, 1, timeout) != 1)
		return -1;
	return ev.events == EPOLLIN && ev.data.u64 == 0x1234 ? 0 : -1;
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1234 };
	int p[2], epfd, status;
	char c;

	if (pipe(p) < 0)				/* fds 3 and 4 */
		return 1;
	epfd = epoll_create1(EPOLL_CLOEXEC);		/* fd 5, close-on-exec */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return 1;
	if (epoll_wait(epfd, &ev, 1, 0) != 0)		/* nothing ready yet */
		return 1;
	if (write(p[1], "x", 1) != 1 || wait_for_fd3(epfd, -1) < 0)
		return 1;
	if (read(p[0], &c, 1) != 1)			/* fd 3 not ready again */
		return 1;
	if (fork() == 0) {
		usleep(20000);				/* let pid 1 fall asleep */
		_exit(write(p[1], "y", 1) == 1 ? 0 : 1);
	}
	if (wait_for_fd3(epfd, -1) < 0 || wait(&status) < 0)
		return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
