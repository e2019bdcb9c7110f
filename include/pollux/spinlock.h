/*
 * Locks.  Pollux runs on one CPU, so a spinlock is "interrupts off": the
 * only other code that can run is an interrupt handler.  The names and
 * the irqsave pattern are Linux's so that eventpoll.c reads the same.
 */
#ifndef POLLUX_SPINLOCK_H
#define POLLUX_SPINLOCK_H

#include <pollux/types.h>

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & (1 << 9))	/* RFLAGS.IF */
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
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return !(flags & (1 << 9));
}

typedef struct {
	unsigned long saved;	/* for spin_lock_irq()/spin_unlock_irq() */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED { 0 }
static inline void spin_lock_init(spinlock_t *l) { l->saved = 0; }

#define spin_lock_irqsave(lock, flags) \
	do { (void)(lock); (flags) = local_irq_save(); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { (void)(lock); local_irq_restore(flags); } while (0)
#define spin_lock_irq(lock) \
	do { (void)(lock); local_irq_disable(); } while (0)
#define spin_unlock_irq(lock) \
	do { (void)(lock); local_irq_enable(); } while (0)

#endif
