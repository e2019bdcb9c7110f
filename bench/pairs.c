/*
 * pairs.c: P independent epoll ping-pong pairs (pingpong.c's two
 * processes, P times over, sharing nothing), started together; the wall
 * clock from the start to the last pair's end gives the round trips per
 * second of all of them.  With a scheduler that spreads tasks over the
 * CPUs, two pairs on 2 CPUs should do nearly twice the work of one CPU
 * (issue 18's target: 1.7x); bench/run-bench.sh boots Pollux with -smp 1
 * and -smp 2 (no -icount: this is wall-clock time) and runs it natively
 * on 1 and 2 CPUs (taskset).
 *
 *   pair i:  leader -(ping)-> pipe -> follower's epoll -> follower
 *            follower -(pong)-> pipe -> leader's epoll -> leader
 *
 * usage: pairs [PAIRS [ROUNDS]]   (default 2 pairs, 20000 round trips each)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define MAXPAIRS 16

static int rounds = 20000;

/* Reads a byte from in, writes one to out, rounds times; first (the
 * leader) writes before it reads. */
static void side(int in, int out, int first)
{
	int epfd = bench_watch(in);

	for (int r = 0; r < rounds; r++) {
		if (!first)
			bench_wait_and_read(epfd, in);
		if (write(out, "p", 1) != 1)
			die("write");
		if (first)
			bench_wait_and_read(epfd, in);
	}
	_exit(0);
}

/* A pair whose leader waits for the go byte on go[0] first. */
static void start_pair(const int go[2])
{
	int ping[2], pong[2];
	char c;

	if (pipe(ping) < 0 || pipe(pong) < 0)
		die("pipe");
	switch (fork()) {
	case -1:
		die("fork");
	case 0:
		side(ping[0], pong[1], 0);
	}
	switch (fork()) {
	case -1:
		die("fork");
	case 0:
		if (read(go[0], &c, 1) != 1)
			die("read (go)");
		side(pong[0], ping[1], 1);
	}
	close(ping[0]);
	close(ping[1]);
	close(pong[0]);
	close(pong[1]);
}

int main(int argc, char **argv)
{
	int pairs = argc > 1 ? atoi(argv[1]) : 2, go[2], status;
	uint64_t t0, ns;

	if (argc > 2)
		rounds = atoi(argv[2]);
	if (pairs < 1 || pairs > MAXPAIRS || rounds < 1)
		die("usage: pairs [PAIRS [ROUNDS]]");
	if (pipe(go) < 0)
		die("pipe");
	for (int i = 0; i < pairs; i++)
		start_pair(go);
	t0 = now_ns();
	for (int i = 0; i < pairs; i++)
		if (write(go[1], "g", 1) != 1)
			die("write (go)");
	for (int i = 0; i < 2 * pairs; i++)
		if (wait(&status) < 0 || status != 0)
			die("a pair failed");
	ns = now_ns() - t0;
	printf("# pairs: %d pairs x %d round trips in %lu us: %lu round trips per second\n",
	       pairs, rounds, (unsigned long)(ns / 1000),
	       (unsigned long)((uint64_t)pairs * rounds * 1000000000ull / ns));
	return 0;
}
