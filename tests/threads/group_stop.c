/*
 * group_stop: SIGSTOP, SIGCONT and SIGKILL to a process of three
 * threads, 200 times, the stop sent at a different moment each time
 * (0 to 1.8 ms after the fork: before, while and after the threads
 * start).  Each round the parent must hear of the stop once (wait4
 * WUNTRACED: 0x137f), of the continue once (WCONTINUED: 0xffff) and of
 * the kill (9).  The threads stop on several CPUs at once: when the
 * group's stop count was decremented without siglock, two threads'
 * decrements lost one, no thread was the last to stop, and the parent's
 * wait4 slept for ever (threads_clone hung so in one make test of
 * three at 4 CPUs, a stress loop like this one within its first 300
 * rounds); the watchdog's SIGALRM then ends this program.
 */
#include <signal.h>
#include <sys/wait.h>

#include "tt.h"

#define ROUNDS 200

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		tt_sleep_ms(1000);
	return NULL;
}

static int three_threads(void)
{
	pthread_t t;

	pthread_create(&t, NULL, sleeper, NULL);
	pthread_create(&t, NULL, sleeper, NULL);
	for (;;)
		pause();
	return 0;
}

int main(void)
{
	int stopped = 0, continued = 0, killed = 0, status;

	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();
		struct timespec ts = { 0, (i % 7) * 300000 };

		if (pid == 0)
			_exit(three_threads());
		nanosleep(&ts, NULL);
		kill(pid, SIGSTOP);
		stopped += waitpid(pid, &status, WUNTRACED) == pid &&
			   status == 0x137f;
		kill(pid, SIGCONT);
		continued += waitpid(pid, &status, WCONTINUED) == pid &&
			     status == 0xffff;
		kill(pid, SIGKILL);
		killed += waitpid(pid, &status, 0) == pid && status == SIGKILL;
	}
	CHECK_EQ(stopped, ROUNDS, "200 rounds: each stop reported once (0x137f)");
	CHECK_EQ(continued, ROUNDS, "  each continue reported (0xffff)");
	CHECK_EQ(killed, ROUNDS, "  each SIGKILL ends all three threads");
	return tt_done();
}
