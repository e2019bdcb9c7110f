/* x86-64 instructions the C code needs, as inline functions. */
#ifndef POLLUX_ARCH_CPU_H
#define POLLUX_ARCH_CPU_H

#include <pollux/types.h>

/* outb/inb, outw/inw, outl/inl.  Linux: arch/x86/include/asm/io.h BUILDIO() */
#define BUILDIO(bwl, type)						\
static inline void out##bwl(u16 port, type v)				\
{									\
	__asm__ volatile("out" #bwl " %0, %1" : : "a"(v), "Nd"(port));	\
}									\
static inline type in##bwl(u16 port)					\
{									\
	type v;								\
									\
	__asm__ volatile("in" #bwl " %1, %0" : "=a"(v) : "Nd"(port));	\
	return v;							\
}

BUILDIO(b, u8)
BUILDIO(w, u16)
BUILDIO(l, u32)

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(0));
}

static inline u64 read_cr0(void)
{
	u64 v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(u64 v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v));
}

static inline u64 read_cr2(void)
{
	u64 v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u64 v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline u64 read_cr4(void)
{
	u64 v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(u64 v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v));
}

static inline void invlpg(u64 addr)
{
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void hlt(void)
{
	__asm__ volatile("hlt");
}

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_FMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define EFER_SCE		(1 << 0)
#define EFER_LMA		(1 << 10)	/* long mode active (read-only) */
#define EFER_NXE		(1 << 11)
#define X86_CR4_SMEP		(1UL << 20)
#define X86_CR4_SMAP		(1UL << 21)
#define X86_EFLAGS_TF		(1UL << 8)	/* single-step trap */
#define X86_EFLAGS_RF		(1UL << 16)	/* resume: no debug fault at rip */
#define X86_EFLAGS_AC		(1UL << 18)	/* with SMAP: user access allowed */

#endif
