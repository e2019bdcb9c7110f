/*
 * /proc/self/fdinfo/N of an epoll fd watching 1000 fds: all 1000 tfd:
 * lines (some 75 KB), the same bytes whether read at once, 100 bytes at a
 * time or from an lseek'd offset, as Linux's seq_file gives them.  The
 * text is made at the first read, so an item added after the open shows.
 * ino and sdev differ between systems: each line is compared up to "  pos:".
 *
 *   t0 -(fdinfo)-> e0 -> { p[0] as fd 10, 11, ..., 1009 }
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "test.h"

#define FIRST 10
#define NR 1000

static char whole[256 * 1024], pieces[256 * 1024];

static int open_fdinfo(int fd)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	return open(path, O_RDONLY);
}

/* Reads to the end in chunks of n bytes; the total, or -1. */
static long read_all(int f, char *buf, long size, long n)
{
	long total = 0, r;

	while (total < size && (r = read(f, buf + total, n)) > 0)
		total += r;
	return r < 0 ? -1 : total;
}

/* Counts the tfd: lines that match fd FIRST + i in order, up to "  pos:" */
static int matching_lines(const char *text, int nr)
{
	const char *p = strstr(text, "tfd: ");
	int i;

	for (i = 0; p && i < nr; i++) {
		char want[96];
		int fd = FIRST + i;

		snprintf(want, sizeof(want), "tfd: %8d events: %8x data: %16llx  pos:",
			 fd, EPOLLIN | EPOLLERR | EPOLLHUP, fd * 0x100000001ULL);
		if (strncmp(p, want, strlen(want)))
			break;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return i;
}

int main(void)
{
	int p[2], ep, f, g;
	long len, n;
	char piece[100];

	set_fd_limit(1024);
	CHECK_EQ(pipe(p), 0, "pipe");
	ep = epoll_create1(0);
	for (n = 0; n < NR; n++) {
		struct epoll_event ev = { .events = EPOLLIN };
		int fd = FIRST + n;

		ev.data.u64 = fd * 0x100000001ULL;
		if (dup2(p[0], fd) != fd || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
			break;
	}
	CHECK_EQ(n, NR, "1000 fds (dups of one pipe) watched");

	f = open_fdinfo(ep);
	CHECK(f >= 0, "open fdinfo of the epoll fd");
	len = read_all(f, whole, sizeof(whole) - 1, sizeof(whole) - 1);
	whole[len > 0 ? len : 0] = '\0';
	CHECK(len > 70000, "one big read returns more than 70000 bytes");
	CHECK(!strncmp(whole, "pos:\t0\nflags:\t02\n", 17), "the generic lines first");
	CHECK_EQ(matching_lines(whole, NR), NR, "1000 tfd: lines, in fd order");
	CHECK_EQ(whole[len - 1], '\n', "the last line whole");
	CHECK_EQ(read(f, piece, sizeof(piece)), 0, "then end of file");

	CHECK_EQ(lseek(f, 0, SEEK_SET), 0, "lseek back to 0");
	CHECK_EQ(read_all(f, pieces, sizeof(pieces), 100), len,
		 "100 bytes at a time: the same length");
	CHECK(!memcmp(whole, pieces, len), "and the same bytes");
	CHECK_EQ(lseek(f, 50000, SEEK_SET), 50000, "lseek to 50000");
	CHECK_EQ(read(f, piece, sizeof(piece)), 100, "read 100 there");
	CHECK(!memcmp(piece, whole + 50000, 100), "the bytes at 50000");
	CHECK_EQ(lseek(f, -100, SEEK_CUR), 50000, "SEEK_CUR back by 100");
	CHECK_ERR(lseek(f, -1, SEEK_SET), EINVAL, "a negative offset");
	CHECK_ERR(lseek(f, 0, SEEK_END), EINVAL, "SEEK_END");
	close(f);

	/* made at the first read, not at open */
	f = open_fdinfo(ep);
	{
		struct epoll_event ev = { .events = EPOLLIN };

		ev.data.u64 = (FIRST + NR) * 0x100000001ULL;
		CHECK_EQ(dup2(p[0], FIRST + NR), FIRST + NR, "one more dup");
		CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, FIRST + NR, &ev), 0,
			 "added after the fdinfo open");
	}
	len = read_all(f, whole, sizeof(whole) - 1, 4096);
	whole[len > 0 ? len : 0] = '\0';
	CHECK_EQ(matching_lines(whole, NR + 1), NR + 1, "the first read shows 1001 lines");
	close(f);

	/* the fd is looked up again at the first read */
	g = dup(p[0]);
	f = open_fdinfo(g);
	close(g);
	CHECK_ERR(read(f, piece, sizeof(piece)), ENOENT, "fd closed after the open: ENOENT");
	close(f);
	return test_done();
}
