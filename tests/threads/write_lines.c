/*
 * write_lines: threads writing lines to one stdout at once.  Four
 * threads, released together by a barrier, each write() 32 copies of
 * the same 100-byte line to fd 1.  A write is never cut by another
 * thread's (Linux: a pipe's writes up to PIPE_BUF, a file's under
 * f_pos_lock, a terminal's under tty->atomic_write_lock), so, the lines
 * being identical, the output is the same whatever the order: a write
 * split by another would show as a broken line.  In Pollux stdout is
 * the serial console, whose transmit ring fills many times over here:
 * the writers sleep in the middle of their writes.  Each write returns
 * its whole length.
 */
#include <pthread.h>
#include "tt.h"

#define NTHREADS 4
#define LINES 32
#define LEN 100

static pthread_barrier_t start;
static char line[LEN];
static int whole[NTHREADS];

static void *writer(void *arg)
{
	int *n = arg;

	pthread_barrier_wait(&start);
	for (int i = 0; i < LINES; i++)
		*n += write(1, line, LEN) == LEN;
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int sum = 0;

	for (int i = 0; i < LEN - 1; i++)
		line[i] = 'a' + i % 26;
	line[LEN - 1] = '\n';
	pthread_barrier_init(&start, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, writer, &whole[i]);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < NTHREADS; i++)
		sum += whole[i];
	CHECK_EQ(sum, NTHREADS * LINES,
		 "4 threads x 32 writes of a 100-byte line: each write whole");
	return tt_done();
}
