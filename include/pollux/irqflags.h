/*
 * The interrupt flag (RFLAGS.IF) of this CPU.  Turning interrupts off
 * keeps this CPU's interrupt handlers out; it keeps nothing out of another
 * CPU: for that, take a spinlock (pollux/spinlock.h).
 * Linux: include/linux/irqflags.h, arch/x86/include/asm/irqflags.h
 */
#ifndef POLLUX_IRQFLAGS_H
#define POLLUX_IRQFLAGS_H

#include <pollux/types.h>

#define X86_EFLAGS_IF (1UL << 9)

static inline unsigned long local_save_flags(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return !(local_save_flags() & X86_EFLAGS_IF);
}

#endif
