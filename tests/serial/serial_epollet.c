/*
 * Input alone gives an edge-triggered watcher of EPOLLOUT no new edge
 * (Pollux only: /dev/ttyS1 is COM2, whose input the harness sends;
 * tests/serial/run.sh).  Writers are woken from the transmit path, when
 * room appears, as Linux's serial8250_tx_chars() does -- not by every
 * interrupt of the port.
 *
 *   t0 -(epoll_wait)-> e0 -(IN|OUT|ET)-> ttyS1 <- "ping" (RX interrupts)
 *
 * The line is canonical without echo: "ping" without a newline wakes no
 * reader either, and nothing is sent back.  Switching to raw mode then
 * makes the four bytes readable, which shows they did arrive.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "test.h"

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET };
	struct termios t;
	int tty, ep, n = 0;

	tty = open("/dev/ttyS1", O_RDWR);
	CHECK(tty >= 0, "open /dev/ttyS1");
	CHECK_EQ(tcgetattr(tty, &t), 0, "tcgetattr");
	t.c_lflag |= ICANON;
	t.c_lflag &= ~ECHO;
	CHECK_EQ(tcsetattr(tty, TCSANOW, &t), 0, "canonical, no echo");
	ep = epoll_create1(0);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, tty, &ev), 0, "watch IN|OUT|ET");
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 1, "the first edge");
	CHECK_HEX(ev.events, EPOLLOUT, "is EPOLLOUT: room to write, no line yet");
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0, "no second edge");

	printf("waiting\n");
	fflush(stdout);
	n = epoll_wait(ep, &ev, 1, 1500);
	CHECK_EQ(n, 0, "\"ping\" arrives: no edge within 1.5 s (no line, no room made)");
	if (n > 0)
		printf("# got events 0x%x\n", ev.events);

	t.c_lflag &= ~ICANON;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK_EQ(tcsetattr(tty, TCSANOW, &t), 0, "raw mode");
	for (int i = 0; i < 20 && (ioctl(tty, FIONREAD, &n), n < 4); i++)
		sleep_ms(100);
	CHECK_EQ(n, 4, "the four bytes are there");
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 1, "raw mode makes them readable: an edge");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLOUT, "EPOLLIN, with EPOLLOUT in the mask");
	return test_done();
}
