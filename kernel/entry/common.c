/*
 * The way through the kernel for a system call, and the way back out to
 * user mode for every entry (system calls, exceptions, interrupts):
 * reschedule, deliver signals.  The assembly around it is in
 * kernel/arch/entry.asm, the table in kernel/syscall_table.c.
 * Linux: kernel/entry/common.c, arch/x86/entry/syscall_64.c do_syscall_64().
 */
#include <pollux/af_unix.h>
#include <pollux/entry-common.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/trace.h>
#include <pollux/arch/cpu.h>

/*
 * 0, or the signal for a return the CPU would refuse: a non-canonical
 * rip (bits 63..47 not all equal), which rt_sigreturn, a handler's
 * address or an ELF entry can put in the trapframe.  sysret to it faults
 * in ring 0 on Intel, and so does iretq (#GP), on the kernel stack with
 * user registers loaded.  Linux lets iretq fault and catches it
 * (arch/x86/entry/entry_64.S: the exception table entry on the iretq,
 * then fixup_bad_iret() makes it the user's #GP): SIGSEGV, si_code
 * SI_KERNEL, no address, the bad rip in the frame.  Pollux checks before
 * the return instead and sends the same signal.
 */
int check_user_return(const struct trapframe *tf)
{
	s64 rip = tf->rip;

	return (rip << 16) >> 16 == rip ? 0 : SIGSEGV;
}

/*
 * Every deliverable signal gets its frame before the return, each on top
 * of the last, as in Linux (exit_to_user_mode_loop()): with SIGUSR1 and
 * SIGUSR2 pending, SIGUSR2's handler runs first, then returns into
 * SIGUSR1's.  Each round consumes a signal, so the loop ends; a bad
 * rip's SIGSEGV ends it too: its handler gets a new rip, and one that is
 * bad again finds SIGSEGV blocked, so force_sig() makes it fatal.
 */
void exit_to_user_mode(struct trapframe *tf)
{
	current->tf = tf;
	lockdep_sys_exit();
	/* The work runs with interrupts on (an exception or interrupt came
	 * in with them off): a fatal signal's do_exit() takes mutexes.  The
	 * last test is made with them off, so nothing is missed between it
	 * and the return.  Linux: exit_to_user_mode_loop() */
	local_irq_enable();
	/* deferred work (Linux: task work and work queues), of one kind */
	unix_run_scheduled_gc();
	for (;;) {
		while (need_resched())
			schedule();
		if (check_user_return(tf))
			force_sig(SIGSEGV);
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			continue;
		}
		if (!signal_pending(current) && !current->restore_sigmask)
			return;
		local_irq_enable();
		arch_do_signal_or_restart(tf);
	}
}

/*
 * The preemption point of an interrupt that came in kernel mode: the
 * timer's end of a time slice, or a wake-up by an interrupt handler,
 * preempts the interrupted task if its preempt count is zero and it had
 * interrupts on.  Interrupts are still off here.
 * Linux: kernel/entry/common.c irqentry_exit_cond_resched()
 */
void irqentry_exit_cond_resched(struct trapframe *tf)
{
	if (preempt_full && need_resched() && !preempt_count() &&
	    (tf->rflags & X86_EFLAGS_IF))
		preempt_schedule_irq();
}

/*
 * Whether the return may take sysret, which loads rip from rcx and
 * rflags from r11: only when the trapframe holds exactly those there,
 * as after a plain system call, and rip is below the top of user space
 * (above it sysret faults in ring 0 on Intel).  After rt_sigreturn
 * (rcx and r11 the interrupted code's), a restart (rip moved back) or
 * execve, the return takes iretq, which restores every register.
 * Linux: arch/x86/entry/syscall_64.c do_syscall_64()'s checks
 */
static bool sysret_ok(const struct trapframe *tf)
{
	return tf->rcx == tf->rip && tf->r11 == tf->rflags &&
	       tf->rip < USER_TOP;
}

/* Called by syscall_entry (kernel/arch/entry.asm) with interrupts off;
 * true if it may return with sysret, false for iretq (trap_return).
 * Linux: arch/x86/entry/syscall_64.c do_syscall_64() */
bool syscall_dispatch(struct trapframe *tf)
{
	u64 nr = tf->rax;

	local_irq_enable();
	/* Linux: include/trace/events/syscalls.h sys_enter, sys_exit */
	trace(TRACE_SCHED, "syscalls",
	      "sys_enter NR %lu %s (%lx, %lx, %lx, %lx, %lx, %lx)",
	      nr, syscall_name(nr), tf->rdi, tf->rsi, tf->rdx, tf->r10,
	      tf->r8, tf->r9);
	/* (rt_sigreturn returns the rax it restored, execve 0 in a fresh frame) */
	tf->rax = x64_sys_call(tf, nr);
	trace(TRACE_SCHED, "syscalls", "sys_exit NR %lu = %ld", nr,
	      (long)tf->rax);
	exit_to_user_mode(tf);
	return sysret_ok(tf);
}
