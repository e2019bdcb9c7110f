/*
 * Spinlocks (pollux/spinlock.h): the ticket lock and the variants that
 * turn interrupts off.  Out of line so that the lock checker's ip is the
 * caller's.  Order inside each: interrupts off, preemption off, then the
 * checker (before spinning, so a deadlock is reported, not just hung),
 * then the lock; the unlock undoes them in reverse.
 * Linux: kernel/locking/spinlock.c, include/linux/spinlock_api_smp.h,
 * arch/x86/include/asm/spinlock.h (the ticket lock of 2.6.25..4.1)
 */
#include <pollux/spinlock.h>
#include <pollux/printk.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

/* After this many spins on one lock, say so once: on one CPU a spinning
 * taker can only be waiting for itself.  Linux: CONFIG_DEBUG_SPINLOCK's
 * "spinlock lockup suspected" */
#define SPIN_LOCKUP_LOOPS (1UL << 26)

static void arch_spin_lock(spinlock_t *lock)
{
	arch_spinlock_t *l = &lock->raw_lock;
	u16 me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_ACQUIRE);
	unsigned long loops = 0;

	while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me) {
		cpu_relax();
		if (++loops == SPIN_LOCKUP_LOOPS)
			printk("BUG: spinlock lockup suspected: %s\n",
			       lock->dep_map.name);
	}
}

static bool arch_spin_trylock(spinlock_t *lock)
{
	arch_spinlock_t old = { .val = READ_ONCE(lock->raw_lock.val) }, new;

	if (old.head != old.tail)
		return false;
	new = old;
	new.tail++;
	return __atomic_compare_exchange_n(&lock->raw_lock.val, &old.val,
					   new.val, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

/* Only the holder writes head: a plain increment, made visible with
 * release order (the critical section's stores before it). */
static void arch_spin_unlock(spinlock_t *lock)
{
	u16 next = lock->raw_lock.head + 1;

	__atomic_store_n(&lock->raw_lock.head, next, __ATOMIC_RELEASE);
}

/* Linux: kernel/locking/spinlock_debug.c __raw_spin_lock_init() */
void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key)
{
	lock->raw_lock.val = 0;
	lockdep_init_map(&lock->dep_map, name, key);
}

static void do_spin_lock(spinlock_t *lock, int subclass, unsigned long ip)
{
	preempt_disable();
	lock_acquire(&lock->dep_map, subclass, false, ip);
	arch_spin_lock(lock);
}

static void do_spin_unlock(spinlock_t *lock, unsigned long ip)
{
	lock_release(&lock->dep_map, ip);
	arch_spin_unlock(lock);
}

void spin_lock(spinlock_t *lock)
{
	do_spin_lock(lock, 0, _RET_IP_);
}

void spin_unlock(spinlock_t *lock)
{
	do_spin_unlock(lock, _RET_IP_);
	preempt_enable();
}

void spin_lock_nested(spinlock_t *lock, int subclass)
{
	do_spin_lock(lock, subclass, _RET_IP_);
}

bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(lock)) {
		lock_acquire(&lock->dep_map, 0, true, _RET_IP_);
		return true;
	}
	preempt_enable();
	return false;
}

void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	do_spin_lock(lock, 0, _RET_IP_);
}

void spin_unlock_irq(spinlock_t *lock)
{
	do_spin_unlock(lock, _RET_IP_);
	local_irq_enable();
	preempt_enable();
}

unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = local_irq_save();

	do_spin_lock(lock, 0, _RET_IP_);
	return flags;
}

unsigned long _spin_lock_irqsave_nested(spinlock_t *lock, int subclass)
{
	unsigned long flags = local_irq_save();

	do_spin_lock(lock, subclass, _RET_IP_);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	do_spin_unlock(lock, _RET_IP_);
	local_irq_restore(flags);
	preempt_enable();
}
