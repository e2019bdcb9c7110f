/*
 * create_join: many threads created and joined.  64 threads at once,
 * each returning a value computed from its argument through
 * pthread_join; 500 create/join rounds one after the other (each
 * thread's stack and tid handed back before the next); detached
 * threads that signal a counter; a thread with a small stack.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "tt.h"

#define NTHREADS 64

static void *square(void *arg)
{
	uintptr_t n = (uintptr_t)arg;

	return (void *)(n * n + 1);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int detached_done;

static void *detached(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	detached_done++;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int created = 0, right = 0, rounds = 0;
	void *ret;

	for (uintptr_t i = 0; i < NTHREADS; i++)
		created += pthread_create(&t[i], NULL, square, (void *)i) == 0;
	CHECK_EQ(created, NTHREADS, "64 threads created at once");
	for (uintptr_t i = 0; i < NTHREADS; i++)
		if (pthread_join(t[i], &ret) == 0 && ret == (void *)(i * i + 1))
			right++;
	CHECK_EQ(right, NTHREADS, "each join returns its thread's value");

	for (uintptr_t i = 0; i < 500; i++) {
		pthread_t one;

		if (pthread_create(&one, NULL, square, (void *)i) != 0 ||
		    pthread_join(one, &ret) != 0 || ret != (void *)(i * i + 1))
			break;
		rounds++;
	}
	CHECK_EQ(rounds, 500, "500 create/join rounds in a row");

	pthread_attr_t attr;
	int ok = 1;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 16; i++) {
		pthread_t d;

		ok &= pthread_create(&d, &attr, detached, NULL) == 0;
	}
	pthread_mutex_lock(&lock);
	while (detached_done < 16)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	CHECK(ok && detached_done == 16, "16 detached threads ran");

	/* a small stack, as thread pools ask for */
	pthread_attr_t small;
	pthread_t s;

	pthread_attr_init(&small);
	pthread_attr_setstacksize(&small, 64 * 1024);
	CHECK_EQ(pthread_create(&s, &small, square, (void *)7), 0,
		 "a thread with a 64 KiB stack");
	CHECK(pthread_join(s, &ret) == 0 && ret == (void *)50,
	      "its join returns 50");

	return tt_done();
}
