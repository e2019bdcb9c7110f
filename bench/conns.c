/*
 * conns.c: epoll_wait among N open TCP connections on 127.0.0.1, one
 * active (the C10K picture: many idle, one talking).
 *
 * The program holds both ends of N connections; an epoll instance
 * watches every accepted end for EPOLLIN.  Each round sends a byte on
 * one connection (a different one each time), times the epoll_wait
 * that reports it, then reads the byte.  epoll_wait's cost should not
 * grow with N: the segment finds its socket in one ehash bucket
 * (kernel/net/ipv4/inet_hashtables.c) and ep_poll_callback puts one
 * epitem on the ready list.  The whole round (send, the segment and
 * its ACK through lo, the wait, the read) is timed too.
 *
 * usage: conns         N = 10, 100, 1000, 10000 (make bench)
 *        conns N       one N
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "bench.h"

#define ROUNDS 1000
#define WARMUP 50

static const int sizes[] = { 10, 100, 1000, 10000 };

/* 2N fds and a few more; 0, or -1 if the kernel will not (a Linux host's
 * hard limit may be below 20016) */
static int nofile_for(int n)
{
	struct { uint64_t cur, max; } lim = { 2 * n + 16, 2 * n + 16 }, old;

	if (syscall(SYS_prlimit64, 0, 7, NULL, &old) == 0 && old.cur >= lim.cur)
		return 0;
	return syscall(SYS_prlimit64, 0, 7 /* RLIMIT_NOFILE */, &lim, NULL);
}

/* n connections to one listener; the client ends in cfd, the accepted
 * ends in sfd.  0, or -1 with errno. */
static int make_conns(int n, int *cfd, int *sfd)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), i;

	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(l, 128) < 0 || getsockname(l, (struct sockaddr *)&a, &len) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		cfd[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (cfd[i] < 0 || connect(cfd[i], (struct sockaddr *)&a,
					  sizeof(a)) < 0)
			return -1;
		sfd[i] = accept(l, NULL, NULL);
		if (sfd[i] < 0)
			return -1;
	}
	close(l);
	return 0;
}

static void run(int n)
{
	static uint64_t wait_cycles[ROUNDS], round_cycles[ROUNDS];
	int *cfd = malloc(n * sizeof(int)), *sfd = malloc(n * sizeof(int));
	int ep = epoll_create1(0), i, r;
	char c = 'x';

	if (nofile_for(n) < 0) {
		bench_na("conns", "epoll_wait", n, "RLIMIT_NOFILE below 2N");
		return;
	}
	if (!cfd || !sfd || ep < 0 || make_conns(n, cfd, sfd) < 0)
		die("connections");
	for (i = 0; i < n; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };

		if (epoll_ctl(ep, EPOLL_CTL_ADD, sfd[i], &ev) < 0)
			die("epoll_ctl");
	}
	bench_profile_reset();
	for (r = -WARMUP; r < ROUNDS; r++) {
		struct epoll_event ev;
		uint64_t t0, t1, t2;

		i = (int)(((unsigned)(r + WARMUP) * 7919u) % n);
		t0 = rdtsc();
		if (write(cfd[i], &c, 1) != 1)
			die("write");
		t1 = rdtsc();
		if (epoll_wait(ep, &ev, 1, -1) != 1 || ev.data.u32 != (uint32_t)i)
			die("epoll_wait reported another connection");
		t2 = rdtsc();
		if (read(sfd[i], &c, 1) != 1)
			die("read");
		if (r >= 0) {
			wait_cycles[r] = t2 - t1;
			round_cycles[r] = rdtsc() - t0;
		}
	}
	bench_row("conns", "epoll_wait", n, median(wait_cycles, ROUNDS));
	bench_row("conns", "round", n, median(round_cycles, ROUNDS));
	fflush(stdout);
	close(ep);
	for (i = 0; i < n; i++) {	/* the accepted ends close first */
		close(sfd[i]);
		close(cfd[i]);
	}
	free(cfd);
	free(sfd);
}

int main(int argc, char **argv)
{
	bench_init();
	bench_header();
	if (argc > 1) {
		run(atoi(argv[1]));
		return 0;
	}
	for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		run(sizes[k]);
	return 0;
}
