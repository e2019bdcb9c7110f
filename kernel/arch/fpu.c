/*
 * x87/SSE state for user tasks.  User programs use SSE (any compiler
 * emits it), the kernel does not (built with -mgeneral-regs-only), so
 * the state only changes hands at a task switch, where it is saved and
 * restored eagerly.  Linux: arch/x86/kernel/fpu/core.c.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/string.h>

static struct fpu_state init_fpstate;
/* The MXCSR bits this CPU accepts: fxrstor of any other set faults.
 * Linux: arch/x86/kernel/fpu/init.c fpu__init_system_mxcsr() */
u32 mxcsr_feature_mask;

void fpu_init(void)
{
	u64 cr0 = read_cr0();

	cr0 &= ~(1UL << 2);	/* EM: no emulation */
	cr0 |= 1UL << 1;	/* MP */
	cr0 &= ~(1UL << 3);	/* TS: no lazy switching */
	write_cr0(cr0);
	write_cr4(read_cr4() | (1UL << 9) | (1UL << 10));	/* OSFXSR, OSXMMEXCPT */
	__asm__ volatile("fninit");
	fpu_save(&init_fpstate);
	/* fxsave's MXCSR_MASK field; 0 on CPUs older than DAZ: 0xffbf */
	mxcsr_feature_mask = *(u32 *)&init_fpstate.data[28];
	if (!mxcsr_feature_mask)
		mxcsr_feature_mask = 0xffbf;
	/* MXCSR default: all exceptions masked */
	*(u32 *)&init_fpstate.data[FXSAVE_MXCSR] = 0x1f80;
}

void fpu_save(struct fpu_state *f)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*f));
}

void fpu_restore(const struct fpu_state *f)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*f));
}

void fpu_init_state(struct fpu_state *f)
{
	memcpy(f, &init_fpstate, sizeof(*f));
}
