/*
 * signal_handler.c - catching signals: a handler runs exactly once with
 * the right number and siginfo; blocked signals stay pending until
 * unblocked; SA_RESETHAND, SA_NODEFER and sa_mask; SIGKILL and SIGSTOP
 * can be neither caught nor blocked; kill()'s errors; default actions.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define SIG_RT34 34	/* a real-time signal (our libc defines no SIGRTMIN) */

static volatile int count;		/* handler runs */
static volatile int last_sig;
static volatile int order[4];		/* signals in the order handled */
static volatile int norder;
static siginfo_t last_info;
static volatile sigset_t mask_in_handler;

static void on_sig(int sig)
{
	sigset_t cur;

	count++;
	last_sig = sig;
	if (norder < 4)
		order[norder++] = sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	mask_in_handler = cur;
}

static void on_siginfo(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	on_sig(sig);
	last_info = *info;
}

/* Installs fn (an sa_handler, or with SA_SIGINFO an sa_sigaction). */
static int handle(int sig, void *fn, int flags, const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = (void (*)(int))fn;
	sa.sa_flags = flags;
	if (mask)
		sa.sa_mask = *mask;
	return sigaction(sig, &sa, NULL);
}

static sigset_t set_of(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return set;
}

static int pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

static void reset(void)
{
	count = last_sig = norder = 0;
	memset(&last_info, 0, sizeof(last_info));
}

static void test_runs_once(void)
{
	reset();
	CHECK_EQ(handle(SIGUSR1, on_siginfo, SA_SIGINFO, NULL), 0, "sigaction SIGUSR1");
	CHECK_EQ(kill(getpid(), SIGUSR1), 0, "kill self SIGUSR1");
	CHECK_EQ(count, 1, "the handler ran exactly once");
	CHECK_EQ(last_sig, SIGUSR1, "with the signal number");
	CHECK_EQ(last_info.si_signo, SIGUSR1, "si_signo");
	CHECK_EQ(last_info.si_code, 0, "si_code is SI_USER for kill");
	CHECK(last_info.si_pid == getpid(), "si_pid is the sender");
	CHECK(last_info.si_uid == getuid(), "si_uid is the sender's uid");
	CHECK(sigismember((sigset_t *)&mask_in_handler, SIGUSR1),
	      "the signal is blocked while its handler runs");
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(!sigismember(&now, SIGUSR1), "and unblocked after it returns");
}

/* A child's kill carries the child's pid. */
static void test_si_pid_of_child(void)
{
	pid_t parent = getpid(), child;
	sigset_t usr1 = set_of(SIGUSR1), old;

	reset();
	sigprocmask(SIG_BLOCK, &usr1, &old);
	child = fork();
	if (child == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ(count, 1, "a child's kill is handled");
	CHECK(last_info.si_pid == child, "si_pid is the child's pid");
}

static void test_blocked_stays_pending(void)
{
	sigset_t usr1 = set_of(SIGUSR1), old;

	reset();
	sigprocmask(SIG_BLOCK, &usr1, &old);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(count, 0, "a blocked signal is not delivered");
	CHECK(pending(SIGUSR1), "it is pending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ(count, 1, "delivered once on unblock (standard signals do not queue)");
	CHECK(!pending(SIGUSR1), "no longer pending");
}

/* Linux delivers every pending signal before returning to user mode,
 * lowest number first, each frame on top of the last: so the handler of
 * the higher number runs first. */
static void test_two_pending_order(void)
{
	sigset_t both, old;

	reset();
	handle(SIGUSR2, on_sig, 0, NULL);
	sigemptyset(&both);
	sigaddset(&both, SIGUSR1);
	sigaddset(&both, SIGUSR2);
	sigprocmask(SIG_BLOCK, &both, &old);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ(norder, 2, "both pending signals are handled");
	CHECK_EQ(order[0], SIGUSR2, "SIGUSR2's handler runs first");
	CHECK_EQ(order[1], SIGUSR1, "then SIGUSR1's");

	/* with SIGUSR2 in SIGUSR1's sa_mask, SIGUSR2 waits for SIGUSR1 */
	reset();
	sigset_t usr2 = set_of(SIGUSR2);
	handle(SIGUSR1, on_sig, 0, &usr2);
	sigprocmask(SIG_BLOCK, &both, &old);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ(order[0], SIGUSR1, "sa_mask holds SIGUSR2 back: SIGUSR1 first");
	CHECK_EQ(order[1], SIGUSR2, "then SIGUSR2");
	CHECK(sigismember((sigset_t *)&mask_in_handler, SIGUSR2),
	      "SIGUSR2's handler ran with its own signal blocked");
}

static volatile int runs, depth, max_depth;

/* Sends itself its signal again, 3 runs in all. */
static void on_nested(int sig)
{
	runs++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (runs < 3)
		kill(getpid(), sig);
	depth--;
}

static void test_nodefer(void)
{
	runs = max_depth = 0;
	handle(SIGUSR2, on_nested, 0, NULL);
	kill(getpid(), SIGUSR2);
	CHECK_EQ(runs, 3, "a handler resending its signal runs 3 times");
	CHECK_EQ(max_depth, 1, "without SA_NODEFER, one after the other");
	runs = max_depth = 0;
	handle(SIGUSR2, on_nested, SA_NODEFER, NULL);
	kill(getpid(), SIGUSR2);
	CHECK_EQ(max_depth, 3, "SA_NODEFER: the handler nests");
}

static void test_resethand(void)
{
	struct sigaction old;

	reset();
	handle(SIGUSR2, on_sig, SA_RESETHAND, NULL);
	kill(getpid(), SIGUSR2);
	CHECK_EQ(count, 1, "SA_RESETHAND: the handler runs");
	sigaction(SIGUSR2, NULL, &old);
	CHECK(old.sa_handler == SIG_DFL, "and the action is back to SIG_DFL");
}

static void test_kill_stop_uncatchable(void)
{
	struct sigaction sa, old;
	sigset_t all, now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL, "sigaction SIGKILL handler: EINVAL");
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL, "sigaction SIGKILL SIG_IGN: EINVAL");
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL, "sigaction SIGSTOP: EINVAL");
	CHECK_EQ(sigaction(SIGKILL, NULL, &old), 0, "reading SIGKILL's action is allowed");
	CHECK(old.sa_handler == SIG_DFL, "it is SIG_DFL");
	CHECK_ERR(sigaction(0, NULL, &old), EINVAL, "sigaction 0: EINVAL");
	CHECK_ERR(sigaction(65, NULL, &old), EINVAL, "sigaction 65: EINVAL");

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	sigprocmask(SIG_SETMASK, NULL, &now);
	CHECK(!sigismember(&now, SIGKILL), "SIGKILL cannot be blocked");
	CHECK(!sigismember(&now, SIGSTOP), "SIGSTOP cannot be blocked");
	CHECK(sigismember(&now, SIGUSR1), "other signals can");
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	CHECK_ERR(sigprocmask(3, &all, NULL), EINVAL, "sigprocmask bad how: EINVAL");
}

static void test_kill_errors(void)
{
	pid_t child;

	CHECK_EQ(kill(getpid(), 0), 0, "kill sig 0 to self: the process exists");
	CHECK_ERR(kill(getpid(), 65), EINVAL, "kill sig 65: EINVAL");
	CHECK_ERR(kill(getpid(), -1), EINVAL, "kill sig -1: EINVAL");
	CHECK_ERR(kill(999999, 0), ESRCH, "kill a pid nobody has: ESRCH");
	child = fork();
	if (child == 0)
		_exit(0);
	sleep_ms(20);
	CHECK_EQ(kill(child, 0), 0, "a zombie can still be signalled");
	waitpid(child, NULL, 0);
	CHECK_ERR(kill(child, 0), ESRCH, "a reaped child: ESRCH");
}

/* The wait status of a child that sends itself sig with the default action. */
static int status_after_default(int sig)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		/* no core file: RLIMIT_CORE (4) soft and hard limit 0 */
		unsigned long no_core[2] = { 0, 0 };

		syscall(SYS_prlimit64, 0, 4, no_core, NULL);
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		_exit(42);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void test_default_actions(void)
{
	int st;

	st = status_after_default(SIGUSR1);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "SIGUSR1 default: terminate");
	st = status_after_default(SIGTERM);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "SIGTERM default: terminate");
	st = status_after_default(SIGALRM);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM, "SIGALRM default: terminate");
	st = status_after_default(SIG_RT34);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIG_RT34, "signal 34 default: terminate");
	/* core-dumping signals terminate (whether a core is written is the
	 * host's business: only the signal is checked) */
	st = status_after_default(SIGQUIT);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT, "SIGQUIT default: terminate (core)");
	st = status_after_default(SIGABRT);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "SIGABRT default: terminate (core)");
	st = status_after_default(SIGCHLD);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "SIGCHLD default: ignore");
	st = status_after_default(SIGURG);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "SIGURG default: ignore");
	st = status_after_default(SIGWINCH);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "SIGWINCH default: ignore");
	st = status_after_default(SIGKILL);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "SIGKILL: terminate");
}

/* SIG_IGN drops the signal, and discards one already pending. */
static void test_ignore(void)
{
	sigset_t usr1 = set_of(SIGUSR1), old;

	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	CHECK(!pending(SIGUSR1), "an ignored signal is not left pending");
	handle(SIGUSR1, on_sig, 0, NULL);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	kill(getpid(), SIGUSR1);
	CHECK(pending(SIGUSR1), "blocked and handled: pending");
	signal(SIGUSR1, SIG_IGN);
	CHECK(!pending(SIGUSR1), "setting SIG_IGN discards the pending signal");
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_sigsuspend_pause(void)
{
	sigset_t usr1 = set_of(SIGUSR1), old, empty;
	pid_t parent = getpid(), child;

	reset();
	handle(SIGUSR1, on_sig, 0, NULL);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	kill(getpid(), SIGUSR1);
	sigemptyset(&empty);
	CHECK_ERR(sigsuspend(&empty), EINTR, "sigsuspend: EINTR after the handler");
	CHECK_EQ(count, 1, "the pending signal was handled inside sigsuspend");
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(sigismember(&now, SIGUSR1), "the old mask is back after sigsuspend");
	sigprocmask(SIG_SETMASK, &old, NULL);

	reset();
	child = fork();
	if (child == 0) {
		sleep_ms(30);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	CHECK_ERR(pause(), EINTR, "pause: EINTR after the handler");
	CHECK_EQ(count, 1, "the handler ran");
	waitpid(child, NULL, 0);
}

int main(void)
{
	test_runs_once();
	test_si_pid_of_child();
	test_blocked_stays_pending();
	test_two_pending_order();
	test_nodefer();
	test_resethand();
	test_kill_stop_uncatchable();
	test_kill_errors();
	test_default_actions();
	test_ignore();
	test_sigsuspend_pause();
	return test_done();
}
