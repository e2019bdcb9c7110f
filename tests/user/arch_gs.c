/*
 * arch_gs.c - arch_prctl(ARCH_SET_GS/ARCH_GET_GS): a user GS base of
 * the program's own, kept per task across syscalls, sleeps, signal
 * handlers and context switches, inherited by fork.  The kernel uses
 * GS too (its per-CPU area, swapped in by swapgs on every entry): a
 * mistake there shows here as a wrong %gs-relative read.
 */
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "test.h"

#define ARCH_SET_GS 0x1001
#define ARCH_GET_GS 0x1004

static unsigned long parent_area[2] = { 0x1111, 0x2222 };
static unsigned long child_area[2] = { 0x3333, 0x4444 };
static volatile unsigned long seen_in_handler;

static unsigned long gs_word(int i)
{
	unsigned long v;

	if (i)
		__asm__ volatile("mov %%gs:8, %0" : "=r"(v));
	else
		__asm__ volatile("mov %%gs:0, %0" : "=r"(v));
	return v;
}

static unsigned long get_gs(void)
{
	unsigned long base = 1;

	syscall(SYS_arch_prctl, ARCH_GET_GS, &base);
	return base;
}

static void on_usr1(int sig)
{
	(void)sig;
	seen_in_handler = gs_word(1);
}

/* The child sets its own base while the parent sleeps: each must find
 * its own after the switches between them. */
static void test_fork(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		int ok = get_gs() == (unsigned long)parent_area;

		syscall(SYS_arch_prctl, ARCH_SET_GS, child_area);
		sleep_ms(20);
		ok = ok && gs_word(0) == 0x3333 &&
		     get_gs() == (unsigned long)child_area;
		_exit(ok ? 0 : 1);
	}
	sleep_ms(10);
	CHECK_EQ(gs_word(0), 0x1111, "parent: its own base while the child runs");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "waitpid");
	CHECK_EQ(status, 0, "child: inherited the base, then kept its own");
	CHECK_EQ(get_gs(), (unsigned long)parent_area,
		 "parent: ARCH_GET_GS unchanged by the child's");
}

int main(void)
{
	CHECK_EQ(get_gs(), 0, "a new program's GS base is 0");
	CHECK_EQ(syscall(SYS_arch_prctl, ARCH_SET_GS, parent_area), 0,
		 "ARCH_SET_GS");
	CHECK_EQ(get_gs(), (unsigned long)parent_area, "ARCH_GET_GS reads it back");
	CHECK_EQ(gs_word(0), 0x1111, "%gs:0 reads through the base");
	getppid();
	CHECK_EQ(gs_word(1), 0x2222, "the base survives a syscall");
	sleep_ms(5);
	CHECK_EQ(gs_word(0), 0x1111, "the base survives a sleep");
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(seen_in_handler, 0x2222, "a signal handler sees the base");
	CHECK_EQ(gs_word(0), 0x1111, "the base survives the handler's return");
	test_fork();
	CHECK_ERR(syscall(SYS_arch_prctl, ARCH_SET_GS, 0xffff800000000000UL),
		  EPERM, "a kernel address: EPERM");
	CHECK_ERR(syscall(SYS_arch_prctl, ARCH_GET_GS, bad_addr(1)), EFAULT,
		  "ARCH_GET_GS to a bad pointer: EFAULT");
	CHECK_EQ(syscall(SYS_arch_prctl, ARCH_SET_GS, 0), 0, "ARCH_SET_GS 0");
	CHECK_EQ(get_gs(), 0, "ARCH_GET_GS reads 0");
	return test_done();
}
