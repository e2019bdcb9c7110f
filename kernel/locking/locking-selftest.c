/*
 * The lock checker's self-test (selftest=lockdep): each case does on
 * purpose what the checker must report, then forgets what it learnt
 * (lockdep_reset()) for the next.  tools/test-all.sh checks the reports'
 * text.  Linux: lib/locking-selftest.c (a handful of its cases).
 */
#include <pollux/spinlock.h>
#include <pollux/mutex.h>
#include <pollux/sched.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>

static DEFINE_SPINLOCK(selftest_lock_A);
static DEFINE_SPINLOCK(selftest_lock_B);
static DEFINE_SPINLOCK(selftest_lock_irq);

/* A then B, later B then A: the ABBA deadlock of two CPUs. */
static __attribute__((noinline)) void selftest_lock_AB(void)
{
	spin_lock(&selftest_lock_A);
	spin_lock(&selftest_lock_B);
	spin_unlock(&selftest_lock_B);
	spin_unlock(&selftest_lock_A);
}

static __attribute__((noinline)) void selftest_lock_BA(void)
{
	spin_lock(&selftest_lock_B);
	spin_lock(&selftest_lock_A);
	spin_unlock(&selftest_lock_A);
	spin_unlock(&selftest_lock_B);
}

static void selftest_abba(void)
{
	selftest_lock_AB();
	selftest_lock_BA();
}

/* mutex_lock() may sleep: not with a spinlock held. */
static __attribute__((noinline)) void selftest_sleep_in_atomic(void)
{
	static struct mutex m;

	mutex_init(&m);
	spin_lock(&selftest_lock_A);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock(&selftest_lock_A);
}

static __attribute__((noinline)) void selftest_schedule_atomic(void)
{
	spin_lock(&selftest_lock_A);
	schedule();
	spin_unlock(&selftest_lock_A);
}

/* Taken in a (simulated) hardirq handler, then with interrupts on: the
 * interrupt could come while this CPU holds it. */
static __attribute__((noinline)) void selftest_irq_inconsistent(void)
{
	local_irq_disable();
	preempt_count_add(HARDIRQ_OFFSET);	/* irq_enter() */
	spin_lock(&selftest_lock_irq);
	spin_unlock(&selftest_lock_irq);
	preempt_count_sub(HARDIRQ_OFFSET);
	local_irq_enable();
	spin_lock(&selftest_lock_irq);
	spin_unlock(&selftest_lock_irq);
}

static void run_case(const char *what, void (*fn)(void))
{
	int before = lockdep_reports;

	printk("lockdep selftest: %s\n", what);
	fn();
	printk("lockdep selftest: %s: %d report%s\n", what,
	       lockdep_reports - before,
	       lockdep_reports - before == 1 ? "" : "s");
	lockdep_reset();
}

void locking_selftest(void)
{
	run_case("AB-BA order", selftest_abba);
	run_case("mutex_lock under a spinlock", selftest_sleep_in_atomic);
	run_case("schedule under a spinlock", selftest_schedule_atomic);
	run_case("hardirq and irqs-on use", selftest_irq_inconsistent);
	qemu_exit(QEMU_EXIT_SUCCESS);
}
