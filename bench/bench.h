/*
 * bench.h: what every benchmark program shares.  The programs are static
 * ELFs built against our libc, so the same binary runs in Pollux and on
 * Linux; each prints rows "bench api n cycles ns" (see bench_row), which
 * bench/run-bench.sh turns into a table, a CSV and a plot.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

/* The N of every "against N" benchmark: the list plus 500, the
 * largest N of pipes that fits Pollux's 1024-fd table (2 fds a pipe). */
#define BENCH_NR_SIZES 6
extern const int bench_sizes[BENCH_NR_SIZES];

/* Under QEMU's -icount the TSC follows the virtual clock, so a cycle count
 * measured in Pollux is deterministic; on Linux it is the host's TSC. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uint64_t now_ns(void);
void bench_init(void);
uint64_t cycles_to_ns(uint64_t cycles);
void bench_profile_reset(void);	/* tools/profile: the profile starts here */
uint64_t median(uint64_t *v, int n);

int make_pipes(int n, int *rfd, int *wfd);
void close_pipes(int n, const int *rfd, const int *wfd);
const char *pipes_failed_why(void);

/* Ping-pong sides (pingpong.c, pairs.c): an epoll fd watching only fd for
 * EPOLLIN; a wait on it, then fd's one byte read. */
int bench_watch(int fd);
void bench_wait_and_read(int epfd, int fd);

void bench_header(void);
/* bench_init, the header, then fn(N) for every N of bench_sizes. */
void bench_main(void (*fn)(int n));
void bench_row(const char *bench, const char *api, int n, uint64_t cycles);
void bench_na(const char *bench, const char *api, int n, const char *why);
void die(const char *what) __attribute__((noreturn));

#endif
