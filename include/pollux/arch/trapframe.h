/*
 * The registers saved on the kernel stack on every entry from an
 * interrupt, an exception or a syscall (kernel/arch/entry.asm builds it;
 * Linux: struct pt_regs).  A syscall entry fills cs/ss/rip/rflags/rsp as
 * the CPU would for an interrupt, so one layout serves all.
 */
#ifndef POLLUX_ARCH_TRAPFRAME_H
#define POLLUX_ARCH_TRAPFRAME_H

#include <pollux/types.h>

struct trapframe {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;	/* interrupt vector, or VECTOR_SYSCALL */
	u64 error;	/* CPU error code; for a syscall, its number (orig_ax) */
	u64 rip, cs, rflags, rsp, ss;	/* pushed by the CPU (or by us) */
};

#define VECTOR_SYSCALL 0x100

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS (0x18 | 3)
#define USER_CS (0x20 | 3)
#define TSS_SEL 0x28

static inline bool user_mode(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

#endif
