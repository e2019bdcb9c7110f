/*
 * Output to a serial line is buffered and interrupt driven (Pollux only:
 * /dev/ttyS1 is COM2, which the harness drains; tests/serial/run.sh).
 * A non-blocking writer that waits for POLLOUT whenever the transmit ring
 * is full gets 256 KiB through; a blocking write of 16 KiB returns only
 * when all of it is queued.  Either way the UART's transmit interrupt is
 * what makes room and wakes the writer.  (How often the ring fills
 * depends on how fast QEMU drains the UART, so only the outcome is
 * checked.)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "test.h"

#define TOTAL (256 * 1024)

static char block[16384];

int main(void)
{
	struct pollfd p;
	struct termios t;
	long total = 0;
	int fd, n, bad = 0;

	memset(block, 'x', sizeof(block));
	fd = open("/dev/ttyS1", O_RDWR | O_NONBLOCK);
	CHECK(fd >= 0, "open /dev/ttyS1 non-blocking");
	tcgetattr(fd, &t);
	t.c_oflag &= ~OPOST;	/* bytes as they are: no \n -> \r\n */
	CHECK_EQ(tcsetattr(fd, TCSANOW, &t), 0, "raw output");
	p.fd = fd;
	p.events = POLLOUT;
	while (total < TOTAL && !bad) {
		n = write(fd, block, TOTAL - total < (long)sizeof(block) ? TOTAL - total : (long)sizeof(block));
		if (n > 0)
			total += n;
		else if (n < 0 && errno == EAGAIN)
			bad = poll(&p, 1, 5000) != 1 || p.revents != POLLOUT;
		else
			bad = 1;
	}
	CHECK_EQ(total, TOTAL, "non-blocking writes with poll(POLLOUT): all 256 KiB");
	CHECK_EQ(fcntl(fd, F_SETFL, 0), 0, "back to blocking");
	CHECK_EQ(write(fd, block, sizeof(block)), (long)sizeof(block),
		 "a blocking 16 KiB write returns whole");
	printf("waiting\n");	/* the harness's cue; nothing to read here */
	return test_done();
}
