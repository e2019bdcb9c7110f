/*
 * Job control stops: SIGSTOP and SIGTSTP stop a process, SIGCONT resumes
 * it; wait4 reports each with WUNTRACED and WCONTINUED, the parent gets
 * SIGCHLD with CLD_STOPPED / CLD_CONTINUED, and SIGKILL ends a stopped
 * process.  What a shell's Ctrl-Z and fg rest on.
 */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

static volatile int chld_code, chld_status, chld_count;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_count++;
}

/* The child stops itself; once continued it waits for a byte, so that
 * the continue is seen before the exit, then exits 7.  (SIGCHLD for the
 * continue is sent when the child resumes, at no fixed time, and would
 * merge with the one for its exit: only the stop's siginfo is checked.) */
static void stop_and_continue(void)
{
	int status, go[2];
	char c;
	pid_t pid;

	pipe(go);
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		read(go[0], &c, 1);
		_exit(7);
	}
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid, "waitpid(WUNTRACED) reports the stop");
	CHECK(WIFSTOPPED(status), "  WIFSTOPPED");
	CHECK_EQ(WSTOPSIG(status), SIGSTOP, "  WSTOPSIG is SIGSTOP");
	CHECK_EQ(chld_code, CLD_STOPPED, "  SIGCHLD si_code CLD_STOPPED");
	CHECK_EQ(chld_status, SIGSTOP, "  SIGCHLD si_status SIGSTOP");
	CHECK_EQ(waitpid(pid, &status, WNOHANG | WUNTRACED), 0, "a stop is reported once");
	CHECK_EQ(kill(pid, SIGCONT), 0, "kill(SIGCONT)");
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid, "waitpid(WCONTINUED) reports it");
	CHECK(WIFCONTINUED(status), "  WIFCONTINUED");
	write(go[1], "g", 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid, "then it runs on and exits");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "  with status 7");
}

/*
 * SIGTSTP stops a process that waits in pause(); SIGKILL ends it stopped.
 * Linux discards SIGTSTP sent to an orphaned process group (one whose
 * members' parents are all inside it or in another session), which the
 * test's own group may be when run from a session leader: the child gets
 * a group of its own, whose parent (the test) is outside it.
 */
static void kill_stopped(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	CHECK_EQ(kill(pid, SIGTSTP), 0, "kill(SIGTSTP)");
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid, "stopped by SIGTSTP");
	CHECK_EQ(WSTOPSIG(status), SIGTSTP, "  WSTOPSIG is SIGTSTP");
	CHECK_EQ(kill(pid, SIGKILL), 0, "kill(SIGKILL) of a stopped process");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "it is reaped");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "  killed by SIGKILL");
}

/* A stop without WUNTRACED is not reported: wait4 keeps waiting. */
static void stop_unreported(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		raise(SIGSTOP);
		_exit(3);
	}
	CHECK(wait_states(&pid, 1, "T"), "the child stops itself");
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0, "no WUNTRACED: the stop is not reported");
	kill(pid, SIGCONT);
	CHECK_EQ(waitpid(pid, &status, 0), pid, "after SIGCONT it exits");
	CHECK_EQ(WEXITSTATUS(status), 3, "  with status 3");
}

/* The resumed process carries on where it stopped. */
static void resume_where_stopped(void)
{
	int p[2], status;
	char c = 0;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		raise(SIGSTOP);
		write(p[1], "r", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &status, WUNTRACED);
	kill(pid, SIGCONT);
	CHECK_EQ(read(p[0], &c, 1), 1, "the resumed child runs on");
	CHECK_EQ(c, 'r', "  and writes");
	waitpid(pid, &status, 0);
	close(p[0]);
}

static int sleep_300ms(void)
{
	struct timespec ts = { 0, 300 * 1000000 };

	return nanosleep(&ts, NULL);
}

static int poll_300ms(void)
{
	struct pollfd p = { .fd = -1 };

	return poll(&p, 1, 300);
}

/*
 * A 300 ms wait (wait300) in a child, stopped for 200 ms as soon as it
 * sleeps in it (its S in /proc/PID/stat: a fixed delay could overrun the
 * whole wait on a loaded machine): with no handler involved it resumes
 * (restart_syscall) with the deadline it had, returning 0 near 300 ms,
 * neither EINTR nor after 500 ms as a restart from scratch would.
 * Returns the child's verdict: 0 right, 1 not 0 returned,
 * 2 too early, 3 too late.
 */
static int wait_through_stop(int (*wait300)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		long long t0 = monotonic_ns(), ms;
		int ret = wait300();

		ms = (monotonic_ns() - t0) / 1000000;
		_exit(ret != 0 ? 1 : ms < 300 ? 2 : ms >= 450 ? 3 : 0);
	}
	wait_states(&pid, 1, "S");
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	sleep_ms(200);
	kill(pid, SIGCONT);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* In a new session the child's group is orphaned (its parent is in
 * another session): SIGTSTP is discarded there, SIGSTOP still stops. */
static void orphaned_tstp(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		raise(SIGTSTP);
		_exit(5);
	}
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid, "orphaned group: SIGTSTP...");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "  ...is discarded, the child runs on");
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	stop_and_continue();
	kill_stopped();
	stop_unreported();
	resume_where_stopped();
	CHECK_EQ(wait_through_stop(sleep_300ms), 0,
		 "nanosleep through a stop: returns 0 at its 300 ms deadline");
	CHECK_EQ(wait_through_stop(poll_300ms), 0,
		 "poll through a stop: returns 0 at its 300 ms deadline");
	orphaned_tstp();
	return test_done();
}
