/*
 * robust: a lock whose owner died.  First the kernel's part, with raw
 * threads and a robust list of our own (set_robust_list): at a thread's
 * exit the kernel marks each futex word on its list that still holds
 * its tid with FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and wakes one
 * waiter; a word owned by another tid is left; list_op_pending counts
 * too.  Then robust pthread mutexes: EOWNERDEAD to the next locker,
 * after an owner process died (a process-shared mutex in MAP_SHARED
 * memory) and an owner thread exited; ENOTRECOVERABLE when nobody called
 * pthread_mutex_consistent.  get/set_robust_list's errors.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "tt.h"

struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

struct rlock {
	struct robust_list link;
	uint32_t word;
};

static struct rlock mine, theirs, pending;
static struct robust_list_head head;
static volatile int ready;

/* Owns mine (with a waiter) and pending, not theirs; dies holding them. */
static int owner(void *arg)
{
	pid_t tid = tt_gettid();

	(void)arg;
	head.list.next = &mine.link;
	mine.link.next = &theirs.link;
	theirs.link.next = &head.list;
	head.futex_offset = offsetof(struct rlock, word);
	head.list_op_pending = &pending.link;
	mine.word = tid | FUTEX_WAITERS;
	theirs.word = 12345;
	pending.word = tid;
	syscall(SYS_set_robust_list, &head, sizeof(head));
	ready = 1;
	while (ready != 2)
		tt_sleep_ms(1);
	return 0;
}

static long waiter_ret = -1;

static void *waiter(void *arg)
{
	uint32_t *w = arg;

	waiter_ret = syscall(SYS_futex, w, FUTEX_WAIT, *w, NULL, NULL, 0);
	return NULL;
}

static void raw_lists(void)
{
	volatile pid_t ctid = 0;
	pthread_t w;

	tt_raw_thread(owner, NULL, &ctid);
	while (!ready)
		tt_sleep_ms(1);
	pthread_create(&w, NULL, waiter, &mine.word);
	tt_until_waiters(&mine.word, FUTEX_WAIT, 1);
	ready = 2;
	tt_raw_join(&ctid);
	pthread_join(w, NULL);
	CHECK_EQ(mine.word, FUTEX_OWNER_DIED | FUTEX_WAITERS,
		 "dead owner's word: FUTEX_OWNER_DIED | FUTEX_WAITERS, tid gone");
	CHECK_EQ(waiter_ret, 0, "... and its waiter was woken");
	CHECK_EQ(theirs.word, 12345, "a listed word with another tid: untouched");
	CHECK_EQ(pending.word, FUTEX_OWNER_DIED,
		 "list_op_pending's word: FUTEX_OWNER_DIED");
}

static void init_robust(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	if (pshared)
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(m, &a);
}

static void robust_mutexes(void)
{
	int status;
	pthread_mutex_t *shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	init_robust(shm, 1);
	pid_t pid = fork();

	if (pid == 0) {
		pthread_mutex_lock(shm);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(pthread_mutex_lock(shm), EOWNERDEAD,
		 "process-shared robust mutex, owner process exited: EOWNERDEAD");
	CHECK_EQ(pthread_mutex_consistent(shm), 0, "pthread_mutex_consistent: 0");
	CHECK_EQ(pthread_mutex_unlock(shm), 0, "... unlock: 0");
	CHECK_EQ(pthread_mutex_lock(shm), 0, "... the next lock: 0");
	pthread_mutex_unlock(shm);

	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(shm);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(pthread_mutex_lock(shm), EOWNERDEAD, "owner died again: EOWNERDEAD");
	CHECK_EQ(pthread_mutex_unlock(shm), 0, "unlocked without consistent: 0");
	CHECK_EQ(pthread_mutex_lock(shm), ENOTRECOVERABLE,
		 "... then the mutex is ENOTRECOVERABLE");
}

/* glibc leaves a dead thread's robust mutexes to the kernel's walk of
 * its list, musl marks them itself in pthread_exit: EOWNERDEAD both. */
static void *die_holding(void *arg)
{
	pthread_mutex_lock(arg);
	return NULL;
}

/* Locks and unlocks; returns the lock's result. */
static void *lock_it(void *arg)
{
	int r = pthread_mutex_lock(arg);

	if (r == EOWNERDEAD)
		pthread_mutex_consistent(arg);
	if (r == 0 || r == EOWNERDEAD)
		pthread_mutex_unlock(arg);
	return (void *)(intptr_t)r;
}

static void thread_owner(void)
{
	static pthread_mutex_t m;
	pthread_t t, w;
	void *r;

	init_robust(&m, 0);
	pthread_create(&t, NULL, die_holding, &m);
	pthread_join(t, NULL);
	pthread_create(&w, NULL, lock_it, &m);
	pthread_join(w, &r);
	CHECK_EQ((intptr_t)r, EOWNERDEAD,
		 "robust mutex, owner thread exited holding it: EOWNERDEAD");

	pthread_mutex_lock(&m);
	pthread_create(&w, NULL, lock_it, &m);	/* now blocked on it */
	tt_sleep_ms(100);
	pthread_mutex_unlock(&m);
	pthread_join(w, &r);
	CHECK_EQ((intptr_t)r, 0, "... usable again: a blocked locker gets it");
}

int main(void)
{
	struct robust_list_head *h;
	size_t len = 0;

	CHECK_EQ(syscall(SYS_get_robust_list, 0, &h, &len), 0,
		 "get_robust_list of the caller: 0");
	CHECK_EQ(len, sizeof(struct robust_list_head), "... its length is 24");
	CHECK_ERR(syscall(SYS_set_robust_list, &head, sizeof(head) - 1), EINVAL,
		  "set_robust_list with length 23: EINVAL");
	CHECK_ERR(syscall(SYS_get_robust_list, 0x3fffffff, &h, &len), ESRCH,
		  "get_robust_list of no such thread: ESRCH");
	CHECK_ERR(syscall(SYS_get_robust_list, 0, NULL, &len), EFAULT,
		  "get_robust_list into NULL: EFAULT");
	raw_lists();
	robust_mutexes();
	thread_owner();
	return tt_done();
}
