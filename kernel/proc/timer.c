/*
 * The timer tick (PIT IRQ 0, HZ per second): counts jiffies, runs expired
 * timers (and hrtimers, kernel/time/hrtimer.c), and ends the running
 * task's time slice.  Timers sit on one list,
 * checked every tick: few timers exist at a time here.
 * Linux: kernel/time/timer.c (timer wheel), kernel/sched/core.c
 * scheduler_tick().
 */
#include <pollux/timer.h>
#include <pollux/time.h>
#include <pollux/sched.h>
#include <pollux/irq.h>
#include <pollux/drivers.h>
#include <pollux/profile.h>

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

void timer_init(void)
{
	pit_init();
	request_irq(0, timer_interrupt);
}
