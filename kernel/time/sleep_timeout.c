/*
 * Sleeping with a timeout: in ticks (schedule_timeout, as the tty's
 * VTIME) or to a deadline on the monotonic clock (schedule_hrtimeout, for
 * every timeout a system call is given).  Both arm a timer_list that
 * wakes the task; timers run on the tick.
 * Linux: kernel/time/sleep_timeout.c
 */
#include <pollux/sched.h>
#include <pollux/time.h>
#include <pollux/timer.h>
#include <uapi/errno.h>

/* Linux: kernel/time/sleep_timeout.c process_timeout() */
static void process_timeout(struct timer_list *t)
{
	wake_up_process(t->data);
}

/* Sleeps until the tick expire at the latest; the ticks left. */
static long schedule_until(u64 expire)
{
	struct timer_list timer;
	long left;

	timer.expires = expire;
	timer.function = process_timeout;
	timer.data = current;
	INIT_LIST_HEAD(&timer.entry);
	add_timer(&timer);
	schedule();
	del_timer(&timer);
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

/* Linux: kernel/time/sleep_timeout.c schedule_timeout() */
long schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	return schedule_until(jiffies + timeout);
}

/* Linux: kernel/time/sleep_timeout.c schedule_hrtimeout_range() */
int schedule_hrtimeout(const ktime_t *expires)
{
	if (!expires) {
		schedule();
		return -EINTR;
	}
	if (!ktime_after(*expires, ktime_get())) {
		set_current_state(TASK_RUNNING);
		return 0;
	}
	/* the timer fires at that tick: ktime_get() then reads *expires or more */
	schedule_until(ktime_to_jiffies_ceil(*expires));
	return ktime_after(*expires, ktime_get()) ? -EINTR : 0;
}
