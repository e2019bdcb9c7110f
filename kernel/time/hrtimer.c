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
/* The list, and the timer whose function CPU 0's tick runs: as
 * timer.c's timer_lock (Linux: hrtimer_cpu_base's lock and running). */
static DEFINE_SPINLOCK(hrtimer_lock);
static struct hrtimer *running_hrtimer;

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
	unsigned long flags;

	spin_lock_irqsave(&hrtimer_lock, flags);
	if (hrtimer_is_queued(timer))
		list_del(&timer->entry);
	timer->expires = tim;
	list_add_tail(&timer->entry, &hrtimer_list);
	spin_unlock_irqrestore(&hrtimer_lock, flags);
}

/* Also waits for its function to end: never from that function.
 * Linux: hrtimer_cancel() */
void hrtimer_cancel(struct hrtimer *timer)
{
	unsigned long flags;

	spin_lock_irqsave(&hrtimer_lock, flags);
	if (hrtimer_is_queued(timer))
		list_del_init(&timer->entry);
	while (READ_ONCE(running_hrtimer) == timer) {
		spin_unlock_irqrestore(&hrtimer_lock, flags);
		cpu_relax();
		spin_lock_irqsave(&hrtimer_lock, flags);
	}
	spin_unlock_irqrestore(&hrtimer_lock, flags);
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

/* From the timer interrupt; each function runs without the lock (it
 * may restart its timer).  Linux: hrtimer_run_queues() */
void hrtimer_run_queues(void)
{
	ktime_t now = ktime_get();
	struct hrtimer *t;

	spin_lock(&hrtimer_lock);
again:
	list_for_each_entry(t, &hrtimer_list, entry) {
		if (!ktime_after(t->expires, now)) {
			list_del_init(&t->entry);
			running_hrtimer = t;
			spin_unlock(&hrtimer_lock);
			t->function(t);
			spin_lock(&hrtimer_lock);
			running_hrtimer = NULL;
			goto again;
		}
	}
	spin_unlock(&hrtimer_lock);
}
