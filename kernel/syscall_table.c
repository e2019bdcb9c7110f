/*
 * The system call table: Linux x86-64 number -> handler, generated from
 * include/pollux/syscall_list.h.  Linux: arch/x86/entry/syscall_64.c.
 */
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
#define SYSCALL(nr, name) [nr] = (syscall_fn_t)(void *)sys_##name,
static const syscall_fn_t syscall_table[NR_SYSCALLS] = {
#include <pollux/syscall_list.h>
};
#undef SYSCALL

#define SYSCALL(nr, name) [nr] = #name,
const char *const syscall_names[NR_SYSCALLS] = {
#include <pollux/syscall_list.h>
};
#undef SYSCALL

/* Called by syscall_entry (kernel/arch/entry.asm) with interrupts off. */
void syscall_dispatch(struct trapframe *tf)
{
	u64 nr = tf->rax;
	long ret = -ENOSYS;

	local_irq_enable();
	if (nr < NR_SYSCALLS && syscall_table[nr])
		ret = syscall_table[nr](tf->rdi, tf->rsi, tf->rdx, tf->r10,
					tf->r8, tf->r9);
	/* (rt_sigreturn returns the rax it restored, execve 0 in a fresh frame) */
	tf->rax = ret;
	exit_to_user_mode(tf);
}
