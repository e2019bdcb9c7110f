/*
 * pingpong.c: round trips between two processes over two pipes, each
 * side sleeping in epoll_wait until its pipe is readable.  One round trip
 * is two writes, two wakeups through ep_poll_callback, two epoll_waits,
 * two reads and (on one CPU, as in Pollux) two context switches.
 *
 *   parent -(ping)-> p2c -> child's epoll -> child
 *   child  -(pong)-> c2p -> parent's epoll -> parent
 *
 * usage: pingpong [ROUNDS]    (default 20000; make test's profile check
 *                              runs fewer)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define ROUNDS 20000

static int rounds = ROUNDS;

static void child(int in, int out)
{
	int epfd = bench_watch(in);

	for (int r = 0; r < rounds; r++) {
		bench_wait_and_read(epfd, in);
		if (write(out, "o", 1) != 1)
			die("write");
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	int p2c[2], c2p[2], epfd, status;
	uint64_t c0, t0, cycles, ns;
	pid_t pid;

	if (argc > 1)
		rounds = atoi(argv[1]);
	bench_init();
	if (pipe(p2c) < 0 || pipe(c2p) < 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(p2c[0], c2p[1]);
	epfd = bench_watch(c2p[0]);
	bench_profile_reset();
	t0 = now_ns();
	c0 = rdtsc();
	for (int r = 0; r < rounds; r++) {
		if (write(p2c[1], "i", 1) != 1)
			die("write");
		bench_wait_and_read(epfd, c2p[0]);
	}
	cycles = (rdtsc() - c0) / rounds;
	ns = now_ns() - t0;
	if (waitpid(pid, &status, 0) != pid || status != 0)
		die("child");
	bench_header();
	bench_row("pingpong", "epoll", 2, cycles);
	printf("# %d round trips in %lu us: %lu round trips per second\n", rounds,
	       (unsigned long)(ns / 1000), (unsigned long)(rounds * 1000000000ull / ns));
	return 0;
}
