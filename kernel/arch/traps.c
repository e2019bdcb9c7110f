/*
 * Exceptions and interrupts land in trap_dispatch().  A fault in user mode
 * becomes a signal to the task (kernel/proc/signal.c); a fault in the
 * kernel is either a uaccess fault with an __ex_table fixup (returns
 * -EFAULT) or a bug: panic with registers and a backtrace.
 * Linux: arch/x86/kernel/traps.c, arch/x86/mm/fault.c, extable.c.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/printk.h>
#include <pollux/ksyms.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/drivers.h>
#include <pollux/kernel.h>
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

struct exception_table_entry {
	u64 insn, fixup;
};
extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

/* Linux: arch/x86/mm/extable.c fixup_exception() */
static bool fixup_exception(struct trapframe *tf)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == tf->rip) {
			tf->rip = e->fixup;
			return true;
		}
	}
	return false;
}

void dump_backtrace(u64 rbp, u64 rip)
{
	u64 off;
	const char *name;

	printk("Backtrace:\n");
	for (int depth = 0; depth < 32 && rip; depth++) {
		name = ksym_lookup(rip, &off);
		printk("  [<%016lx>] %s+0x%lx\n", rip, name ? name : "?", off);
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

static __noreturn void kernel_oops(struct trapframe *tf)
{
	local_irq_disable();
	printk("\nKERNEL PANIC: %s (vector %lu) in kernel mode\n",
	       tf->vector < 32 ? exception_names[tf->vector] : "?", tf->vector);
	dump_trapframe(tf);
	dump_backtrace(tf->rbp, tf->rip);
	panic_halt();
}

/* A not-present fault in the stack's window is its growth: map the page
 * and retry the instruction.  The kernel's own touches of a user stack
 * (copy_to_user into a deep buffer) grow it too, as on Linux. */
static bool stack_growth(const struct trapframe *tf)
{
	return tf->vector == 14 && !(tf->error & 1) &&
	       expand_stack(current->mm, read_cr2());
}

static void handle_exception(struct trapframe *tf)
{
	if (stack_growth(tf))
		return;
	if (user_mode(tf)) {
		force_sig_fault(exception_signal(tf->vector), tf,
				tf->vector < 32 ? exception_names[tf->vector] : "?");
		return;
	}
	if (tf->vector == 14 && fixup_exception(tf))
		return;
	kernel_oops(tf);
}

void trap_dispatch(struct trapframe *tf)
{
	if (tf->vector >= IRQ_BASE)
		handle_irq(tf->vector - IRQ_BASE);
	else
		handle_exception(tf);
	if (user_mode(tf))
		exit_to_user_mode(tf);
}
