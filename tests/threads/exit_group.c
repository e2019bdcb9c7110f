/*
 * exit_group: how a multi-threaded process ends.  Each case runs in a
 * forked child whose parent checks the wait status: exit() (exit_group)
 * from a non-main thread ends every thread, main included, with that
 * status; a raw SYS_exit ends only its thread; a fatal signal sent to
 * one thread (tgkill SIGKILL, or SIGSEGV with no handler) takes the
 * whole group; wait4 reports the process once, never its threads.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

#include "tt.h"

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *exits(void *arg)
{
	tt_sleep_ms(50);
	exit((int)(intptr_t)arg);
}

static void *raw_exit(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 9);
	return NULL;
}

static pid_t victim;

static void *kills_itself(void *arg)
{
	victim = tt_gettid();
	syscall(SYS_tgkill, getpid(), victim, (int)(intptr_t)arg);
	return NULL;
}

/* Runs body in a child with 3 sleeping threads; returns its wait status. */
static int in_child(void (*body)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		for (int i = 0; i < 3; i++)
			pthread_create(&t, NULL, sleeper, NULL);
		body();
		_exit(100);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void exit_from_thread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exits, (void *)3);
	pause();	/* main waits: the thread's exit ends it */
}

static void raw_exit_then_main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, raw_exit, NULL);
	tt_sleep_ms(100);
	exit(4);	/* the process outlived that thread */
}

static void killed_thread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, kills_itself, (void *)SIGKILL);
	pause();
}

static void segv_thread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, kills_itself, (void *)SIGSEGV);
	pause();
}

int main(void)
{
	int s;

	s = in_child(exit_from_thread);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 3,
	      "exit(3) in a thread while main sleeps: the process exits 3");
	s = in_child(raw_exit_then_main);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 4,
	      "SYS_exit(9) in a thread ends it alone: main exits 4 later");
	s = in_child(killed_thread);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL,
	      "tgkill SIGKILL to one thread kills the process");
	s = in_child(segv_thread);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "tgkill SIGSEGV (no handler) to one thread: the process dies of it");

	/* four children with four threads each: wait reports 4 processes */
	int reaped = 0, all_exited = 1;
	pid_t pids[4], p;

	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			pthread_t t;

			for (int j = 0; j < 3; j++)
				pthread_create(&t, NULL, sleeper, NULL);
			tt_sleep_ms(50);
			exit(10 + i);
		}
	}
	while ((p = wait(&s)) > 0) {
		int k = -1;

		for (int i = 0; i < 4; i++)
			if (p == pids[i])
				k = i;
		reaped++;
		all_exited &= k >= 0 && WIFEXITED(s) && WEXITSTATUS(s) == 10 + k;
	}
	CHECK_EQ(reaped, 4, "4 children of 4 threads each: wait reports 4 processes");
	CHECK(all_exited, "... each with its own exit status");
	CHECK_EQ(errno, ECHILD, "... then ECHILD");
	return tt_done();
}
