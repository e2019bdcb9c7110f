/*
 * signal_sigreturn.c - rt_sigreturn with a frame the kernel must refuse.
 * A handler edits its own ucontext, then returns through rt_sigreturn:
 *   - reserved MXCSR bits in the saved FPU state: fxrstor would fault
 *     in the kernel; Linux refuses the frame (badframe) with SIGSEGV;
 *   - a non-canonical rip: the return to user mode would fault in the
 *     kernel (iretq on Intel); Linux delivers SIGSEGV instead;
 * and a handler at a non-canonical address fares the same.  Without a
 * SIGSEGV handler the child dies of SIGSEGV; with one, the handler sees
 * si_code SI_KERNEL and si_addr 0, as after any general protection fault.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* ucontext_t: uc_mcontext's gregs start at byte 40; RIP is gregs[16],
 * the fpstate pointer gregs[23]; MXCSR is at byte 24 of the fxsave image. */
#define UC_GREG(uc, i) (((unsigned long *)((char *)(uc) + 40))[i])
#define UC_RIP(uc) UC_GREG(uc, 16)
#define UC_MXCSR(uc) (*(unsigned int *)((char *)UC_GREG(uc, 23) + 24))
#define NONCANONICAL 0x0000800000000000UL

/* What the child's SIGSEGV handler saw, sent to the parent by pipe. */
struct seen {
	int signo, code;
	unsigned long addr, rip;
};

static int report_fd;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	struct seen s = { si->si_signo, si->si_code,
			  *(unsigned long *)((char *)si + 16), UC_RIP(uc) };

	(void)sig;
	write(report_fd, &s, sizeof(s));
	_exit(0);
}

static void bad_mxcsr(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	UC_MXCSR(uc) = 0x1f80 | 0x80000000;	/* bit 31: reserved everywhere */
}

static void bad_rip(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	UC_RIP(uc) = NONCANONICAL;
}

static void install(int sig, void *fn)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

/* A child raises SIGUSR1 with handler (with on_segv for SIGSEGV if
 * caught); the parent reads what on_segv saw into *s and returns the
 * child's wait status. */
static int run(void *handler, int caught, struct seen *s)
{
	int fds[2], status;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		report_fd = fds[1];
		if (caught)
			install(SIGSEGV, on_segv);
		install(SIGUSR1, handler);
		raise(SIGUSR1);
		_exit(1);	/* sigreturn was not refused */
	}
	close(fds[1]);
	memset(s, 0, sizeof(*s));
	read(fds[0], s, sizeof(*s));
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

static void check_killed(int status, const char *what)
{
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, what);
}

static void check_seen(const struct seen *s, unsigned long rip,
		       const char *what)
{
	CHECK_EQ(s->signo, SIGSEGV, what);
	CHECK_HEX(s->code, SI_KERNEL, "  si_code SI_KERNEL");
	CHECK_HEX(s->addr, 0, "  si_addr 0");
	if (rip)
		CHECK_HEX(s->rip, rip, "  the saved rip is the bad one");
}

/* What the SIGUSR1 handler does, and the rip the SIGSEGV handler must
 * see (0: not checked; refusing the FPU state comes after the registers
 * are restored, so that rip is the interrupted one, inside raise()). */
static const struct {
	void *handler;
	unsigned long rip;
	const char *what;
} cases[] = {
	{ bad_mxcsr, 0, "reserved MXCSR bits in the frame: killed by SIGSEGV" },
	{ bad_rip, NONCANONICAL,
	  "a non-canonical rip in the frame: killed by SIGSEGV" },
	{ (void *)NONCANONICAL, NONCANONICAL,
	  "a handler at a non-canonical address: killed by SIGSEGV" },
};

int main(void)
{
	struct seen s;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check_killed(run(cases[i].handler, 0, &s), cases[i].what);
		CHECK_EQ(run(cases[i].handler, 1, &s), 0,
			 "with a SIGSEGV handler: it runs, the child exits 0");
		check_seen(&s, cases[i].rip, "  the handler sees SIGSEGV");
	}
	return test_done();
}
