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

/* Something to do before the return: Linux tests its
 * EXIT_TO_USER_MODE_WORK flags of thread_info; Pollux's live in
 * several places.  Linux: kernel/entry/common.c, the ti_work test */
static inline bool exit_to_user_mode_work(const struct trapframe *tf)
{
	return need_resched() || unix_gc_scheduled || check_user_return(tf) ||
	       signal_pending(current) || current->restore_sigmask;
}

/*
 * Every deliverable signal gets its frame before the return, each on top
 * of the last, as in Linux: with SIGUSR1 and SIGUSR2 pending, SIGUSR2's
 * handler runs first, then returns into SIGUSR1's.  Each round consumes
 * a signal, so the loop ends; a bad rip's SIGSEGV ends it too: its
 * handler gets a new rip, and one that is bad again finds SIGSEGV
 * blocked, so force_sig() makes it fatal.  The work runs with interrupts
 * on: a fatal signal's do_exit() takes mutexes.
 * Linux: kernel/entry/common.c exit_to_user_mode_loop()
 */
static __noinline void exit_to_user_mode_loop(struct trapframe *tf)
{
	do {
		local_irq_enable();
		/* deferred work (Linux: task work and work queues), of one kind */
		unix_run_scheduled_gc();
		while (need_resched())
			schedule();
		if (check_user_return(tf))
			force_sig(SIGSEGV);
		if (signal_pending(current) || current->restore_sigmask)
			arch_do_signal_or_restart(tf);
		local_irq_disable();
	} while (exit_to_user_mode_work(tf));
}

/* The test is made with interrupts off (an exception or interrupt may
 * have come in with them off already), so nothing is missed between it
 * and the return: a wake-up after it sends its interrupt, taken once in
 * user mode.  Linux: kernel/entry/common.c exit_to_user_mode_prepare() */
void exit_to_user_mode(struct trapframe *tf)
{
	current->tf = tf;
	lockdep_sys_exit();
	local_irq_disable();
	if (unlikely(exit_to_user_mode_work(tf)))
		exit_to_user_mode_loop(tf);
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
	/* sysret cannot restore RF; it can restore TF, but unlike iretq
	 * that traps from user space immediately after the sysret */
	return tf->rcx == tf->rip && tf->r11 == tf->rflags &&
	       tf->rip < USER_TOP &&
	       !(tf->r11 & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

/* The tracepoints' bodies, out of line as Linux's are (so the system
 * call's way saves no registers for them).
 * Linux: include/trace/events/syscalls.h sys_enter, sys_exit */
static __noinline void trace_sys_enter(const struct trapframe *tf, u64 nr)
{
	trace_event("syscalls",
		    "sys_enter NR %lu %s (%lx, %lx, %lx, %lx, %lx, %lx)",
		    nr, syscall_name(nr), tf->rdi, tf->rsi, tf->rdx, tf->r10,
		    tf->r8, tf->r9);
}

static __noinline void trace_sys_exit(const struct trapframe *tf, u64 nr)
{
	trace_event("syscalls", "sys_exit NR %lu = %ld", nr, (long)tf->rax);
}

/* Called by syscall_entry (kernel/arch/entry.asm) with interrupts off;
 * true if it may return with sysret, false for iretq (trap_return).
 * Linux: arch/x86/entry/syscall_64.c do_syscall_64() */
bool syscall_dispatch(struct trapframe *tf)
{
	u64 nr = tf->rax;

	local_irq_enable();
	if (trace_on(TRACE_SCHED))
		trace_sys_enter(tf, nr);
	/* (rt_sigreturn returns the rax it restored, execve 0 in a fresh frame) */
	tf->rax = x64_sys_call(tf, nr);
	if (trace_on(TRACE_SCHED))
		trace_sys_exit(tf, nr);
	exit_to_user_mode(tf);
	return sysret_ok(tf);
}
