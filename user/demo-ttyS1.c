/*
 * demo-ttyS1: one epoll on two terminals, the console (fd 0) and the
 * second serial line /dev/ttyS1 (COM2), both in canonical mode: each
 * read returns one line.
 *
 *   console (fd 0) --\
 *                     +--> epoll --> "console: <line>" / "ttyS1: <line>"
 *   /dev/ttyS1 ------/               (and "pollux read: <line>" back on ttyS1)
 *
 * In `make run`, start `tools/ttyS1` in a second terminal, then
 * `demo-ttyS1` in Pollux: what you type there arrives through the UART's
 * receive interrupt, whose wake-up runs ep_poll_callback.  "quit" on
 * either line, or end of input on the console, stops it.  Also
 * `demo-ttyS1 PATH` (on Linux, a pty's /dev/pts/N).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <termios.h>
#include <unistd.h>

/* Canonical mode without echo: whole lines, and only our answer goes back. */
static int open_line(const char *path)
{
	struct termios t;
	int fd = open(path, O_RDWR | O_NOCTTY);

	if (fd < 0 || tcgetattr(fd, &t) < 0)
		return -1;
	t.c_lflag |= ICANON;
	t.c_lflag &= ~ECHO;
	return tcsetattr(fd, TCSANOW, &t) < 0 ? -1 : fd;
}

/* Reads and prints one line of fd; 1 when the demo should stop. */
static int one_line(int fd, const char *name, int tty)
{
	char line[256];
	int n = (int)read(fd, line, sizeof(line) - 1);

	if (n <= 0)
		return fd == 0;		/* end of input on the console */
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = '\0';
	printf("%s: %s\n", name, line);
	if (fd == tty)
		dprintf(tty, "pollux read: %s\n", line);
	return strcmp(line, "quit") == 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/ttyS1";
	struct epoll_event ev = { .events = EPOLLIN }, ready[2];
	int tty = open_line(path), ep = epoll_create1(EPOLL_CLOEXEC), stop = 0;

	if (tty < 0 || ep < 0) {
		perror(path);
		return 1;
	}
	ev.data.fd = 0;
	epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);	/* EPERM if stdin is a file */
	ev.data.fd = tty;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, tty, &ev) < 0) {
		perror("epoll_ctl");
		return 1;
	}
	printf("demo-ttyS1: waiting for lines on %s and the console; \"quit\" ends\n",
	       path);
	while (!stop) {
		int n = epoll_wait(ep, ready, 2, -1);

		for (int i = 0; i < n && !stop; i++)
			stop = one_line(ready[i].data.fd,
					ready[i].data.fd == tty ? "ttyS1" : "console",
					tty);
	}
	printf("demo-ttyS1: bye\n");
	return 0;
}
