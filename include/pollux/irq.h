/* Hardware interrupt handlers (kernel/arch/irq.c). */
#ifndef POLLUX_IRQ_H
#define POLLUX_IRQ_H

#include <pollux/percpu.h>

typedef void (*irq_handler_t)(int irq);

/* Installs handler for a legacy IRQ line (0..15) and unmasks it. */
void request_irq(int irq, irq_handler_t handler);

/* The registers the running hardware interrupt interrupted, for the
 * profiler's tick; set by trap_dispatch().  This CPU's (struct pcpu's
 * irq_regs).  Linux: include/asm-generic/irq_regs.h */
static inline struct trapframe *get_irq_regs(void)
{
	return this_cpu_read(irq_regs);
}

static inline struct trapframe *set_irq_regs(struct trapframe *regs)
{
	struct trapframe *old = this_cpu_read(irq_regs);

	this_cpu_write(irq_regs, regs);
	return old;
}

/* in_interrupt(): in a hardware interrupt handler (the preempt count's
 * hardirq bits, set by handle_irq() and handle_apic_interrupt()) */
#include <pollux/preempt.h>

#endif
