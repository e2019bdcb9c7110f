/* Hardware interrupt handlers (kernel/arch/irq.c). */
#ifndef POLLUX_IRQ_H
#define POLLUX_IRQ_H

typedef void (*irq_handler_t)(int irq);

/* Installs handler for a legacy IRQ line (0..15) and unmasks it. */
void request_irq(int irq, irq_handler_t handler);

/* in_interrupt(): in a hardware interrupt handler (the preempt count's
 * hardirq bits, set by handle_irq()) */
#include <pollux/preempt.h>

#endif
