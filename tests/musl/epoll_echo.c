/*
 * An epoll echo over pipes with a forked producer:
 *
 *     producer --(to_echo)--> echo server (epoll) --(to_prod)--> producer
 *
 * The producer (a child) writes numbered lines, one at a time, and reads
 * each echo back before the next; the parent waits in epoll_wait on the
 * request pipe and on a second, idle pipe, and echoes each request
 * upper-cased.  When the producer closes its end the parent sees EPOLLHUP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINES 20

static void producer(int out, int in)
{
	char line[64], echo[64];
	int bad = 0;

	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof(line), "line %d from the producer", i);

		if (write(out, line, n) != n || read(in, echo, sizeof(echo)) != n)
			_exit(2);
		for (int j = 0; j < n; j++)
			bad += echo[j] != (line[j] >= 'a' && line[j] <= 'z' ?
					   line[j] - 32 : line[j]);
	}
	close(out);
	_exit(bad ? 3 : 0);
}

int main(void)
{
	int to_echo[2], to_prod[2], idle[2], ep, status, echoed = 0;
	struct epoll_event ev, got[4];
	pid_t pid;

	if (pipe(to_echo) || pipe(to_prod) || pipe(idle))
		return 1;
	ep = epoll_create1(0);
	ev.events = EPOLLIN;
	ev.data.u64 = 0x1111;
	epoll_ctl(ep, EPOLL_CTL_ADD, to_echo[0], &ev);
	ev.data.u64 = 0x2222;
	epoll_ctl(ep, EPOLL_CTL_ADD, idle[0], &ev);

	pid = fork();
	if (pid == 0) {
		close(to_echo[0]);
		close(to_prod[1]);
		producer(to_echo[1], to_prod[0]);
	}
	close(to_echo[1]);
	close(to_prod[0]);
	for (;;) {
		char buf[64];
		int n = epoll_wait(ep, got, 4, 5000), len;

		if (n != 1 || got[0].data.u64 != 0x1111) {
			printf("epoll_wait: %d, data %llx\n", n,
			       n > 0 ? (unsigned long long)got[0].data.u64 : 0ULL);
			return 1;
		}
		len = read(to_echo[0], buf, sizeof(buf));
		if (len == 0) {
			printf("EOF: events 0x%x after %d echoes\n",
			       got[0].events, echoed);
			break;
		}
		if (echoed % 5 == 0)
			printf("events 0x%x, read %d: %.*s\n", got[0].events,
			       len, len, buf);
		for (int j = 0; j < len; j++)
			if (buf[j] >= 'a' && buf[j] <= 'z')
				buf[j] -= 32;
		write(to_prod[1], buf, len);
		echoed++;
	}
	waitpid(pid, &status, 0);
	printf("producer exited with %d\n", WEXITSTATUS(status));
	printf("idle pipe: epoll_wait %d\n",
	       epoll_ctl(ep, EPOLL_CTL_DEL, to_echo[0], NULL) ? -1 :
	       epoll_wait(ep, got, 4, 0));
	return WEXITSTATUS(status);
}
