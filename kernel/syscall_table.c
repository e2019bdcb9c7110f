/*
 * The system call table: Linux x86-64 number -> handler, generated from
 * include/pollux/syscall_list.h.  Linux: arch/x86/entry/syscall_64.c.
 */
#include <pollux/entry-common.h>
#include <pollux/syscalls.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/printk.h>
#include <uapi/unistd.h>
#include <uapi/errno.h>

/* All arguments travel in registers, so calling a handler through this
 * six-argument type is sound on x86-64 whatever its own prototype. */
typedef long (*syscall_fn_t)(long, long, long, long, long, long);

#define NR_SYSCALLS 512
#define SYSCALL(n, ret, name, ...) [__NR_##name] = (syscall_fn_t)(void *)sys_##name,
#define SYSCALL_NOWRAP SYSCALL
static const syscall_fn_t syscall_table[NR_SYSCALLS] = {
#include <pollux/syscall_list.h>
};
#undef SYSCALL
#undef SYSCALL_NOWRAP

/* Every Linux system call's name by number, implemented or not: for the
 * log below and for gdb (generated from include/uapi/unistd.h). */
const char *const syscall_names[NR_SYSCALLS] = {
#include <syscall_names.h>
};

const char *syscall_name(u64 nr)
{
	return nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : "no name";
}

/*
 * A number with no handler: -ENOSYS, and one line in the kernel log the
 * first time each number is asked for, so that a program that goes wrong
 * shows what it missed.  Not for rseq: glibc asks for it at every start
 * and does without, as on a Linux built without CONFIG_RSEQ (the line
 * would interleave with the shell's first prompt).
 * Linux: kernel/sys_ni.c sys_ni_syscall().
 */
static long sys_ni_syscall(u64 nr)
{
	static u64 logged[NR_SYSCALLS / 64] = { [__NR_rseq / 64] = 1UL << (__NR_rseq % 64) };

	if (nr < NR_SYSCALLS && !(logged[nr / 64] & (1UL << (nr % 64)))) {
		logged[nr / 64] |= 1UL << (nr % 64);
		printk("%s[%d]: system call %lu (%s) not implemented: -ENOSYS\n",
		       current->comm, current->pid, nr, syscall_name(nr));
	}
	return -ENOSYS;
}

/* Runs system call nr with the arguments in tf; kernel/entry/common.c
 * calls it.  Linux: arch/x86/entry/syscall_64.c x64_sys_call() */
long x64_sys_call(const struct trapframe *tf, u64 nr)
{
	if (nr < NR_SYSCALLS && syscall_table[nr])
		return syscall_table[nr](tf->rdi, tf->rsi, tf->rdx, tf->r10,
					 tf->r8, tf->r9);
	return sys_ni_syscall(nr);
}
