/*
 * demo-echo: one process, two event sources, one epoll_wait.
 *
 *   console (fd 0) ---\
 *                      +--> epoll --> "stdin: <line>" / "pipe: tick N"
 *   child --pipe------/          (the child writes "tick N" every second)
 *
 * Type lines; "quit" or end of input (Ctrl-D) stops the demo.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_LEN 256

/* Bytes from one fd, cut into lines (a console may deliver them one by one). */
struct line_buf {
	const char *name;
	char buf[LINE_MAX_LEN];
	int len;
};

static void ticker(int fd)
{
	struct timespec second = { 1, 0 };
	int n;

	for (n = 1;; n++) {
		nanosleep(&second, NULL);
		if (dprintf(fd, "tick %d\n", n) < 0)
			_exit(0); /* the reader is gone */
	}
}

/* Print each complete, non-empty line; return 1 at a "quit" line. */
static int feed(struct line_buf *lb, const char *data, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		char c = data[i];

		if (c != '\n' && c != '\r') {
			if (lb->len < LINE_MAX_LEN - 1)
				lb->buf[lb->len++] = c;
			continue;
		}
		if (lb->len == 0)
			continue; /* the '\n' of a "\r\n" pair, or an empty line */
		lb->buf[lb->len] = '\0';
		lb->len = 0;
		printf("%s: %s\n", lb->name, lb->buf);
		if (strcmp(lb->buf, "quit") == 0)
			return 1;
	}
	return 0;
}

int main(void)
{
	struct line_buf in = { .name = "stdin" }, tick = { .name = "pipe" };
	struct epoll_event ev = { .events = EPOLLIN };
	int p[2], ep;
	pid_t pid;

	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.data.fd = 0;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev) < 0) {
		perror("demo-echo: stdin cannot be watched"); /* EPERM for a regular file */
		return 1;
	}

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		ticker(p[1]);
	}
	close(p[1]);
	ev.data.fd = p[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	printf("demo-echo: type lines, \"quit\" or Ctrl-D to stop\n");

	for (;;) {
		char data[LINE_MAX_LEN];
		int n;

		if (epoll_wait(ep, &ev, 1, -1) != 1)
			continue; /* EINTR */
		n = (int)read(ev.data.fd, data, sizeof(data));
		if (ev.data.fd != 0) {
			if (n > 0)
				feed(&tick, data, n);
			continue;
		}
		if (n <= 0) {
			feed(&in, "\n", 1); /* end of input: flush a last partial line */
			break;
		}
		if (feed(&in, data, n))
			break;
	}

	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	printf("demo-echo: bye\n");
	return 0;
}
