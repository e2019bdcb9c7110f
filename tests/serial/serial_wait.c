/*
 * Serial input wakes every kind of waiter (Pollux only: /dev/ttyS1 is
 * COM2, whose input the harness controls; tests/serial/run.sh).
 *
 *   reader  -(read)------> ttyS1 <- bytes from the harness (RX interrupt)
 *   poller  -(poll)------> ttyS1
 *   epoller -(epoll_wait)-> e0 -> ttyS1
 *
 * The line is put in raw mode, the three children block, the program
 * prints "waiting", the harness sends "ping", and each child reports
 * through a pipe what woke it; the reader takes "pi" and leaves "ng".
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "test.h"

static int tty;

/* Reads exactly want bytes: in raw mode with VMIN 1 a read returns what
 * has arrived so far, and the bytes arrive one interrupt at a time. */
static int read_exactly(char *buf, int want)
{
	int n = 0, r = 1;

	while (n < want && r > 0) {
		r = read(tty, buf + n, want - n);
		n += r > 0 ? r : 0;
	}
	return n;
}

/* Takes only the first two bytes, so the pollers, whichever runs first,
 * still find input when they look. */
static void reader(int out)
{
	char buf[4];
	int n = read_exactly(buf, 2);

	dprintf(out, "read %d \"%.*s\"", n, n, buf);
}

static void poller(int out)
{
	struct pollfd p = { .fd = tty, .events = POLLIN };
	int n = poll(&p, 1, -1);

	dprintf(out, "poll %d revents 0x%x", n, p.revents);
}

static void epoller(int out)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 };
	int ep = epoll_create1(0), n;

	epoll_ctl(ep, EPOLL_CTL_ADD, tty, &ev);
	n = epoll_wait(ep, &ev, 1, -1);
	dprintf(out, "epoll_wait %d events 0x%x data %llu", n, ev.events,
		(unsigned long long)ev.data.u64);
}

static int spawn(void (*fn)(int), int *rd)
{
	int p[2], pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fn(p[1]);
		_exit(0);
	}
	close(p[1]);
	*rd = p[0];
	return pid;
}

static void collect(int rd, const char *want, const char *what)
{
	char got[128] = "";
	int n = read(rd, got, sizeof(got) - 1);

	got[n > 0 ? n : 0] = '\0';
	CHECK_STR(got, want, what);
}

int main(void)
{
	struct termios t;
	int rd_read, rd_poll, rd_epoll;

	tty = open("/dev/ttyS1", O_RDWR);
	CHECK(tty >= 0, "open /dev/ttyS1");
	CHECK_EQ(tcgetattr(tty, &t), 0, "tcgetattr");
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK_EQ(tcsetattr(tty, TCSANOW, &t), 0, "raw mode");
	/* the pollers first, so the bytes are still there when they look */
	spawn(poller, &rd_poll);
	spawn(epoller, &rd_epoll);
	usleep(100 * 1000);
	spawn(reader, &rd_read);
	usleep(200 * 1000);
	printf("waiting\n");
	collect(rd_poll, "poll 1 revents 0x1", "poll() woke with POLLIN");
	collect(rd_epoll, "epoll_wait 1 events 0x1 data 42", "epoll_wait woke with EPOLLIN");
	collect(rd_read, "read 2 \"pi\"", "read() woke with the first bytes");
	{
		char rest[4];
		int n = read_exactly(rest, 2);

		CHECK_EQ(n, 2, "the other two bytes are still there");
		CHECK_MEM(rest, "ng", 2, "they are \"ng\"");
	}
	while (wait(NULL) > 0)
		;
	return test_done();
}
