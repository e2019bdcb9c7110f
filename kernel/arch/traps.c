/*
 * Exceptions and interrupts land in trap_dispatch().  A fault in user mode
 * becomes a signal to the task (force_sig_fault() here); a fault in the
 * kernel is a bug: panic with registers and a backtrace.  Page faults
 * have their own file (fault.c): stack growth, uaccess fixups, SMAP.
 * Linux: arch/x86/kernel/traps.c.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/printk.h>
#include <pollux/ksyms.h>
#include <pollux/irq.h>
#include <pollux/entry-common.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/drivers.h>
#include <pollux/kernel.h>
#include <pollux/arch/apic.h>
#include <uapi/signal.h>

void handle_irq(int irq);

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 FPU error", "alignment check",
	"machine check", "SIMD FP exception", "virtualization",
	"control protection",
};

/* The signal Linux sends for each exception taken in user mode. */
static int exception_signal(u64 vector)
{
	switch (vector) {
	case 0: case 16: case 19: return SIGFPE;
	case 1: case 3: return SIGTRAP;
	case 6: return SIGILL;
	case 17: return SIGBUS;
	default: return SIGSEGV;
	}
}

/* si_code and si_addr of a CPU exception, as Linux's trap handlers set
 * them (arch/x86/kernel/traps.c, mm/fault.c). */
static struct kernel_siginfo fault_info(const struct trapframe *tf, u64 cr2)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	switch (tf->vector) {
	case 14:	/* page fault: error bit 0 says the page was present */
		info.si_code = (tf->error & 1) ? SEGV_ACCERR : SEGV_MAPERR;
		info.fields.addr = cr2;
		break;
	case 0:
		info.si_code = FPE_INTDIV;
		info.fields.addr = tf->rip;
		break;
	case 6:
		info.si_code = ILL_ILLOPN;
		info.fields.addr = tf->rip;
		break;
	case 17:
		info.si_code = BUS_ADRALN;
		info.fields.addr = tf->rip;
		break;
	}
	return info;	/* #GP, int3...: SI_KERNEL, no address */
}

/* The signal for a fault in user mode, with the siginfo the exception
 * gives, and a line in the log when it will kill.  cr2: a page fault's
 * address, as read at its entry: serving the fault may sleep, and
 * another task's page fault meanwhile changes CR2 (si_addr was now and
 * then another process's address: mmap_truncate at -smp 1).
 * Linux: kernel/signal.c force_sig_fault(), called by
 * arch/x86/kernel/traps.c and mm/fault.c (with the address) */
void force_sig_fault(int sig, struct trapframe *tf, u64 cr2, const char *what)
{
	struct kernel_sigaction *ka = &current->sighand->action[sig - 1];
	struct kernel_siginfo info = fault_info(tf, cr2);

	if (sig == SIGBUS && tf->vector == 14)	/* past a mapped file's end */
		info.si_code = BUS_ADRERR;

	/* Linux: show_unhandled_signals, for a fault that will kill */
	if (ka->sa_handler == SIG_DFL || ka->sa_handler == SIG_IGN ||
	    (current->blocked & sigmask(sig)))
		printk("pid %d (%s): %s at rip %lx, address %lx: signal %d\n",
		       current->pid, current->comm, what, tf->rip,
		       info.fields.addr, sig);
	force_sig_info(sig, &info);
}

void dump_backtrace(u64 rbp, u64 rip)
{
	u64 off;
	const char *name;

	printk("Backtrace:\n");
	for (int depth = 0; depth < 32 && rip; depth++) {
		name = ksym_lookup(rip, &off);
		printk("  [<%016lx>] %s+0x%lx\n", rip, name ? name : "?",
		       name ? off : 0);
		/* frame pointers: [rbp] = caller's rbp, [rbp+8] = return address */
		if (rbp < KERNEL_SPACE_START || (rbp & 7))
			break;
		rip = ((u64 *)rbp)[1];
		rbp = ((u64 *)rbp)[0];
	}
}

void dump_trapframe(const struct trapframe *tf)
{
	u64 off;
	const char *name = ksym_lookup(tf->rip, &off);

	printk("RIP: %04lx:%016lx %s+0x%lx  RFLAGS: %08lx\n", tf->cs, tf->rip,
	       name ? name : "?", name ? off : 0, tf->rflags);
	printk("RSP: %04lx:%016lx  ERR: %lx  CR2: %016lx  CR3: %016lx\n",
	       tf->ss, tf->rsp, tf->error, read_cr2(), read_cr3());
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", tf->rax, tf->rbx, tf->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", tf->rdx, tf->rsi, tf->rdi);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", tf->rbp, tf->r8, tf->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", tf->r10, tf->r11, tf->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", tf->r13, tf->r14, tf->r15);
}

/* Before the first line of a kernel fault's report: from here on the
 * console only tries its lock.  Linux: arch/x86/kernel/dumpstack.c
 * oops_begin() (bust_spinlocks(1)) */
void oops_begin(void)
{
	local_irq_disable();
	oops_in_progress = 1;
}

/* Linux: arch/x86/kernel/dumpstack.c die(), __die() — then panic */
__noreturn void kernel_oops(struct trapframe *tf, const char *what)
{
	oops_begin();
	printk("\nKERNEL PANIC: %s in kernel mode (vector %lu)\n", what,
	       tf->vector);
	printk("PID: %d Comm: %s\n", current->pid, current->comm);
	dump_trapframe(tf);
	dump_backtrace(tf->rbp, tf->rip);
	panic_halt();
}

/* The task whose kernel stack this is, or NULL (a free slot). */
static struct task_struct *stack_owner(void *stack)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->kstack == stack)
			return t;
	return NULL;
}

/* An access at addr in the guard below a kernel stack (kernel/mm/
 * kstack.c): which stack, whose.  Linux: arch/x86/kernel/traps.c
 * handle_stack_overflow() */
__noreturn void handle_stack_overflow(struct trapframe *tf, u64 addr,
				      void *stack, const char *what)
{
	struct task_struct *t = stack_owner(stack);

	oops_begin();
	printk("BUG: stack guard page was hit at %016lx "
	       "(stack is %016lx..%016lx", addr, (u64)stack,
	       (u64)stack + KSTACK_SIZE);
	if (t)
		printk(", task %d (%s))\n", t->pid, t->comm);
	else
		printk(", no task's)\n");
	kernel_oops(tf, what);
}

/*
 * A fault while the CPU delivered another.  A kernel stack overflow
 * ends here: the first push into the guard page faults, and the page
 * fault's own frame cannot be pushed on that stack either.  IST1 gives
 * this handler a stack of its own (gdt.c); CR2 is the guard address.
 * Linux: arch/x86/kernel/traps.c exc_double_fault()
 */
static __noreturn void handle_double_fault(struct trapframe *tf)
{
	u64 addr = read_cr2();
	void *stack = stack_of_guard(addr);

	if (stack)
		handle_stack_overflow(tf, addr, stack,
				      "kernel stack overflow (double fault)");
	kernel_oops(tf, "double fault");
}

static void handle_exception(struct trapframe *tf)
{
	if (tf->vector == 14) {
		handle_page_fault(tf);
		return;
	}
	if (tf->vector == 8)
		handle_double_fault(tf);
	if (user_mode(tf)) {
		/* not a page fault: no CR2 to give */
		force_sig_fault(exception_signal(tf->vector), tf, 0,
				tf->vector < 32 ? exception_names[tf->vector] : "?");
		return;
	}
	kernel_oops(tf, tf->vector < 32 ? exception_names[tf->vector] : "?");
}

void trap_dispatch(struct trapframe *tf)
{
	if (tf->vector >= IRQ_BASE) {
		/* Linux: arch/x86/kernel/irq.c common_interrupt() */
		struct trapframe *old_regs = set_irq_regs(tf);

		if (tf->vector >= FIRST_SYSTEM_VECTOR)
			handle_apic_interrupt(tf);
		else
			handle_irq(tf->vector - IRQ_BASE);
		set_irq_regs(old_regs);
	} else
		handle_exception(tf);
	if (user_mode(tf))
		exit_to_user_mode(tf);
	else if (tf->vector >= IRQ_BASE)
		irqentry_exit_cond_resched(tf);
}
