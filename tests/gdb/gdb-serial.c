/*
 * The user program of tests/gdb/serial.gdb and docs/eventpoll.md: it
 * sleeps in epoll_wait on a serial line until a byte arrives, so that
 * ep_poll_callback runs from the serial RX interrupt.
 *
 *   pid 1 -(epoll_wait)-> e4 -(EPOLLIN)-> ttyS1 (fd 3) <- bytes into COM2
 *
 * It puts the line in raw mode (each byte is readable, and wakes pollers,
 * as soon as it arrives), prints "waiting" just before epoll_wait, and
 * tools/gdb/qemu-halted --serial-input waiting ping sends "ping" into
 * COM2 when the console shows it.  Exits 0 iff epoll_wait reported fd 3
 * readable.  Pollux only as it stands (Linux's /dev/ttyS1 is a real
 * port); on Linux, give it a pty's path: build/gdb/gdb-serial /dev/pts/N.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/ttyS1";
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x5151 };
	struct termios t;
	int tty, epfd, n;

	tty = open(path, O_RDWR);			/* fd 3 */
	if (tty < 0 || tcgetattr(tty, &t) < 0)
		return 1;
	t.c_lflag &= ~(ICANON | ECHO);			/* raw, no echo */
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(tty, TCSANOW, &t) < 0)
		return 1;
	epfd = epoll_create1(0);			/* fd 4 */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, tty, &ev) < 0)
		return 1;
	printf("waiting\n");
	n = epoll_wait(epfd, &ev, 1, -1);
	printf("epoll_wait: %d, events 0x%x, data 0x%llx\n", n, ev.events,
	       (unsigned long long)ev.data.u64);
	return n == 1 && ev.events == EPOLLIN && ev.data.u64 == 0x5151 ? 0 : 1;
}
