/*
 * Timers on the monotonic clock, run from the tick: a timer fires at the
 * first tick at which ktime_get() has reached its expiry time, so the
 * task it wakes reads the clock at or past it.  Linux's hrtimers do the
 * same in low-resolution mode (hrtimer_run_queues from the tick); with
 * high resolution they program the next expiry into the hardware.  One
 * list, checked every tick: few timers exist at a time here.
 * Linux: kernel/time/hrtimer.c
 */
#include <pollux/time.h>
#include <pollux/spinlock.h>

static LIST_HEAD(hrtimer_list);

/* Linux: hrtimer_start() with HRTIMER_MODE_ABS */
void hrtimer_start(struct hrtimer *timer, ktime_t tim)
{
	unsigned long flags = local_irq_save();

	timer->expires = tim;
	list_add_tail(&timer->entry, &hrtimer_list);
	local_irq_restore(flags);
}

/* Linux: hrtimer_cancel() */
void hrtimer_cancel(struct hrtimer *timer)
{
	unsigned long flags = local_irq_save();

	if (!list_empty(&timer->entry))
		list_del_init(&timer->entry);
	local_irq_restore(flags);
}

/* From the timer interrupt.  Linux: hrtimer_run_queues() */
void hrtimer_run_queues(void)
{
	ktime_t now = ktime_get();
	struct hrtimer *t, *n;

	list_for_each_entry_safe(t, n, &hrtimer_list, entry) {
		if (!ktime_after(t->expires, now)) {
			list_del_init(&t->entry);
			t->function(t);
		}
	}
}
