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

void handle_irq(int irq)
{
	this_cpu_add(irq_depth, 1);
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
	apic_eoi();
	this_cpu_add(irq_depth, -1);
}
