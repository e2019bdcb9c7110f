/*
 * signal_regs.c - a signal handler's return gives back every register,
 * rcx and r11 too.  The syscall instruction and sysret use those two for
 * rip and rflags, so after rt_sigreturn (whose frame may hold anything
 * there) Linux returns with iretq (arch/x86/entry/syscall_64.c
 * do_syscall_64(): sysret only when rcx == rip and r11 == rflags).
 *   - a handler writes rcx and r11 in its ucontext: the code after the
 *     kill syscall that raised the signal sees those values;
 *   - SIGALRM (setitimer) interrupts a loop that holds values in rcx and
 *     r11 and never makes a system call: they are still there after
 *     each handler (busybox's ash crashed in glibc's strcmp, its rcx
 *     replaced by the rip where a SIGCHLD had interrupted it).
 */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "test.h"

/* ucontext_t: uc_mcontext's gregs start at byte 40; R11 is gregs[3],
 * RCX gregs[14] (Linux: include/uapi/asm/sigcontext.h) */
#define UC_GREG(uc, i) (((unsigned long *)((char *)(uc) + 40))[i])
#define MAGIC_RCX 0x1111222233334444UL
#define MAGIC_R11 0x5555666677778888UL

static void edit_regs(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	UC_GREG(uc, 14) = MAGIC_RCX;
	UC_GREG(uc, 3) = MAGIC_R11;
}

static void handler_sets_rcx_r11(void)
{
	struct sigaction sa;
	unsigned long rcx, r11;
	long ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = edit_regs;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	/* kill(getpid(), SIGUSR1): the handler runs on the way out */
	asm volatile("syscall\n\t"
		     "mov %%rcx, %1\n\t"
		     "mov %%r11, %2"
		     : "=a"(ret), "=r"(rcx), "=r"(r11)
		     : "a"(62L), "D"((long)getpid()), "S"((long)SIGUSR1)
		     : "rcx", "r11", "memory");
	CHECK_EQ(ret, 0, "kill(getpid(), SIGUSR1) from inline assembly");
	CHECK_HEX(rcx, MAGIC_RCX, "  rcx after the handler: the frame's");
	CHECK_HEX(r11, MAGIC_R11, "  r11 after the handler: the frame's");
	signal(SIGUSR1, SIG_DFL);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void async_signal_keeps_rcx_r11(void)
{
	struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } }, off;
	unsigned long rcx, r11;

	set_handler(SIGALRM, on_alarm, 0);
	setitimer(ITIMER_REAL, &every_ms, NULL);
	/* until the third SIGALRM, or until rcx or r11 changes */
	asm volatile("mov %2, %%rcx\n\t"
		     "mov %3, %%r11\n"
		     "1:\n\t"
		     "cmp %2, %%rcx\n\t"
		     "jne 2f\n\t"
		     "cmp %3, %%r11\n\t"
		     "jne 2f\n\t"
		     "cmpl $3, %4\n\t"
		     "jl 1b\n"
		     "2:\n\t"
		     "mov %%rcx, %0\n\t"
		     "mov %%r11, %1"
		     : "=r"(rcx), "=r"(r11)
		     : "r"(MAGIC_RCX), "r"(MAGIC_R11), "m"(alarms)
		     : "rcx", "r11", "cc", "memory");
	memset(&off, 0, sizeof(off));
	setitimer(ITIMER_REAL, &off, NULL);
	CHECK(alarms >= 3, "a loop without system calls: 3 SIGALRM handlers ran");
	CHECK_HEX(rcx, MAGIC_RCX, "  rcx kept across them");
	CHECK_HEX(r11, MAGIC_R11, "  r11 kept across them");
}

int main(void)
{
	handler_sets_rcx_r11();
	async_signal_keeps_rcx_r11();
	return test_done();
}
