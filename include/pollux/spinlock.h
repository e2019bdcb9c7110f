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

#ifdef __KERNEL__
/*
 * The lock checker's calls (kernel/locking/spinlock.c), out of line so
 * that the place a report names is the caller of spin_lock().  Each lock
 * and unlock pays for them only a test of debug_locks, a branch that goes
 * the same way every time: the checker is off under
 * lockdep.prove_locking=0 (make bench, tools/profile) and after its
 * first report.  Linux: spin_acquire(), spin_release() in
 * include/linux/lockdep.h
 */
void __spin_acquire(spinlock_t *lock, int subclass, bool trylock);
void __spin_release(spinlock_t *lock);

static __always_inline void spin_acquire(spinlock_t *lock, int subclass,
					 bool trylock)
{
	if (unlikely(debug_locks))
		__spin_acquire(lock, subclass, trylock);
}

static __always_inline void spin_release(spinlock_t *lock)
{
	if (unlikely(debug_locks))
		__spin_release(lock);
}

/* The ticket lock itself.  The wait is out of line: on one CPU nothing
 * ever waits, and the straight line is a lock xadd and a compare.
 * Linux: arch/x86/include/asm/spinlock.h __ticket_spin_lock() */
void arch_spin_lock_wait(spinlock_t *lock, u16 me);

static __always_inline void arch_spin_lock(spinlock_t *lock)
{
	arch_spinlock_t *l = &lock->raw_lock;
	u16 me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_ACQUIRE);

	if (unlikely(__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me))
		arch_spin_lock_wait(lock, me);
}

bool arch_spin_trylock(spinlock_t *lock);

/* Only the holder writes head: one increment in memory, without a
 * lock prefix, which x86 orders after the critical section's stores (a
 * store is never reordered with older ones).  The "memory" clobber keeps
 * the compiler from moving the section's accesses past it.
 * Linux (ticket locks, <= 4.1): __ticket_spin_unlock()'s __add() */
static __always_inline void arch_spin_unlock(spinlock_t *lock)
{
	__asm__ volatile("addw $1, %0" : "+m"(lock->raw_lock.head) : : "memory");
}

/*
 * Inline, as Linux's with CONFIG_INLINE_SPIN_LOCK.  Order inside each:
 * interrupts off, preemption off, then the checker (before spinning, so
 * a deadlock is reported, not just hung), then the lock; the unlock
 * undoes them in reverse.  Linux: include/linux/spinlock_api_smp.h
 */
static __always_inline void spin_lock_nested(spinlock_t *lock, int subclass)
{
	preempt_disable();
	spin_acquire(lock, subclass, false);
	arch_spin_lock(lock);
}

static __always_inline void spin_lock(spinlock_t *lock)
{
	spin_lock_nested(lock, 0);
}

static __always_inline void __spin_unlock(spinlock_t *lock)
{
	spin_release(lock);
	arch_spin_unlock(lock);
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	__spin_unlock(lock);
	preempt_enable();
}

static __always_inline bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(lock)) {
		spin_acquire(lock, 0, true);
		return true;
	}
	preempt_enable();
	return false;
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	__spin_unlock(lock);
	local_irq_enable();
	preempt_enable();
}

/* A second lock of a class already held, one level further down a
 * hierarchy the caller guarantees (nested epolls): subclass 1..7 makes it
 * a class of its own.  Linux: spin_lock_irqsave_nested() */
#define SINGLE_DEPTH_NESTING 1
static __always_inline unsigned long
_spin_lock_irqsave_nested(spinlock_t *lock, int subclass)
{
	unsigned long flags = local_irq_save();

	spin_lock_nested(lock, subclass);
	return flags;
}
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	do { (flags) = _spin_lock_irqsave_nested(lock, subclass); } while (0)
#define spin_lock_irqsave(lock, flags) spin_lock_irqsave_nested(lock, flags, 0)

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock,
						   unsigned long flags)
{
	__spin_unlock(lock);
	local_irq_restore(flags);
	preempt_enable();
}

#else	/* the host's unit tests (tests/unit/): one thread in user mode, no
	 * cli and no per-CPU GS; test_pmm.c stubs these two out of line */
unsigned long _spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = _spin_lock_irqsave(lock); } while (0)
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#endif

static inline bool spin_is_locked(spinlock_t *lock)
{
	arch_spinlock_t v = { .val = READ_ONCE(lock->raw_lock.val) };

	return v.head != v.tail;
}

#define assert_spin_locked(lock) lockdep_assert_held(lock)

#endif
