/*
 * The user program of tests/gdb/cross_cpu.gdb: a harvest on one CPU and
 * a callback on another.  Pid 1, pinned to CPU 0, harvests an epoll fd
 * whose 32 level-triggered pipes are always ready, without pause, so it
 * is nearly always between ep_start_scan and ep_done_scan; pid 2, pinned
 * to CPU 1, writes 200 bytes one at a time into an EPOLLET pipe of the
 * same set.  Each of pid 2's callbacks that finds the harvest running
 * chains the item on ep->ovflist.
 *
 *   pid 1 -(epoll_wait, 33 events)-> e5 -(EPOLLIN)-> 32 pipes, 1 byte each
 *                                      \-(EPOLLIN|EPOLLET)-> p3 <-(write)- pid 2
 *
 * Runs on Linux too; exits 0 once pid 1 has read the 200 bytes and every
 * harvest reported the 32 pipes.
 */
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LT_PIPES 32
#define BYTES 200

/* sched_setaffinity(0, ...): this task on CPU cpu only */
static void pin(int cpu)
{
	unsigned long mask = 1UL << cpu;

	syscall(SYS_sched_setaffinity, 0, sizeof(mask), &mask);
}

int main(void)
{
	struct epoll_event ev[LT_PIPES + 1];
	int et[2], lt[2], ep, seen = 0, status;
	char buf[64];
	long n;

	if (pipe2(et, O_NONBLOCK) < 0 || (ep = epoll_create1(0)) < 0)
		return 1;		/* fds 3, 4 and 5 */
	ev[0] = (struct epoll_event){ EPOLLIN | EPOLLET, { .u32 = LT_PIPES } };
	epoll_ctl(ep, EPOLL_CTL_ADD, et[0], &ev[0]);
	for (int i = 0; i < LT_PIPES; i++) {
		if (pipe(lt) < 0 || write(lt[1], "l", 1) != 1)
			return 1;
		ev[0] = (struct epoll_event){ EPOLLIN, { .u32 = i } };
		epoll_ctl(ep, EPOLL_CTL_ADD, lt[0], &ev[0]);
	}
	if (fork() == 0) {
		pin(1);
		for (int i = 0; i < BYTES; i++) {
			write(et[1], "e", 1);
			syscall(SYS_sched_yield);
		}
		_exit(0);
	}
	pin(0);
	while (seen < BYTES) {
		int got = epoll_wait(ep, ev, LT_PIPES + 1, 1000), lts = 0;

		for (int k = 0; k < got; k++) {
			if (ev[k].data.u32 != LT_PIPES)
				lts++;
			else
				while ((n = read(et[0], buf, sizeof(buf))) > 0)
					seen += n;
		}
		if (lts != LT_PIPES)
			return 1;
	}
	return wait(&status) > 0 && status == 0 ? 0 : 1;
}
