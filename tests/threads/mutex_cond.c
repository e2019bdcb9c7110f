/*
 * mutex_cond: mutexes, condition variables, barriers and rwlocks under
 * contention.  8 threads add 20000 each to one counter under a mutex;
 * a bounded queue with two condition variables carries 4 producers'
 * numbers to 4 consumers (every number arrives once: the sums match);
 * a broadcast wakes every waiter; trylock on a held mutex is EBUSY, an
 * error-checking mutex refuses a relock (EDEADLK) and an unlock by
 * another thread (EPERM); pthread_cond_timedwait times out.
 */
#include <pthread.h>
#include <stdint.h>

#include "tt.h"

#define NADD 8
#define ADDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ADDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

/* the bounded queue */
#define QLEN 4
#define PER_PRODUCER 2000
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	long buf[QLEN];
	int head, count, producers_left;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	PTHREAD_COND_INITIALIZER, { 0 }, 0, 0, 4 };

static void *producer(void *arg)
{
	long base = (long)(intptr_t)arg * 100000;

	for (long i = 1; i <= PER_PRODUCER; i++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == QLEN)
			pthread_cond_wait(&q.not_full, &q.lock);
		q.buf[(q.head + q.count++) % QLEN] = base + i;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.lock);
	}
	pthread_mutex_lock(&q.lock);
	if (--q.producers_left == 0)
		pthread_cond_broadcast(&q.not_empty);
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

static void *consumer(void *arg)
{
	long *sum = arg;

	pthread_mutex_lock(&q.lock);
	for (;;) {
		while (q.count == 0 && q.producers_left > 0)
			pthread_cond_wait(&q.not_empty, &q.lock);
		if (q.count == 0)
			break;
		*sum += q.buf[q.head];
		q.head = (q.head + 1) % QLEN;
		q.count--;
		pthread_cond_signal(&q.not_full);
	}
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate = PTHREAD_COND_INITIALIZER;
static int gate_open, waiting, passed;

static void *gate_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	waiting++;
	pthread_cond_broadcast(&gate);	/* tells main one more waits */
	while (!gate_open)
		pthread_cond_wait(&gate, &gate_lock);
	passed++;
	pthread_mutex_unlock(&gate_lock);
	return NULL;
}

static pthread_mutex_t errcheck;

static void *foreign_unlock(void *arg)
{
	*(int *)arg = pthread_mutex_unlock(&errcheck);
	return NULL;
}

static void *try_held(void *arg)
{
	*(int *)arg = pthread_mutex_trylock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t[8];
	long sums[4] = { 0 }, total = 0, want = 0;

	for (int i = 0; i < NADD; i++)
		pthread_create(&t[i], NULL, adder, NULL);
	for (int i = 0; i < NADD; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(counter, NADD * ADDS, "8 threads x 20000 increments under a mutex");

	for (int i = 0; i < 4; i++) {
		pthread_create(&t[i], NULL, producer, (void *)(intptr_t)(i + 1));
		pthread_create(&t[4 + i], NULL, consumer, &sums[i]);
	}
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 4; i++) {
		total += sums[i];
		for (long n = 1; n <= PER_PRODUCER; n++)
			want += (i + 1) * 100000L + n;
	}
	CHECK_EQ(total, want, "bounded queue: 4 producers' 8000 numbers each consumed once");
	CHECK_EQ(q.count, 0, "bounded queue: empty at the end");

	for (int i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, gate_waiter, NULL);
	pthread_mutex_lock(&gate_lock);
	while (waiting < 6)
		pthread_cond_wait(&gate, &gate_lock);
	gate_open = 1;
	pthread_cond_broadcast(&gate);
	pthread_mutex_unlock(&gate_lock);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(passed, 6, "one broadcast wakes all 6 waiters");

	int r = -1;

	pthread_mutex_lock(&lock);
	pthread_create(&t[0], NULL, try_held, &r);
	pthread_join(t[0], NULL);
	pthread_mutex_unlock(&lock);
	CHECK_EQ(r, EBUSY, "trylock of a mutex another thread holds: EBUSY");

	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&errcheck, &attr);
	pthread_mutex_lock(&errcheck);
	CHECK_EQ(pthread_mutex_lock(&errcheck), EDEADLK,
		 "error-checking mutex: relock by its owner is EDEADLK");
	pthread_create(&t[0], NULL, foreign_unlock, &r);
	pthread_join(t[0], NULL);
	CHECK_EQ(r, EPERM, "error-checking mutex: unlock by another thread is EPERM");
	CHECK_EQ(pthread_mutex_unlock(&errcheck), 0, "its owner unlocks it");

	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&gate_lock);
	CHECK_EQ(pthread_cond_timedwait(&gate, &gate_lock, &ts), ETIMEDOUT,
		 "pthread_cond_timedwait with no signal: ETIMEDOUT after 20 ms");
	pthread_mutex_unlock(&gate_lock);

	pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;

	pthread_rwlock_rdlock(&rw);
	CHECK_EQ(pthread_rwlock_tryrdlock(&rw), 0, "rwlock: two readers at once");
	CHECK_EQ(pthread_rwlock_trywrlock(&rw), EBUSY, "rwlock: no writer beside readers");
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_unlock(&rw);
	CHECK_EQ(pthread_rwlock_trywrlock(&rw), 0, "rwlock: a writer once the readers left");
	return tt_done();
}
