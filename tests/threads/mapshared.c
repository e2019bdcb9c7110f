/*
 * mapshared: MAP_SHARED | MAP_ANONYMOUS memory across fork.  What the
 * parent wrote before fork the child sees; what the child writes after,
 * the parent sees (a grandchild too); two children add to one counter
 * under a process-shared pthread mutex living in the mapping; a shared
 * futex in the mapping meets across processes (the child's FUTEX_WAIT is
 * woken by the parent's FUTEX_WAKE), a futex word in private memory
 * does not (the copies are different words).
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "tt.h"

#define PAGES 4

struct shared {
	pthread_mutex_t lock;
	long counter;
	uint32_t futex_word;
	long result;
	char pages[PAGES][4096];
};

static uint32_t private_word;

static int child_status(pid_t pid)
{
	int s = -1;

	waitpid(pid, &s, 0);
	return WIFEXITED(s) ? WEXITSTATUS(s) : -1;
}

static int sees_and_writes(struct shared *sh)
{
	int ok = 1;

	for (int i = 0; i < PAGES; i++) {
		ok &= sh->pages[i][0] == 'p' && sh->pages[i][4095] == 'P';
		sh->pages[i][100] = (char)('a' + i);
	}
	if (fork() == 0) {
		sh->result = 42;	/* a grandchild writes too */
		_exit(0);
	}
	wait(NULL);
	return ok ? 0 : 1;
}

static int adds(struct shared *sh)
{
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&sh->lock);
		sh->counter++;
		pthread_mutex_unlock(&sh->lock);
	}
	return 0;
}

static int waits(uint32_t *word, int op, int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	long r = syscall(SYS_futex, word, op, *word, ms ? &ts : NULL, NULL, 0);

	return r == 0 ? 0 : errno == ETIMEDOUT ? 2 : 1;
}

int main(void)
{
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;
	pid_t pid, pids[2];
	int ok = 1;

	CHECK(sh != MAP_FAILED, "mmap MAP_SHARED | MAP_ANONYMOUS");
	for (int i = 0; i < PAGES; i++) {
		sh->pages[i][0] = 'p';
		sh->pages[i][4095] = 'P';
	}
	pid = fork();
	if (pid == 0)
		_exit(sees_and_writes(sh));
	CHECK_EQ(child_status(pid), 0, "the child sees the parent's writes before fork");
	for (int i = 0; i < PAGES; i++)
		ok &= sh->pages[i][100] == 'a' + i;
	CHECK(ok, "the parent sees the child's writes in all 4 pages");
	CHECK_EQ(sh->result, 42, "... and the grandchild's");

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&sh->lock, &a);
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(adds(sh));
	}
	child_status(pids[0]);
	child_status(pids[1]);
	CHECK_EQ(sh->counter, 2000, "2 children x 1000 increments under a process-shared mutex");

	sh->futex_word = 5;
	pid = fork();
	if (pid == 0)
		_exit(waits(&sh->futex_word, FUTEX_WAIT, 0));
	tt_until_waiters(&sh->futex_word, FUTEX_WAIT, 1);
	CHECK_EQ(syscall(SYS_futex, &sh->futex_word, FUTEX_WAKE, 1, NULL, NULL, 0), 1,
		 "FUTEX_WAKE on the shared page wakes the child's FUTEX_WAIT: 1");
	CHECK_EQ(child_status(pid), 0, "... its wait returned 0");

	private_word = 5;
	pid = fork();
	if (pid == 0)
		_exit(waits(&private_word, FUTEX_WAIT, 300));
	tt_sleep_ms(100);
	CHECK_EQ(syscall(SYS_futex, &private_word, FUTEX_WAKE, 1, NULL, NULL, 0), 0,
		 "FUTEX_WAKE on a private page after fork: 0, the child's word is its own");
	CHECK_EQ(child_status(pid), 2, "... the child's wait timed out");
	return tt_done();
}
