/*
 * mem.c: kernel memory per epoll instance and per watched fd, measured as
 * the growth of the kernel's slab memory (/proc/meminfo "Slab:") while
 * creating K epoll instances, then while adding one pipe to each of them
 * (K watches: one epitem + one eppoll_entry each).  Linux only: Pollux has
 * no /proc, and bench/run-bench.sh reads its sizes from the boot log and
 * the kernel image instead.  Other activity on the machine adds noise of
 * a few pages; K is large to make that small per object.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "bench.h"

#define K 4000

/* Slab memory in bytes, or -1 without /proc/meminfo. */
static long slab_bytes(void)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;
	char *p;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "\nSlab:");
	return p ? atol(p + 6) * 1024 : -1;
}

static void print_row(const char *what, long bytes)
{
	printf("%-10s %-12s %6d %12ld\n", "mem", what, K, bytes / K);
}

int main(void)
{
	static int epfd[K];
	int p[2];
	long s0, s1, s2;

	bench_init();
	printf("%-10s %-12s %6s %12s\n", "bench", "what", "k", "bytes");
	s0 = slab_bytes();
	if (s0 < 0) {
		printf("%-10s %-12s %6d %12s  # no /proc/meminfo\n", "mem", "instance", K, "n/a");
		printf("%-10s %-12s %6d %12s  # no /proc/meminfo\n", "mem", "watch", K, "n/a");
		return 0;
	}
	if (pipe(p) < 0)
		die("pipe");
	for (int i = 0; i < K; i++)
		if ((epfd[i] = epoll_create1(0)) < 0)
			die("epoll_create1");
	s1 = slab_bytes();
	for (int i = 0; i < K; i++) {
		struct epoll_event ev = { .events = EPOLLIN };

		if (epoll_ctl(epfd[i], EPOLL_CTL_ADD, p[0], &ev) < 0)
			die("epoll_ctl ADD");
	}
	s2 = slab_bytes();
	print_row("instance", s1 - s0);
	print_row("watch", s2 - s1);
	return 0;
}
