/*
 * Time: the units, ktime_t, the clocks (kernel/time/timekeeping.c) and
 * the one timeout model every sleeping call uses.
 *
 * A timeout becomes a deadline on the monotonic clock, now + timeout,
 * saturated at KTIME_MAX (poll_select_set_timeout, in select.c); the
 * sleeper calls schedule_hrtimeout() with it and is done when the clock
 * reaches it.  Timers run on the tick, so a sleep ends at the first tick
 * at which the clock has reached the deadline: late by under a tick,
 * never early.
 *
 * Linux: include/vdso/time64.h (the units), include/linux/ktime.h,
 * include/linux/time64.h, include/linux/jiffies.h.
 */
#ifndef POLLUX_TIME_H
#define POLLUX_TIME_H

#include <pollux/types.h>
#include <pollux/list.h>
#include <pollux/timer.h>
#include <uapi/time.h>

#define MSEC_PER_SEC	1000L
#define USEC_PER_MSEC	1000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L

/* Nanoseconds: a time on one of the clocks, or a span.  Linux: ktime.h */
typedef s64 ktime_t;
typedef s64 time64_t;
#define KTIME_MAX	((s64)(~0UL >> 1))	/* "forever" */
#define KTIME_SEC_MAX	(KTIME_MAX / NSEC_PER_SEC)

static inline bool ktime_after(ktime_t cmp1, ktime_t cmp2)
{
	return cmp1 > cmp2;
}

/* a + b, KTIME_MAX if that overflows.  Linux: hrtimer.c ktime_add_safe() */
static inline ktime_t ktime_add_safe(ktime_t lhs, ktime_t rhs)
{
	ktime_t res;

	if (__builtin_add_overflow(lhs, rhs, &res) || res < 0)
		return KTIME_MAX;
	return res;
}

/* struct timespec is 64-bit on x86-64: it serves as Linux's timespec64. */

/* Linux: include/linux/time64.h timespec64_valid() */
static inline bool timespec64_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && (unsigned long)ts->tv_nsec < NSEC_PER_SEC;
}

/* A time clock_settime may set: valid, and 30 years short of KTIME_MAX
 * so that the uptime cannot overflow.  Linux: timespec64_valid_settod() */
#define TIME_UPTIME_SEC_MAX	(30LL * 365 * 24 * 3600)
#define TIME_SETTOD_SEC_MAX	(KTIME_SEC_MAX - TIME_UPTIME_SEC_MAX)
static inline bool timespec64_valid_settod(const struct timespec *ts)
{
	return timespec64_valid(ts) && ts->tv_sec < TIME_SETTOD_SEC_MAX;
}

/* Linux: include/linux/ktime.h timespec64_to_ktime(), saturating */
static inline ktime_t timespec64_to_ktime(struct timespec ts)
{
	if (ts.tv_sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* Linux: include/linux/time64.h itimerspec64_valid() */
static inline bool itimerspec64_valid(const struct itimerspec *its)
{
	return timespec64_valid(&its->it_interval) &&
	       timespec64_valid(&its->it_value);
}

/* Linux: include/linux/time64.h ns_to_timespec64(), for ns >= 0 */
static inline struct timespec ns_to_timespec64(ktime_t ns)
{
	return (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

/* The clocks and jiffies: tick j starts at j * TICK_NSEC on the monotonic
 * clock.  Linux: include/linux/jiffies.h */
static inline ktime_t jiffies_to_ktime(u64 j)
{
	return (ktime_t)j * TICK_NSEC;
}

/* ------------------------------------------------- kernel/time/timekeeping.c */

ktime_t ktime_get(void);		/* CLOCK_MONOTONIC (= BOOTTIME: no suspend) */
ktime_t ktime_get_real(void);		/* CLOCK_REALTIME */
ktime_t ktime_mono_to_real(ktime_t mono);	/* the same time on CLOCK_REALTIME */
ktime_t ktime_get_coarse(void);		/* CLOCK_MONOTONIC_COARSE: the last tick */
ktime_t ktime_get_coarse_real(void);	/* CLOCK_REALTIME_COARSE */
time64_t ktime_get_real_seconds(void);
int do_settimeofday64(const struct timespec *ts);
/* kernel/time/time.c: sets the time, the timezone or both (NULL: not) */
int do_sys_settimeofday64(const struct timespec *tv, const struct timezone *tz);
void timekeeping_init(u8 rtc_century);	/* the date from the RTC */
void timekeeping_tick(void);		/* from the timer interrupt */

/* -------------------------------------------------- kernel/time/hrtimer.c */

/* A timer on the monotonic clock; it fires at the first tick at which
 * ktime_get() has reached expires.  Linux: include/linux/hrtimer.h */
struct hrtimer {
	ktime_t expires;
	void (*function)(struct hrtimer *);
	struct list_head entry;
	void *data;
};
void hrtimer_setup(struct hrtimer *timer, void (*function)(struct hrtimer *));
/* (re)starts it at tim, absolute; once set up, a queued timer moves */
void hrtimer_start(struct hrtimer *timer, ktime_t tim);
void hrtimer_cancel(struct hrtimer *timer);
/* Linux: include/linux/hrtimer.h hrtimer_is_queued() */
static inline bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return !list_empty(&timer->entry);
}
/* Moves expires on by whole intervals past now; how many */
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);
void hrtimer_run_queues(void);		/* from the timer interrupt */

/* ---------------------------------------------- kernel/time/sleep_timeout.c */

/*
 * Sleeps, in the state the caller set, until the monotonic clock reaches
 * *expires (NULL: no limit) or the task is woken; 0 when the time is up,
 * else -EINTR.  Linux: kernel/time/sleep_timeout.c
 * schedule_hrtimeout_range() with HRTIMER_MODE_ABS and no slack.
 */
int schedule_hrtimeout(const ktime_t *expires);

/* ------------------------------------------------------- kernel/fs/timerfd.c */

/* After CLOCK_REALTIME was set: wall-clock timerfds follow it, and
 * TFD_TIMER_CANCEL_ON_SET ones are cancelled.  Linux: linux/timerfd.h */
void timerfd_clock_was_set(void);

#endif
