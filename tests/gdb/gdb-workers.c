/*
 * The user program of tests/gdb/one_waiter.gdb and docs/debugging.md's
 * recipe 7: several tasks asleep in epoll_wait on one epoll fd, and a
 * breakpoint in ep_poll that stops for one of them only.
 *
 *   pid 1: pipe (fds 3, 4), epoll fd 5 watching fd 3 for EPOLLIN;
 *   pids 2, 3, 4 (forked in that order): epoll_wait(5, -1), each asleep
 *       in ep_poll on the one ep->wq (the epoll fd is shared by fork);
 *   pid 1, 50 ms later: writes a byte to fd 4.  Fd 3 stays readable
 *       (nobody reads it), so level-triggered epoll wakes the workers
 *       one after the other, each exiting 0 iff it got EPOLLIN.
 * Runs on Linux too; exits 0 iff every worker did.
 */
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 3

static int worker(int epfd)
{
	struct epoll_event ev = { 0, { 0 } };

	if (epoll_wait(epfd, &ev, 1, -1) != 1)
		return 1;
	return ev.events == EPOLLIN && ev.data.fd == 3 ? 0 : 1;
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = 3 };
	int p[2], epfd, status, failed = 0;

	if (pipe(p) < 0)				/* fds 3 and 4 */
		return 1;
	epfd = epoll_create1(0);			/* fd 5 */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return 1;
	for (int i = 0; i < WORKERS; i++)
		if (fork() == 0)
			_exit(worker(epfd));
	usleep(50000);					/* all asleep in ep_poll */
	if (write(p[1], "x", 1) != 1)
		return 1;
	for (int i = 0; i < WORKERS; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	return failed;
}
