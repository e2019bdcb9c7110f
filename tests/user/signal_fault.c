/*
 * signal_fault.c - CPU exceptions in user mode become signals: SIGSEGV
 * (page faults, general protection), SIGILL (ud2), SIGFPE (divide by
 * zero), SIGTRAP (int3), each with Linux's si_code and si_addr.  A handler
 * can leave with longjmp or _exit, or fix the saved registers in its
 * ucontext and return; without a handler, or with the signal blocked or
 * ignored, the process dies and wait4 reports the signal.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* siginfo of a fault: si_addr follows si_code (and padding), as in Linux. */
struct fault_info {
	int si_signo, si_errno, si_code, pad;
	void *si_addr;
};
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define SI_KERNEL 0x80

/* ucontext_t: uc_mcontext's gregs start at byte 40; RIP is gregs[16]. */
#define UC_RIP(uc) (((unsigned long *)((char *)(uc) + 40))[16])

static jmp_buf env;
static struct fault_info got;
static volatile int handled;
static volatile unsigned long fault_rip;

static void on_fault_jump(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	got = *(struct fault_info *)info;
	fault_rip = UC_RIP(uc);
	handled++;
	longjmp(env, 1);
}

static void catch_with(int sig, void *fn, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

/*
 * Runs fault() under a handler that longjmps back; the signal stays
 * blocked after a longjmp out of its handler (siglongjmp would restore
 * the mask: our libc has none), so unblock it here.
 */
static void run_caught(int sig, void (*fault)(void))
{
	sigset_t set;

	memset(&got, 0, sizeof(got));
	handled = 0;
	catch_with(sig, on_fault_jump, 0);
	if (setjmp(env) == 0)
		fault();
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(sig, SIG_DFL);
}

static char *volatile ro_page;

static void write_0x10(void) { *(volatile int *)bad_addr(0x10) = 1; }
static void write_ro(void) { *(volatile char *)ro_page = 1; }
/* ud2 at a known address: ud2_here */
static __attribute__((noinline)) void do_ud2(void) { __asm__ volatile(".globl ud2_here\nud2_here: ud2"); }
extern char ud2_here[];
static __attribute__((noinline)) void do_div0(void)
{
	__asm__ volatile(".globl div_here\nxor %%ecx, %%ecx\ndiv_here: div %%ecx"
			 ::: "eax", "ecx", "edx");
}
extern char div_here[];
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_int3(void) { __asm__ volatile("int3"); }

static void test_segv_maperr(void)
{
	run_caught(SIGSEGV, write_0x10);
	CHECK_EQ(handled, 1, "write to 0x10: the SIGSEGV handler ran");
	CHECK_EQ(got.si_signo, SIGSEGV, "si_signo SIGSEGV");
	CHECK_EQ(got.si_code, SEGV_MAPERR, "si_code SEGV_MAPERR");
	CHECK(got.si_addr == (void *)0x10, "si_addr is the faulting address");
}

static void test_segv_accerr(void)
{
	ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	run_caught(SIGSEGV, write_ro);
	CHECK_EQ(handled, 1, "write to a read-only page: SIGSEGV");
	CHECK_EQ(got.si_code, SEGV_ACCERR, "si_code SEGV_ACCERR");
	CHECK(got.si_addr == ro_page, "si_addr is the page");
	munmap(ro_page, 4096);
}

static void test_sigill(void)
{
	run_caught(SIGILL, do_ud2);
	CHECK_EQ(handled, 1, "ud2: the SIGILL handler ran");
	CHECK_EQ(got.si_code, ILL_ILLOPN, "si_code ILL_ILLOPN");
	CHECK(got.si_addr == ud2_here, "si_addr is the instruction");
	CHECK(fault_rip == (unsigned long)ud2_here, "the saved RIP is the instruction");
}

static void test_sigfpe(void)
{
	run_caught(SIGFPE, do_div0);
	CHECK_EQ(handled, 1, "divide by zero: the SIGFPE handler ran");
	CHECK_EQ(got.si_code, FPE_INTDIV, "si_code FPE_INTDIV");
	CHECK(got.si_addr == div_here, "si_addr is the instruction");
}

static void test_gp_and_trap(void)
{
	run_caught(SIGSEGV, do_hlt);
	CHECK_EQ(handled, 1, "hlt in user mode: SIGSEGV");
	CHECK_EQ(got.si_code, SI_KERNEL, "si_code SI_KERNEL");
	CHECK(got.si_addr == NULL, "si_addr 0");
	run_caught(SIGTRAP, do_int3);
	CHECK_EQ(handled, 1, "int3: SIGTRAP");
	CHECK_EQ(got.si_code, SI_KERNEL, "si_code SI_KERNEL");
}

/* The handler moves the saved RIP past the 2-byte ud2: sigreturn resumes there. */
static void on_ill_skip(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	handled++;
	UC_RIP(uc) += 2;
}

static void test_handler_edits_context(void)
{
	handled = 0;
	catch_with(SIGILL, on_ill_skip, 0);
	do_ud2();
	CHECK_EQ(handled, 1, "a handler that skips ud2 in its ucontext: execution goes on");
	signal(SIGILL, SIG_DFL);
}

/* The wait status of a child running fault() after setup(). */
static int child_status(void (*setup)(void), void (*fault)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (setup)
			setup();
		fault();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void on_segv_exit(int sig) { _exit(sig + 100); }
static void handler_exits(void) { signal(SIGSEGV, on_segv_exit); }
static void segv_ignored(void) { signal(SIGSEGV, SIG_IGN); }
static void segv_blocked(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void test_children(void)
{
	int st;

	st = child_status(NULL, write_0x10);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "no handler: killed by SIGSEGV");
	st = child_status(NULL, do_ud2);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGILL, "no handler: killed by SIGILL");
	st = child_status(NULL, do_div0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE, "no handler: killed by SIGFPE");
	st = child_status(handler_exits, write_0x10);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == SIGSEGV + 100, "a handler that _exits");
	st = child_status(segv_ignored, write_0x10);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "SIGSEGV ignored: still killed");
	st = child_status(segv_blocked, write_0x10);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "SIGSEGV blocked: still killed");
}

int main(void)
{
	test_segv_maperr();
	test_segv_accerr();
	test_sigill();
	test_sigfpe();
	test_gp_and_trap();
	test_handler_edits_context();
	test_children();
	return test_done();
}
