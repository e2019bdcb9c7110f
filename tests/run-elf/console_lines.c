/*
 * console_lines: four threads, each pinned to a CPU of its own (CPU i mod
 * the CPUs online), write 200 lines each to fd 1, one write() a line, all
 * at once.  On a terminal Linux writes each write() whole (tty_write_lock:
 * tty->atomic_write_lock), as it does on a pipe or a file: the lines come
 * out in any order, but every one intact.  tests/run-elf/run.sh compares
 * them, sorted, with a native run.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 4
#define LINES 200

static void *writer(void *arg)
{
	long t = (long)arg;
	cpu_set_t set;
	char line[80];

	CPU_ZERO(&set);
	CPU_SET(t % sysconf(_SC_NPROCESSORS_ONLN), &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof(line),
				 "thread %ld line %03d: the quick brown fox jumps\n", t, i);

		write(1, line, n);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];

	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return 0;
}
