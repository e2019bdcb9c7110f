/*
 * Spinlocks (pollux/spinlock.h): what is out of line of the inline lock
 * and unlock -- the wait for a ticket, the trylock, and the lock
 * checker's calls, which stay out of line so that the ip they record is
 * the caller of spin_lock().
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

/* Ticket me was drawn; spin until head serves it.  Counted per CPU
 * (/proc/pollux/sched_stats): how often a lock was contended. */
void arch_spin_lock_wait(spinlock_t *lock, u16 me)
{
	arch_spinlock_t *l = &lock->raw_lock;
	unsigned long loops = 0;

	this_cpu_add(spin_waits, 1);
	while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me) {
		cpu_relax();
		if (++loops == SPIN_LOCKUP_LOOPS)
			printk("BUG: spinlock lockup suspected: %s\n",
			       lock->dep_map.name);
	}
}

bool arch_spin_trylock(spinlock_t *lock)
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

/* Linux: kernel/locking/spinlock_debug.c __raw_spin_lock_init() */
void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key)
{
	lock->raw_lock.val = 0;
	lockdep_init_map(&lock->dep_map, name, key);
}

/* Called straight from the inline spin_lock(): our return address is
 * in the function that takes the lock. */
void __spin_acquire(spinlock_t *lock, int subclass, bool trylock)
{
	lock_acquire(&lock->dep_map, subclass, trylock, _RET_IP_);
}

void __spin_release(spinlock_t *lock)
{
	lock_release(&lock->dep_map, _RET_IP_);
}
