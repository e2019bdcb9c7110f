/*
 * futex_robust.c - robust futexes: a child registers a list of locks it
 * holds (set_robust_list) on a MAP_SHARED page and dies holding them; the
 * kernel marks each one it owned FUTEX_OWNER_DIED (the TID cleared,
 * FUTEX_WAITERS kept) and wakes one waiter of each that had waiters.
 * Also: the pending lock (list_op_pending), a lock another TID owns
 * (untouched), a PI-marked entry (marked, not woken), a negative
 * futex_offset, a list that loops (the walk stops), a bad list pointer,
 * and the walk at execve.
 */
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "futex_util.h"

/* A lock as glibc lays one out: the word before the list entry. */
struct lock {
	unsigned int word;
	struct robust_list list;
};

#define OFFSET ((long)offsetof(struct lock, word) - \
		(long)offsetof(struct lock, list))
#define NLOCKS 8

static struct lock *locks;	/* on the shared page */
/* how long a wake-up may take before the check fails */
static const struct timespec three_s = { 3, 0 };

/* The child's list: head -> locks[i] for each i in idx, -> head. */
static struct robust_list_head head;

static void build_list(const int *idx, int n, struct robust_list *pending)
{
	struct robust_list *prev = &head.list;
	int i;

	for (i = 0; i < n; i++) {
		prev->next = &locks[idx[i]].list;
		prev = prev->next;
	}
	prev->next = &head.list;
	head.futex_offset = OFFSET;
	head.list_op_pending = pending;
	syscall(SYS_set_robust_list, &head, sizeof(head));
}

/* Waits (up to 5 s) until the child has set *w. */
static void wait_set(unsigned int *w)
{
	int i;

	for (i = 0; i < 5000 && !*(volatile unsigned int *)w; i++)
		sleep_ms(1);
}

/* Once the child owner has taken locks[0] (with FUTEX_WAITERS), sleeps
 * on it until the owner's death wakes us. */
static void wait_on_lock0(unsigned int owner, const char *what)
{
	wait_set(&locks[0].word);
	CHECK_EQ(futex(&locks[0].word, FUTEX_WAIT, owner | FUTEX_WAITERS,
		       (unsigned long)&three_s, NULL, 0), 0, what);
}

static void test_owner_died(void)
{
	static const int idx[] = { 0, 1, 2, 3 };
	unsigned int tid;
	pid_t pid;

	memset(locks, 0, NLOCKS * sizeof(*locks));
	pid = fork();
	if (pid == 0) {
		tid = syscall(SYS_gettid);
		locks[0].word = tid | FUTEX_WAITERS;
		locks[1].word = tid;
		locks[2].word = (tid + 1) | FUTEX_WAITERS;	/* not ours */
		locks[3].word = tid | FUTEX_WAITERS | FUTEX_OWNER_DIED;
		locks[4].word = tid;	/* the pending one, off the list */
		build_list(idx, 4, &locks[4].list);
		wait_for(&locks[0].word, 1);	/* the parent sleeps */
		_exit(0);
	}
	tid = pid;
	wait_on_lock0(tid, "a waiter on the dead owner's lock is woken");
	CHECK_EQ(reap(pid), 0, "the owner exited");
	CHECK_HEX(locks[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED,
		  "... its lock with waiters: OWNER_DIED | WAITERS, no TID");
	CHECK_HEX(locks[1].word, FUTEX_OWNER_DIED,
		  "... its lock without: OWNER_DIED");
	CHECK_HEX(locks[2].word, (tid + 1) | FUTEX_WAITERS,
		  "... another TID's lock on its list: untouched");
	CHECK_HEX(locks[3].word, FUTEX_WAITERS | FUTEX_OWNER_DIED,
		  "... a lock already OWNER_DIED: the TID cleared again");
	CHECK_HEX(locks[4].word, FUTEX_OWNER_DIED,
		  "... the pending lock: OWNER_DIED too");
}

static void test_pending_unowned(void)
{
	pid_t pid, waiter;

	memset(locks, 0, NLOCKS * sizeof(*locks));
	waiter = fork();
	if (waiter == 0)
		_exit(futex(&locks[5].word, FUTEX_WAIT, 0,
			    (unsigned long)&three_s, NULL, 0) == 0 ? 0 : 100);
	wait_for(&locks[5].word, 1);
	pid = fork();
	if (pid == 0) {
		build_list(NULL, 0, &locks[5].list);
		_exit(0);
	}
	CHECK_EQ(reap(pid), 0, "a task dies with a pending lock it released");
	CHECK_EQ(reap(waiter), 0, "... a waiter on it is woken (no owner)");
	CHECK_HEX(locks[5].word, 0, "... the word left as it was");
}

static void test_pi_entry(void)
{
	pid_t pid, waiter;
	unsigned int tid;

	memset(locks, 0, NLOCKS * sizeof(*locks));
	pid = fork();
	if (pid == 0) {
		tid = syscall(SYS_gettid);
		locks[6].word = tid | FUTEX_WAITERS;
		head.list.next = (void *)((unsigned long)&locks[6].list | 1);
		locks[6].list.next = &head.list;
		head.futex_offset = OFFSET;
		head.list_op_pending = NULL;
		syscall(SYS_set_robust_list, &head, sizeof(head));
		wait_for(&locks[6].word, 1);
		_exit(0);
	}
	wait_set(&locks[6].word);
	waiter = fork();
	if (waiter == 0) {
		struct timespec t = { 0, 300000000 };

		_exit(futex(&locks[6].word, FUTEX_WAIT, pid | FUTEX_WAITERS,
			    (unsigned long)&t, NULL, 0) == 0 ? 0 : 100 + errno);
	}
	CHECK_EQ(reap(pid), 0, "an owner dies holding a PI-marked entry");
	CHECK_HEX(locks[6].word, FUTEX_WAITERS | FUTEX_OWNER_DIED,
		  "... it is marked OWNER_DIED");
	CHECK_EQ(reap(waiter), 100 + ETIMEDOUT,
		 "... but its waiter is not woken (PI's are, by the PI state)");
}

static void test_bad_lists(void)
{
	pid_t pid;

	memset(locks, 0, NLOCKS * sizeof(*locks));
	pid = fork();
	if (pid == 0) {
		locks[7].word = syscall(SYS_gettid);
		locks[7].list.next = &locks[7].list;	/* a loop */
		head.list.next = &locks[7].list;
		head.futex_offset = OFFSET;
		head.list_op_pending = NULL;
		syscall(SYS_set_robust_list, &head, sizeof(head));
		_exit(3);
	}
	CHECK_EQ(reap(pid), 3, "an owner dies with a list that loops");
	CHECK_HEX(locks[7].word, FUTEX_OWNER_DIED, "... its lock is marked");

	pid = fork();
	if (pid == 0) {
		syscall(SYS_set_robust_list, bad_addr(0xffff800000000000UL),
			sizeof(head));
		_exit(4);
	}
	CHECK_EQ(reap(pid), 4, "an owner dies with a list head in the kernel");
	pid = fork();
	if (pid == 0) {
		head.list.next = bad_addr(8);
		syscall(SYS_set_robust_list, &head, sizeof(head));
		_exit(5);
	}
	CHECK_EQ(reap(pid), 5, "an owner dies with an entry at address 8");
}

static void test_exec(const char *self)
{
	static const int idx[] = { 0 };
	pid_t pid;

	memset(locks, 0, NLOCKS * sizeof(*locks));
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-done", NULL };

		locks[0].word = syscall(SYS_gettid) | FUTEX_WAITERS;
		build_list(idx, 1, NULL);
		wait_for(&locks[0].word, 1);	/* the parent sleeps */
		execve(self, argv, NULL);
		_exit(100);
	}
	wait_on_lock0(pid, "a waiter on a lock whose owner execs is woken");
	CHECK_EQ(reap(pid), 6, "... the owner's exec went on");
	CHECK_HEX(locks[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED,
		  "... the lock is marked at the exec");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-done")) {
		void *got = (void *)1;
		size_t len;

		syscall(SYS_get_robust_list, 0, &got, &len);
		return got == NULL ? 6 : 7;	/* exec cleared the list */
	}
	locks = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	test_owner_died();
	test_pending_unowned();
	test_pi_entry();
	test_bad_lists();
	test_exec(argv[0]);
	return test_done();
}
