/*
 * The GDT and the TSS, one of each per CPU: a TSS holds its CPU's rsp0
 * and IST stacks, and ltr marks its descriptor busy, so no two CPUs can
 * share one.  The segment order is the one syscall/sysret need (STAR):
 * kernel CS, kernel DS, then user DS before user CS.
 * Linux: arch/x86/kernel/cpu/common.c (gdt_page, cpu_tss_rw: per CPU).
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/percpu.h>
#include <pollux/mm.h>
#include <pollux/string.h>

struct tss {
	u32 reserved0;
	u64 rsp0;	/* stack for entries from ring 3 */
	u64 rsp1, rsp2;
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

static struct tss tss[NR_CPUS];

/* The double-fault handler's stack (TSS IST1): a kernel stack overflow
 * faults while the CPU pushes the page fault's frame on the full stack,
 * and the double fault is delivered here instead, with room to report
 * it.  Linux: the DF stack of arch/x86/include/asm/cpu_entry_area.h. */
static u8 df_stack[NR_CPUS][2 * PAGE_SIZE] __aligned(16);

/* The NMI handler's stack (TSS IST2): an NMI (the profiler's, drivers/
 * hpet.c) may come between syscall_entry's first instruction and its
 * switch to the kernel stack, with rsp still the user's.  Linux: the NMI
 * stack of cpu_entry_area.h, for the same reason. */
static u8 nmi_stack[NR_CPUS][2 * PAGE_SIZE] __aligned(16);

static const u64 gdt_template[7] = {
	0,
	0x00af9a000000ffff,	/* 0x08 kernel code, 64-bit */
	0x00cf92000000ffff,	/* 0x10 kernel data */
	0x00cff2000000ffff,	/* 0x18 user data (DPL 3) */
	0x00affa000000ffff,	/* 0x20 user code, 64-bit (DPL 3) */
	0, 0,			/* 0x28 TSS: a 16-byte descriptor */
};
static u64 gdt[NR_CPUS][7];

/* This CPU's: for the task about to run on it. */
void set_kernel_stack(u64 top)
{
	tss[smp_processor_id()].rsp0 = top;
	this_cpu_write(kernel_rsp, top);
}

static void set_tss_descriptor(u64 *desc, const struct tss *t)
{
	u64 base = (u64)t, limit = sizeof(*t) - 1;

	desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89UL << 40) |		/* present, 64-bit TSS */
		  (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
}

/* Loads CPU cpu's GDT and TSS; its GS base (percpu.c) is set after. */
void gdt_init(int cpu)
{
	struct {
		u16 limit;
		u64 base;
	} __packed gdtr = { sizeof(gdt[cpu]) - 1, (u64)gdt[cpu] };

	memcpy(gdt[cpu], gdt_template, sizeof(gdt_template));
	tss[cpu].iomap_base = sizeof(tss[cpu]);	/* no I/O bitmap: ring 3 gets no ports */
	tss[cpu].ist[IST_DF - 1] = (u64)df_stack[cpu] + sizeof(df_stack[cpu]);
	tss[cpu].ist[IST_NMI - 1] = (u64)nmi_stack[cpu] + sizeof(nmi_stack[cpu]);
	set_tss_descriptor(&gdt[cpu][5], &tss[cpu]);
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq $0x08\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw $0x10, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"movw $0x28, %%ax\n\t"
		"ltr %%ax"
		: : "m"(gdtr) : "rax", "memory");
}
