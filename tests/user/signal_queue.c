/*
 * signal_queue.c - rt_sigqueueinfo and rt_tgsigqueueinfo (sigqueue(3),
 * pthread_sigqueue(3)): the caller's siginfo reaches the handler; only
 * to itself may a process claim kill()'s or tkill()'s si_code; Linux's
 * order of EFAULT, EPERM, ESRCH and EINVAL.
 * Linux: kernel/signal.c do_rt_sigqueueinfo(), do_rt_tgsigqueueinfo().
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define SI_QUEUE (-1)

struct raw_siginfo {
	int si_signo, si_errno, si_code, pad;
	int pid, uid, value, pad2;
	char rest[128 - 32];
};

static volatile int got_sig, got_code, got_value;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	struct raw_siginfo *r = (struct raw_siginfo *)si;

	(void)uc;
	got_sig = sig;
	got_code = r->si_code;
	got_value = r->value;
}

static struct raw_siginfo info(int code, int value)
{
	struct raw_siginfo r;

	memset(&r, 0, sizeof(r));
	r.si_code = code;
	r.pid = getpid();
	r.value = value;
	return r;
}

static long queue(pid_t pid, int sig, struct raw_siginfo *r)
{
	return syscall(SYS_rt_sigqueueinfo, pid, sig, r);
}

static long tgqueue(pid_t tgid, pid_t tid, int sig, struct raw_siginfo *r)
{
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, r);
}

static void to_self(void)
{
	struct sigaction sa;
	struct raw_siginfo r = info(SI_QUEUE, 42);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	CHECK_EQ(queue(getpid(), SIGUSR1, &r), 0, "rt_sigqueueinfo to self: 0");
	CHECK_EQ(got_sig, SIGUSR1, "  the handler ran");
	CHECK_EQ(got_code, SI_QUEUE, "  with si_code SI_QUEUE");
	CHECK_EQ(got_value, 42, "  and the value given");
	r = info(0, 7);
	CHECK_EQ(queue(getpid(), SIGUSR1, &r), 0, "  si_code SI_USER to self is allowed");
	CHECK_EQ(got_code, 0, "  and arrives as given");
	r = info(SI_QUEUE, 9);
	got_sig = 0;
	CHECK_EQ(tgqueue(getpid(), syscall(SYS_gettid), SIGUSR1, &r), 0,
		 "rt_tgsigqueueinfo to this thread");
	CHECK(got_sig == SIGUSR1 && got_value == 9, "  its handler ran with the value");
}

static void errors(void)
{
	struct raw_siginfo q = info(SI_QUEUE, 1), u = info(0, 1), t = info(-6, 1);
	pid_t child = fork_exiting(200, 0), gone = fork_exiting(0, 0);

	waitpid(gone, NULL, 0);
	CHECK_ERR(queue(child, SIGUSR1, &u), EPERM, "si_code SI_USER to another process: EPERM");
	CHECK_ERR(queue(child, SIGUSR1, &t), EPERM, "si_code SI_TKILL to another process: EPERM");
	CHECK_ERR(queue(child, SIGUSR1, bad_addr(1)), EFAULT, "a bad siginfo: EFAULT");
	CHECK_ERR(queue(gone, SIGUSR1, &q), ESRCH, "a reaped pid: ESRCH");
	CHECK_ERR(queue(gone, 100, &q), ESRCH, "  before EINVAL for signal 100");
	CHECK_ERR(queue(child, 100, &q), EINVAL, "signal 100: EINVAL");
	CHECK_EQ(queue(child, 0, &q), 0, "signal 0: only asks");
	CHECK_ERR(tgqueue(0, child, SIGUSR1, &q), EINVAL, "rt_tgsigqueueinfo tgid 0: EINVAL");
	CHECK_ERR(tgqueue(child, 0, SIGUSR1, &q), EINVAL, "  tid 0: EINVAL");
	CHECK_ERR(tgqueue(getpid(), child, SIGUSR1, &q), ESRCH, "  a tid not in tgid: ESRCH");
	CHECK_ERR(tgqueue(child, child, SIGUSR1, &u), EPERM, "  SI_USER to another thread: EPERM");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

int main(void)
{
	to_self();
	errors();
	return test_done();
}
