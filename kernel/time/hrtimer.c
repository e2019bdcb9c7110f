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

/* Linux: hrtimer_setup() — always CLOCK_MONOTONIC, HRTIMER_MODE_ABS */
void hrtimer_setup(struct hrtimer *timer, void (*function)(struct hrtimer *))
{
	timer->expires = 0;
	timer->function = function;
	INIT_LIST_HEAD(&timer->entry);
}

/* Linux: hrtimer_start() with HRTIMER_MODE_ABS */
void hrtimer_start(struct hrtimer *timer, ktime_t tim)
{
	unsigned long flags = local_irq_save();

	if (hrtimer_is_queued(timer))
		list_del(&timer->entry);
	timer->expires = tim;
	list_add_tail(&timer->entry, &hrtimer_list);
	local_irq_restore(flags);
}

/* Linux: hrtimer_cancel() */
void hrtimer_cancel(struct hrtimer *timer)
{
	unsigned long flags = local_irq_save();

	if (hrtimer_is_queued(timer))
		list_del_init(&timer->entry);
	local_irq_restore(flags);
}

/*
 * For a periodic timer that has expired: the first expiry after now,
 * a whole number of intervals on from the old one, and that number (0
 * if it had not expired).  The timer is not restarted.
 * Linux: hrtimer_forward_now() — without its clamp of the interval to
 * the timer resolution: Linux's is 1 ns with high resolution
 */
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	ktime_t now = ktime_get(), delta = now - timer->expires;
	u64 orun = 1;

	if (delta < 0)
		return 0;
	if (delta >= interval) {
		orun = delta / interval;
		timer->expires += orun * interval;
		if (timer->expires > now)
			return orun;
		orun++;
	}
	timer->expires = ktime_add_safe(timer->expires, interval);
	return orun;
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
