/*
 * epoll_pwait with a signal mask: SIGUSR1 is blocked in the program and
 * let through only for the duration of the wait, the race-free pattern
 * epoll_pwait exists for.  <errno.h> is included for EINTR.
 *   1. SIGUSR1 pending, the wait's mask keeps it blocked: a timeout, 0.
 *   2. The wait's mask unblocks it: -1 EINTR, the handler ran once, and
 *      the program's mask is back afterwards.
 *   3. A forked child sends SIGUSR1 while the parent sleeps in the wait.
 *   4. An fd ready and SIGUSR1 pending, unblocked by the wait's mask: the
 *      events are returned and the old mask is restored at once, so the
 *      signal stays pending, its handler not run (Linux:
 *      restore_saved_sigmask_unless(error == -EINTR)).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	caught++;
	(void)sig;
}

static void show(const char *what, int n)
{
	int eintr = n < 0 && errno == EINTR;
	sigset_t now, pending;

	sigprocmask(SIG_BLOCK, NULL, &now);
	sigpending(&pending);
	printf("%s: %d%s, caught %d, SIGUSR1 blocked %d, pending %d\n", what,
	       n, eintr ? " EINTR" : "", (int)caught,
	       sigismember(&now, SIGUSR1), sigismember(&pending, SIGUSR1));
	fflush(stdout);
	caught = 0;
}

int main(void)
{
	struct sigaction sa;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, got;
	sigset_t block, none;
	int p[2], ep, status;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&none);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	if (pipe(p) || (ep = epoll_create1(0)) < 0)
		return 1;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);

	raise(SIGUSR1);
	show("1. pending, blocked by the wait's mask",
	     epoll_pwait(ep, &got, 1, 50, &block));
	show("1. the same with a NULL mask",
	     epoll_pwait(ep, &got, 1, 50, NULL));
	show("2. unblocked by the wait's mask",
	     epoll_pwait(ep, &got, 1, 50, &none));

	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	show("3. sent while waiting", epoll_pwait(ep, &got, 1, 5000, &none));
	waitpid(pid, &status, 0);

	write(p[1], "x", 1);
	raise(SIGUSR1);
	show("4. ready fd and pending signal",
	     epoll_pwait(ep, &got, 1, 0, &none));
	printf("   events 0x%x, data %llu\n", got.events,
	       (unsigned long long)got.data.u64);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	show("   after unblocking", 0);
	return 0;
}
