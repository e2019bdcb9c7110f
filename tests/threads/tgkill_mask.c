/*
 * tgkill_mask: signals and threads.  tgkill reaches the chosen thread
 * (its handler runs there); each thread has its own mask, inherited
 * from its creator; a process-directed signal runs its handler in the
 * one thread that does not block it (Linux's complete_signal); a
 * signal every thread blocks waits in the process's shared set, seen by
 * sigpending in every thread, until one thread takes it with sigwait; a
 * thread-directed one is pending for its thread only; handlers are
 * shared.  tgkill's and tkill's errors.
 */
#include <pthread.h>
#include <signal.h>

#include "tt.h"

#define N 3

static pid_t tid[N];
static volatile pid_t handled[NSIG];
static pthread_barrier_t step;

static void record(int sig) { handled[sig] = tt_gettid(); }

struct seen {
	int inherited_usr2, inherited_term;
	int pend_term[2], pend_usr2[2];
	int waited;
};
static struct seen seen[N + 1];	/* seen[N]: main */

static void note_pending(struct seen *s, int round)
{
	sigset_t p;

	sigpending(&p);
	s->pend_term[round] = sigismember(&p, SIGTERM);
	s->pend_usr2[round] = sigismember(&p, SIGUSR2);
}

static void *worker(void *arg)
{
	int i = (int)(long)arg;
	sigset_t m, term;

	tid[i] = tt_gettid();
	pthread_sigmask(SIG_BLOCK, NULL, &m);
	seen[i].inherited_usr2 = sigismember(&m, SIGUSR2);
	seen[i].inherited_term = sigismember(&m, SIGTERM);
	if (i == 1) {
		sigemptyset(&m);
		sigaddset(&m, SIGUSR2);
		pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	}
	pthread_barrier_wait(&step);	/* A: main signals */
	pthread_barrier_wait(&step);	/* B */
	note_pending(&seen[i], 0);
	pthread_barrier_wait(&step);	/* C */
	if (i == 2) {
		int sig = 0;

		sigemptyset(&term);
		sigaddset(&term, SIGTERM);
		sigwait(&term, &sig);
		seen[i].waited = sig;
	}
	pthread_barrier_wait(&step);	/* D */
	note_pending(&seen[i], 1);
	return NULL;
}

static void wait_handled(int sig)
{
	for (int i = 0; i < 2000 && !handled[sig]; i++)
		tt_sleep_ms(1);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = record, .sa_flags = SA_RESTART };
	pthread_t t[N];
	sigset_t m;
	pid_t pid = getpid();

	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigaddset(&m, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &m, NULL);
	pthread_barrier_init(&step, NULL, N + 1);
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&step);	/* A */

	CHECK_EQ(syscall(SYS_tgkill, pid, tid[2], SIGUSR1), 0, "tgkill SIGUSR1 to thread 2: 0");
	wait_handled(SIGUSR1);
	CHECK(handled[SIGUSR1] == tid[2], "... its handler ran in thread 2");
	CHECK_EQ(kill(pid, SIGUSR2), 0, "kill SIGUSR2 to the process: 0");
	wait_handled(SIGUSR2);
	CHECK(handled[SIGUSR2] == tid[1],
	      "... its handler ran in thread 1, the only one not blocking it");
	handled[SIGUSR1] = 0;
	syscall(SYS_tkill, tid[0], SIGUSR1);
	wait_handled(SIGUSR1);
	CHECK(handled[SIGUSR1] == tid[0], "tkill SIGUSR1 to thread 0: ran in thread 0");
	kill(pid, SIGTERM);
	syscall(SYS_tgkill, pid, tid[0], SIGUSR2);
	pthread_barrier_wait(&step);	/* B */
	note_pending(&seen[N], 0);
	pthread_barrier_wait(&step);	/* C */
	pthread_barrier_wait(&step);	/* D */
	note_pending(&seen[N], 1);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);

	int inh = 0, term0 = 0, term1 = 0;

	for (int i = 0; i < N; i++) {
		inh += seen[i].inherited_usr2 && seen[i].inherited_term;
		term0 += seen[i].pend_term[0];
		term1 += seen[i].pend_term[1];
	}
	CHECK_EQ(inh, N, "each new thread starts with its creator's mask");
	pthread_sigmask(SIG_BLOCK, NULL, &m);
	CHECK(sigismember(&m, SIGUSR2), "thread 1's unblock left main's mask alone");
	CHECK_EQ(term0 + seen[N].pend_term[0], N + 1,
		 "SIGTERM blocked everywhere: pending in all 4 threads' sigpending");
	CHECK(seen[0].pend_usr2[0] && !seen[2].pend_usr2[0] && !seen[N].pend_usr2[0],
	      "SIGUSR2 tgkilled to blocking thread 0: pending for it alone");
	CHECK_EQ(seen[2].waited, SIGTERM, "thread 2's sigwait takes SIGTERM");
	CHECK_EQ(term1 + seen[N].pend_term[1], 0, "... then no thread sees it pending");
	CHECK(seen[0].pend_usr2[1], "... thread 0's own SIGUSR2 still pending");

	struct sigaction cur;

	sigaction(SIGUSR1, NULL, &cur);
	CHECK(cur.sa_handler == record, "handlers are the process's");

	CHECK_ERR(syscall(SYS_tgkill, getppid(), pid, SIGUSR1), ESRCH,
		  "tgkill to a tid outside the given group: ESRCH");
	CHECK_ERR(syscall(SYS_tgkill, pid, 0, SIGUSR1), EINVAL, "tgkill to tid 0: EINVAL");
	CHECK_ERR(syscall(SYS_tgkill, 0, pid, SIGUSR1), EINVAL, "tgkill to tgid 0: EINVAL");
	CHECK_ERR(syscall(SYS_tgkill, pid, pid, 65), EINVAL, "tgkill of signal 65: EINVAL");
	CHECK_EQ(syscall(SYS_tgkill, pid, pid, 0), 0, "tgkill of signal 0 to main: 0");
	CHECK_ERR(syscall(SYS_tgkill, pid, tid[1], 0), ESRCH,
		  "tgkill of signal 0 to an exited thread: ESRCH");
	CHECK_ERR(syscall(SYS_tkill, -1, SIGUSR1), EINVAL, "tkill to tid -1: EINVAL");
	return tt_done();
}
