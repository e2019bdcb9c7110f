/*
 * sigtimedwait/sigwaitinfo: take a blocked signal off the queue without
 * running a handler, with its siginfo; EAGAIN at the timeout; argument
 * errors.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "test.h"

static volatile int handled;

static void on_usr(int sig)
{
	(void)sig;
	handled++;
}

int main(void)
{
	struct timespec zero = { 0, 0 }, t50 = { 0, 50 * 1000000 }, bad = { 0, 1000000000 };
	struct sigaction sa;
	siginfo_t si;
	sigset_t set;
	long long t0;
	pid_t pid;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);

	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN, "nothing pending, zero timeout: EAGAIN");
	t0 = monotonic_ns();
	CHECK_ERR(sigtimedwait(&set, &si, &t50), EAGAIN, "50 ms timeout: EAGAIN");
	CHECK(monotonic_ns() - t0 >= 50000000LL, "  after at least 50 ms");
	CHECK_ERR(sigtimedwait(&set, &si, &bad), EINVAL, "tv_nsec 1e9: EINVAL");
	CHECK_ERR(syscall(__NR_rt_sigtimedwait, &set, &si, &zero, 4), EINVAL, "sigsetsize 4: EINVAL");
	CHECK_ERR(sigtimedwait(bad_addr(1), &si, &zero), EFAULT, "bad set pointer: EFAULT");

	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR1, "a pending SIGUSR1 is taken");
	CHECK_EQ(si.si_signo, SIGUSR1, "  si_signo");
	CHECK_EQ(si.si_code, SI_USER, "  si_code SI_USER (kill)");
	CHECK(si.si_pid == getpid(), "  si_pid is ours");
	CHECK_EQ(handled, 0, "  and no handler ran");

	pid = fork();
	if (pid == 0) {
		int asleep = wait_parent_asleep();

		kill(getppid(), SIGUSR2);
		_exit(!asleep);
	}
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR2, "SIGUSR2 from a child wakes the wait");
	CHECK(si.si_pid == pid, "  si_pid is the child's");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "  the child signalled us asleep");
	CHECK_EQ(handled, 0, "still no handler ran");
	return test_done();
}
