/* Dispatch of legacy IRQs (vectors 32..47) to registered handlers.
 * Linux: kernel/irq/ (generic_handle_irq), very much reduced. */
#include <pollux/irq.h>
#include <pollux/drivers.h>
#include <pollux/printk.h>

static irq_handler_t irq_handlers[16];
int irq_depth;
struct trapframe *irq_regs;

void request_irq(int irq, irq_handler_t handler)
{
	irq_handlers[irq] = handler;
	pic_unmask(irq);
}

void handle_irq(int irq)
{
	irq_depth++;
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
	pic_eoi(irq);
	irq_depth--;
}
