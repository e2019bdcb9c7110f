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
	/* MXCSR default: all exceptions masked */
	*(u32 *)&init_fpstate.data[24] = 0x1f80;
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
