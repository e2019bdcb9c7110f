/* bench.c: timing, fd limits, pipe sets, ping-pong sides and output rows
 * for bench/ programs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"

const int bench_sizes[BENCH_NR_SIZES] = { 1, 10, 100, 500, 1000, 4000 };

struct rlimit64 {
	uint64_t rlim_cur, rlim_max;
};
#define RLIMIT_NOFILE 7

static uint64_t tsc_per_us;	/* TSC ticks per microsecond, from bench_init */

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * N = 4000 pipes need 8000 fds: raise RLIMIT_NOFILE, soft and hard, to at
 * least NOFILE_WANTED (as root this is allowed on Linux and on Pollux;
 * libc has no setrlimit, so prlimit64 directly).
 */
#define NOFILE_WANTED 16384

static void raise_nofile(void)
{
	struct rlimit64 rl;

	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) == 0) {
		if (rl.rlim_max < NOFILE_WANTED)
			rl.rlim_max = NOFILE_WANTED;
		rl.rlim_cur = rl.rlim_max;
		syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL);
	}
}

/* Calibrate the TSC against clock_gettime over 100 ms (Pollux's clock
 * ticks in milliseconds, so a shorter span would be too coarse). */
static void calibrate_tsc(void)
{
	uint64_t t0 = now_ns(), c0 = rdtsc(), t1;

	do
		t1 = now_ns();
	while (t1 - t0 < 100000000);
	tsc_per_us = (rdtsc() - c0) * 1000 / (t1 - t0);
	if (!tsc_per_us)
		tsc_per_us = 1;
}

/*
 * The measured part starts: under tools/profile (Pollux booted with
 * profile=, docs/profiling.md) the profile restarts here, so that it
 * shows the loop, not the setup or calibrate_tsc()'s 100 ms of
 * clock_gettime.  Writing /proc/profile resets it (readprofile -r);
 * without profile= there is no such file (Linux too): nothing happens.
 */
void bench_profile_reset(void)
{
	int fd = open("/proc/profile", O_WRONLY);

	if (fd >= 0) {
		write(fd, "0", 1);
		close(fd);
	}
}

void bench_init(void)
{
	raise_nofile();
	calibrate_tsc();
}

uint64_t cycles_to_ns(uint64_t cycles)
{
	return cycles * 1000 / tsc_per_us;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median, not the mean: one timer interrupt in a round would
 * otherwise move the figure. Sorts v. */
uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return v[n / 2];
}

/*
 * n pipes with the read ends on the lowest fds (3 .. n+2) and the write
 * ends above n+8: select() can only watch fds below FD_SETSIZE (1024), so
 * with read ends packed low it still works for N = 1000.  Returns 0, or
 * -1 with errno (EMFILE when the fd table is too small) and nothing open.
 */
int make_pipes(int n, int *rfd, int *wfd)
{
	int i, p[2];

	for (i = 0; i < n; i++) {
		if (pipe(p) < 0)
			goto fail;
		rfd[i] = p[0];
		wfd[i] = fcntl(p[1], F_DUPFD, n + 8);
		close(p[1]);
		if (wfd[i] < 0) {
			close(p[0]);
			goto fail;
		}
	}
	return 0;
fail: {
	int err = errno;

	close_pipes(i, rfd, wfd);
	errno = err;
	return -1;
      }
}

void close_pipes(int n, const int *rfd, const int *wfd)
{
	for (int i = 0; i < n; i++) {
		close(rfd[i]);
		close(wfd[i]);
	}
}

/* Why make_pipes failed, for an "n/a" row: running out of fds is expected
 * (EMFILE, or EINVAL from F_DUPFD above the limit), anything else is not. */
const char *pipes_failed_why(void)
{
	if (errno == EMFILE || errno == EINVAL)
		return "fd table too small for 2N pipe ends (RLIMIT_NOFILE)";
	return strerror(errno);
}

void bench_header(void)
{
	printf("%-10s %-12s %6s %12s %10s\n", "bench", "api", "n", "cycles/op", "ns/op");
}

void bench_row(const char *bench, const char *api, int n, uint64_t cycles)
{
	printf("%-10s %-12s %6d %12lu %10lu\n", bench, api, n,
	       (unsigned long)cycles, (unsigned long)cycles_to_ns(cycles));
}

void bench_na(const char *bench, const char *api, int n, const char *why)
{
	printf("%-10s %-12s %6d %12s %10s  # %s\n", bench, api, n, "n/a", "n/a", why);
}

int bench_watch(int fd)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int epfd = epoll_create1(0);

	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		die("epoll");
	return epfd;
}

void bench_wait_and_read(int epfd, int fd)
{
	struct epoll_event ev;
	char c;

	if (epoll_wait(epfd, &ev, 1, -1) != 1 || read(fd, &c, 1) != 1)
		die("epoll_wait/read");
}

void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

void bench_main(void (*fn)(int n))
{
	bench_init();
	bench_header();
	for (int k = 0; k < BENCH_NR_SIZES; k++)
		fn(bench_sizes[k]);
}
