/*
 * The GDT: kernel and user code/data segments and the TSS.  The segment
 * order is the one syscall/sysret need (STAR): kernel CS, kernel DS, then
 * user DS before user CS.  Linux: arch/x86/kernel/cpu/common.c.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/mm.h>

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

static struct tss tss;

/* The double-fault handler's stack (TSS IST1): a kernel stack overflow
 * faults while the CPU pushes the page fault's frame on the full stack,
 * and the double fault is delivered here instead, with room to report
 * it.  Linux: the DF stack of arch/x86/include/asm/cpu_entry_area.h. */
static u8 df_stack[2 * PAGE_SIZE] __aligned(16);

/* The NMI handler's stack (TSS IST2): an NMI (the profiler's, drivers/
 * hpet.c) may come between syscall_entry's first instruction and its
 * switch to the kernel stack, with rsp still the user's.  Linux: the NMI
 * stack of cpu_entry_area.h, for the same reason. */
static u8 nmi_stack[2 * PAGE_SIZE] __aligned(16);

static u64 gdt[7] = {
	0,
	0x00af9a000000ffff,	/* 0x08 kernel code, 64-bit */
	0x00cf92000000ffff,	/* 0x10 kernel data */
	0x00cff2000000ffff,	/* 0x18 user data (DPL 3) */
	0x00affa000000ffff,	/* 0x20 user code, 64-bit (DPL 3) */
	0, 0,			/* 0x28 TSS: a 16-byte descriptor */
};

struct percpu {
	u64 kernel_rsp;	/* gs:0 in syscall_entry */
	u64 user_rsp;	/* gs:8 */
};
static struct percpu percpu;

void set_kernel_stack(u64 top)
{
	tss.rsp0 = top;
	percpu.kernel_rsp = top;
}

static void set_tss_descriptor(void)
{
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;

	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89UL << 40) |		/* present, 64-bit TSS */
		 (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;
}

void gdt_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed gdtr = { sizeof(gdt) - 1, (u64)gdt };

	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */
	tss.ist[IST_DF - 1] = (u64)df_stack + sizeof(df_stack);
	tss.ist[IST_NMI - 1] = (u64)nmi_stack + sizeof(nmi_stack);
	set_tss_descriptor();
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
	/* swapgs in syscall_entry swaps this in as the GS base */
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, (u64)&percpu);
}
