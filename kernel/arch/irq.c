/* Dispatch of the ISA IRQs (vectors 32..47, from the I/O APIC) to
 * registered handlers.  Linux: kernel/irq/ (generic_handle_irq), very
 * much reduced. */
#include <pollux/irq.h>
#include <pollux/drivers.h>
#include <pollux/printk.h>
#include <pollux/arch/apic.h>

static irq_handler_t irq_handlers[16];

void request_irq(int irq, irq_handler_t handler)
{
	irq_handlers[irq] = handler;
	io_apic_unmask_irq(irq);
}

/* irq_enter()/irq_exit(): the hardirq count in the preempt count makes
 * in_interrupt() true and tells the lock checker which context takes a
 * lock.  Linux: kernel/softirq.c irq_enter(), irq_exit() */
void handle_irq(int irq)
{
	preempt_count_add(HARDIRQ_OFFSET);
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
	apic_eoi();
	preempt_count_sub(HARDIRQ_OFFSET);
}
