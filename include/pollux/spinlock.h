/*
 * Spinlocks: a ticket lock (Linux's x86 spinlock before queued spinlocks):
 * each taker draws a ticket (tail) and spins, with `pause`, until the
 * lock serves it (head); the holder leaves by serving the next ticket.
 * Takers are served in order, so none starves.  Holding one disables
 * preemption (a preempted holder would make every other taker spin for
 * a whole time slice); the _irq and _irqsave variants also turn this
 * CPU's interrupts off, for a lock an interrupt handler takes too (on one
 * CPU that is what keeps the handler from spinning on a lock the code it
 * interrupted holds).  Every spinlock is checked by the lock checker
 * (pollux/lockdep.h).  Without PREEMPT_RT, Linux's spinlock_t and
 * raw_spinlock_t are the same lock: Pollux has only spinlock_t.
 * Linux: include/linux/spinlock.h, kernel/locking/spinlock.c
 */
#ifndef POLLUX_SPINLOCK_H
#define POLLUX_SPINLOCK_H

#include <pollux/types.h>
#include <pollux/irqflags.h>
#include <pollux/preempt.h>
#include <pollux/lockdep.h>

/* Linux: arch/x86/include/asm/vdso/processor.h cpu_relax() */
static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

typedef union {
	u32 val;
	struct {
		u16 head;	/* the ticket being served */
		u16 tail;	/* the next ticket to hand out */
	};
} arch_spinlock_t;

typedef struct spinlock {
	arch_spinlock_t raw_lock;
	struct lockdep_map dep_map;
} spinlock_t;

/* A statically initialised lock is its own class, named after it. */
#define __SPIN_LOCK_UNLOCKED(lockname) \
	{ .raw_lock = { 0 }, .dep_map = STATIC_LOCKDEP_MAP_INIT(#lockname) }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key);
/* One class per call site, named by the argument's text (Linux's trick) */
#define spin_lock_init(lock)                                  \
	do {                                                  \
		static struct lock_class_key __key;           \
		__spin_lock_init((lock), #lock, &__key);      \
	} while (0)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
bool spin_trylock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
unsigned long _spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = _spin_lock_irqsave(lock); } while (0)
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
/* A second lock of a class already held, one level further down a
 * hierarchy the caller guarantees (nested epolls): subclass 1..7 makes it
 * a class of its own.  Linux: spin_lock_irqsave_nested() */
#define SINGLE_DEPTH_NESTING 1
void spin_lock_nested(spinlock_t *lock, int subclass);
unsigned long _spin_lock_irqsave_nested(spinlock_t *lock, int subclass);
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	do { (flags) = _spin_lock_irqsave_nested(lock, subclass); } while (0)

static inline bool spin_is_locked(spinlock_t *lock)
{
	arch_spinlock_t v = { .val = READ_ONCE(lock->raw_lock.val) };

	return v.head != v.tail;
}

#define assert_spin_locked(lock) lockdep_assert_held(lock)

#endif
