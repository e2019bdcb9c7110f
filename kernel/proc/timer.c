/*
 * The timer tick (each CPU's local APIC timer, HZ per second): on CPU 0
 * it counts jiffies, runs expired timers (and hrtimers,
 * kernel/time/hrtimer.c), and ends the running task's time slice.
 * Timers sit on one list, checked every tick: few timers exist at a
 * time here.  Linux: kernel/time/timer.c (timer wheel),
 * kernel/time/tick-common.c, kernel/sched/core.c scheduler_tick().
 */
#include <pollux/timer.h>
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

void add_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&t->entry, &timer_list_head);
	local_irq_restore(flags);
}

void del_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();

	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	local_irq_restore(flags);
}

static void run_timers(void)
{
	struct timer_list *t, *n;

	list_for_each_entry_safe(t, n, &timer_list_head, entry) {
		if (jiffies >= t->expires) {
			list_del_init(&t->entry);
			t->function(t);
		}
	}
}

static void timer_interrupt(int irq)
{
	profile_tick(CPU_PROFILING);
	jiffies++;
	timekeeping_tick();
	run_timers();
	hrtimer_run_queues();
	if (jiffies % SCHED_SLICE == 0)
		need_resched = true;
}

/* Each CPU's tick.  CPU 0 keeps the time and runs the timers and the
 * scheduler's tick (Linux: tick_do_timer_cpu); every CPU counts its
 * ticks and its idle ones (/proc/stat).  The other CPUs run no tasks
 * yet: their tick only counts.
 * Linux: kernel/time/tick-common.c tick_handle_periodic() */
void tick_handle_periodic(void)
{
	this_cpu_add(ticks, 1);
	if (current == this_cpu_read_stable(idle))
		this_cpu_add(idle_ticks, 1);
	if (smp_processor_id() == 0)
		timer_interrupt(0);
}

/* The boot CPU's tick; each other CPU starts its own (smpboot.c). */
void timer_init(void)
{
	lapic_timer_calibrate();
	lapic_timer_start();
}
