/*
 * fuzz.h - what the fuzzer's two kinds of child share (tests/robust/fuzz.c:
 * random calls, fuzz_epoll.c: random epoll topologies): the random
 * numbers, and the report pipe through which a child tells the parent
 * how each call ended.
 */
#ifndef FUZZ_H
#define FUZZ_H

/* The child's end of the report pipe: far above the fds it fuzzes. */
#define REPORT_FD 1000

/* One byte per call on the report pipe: 0 for success, else the errno;
 * and two markers. */
#define REPORT_BIG 0xfc		/* an errno above 255 */
#define REPORT_VIOLATION 0xfd	/* a result Linux would not give */
#define REPORT_DONE 0xfe	/* the child made all its calls */

unsigned long long rnd(void);
void rnd_seed(unsigned long long seed);

/* A random number in [0, n). */
static inline unsigned long below(unsigned long n)
{
	return rnd() % n;
}

#define PICK(a) ((a)[below(sizeof(a) / sizeof((a)[0]))])

void report(int result);

/* The child bodies: each makes calls calls, reporting every one, then
 * reports REPORT_DONE and exits. */
void fuzz_calls(int calls);
void fuzz_epoll(int calls);

#endif
