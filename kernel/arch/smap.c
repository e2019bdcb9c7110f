/*
 * SMEP and SMAP.  With them on, the CPU refuses the kernel any
 * instruction fetch from a user page (SMEP) and any data access to one
 * (SMAP) unless RFLAGS.AC is set, which only the user-access routines do
 * around their accesses (stac ... clac, kernel/arch/uaccess.asm).  A
 * stray kernel pointer into user memory, or a jump there, then faults
 * loudly (kernel/arch/fault.c) instead of using what a user program
 * placed there.  Linux: arch/x86/kernel/cpu/common.c setup_smep(),
 * setup_smap().
 *
 * On a CPU without SMAP, stac and clac are invalid opcodes: every one is
 * listed in .smap_sites (kernel/arch/smap.inc) and overwritten here with
 * a NOP of the same length.  This is Linux's alternatives mechanism
 * (arch/x86/kernel/alternative.c apply_alternatives()) for one feature:
 * Linux assembles NOPs and patches in stac/clac; we assemble stac/clac,
 * so that the source reads as what runs on the usual CPU, and patch them
 * out.  The kernel image is mapped writable, so the patch is a memcpy.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/printk.h>
#include <pollux/string.h>

#define X86_FEATURE_SMEP (1 << 7)	/* CPUID.(EAX=7,ECX=0):EBX */
#define X86_FEATURE_SMAP (1 << 20)

extern const u64 __start_smap_sites[], __stop_smap_sites[];

static void patch_out_stac_clac(void)
{
	static const u8 nop3[3] = { 0x0f, 0x1f, 0x00 };	/* nopl (%rax) */

	for (const u64 *site = __start_smap_sites; site < __stop_smap_sites;
	     site++)
		memcpy((void *)*site, nop3, sizeof(nop3));
}

void smep_smap_init(void)
{
	u32 max, ebx = 0, ecx, edx;

	cpuid(0, &max, &ebx, &ecx, &edx);
	ebx = 0;
	if (max >= 7)
		cpuid(7, &max, &ebx, &ecx, &edx);
	if (ebx & X86_FEATURE_SMEP)
		write_cr4(read_cr4() | X86_CR4_SMEP);
	if (ebx & X86_FEATURE_SMAP)
		write_cr4(read_cr4() | X86_CR4_SMAP);
	else
		patch_out_stac_clac();
	printk("CPU: SMEP %s, SMAP %s\n",
	       ebx & X86_FEATURE_SMEP ? "on" : "absent",
	       ebx & X86_FEATURE_SMAP ? "on" :
	       "absent (stac/clac patched to NOPs)");
}
