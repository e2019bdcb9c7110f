/* Hardware interrupt handlers (kernel/arch/irq.c). */
#ifndef POLLUX_IRQ_H
#define POLLUX_IRQ_H

#include <pollux/percpu.h>

typedef void (*irq_handler_t)(int irq);

/* Installs handler for a legacy IRQ line (0..15) and unmasks it. */
void request_irq(int irq, irq_handler_t handler);

/* Nesting depth of hardware interrupt handlers on this CPU (struct
 * pcpu's irq_depth); > 0 in interrupt context.  Linux: in_interrupt() */
static inline int in_interrupt(void) { return this_cpu_read(irq_depth) > 0; }

#endif
