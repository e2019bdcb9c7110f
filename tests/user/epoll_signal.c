/*
 * Signals and epoll_wait: a handled signal ends a sleep with EINTR (never
 * restarted), ready events win over a pending signal, and epoll_pwait's
 * mask is in force only during the call (restored unless it gave EINTR).
 */
#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

static volatile int handled; /* SIGUSR1 handler runs */
static int ep, rd, wr;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static int usr1_pending(void)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, SIGUSR1);
}

static void block_usr1(int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(how, &set, NULL);
}

/* A child sends SIGUSR1 once the parent is asleep in its next call, then
 * (if then_write) writes to the pipe once it is asleep again (or still);
 * it exits 1 if the parent was not (it acts all the same: no hang). */
static pid_t signal_when_asleep(int then_write)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		int asleep = wait_parent_asleep();

		kill(parent, SIGUSR1);
		if (then_write) {
			asleep &= wait_parent_asleep();
			write(wr, "x", 1);
		}
		_exit(!asleep);
	}
	return pid;
}

/* SA_RESTART or not, an interrupted epoll_wait returns EINTR. */
static void test_eintr(void)
{
	struct epoll_event ev;
	pid_t pid;

	handled = 0;
	pid = signal_when_asleep(0);
	CHECK_ERR(wait1(ep, &ev, -1), EINTR, "SIGUSR1 (SA_RESTART) during epoll_wait(-1) -> EINTR");
	CHECK_EQ(handled, 1, "  the handler ran once");
	CHECK_EQ(wait_child(pid), 0, "  child exited 0");

	handled = 0;
	pid = signal_when_asleep(0);
	CHECK_ERR(wait1(ep, &ev, 5000), EINTR, "SIGUSR1 during epoll_wait(5000) -> EINTR");
	CHECK_EQ(wait_child(pid), 0, "  child exited 0");
}

/* Blocked by the pwait mask, the signal does not interrupt; the fd wakes the waiter. */
static void test_pwait_mask_blocks(void)
{
	struct epoll_event ev;
	sigset_t mask;
	pid_t pid;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	handled = 0;
	pid = signal_when_asleep(1);
	CHECK_EQ(epoll_pwait(ep, &ev, 1, -1, &mask), 1,
		 "pwait masking SIGUSR1: the signal does not interrupt, the fd wakes it -> 1");
	CHECK_EQ(handled, 1, "  the old mask is back: the handler ran after the call");
	CHECK_EQ(wait_child(pid), 0, "  child exited 0");
	read(rd, &ev, 1);
}

/* A pending signal (blocked outside the call) and the pwait mask unblocking it. */
static void test_pending(void)
{
	struct epoll_event ev;
	sigset_t empty;

	sigemptyset(&empty);
	block_usr1(SIG_BLOCK);
	handled = 0;
	kill(getpid(), SIGUSR1);
	CHECK_EQ(usr1_pending(), 1, "blocked SIGUSR1 is pending");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "epoll_wait(0) with the signal blocked -> 0");
	CHECK_EQ(epoll_pwait(ep, &ev, 1, 0, &empty), 0,
		 "pwait(timeout 0) unblocking it -> 0 (timeout 0 never gives EINTR)");
	CHECK_EQ(usr1_pending(), 1, "  the signal stays pending");
	CHECK_EQ(handled, 0, "  and the handler did not run");

	write(wr, "x", 1);
	CHECK_EQ(epoll_pwait(ep, &ev, 1, 10, &empty), 1,
		 "pwait(10 ms) unblocking it with an fd ready -> 1 (events win)");
	CHECK_EQ(usr1_pending(), 1, "  the signal stays pending");
	read(rd, &ev, 1);

	CHECK_ERR(epoll_pwait(ep, &ev, 1, 10, &empty), EINTR,
		  "pwait(10 ms) unblocking it, nothing ready -> EINTR");
	CHECK_EQ(handled, 1, "  the handler ran");
	CHECK_EQ(usr1_pending(), 0, "  nothing pending any more");
	block_usr1(SIG_UNBLOCK);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	int p[2];

	sigaction(SIGUSR1, &sa, NULL);
	ep = epoll_create1(0);
	pipe(p);
	rd = p[0];
	wr = p[1];
	ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 1);
	test_eintr();
	test_pwait_mask_blocks();
	test_pending();
	return test_done();
}
