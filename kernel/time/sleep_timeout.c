/*
 * Sleeping with a timeout: in ticks (schedule_timeout, a timer_list, as
 * the tty's VTIME) or to a deadline on the monotonic clock
 * (schedule_hrtimeout, an hrtimer, for every timeout a system call is
 * given).  Either timer wakes the task from the tick.
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

/* Linux: kernel/time/sleep_timeout.c schedule_timeout() */
long schedule_timeout(long timeout)
{
	struct timer_list timer;
	u64 expire = jiffies + timeout;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
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

/* Linux: kernel/time/hrtimer.c hrtimer_wakeup() */
static void hrtimer_wakeup(struct hrtimer *timer)
{
	wake_up_process(timer->data);
}

/* Linux: kernel/time/sleep_timeout.c schedule_hrtimeout_range() */
int schedule_hrtimeout(const ktime_t *expires)
{
	struct hrtimer t;

	if (!expires) {
		schedule();
		return -EINTR;
	}
	if (!ktime_after(*expires, ktime_get())) {
		set_current_state(TASK_RUNNING);
		return 0;
	}
	hrtimer_setup(&t, hrtimer_wakeup);
	t.data = current;
	hrtimer_start(&t, *expires);
	schedule();
	hrtimer_cancel(&t);
	return ktime_after(*expires, ktime_get()) ? -EINTR : 0;
}
