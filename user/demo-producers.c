/*
 * demo-producers: three children write to three pipes at their own pace;
 * the parent sleeps in epoll_wait and reports which producer woke it.
 *
 *   producer 0 (every 100 ms) --pipe--\
 *   producer 1 (every 250 ms) --pipe---+--> epoll --> parent
 *   producer 2 (every 400 ms) --pipe--/
 *
 * Each producer stops after about 3 seconds; its exit closes the write end,
 * which the parent sees as EPOLLHUP. When all three are gone it prints a
 * summary.
 */
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NPROD 3
#define RUN_MS 3000

static const int period_ms[NPROD] = { 100, 250, 400 };

static void produce(int id, int fd)
{
	struct timespec ts = { 0, period_ms[id] * 1000000L };
	unsigned char seq;
	int i;

	for (i = 1; i <= RUN_MS / period_ms[id]; i++) {
		nanosleep(&ts, NULL);
		seq = (unsigned char)i;
		write(fd, &seq, 1);
	}
	_exit(0);
}

int main(void)
{
	int ep = epoll_create1(0), rd[NPROD], count[NPROD] = { 0 };
	int wakeups = 0, left = NPROD, i;
	pid_t pid[NPROD];

	for (i = 0; i < NPROD; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };
		int p[2];

		pipe(p);
		pid[i] = fork();
		if (pid[i] == 0) {
			close(p[0]);
			produce(i, p[1]);
		}
		close(p[1]);
		rd[i] = p[0];
		epoll_ctl(ep, EPOLL_CTL_ADD, rd[i], &ev);
	}

	while (left > 0) {
		struct epoll_event ev[NPROD];
		int n = epoll_wait(ep, ev, NPROD, -1), k;

		if (n <= 0)
			continue;
		wakeups++;
		for (k = 0; k < n; k++) {
			int id = (int)ev[k].data.u32;
			unsigned char buf[64];
			int got = (int)read(rd[id], buf, sizeof(buf)), j;

			for (j = 0; j < got; j++)
				printf("woken by producer %d (every %d ms): message %d\n",
				       id, period_ms[id], buf[j]);
			if (got > 0)
				count[id] += got;
			else if (ev[k].events & EPOLLHUP) {
				/* Write end closed and drained: this producer is done. */
				printf("producer %d hung up\n", id);
				epoll_ctl(ep, EPOLL_CTL_DEL, rd[id], NULL);
				close(rd[id]);
				left--;
			}
		}
	}

	for (i = 0; i < NPROD; i++)
		waitpid(pid[i], NULL, 0);
	printf("summary: %d wake-ups\n", wakeups);
	for (i = 0; i < NPROD; i++)
		printf("  producer %d: %d messages, one every %d ms\n", i, count[i], period_ms[i]);
	return 0;
}
