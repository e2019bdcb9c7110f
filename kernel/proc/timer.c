/*
 * The timer tick (each CPU's local APIC timer, HZ per second): on CPU 0
 * it counts jiffies, runs expired timers (and hrtimers,
 * kernel/time/hrtimer.c); on each CPU it ends the running task's time
 * slice.
 * Timers sit on one list, checked every tick: few timers exist at a
 * time here.  Linux: kernel/time/timer.c (timer wheel),
 * kernel/time/tick-common.c, kernel/sched/core.c scheduler_tick().
 */
#include <pollux/timer.h>
#include <pollux/spinlock.h>
#include <pollux/time.h>
#include <pollux/sched.h>
#include <pollux/irq.h>
#include <pollux/drivers.h>
#include <pollux/profile.h>
#include <pollux/arch/apic.h>

/* 1 ms: Linux: kernel/sched/fair.c sysctl_sched_base_slice (0.75 ms) */
#define SCHED_SLICE 1	/* ticks */

volatile u64 jiffies;
static LIST_HEAD(timer_list_head);
/*
 * The list, and which timer's function CPU 0 is running: a task on
 * another CPU may add or delete a timer while CPU 0's tick walks the list,
 * and del_timer() must not return while the function still reads the
 * timer (schedule_timeout()'s is on the sleeper's stack, which a task
 * woken on CPU 2 reuses at once).  Linux: struct timer_base's lock and
 * running_timer, timer_delete_sync().
 */
static DEFINE_SPINLOCK(timer_lock);
static struct timer_list *running_timer;

void add_timer(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	list_add_tail(&t->entry, &timer_list_head);
	spin_unlock_irqrestore(&timer_lock, flags);
}

/* Takes t off the list if it is on it; timer_lock held.
 * Linux: kernel/time/timer.c detach_if_pending() */
static bool detach_if_pending(struct timer_list *t)
{
	if (list_empty(&t->entry))
		return false;
	list_del_init(&t->entry);
	return true;
}

/* Takes t off the list; true if it was on it.  A function of t running
 * on another CPU goes on.  Linux: kernel/time/timer.c timer_delete() */
bool timer_delete(struct timer_list *t)
{
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&timer_lock, flags);
	pending = detach_if_pending(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return pending;
}

/* Queues t to expire at expires, queued or not; true if it was queued
 * (the test and the move one step under the lock, for TCP's reference
 * per queued timer).  Linux: kernel/time/timer.c mod_timer() */
bool mod_timer(struct timer_list *t, u64 expires)
{
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&timer_lock, flags);
	pending = detach_if_pending(t);
	t->expires = expires;
	list_add_tail(&t->entry, &timer_list_head);
	spin_unlock_irqrestore(&timer_lock, flags);
	return pending;
}

/* Also waits for t's function to end (Linux: timer_delete_sync()): never
 * from that function (TCP's re-arms its own timer: timer_delete(),
 * mod_timer()). */
void del_timer(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	while (READ_ONCE(running_timer) == t) {
		spin_unlock_irqrestore(&timer_lock, flags);
		cpu_relax();
		spin_lock_irqsave(&timer_lock, flags);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

/* Each expired timer's function runs without the lock (it may add a
 * timer); the walk starts again after each.  Linux: __run_timers() */
static void run_timers(void)
{
	struct timer_list *t;

	spin_lock(&timer_lock);
again:
	list_for_each_entry(t, &timer_list_head, entry) {
		if (jiffies >= t->expires) {
			list_del_init(&t->entry);
			running_timer = t;
			spin_unlock(&timer_lock);
			t->function(t);
			spin_lock(&timer_lock);
			running_timer = NULL;
			goto again;
		}
	}
	spin_unlock(&timer_lock);
}

static void timer_interrupt(int irq)
{
	profile_tick(CPU_PROFILING);
	/*
	 * One tick, or more: periods this CPU missed (interrupts off too
	 * long; a host that did not run this virtual CPU, whose periods QEMU
	 * drops) are counted from the clock, so that timers on jiffies keep
	 * pace with the clock's (a 20 ms alarm fires before an 80 ms
	 * nanosleep ends).  Linux: kernel/time/tick-sched.c
	 * tick_do_update_jiffies64(), the ticks elapsed since the last update
	 */
	jiffies = MAX(jiffies + 1, (u64)(ktime_get() / TICK_NSEC));
	timekeeping_tick();
	run_timers();
	hrtimer_run_queues();
}

/* Each CPU's tick.  CPU 0 keeps the time and runs the timers (Linux:
 * tick_do_timer_cpu); every CPU counts its ticks and its idle ones
 * (/proc/stat) and ends its running task's time slice.
 * Linux: kernel/time/tick-common.c tick_handle_periodic() */
void tick_handle_periodic(void)
{
	this_cpu_add(ticks, 1);
	if (current == this_cpu_read_stable(idle))
		this_cpu_add(idle_ticks, 1);
	if (smp_processor_id() == 0)
		timer_interrupt(0);
	if (this_cpu_read(ticks) % SCHED_SLICE == 0)
		sched_tick();
}

/* The boot CPU's tick; each other CPU starts its own (smpboot.c). */
void timer_init(void)
{
	lapic_timer_calibrate();
	lapic_timer_start();
}
