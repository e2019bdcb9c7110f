/*
 * signal_notify.c - signals the kernel sends by itself: SIGCHLD when a
 * child exits or is killed (with CLD_* codes, the child's pid and status),
 * SIGPIPE on a write to a pipe without readers (and the write's EPIPE),
 * SIGALRM from alarm() and setitimer(ITIMER_REAL), one-shot and periodic.
 */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define CLD_EXITED 1
#define CLD_KILLED 2
#define SI_USER 0
#define SI_KERNEL 0x80

static volatile int count;
static siginfo_t last;

static void on_info(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	count++;
	last = *info;
}

static void catch_info(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(sig, &sa, NULL);
	count = 0;
	memset(&last, 0, sizeof(last));
}

/* Forks a child that runs fn; SIGCHLD stays blocked until it is reaped,
 * so the handler runs exactly once, at the unblock. */
static pid_t reap_child(void (*fn)(void))
{
	sigset_t chld, old;
	pid_t pid;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = fork();
	if (pid == 0)
		fn();
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

static void exit_5(void) { _exit(5); }
static void die_by_term(void) { kill(getpid(), SIGTERM); _exit(0); }

static void test_sigchld(void)
{
	pid_t pid;

	catch_info(SIGCHLD);
	pid = reap_child(exit_5);
	CHECK_EQ(count, 1, "SIGCHLD on child exit");
	CHECK_EQ(last.si_code, CLD_EXITED, "si_code CLD_EXITED");
	CHECK(last.si_pid == pid, "si_pid is the child");
	CHECK_EQ(last.si_status, 5, "si_status is the exit code");

	catch_info(SIGCHLD);
	pid = reap_child(die_by_term);
	CHECK_EQ(count, 1, "SIGCHLD on child killed");
	CHECK_EQ(last.si_code, CLD_KILLED, "si_code CLD_KILLED");
	CHECK(last.si_pid == pid, "si_pid is the child");
	CHECK_EQ(last.si_status, SIGTERM, "si_status is the signal");
	signal(SIGCHLD, SIG_DFL);
}

static void test_sigpipe(void)
{
	int p[2];

	catch_info(SIGPIPE);
	pipe(p);
	close(p[0]);
	CHECK_ERR(write(p[1], "x", 1), EPIPE, "write without readers: EPIPE");
	CHECK_EQ(count, 1, "and SIGPIPE is handled");
	CHECK_EQ(last.si_code, SI_USER, "si_code SI_USER");
	CHECK(last.si_pid == getpid(), "si_pid is the writer itself");
	close(p[1]);
	signal(SIGPIPE, SIG_DFL);
}

static void test_alarm(void)
{
	catch_info(SIGALRM);
	CHECK_EQ(alarm(5), 0, "alarm(5): no alarm was set");
	CHECK_EQ(alarm(0), 5, "alarm(0) cancels it: 5 seconds were left (rounded)");
	CHECK_EQ(alarm(0), 0, "nothing left to cancel");
	alarm(1);
	CHECK_ERR(pause(), EINTR, "pause until the alarm: EINTR");
	CHECK_EQ(count, 1, "SIGALRM handled once");
	CHECK_EQ(last.si_code, SI_KERNEL, "si_code SI_KERNEL");
	CHECK_EQ(alarm(0), 0, "the alarm is spent");
}

static long long usec(struct timeval tv)
{
	return tv.tv_sec * 1000000LL + tv.tv_usec;
}

static void test_setitimer(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 100000 } }, old, cur;
	pid_t pid;
	int status = -1;

	catch_info(SIGALRM);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, &old), 0, "setitimer 100 ms");
	CHECK(usec(old.it_value) == 0 && usec(old.it_interval) == 0, "old value: disarmed");
	getitimer(ITIMER_REAL, &cur);
	CHECK(usec(cur.it_value) > 50000 && usec(cur.it_value) <= 100000,
	      "getitimer: between 50 and 100 ms left");
	pid = fork();
	if (pid == 0) {
		getitimer(ITIMER_REAL, &cur);
		_exit(usec(cur.it_value) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a forked child has no timer");
	it.it_value.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, &old);
	CHECK(usec(old.it_value) > 0 && usec(old.it_value) <= 100000,
	      "disarming returns the time left");
	CHECK_EQ(count, 0, "a disarmed timer sends nothing");

	struct itimerval periodic = { { 0, 10000 }, { 0, 10000 } };
	setitimer(ITIMER_REAL, &periodic, NULL);
	while (count < 3)
		pause();
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &old);
	CHECK_EQ(count, 3, "a periodic timer: three SIGALRMs");
	CHECK_EQ(usec(old.it_interval), 10000, "its interval reads back");

	it.it_value.tv_usec = 1000000;
	CHECK_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL, "tv_usec 1000000: EINVAL");
	CHECK_ERR(setitimer(99, &periodic, NULL), EINVAL, "unknown timer: EINVAL");
	signal(SIGALRM, SIG_DFL);
}

int main(void)
{
	test_sigchld();
	test_sigpipe();
	test_alarm();
	test_setitimer();
	return test_done();
}
