/* Turns on the syscall instruction.  Linux: arch/x86/kernel/cpu/common.c
 * syscall_init(). */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>

extern void syscall_entry(void);

void syscall_init(void)
{
	/* syscall: CS = 0x08, SS = 0x10.  sysret: CS = 0x10 + 16 = 0x20 (user
	 * code), SS = 0x10 + 8 = 0x18 (user data), both with RPL 3. */
	wrmsr(MSR_STAR, (0x10UL << 48) | (0x08UL << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	/* Clear IF, TF, DF, AC on entry: interrupts stay off until the kernel
	 * stack is in place. */
	wrmsr(MSR_FMASK, (1 << 9) | (1 << 8) | (1 << 10) | (1 << 18));
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
