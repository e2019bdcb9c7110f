/* What kernel/arch/ offers the rest of the kernel. */
#ifndef POLLUX_ARCH_ARCH_H
#define POLLUX_ARCH_ARCH_H

#include <pollux/types.h>
#include <pollux/arch/trapframe.h>

void gdt_init(int cpu);	/* this CPU's GDT and TSS */
void idt_init(void);	/* fills the IDT and loads it (boot CPU) */
void idt_load(void);	/* loads it (the others) */
void syscall_init(void);
void fpu_init(void);

/* The stack the CPU switches to on entry from user mode (TSS.rsp0) and the
 * one syscall_entry loads (per-CPU area): both are the current task's. */
void set_kernel_stack(u64 top);
#define IST_DF 1	/* the double fault's own stack: TSS IST1 (gdt.c) */
#define IST_NMI 2	/* NMIs' own stack: TSS IST2 (gdt.c) */

struct context;
void switch_to(struct context **old, struct context *new, int *prev_on_cpu);
void ret_from_fork(void);

/* FXSAVE area: x87/SSE state of a user task (512 bytes, 16-aligned). */
struct fpu_state {
	u8 data[512];
} __aligned(16);
void fpu_save(struct fpu_state *f);
void fpu_restore(const struct fpu_state *f);
void fpu_init_state(struct fpu_state *f);
#define FXSAVE_MXCSR 24		/* byte offset of MXCSR in the image */
extern u32 mxcsr_feature_mask;
/* sigreturn: a user's FPU image becomes current's, or -EINVAL if the
 * CPU would refuse it (kernel/arch/signal.c). */
int fpu_restore_sig(const struct fpu_state *f);

__noreturn void panic(const char *fmt, ...) __printf(1, 2);
void dump_trapframe(const struct trapframe *tf);
void dump_backtrace(u64 rbp, u64 rip);

/* Exceptions (traps.c, fault.c). */
void handle_page_fault(struct trapframe *tf);
/* Interrupts off, and oops_in_progress: before a fault's report */
void oops_begin(void);
/* Panics with the report of a fault in kernel mode: what, the task,
 * registers, backtrace.  Linux: die() */
__noreturn void kernel_oops(struct trapframe *tf, const char *what);
/* Panics with the report of an access at addr to the guard page below
 * stack. */
__noreturn void handle_stack_overflow(struct trapframe *tf, u64 addr,
				      void *stack, const char *what);
/* CR4.SMEP and CR4.SMAP where the CPU has them (smap.c). */
void smep_smap_init(void);

#endif
