/*
 * The POSIX clocks (clock_gettime, clock_settime, clock_getres) and
 * sleeping on them (nanosleep, clock_nanosleep).  Every clock reads the
 * one monotonic clock, plus offs_real for the wall-clock ones; no suspend,
 * so BOOTTIME is MONOTONIC; no leap seconds, so TAI is REALTIME.
 * Linux: kernel/time/posix-timers.c, kernel/time/hrtimer.c (nanosleep).
 */
#include <pollux/time.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/timer.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

/* Linux: kernel/time/posix-timers.h struct k_clock */
struct k_clock {
	ktime_t (*clock_get)(void);	/* NULL: cannot be read */
	long res;			/* clock_getres, in ns */
	bool clock_set;			/* clock_settime allowed */
	bool nsleep;			/* clock_nanosleep allowed */
	bool realtime;			/* TIMER_ABSTIME times are wall-clock */
	bool cputime;			/* the process's CPU time */
};

/* One thread per process: the process's CPU time is the thread's. */
static ktime_t cpu_clock_get(void)
{
	return task_sched_runtime(current);
}

static const struct k_clock clock_realtime = {
	.clock_get = ktime_get_real, .res = 1,
	.clock_set = true, .nsleep = true, .realtime = true,
};
static const struct k_clock clock_monotonic = {
	.clock_get = ktime_get, .res = 1, .nsleep = true,
};
static const struct k_clock clock_process = {
	.clock_get = cpu_clock_get, .res = 1, .nsleep = true, .cputime = true,
};
static const struct k_clock clock_thread = { .clock_get = cpu_clock_get, .res = 1 };
static const struct k_clock clock_monotonic_raw = { .clock_get = ktime_get, .res = 1 };
static const struct k_clock clock_realtime_coarse = {
	.clock_get = ktime_get_coarse_real, .res = TICK_NSEC,
};
static const struct k_clock clock_monotonic_coarse = {
	.clock_get = ktime_get_coarse, .res = TICK_NSEC,
};
static const struct k_clock clock_tai = {
	.clock_get = ktime_get_real, .res = 1, .nsleep = true, .realtime = true,
};
/* The alarm clocks need an RTC alarm device: reading them is EINVAL,
 * sleeping on them EOPNOTSUPP, as on Linux without one. */
static const struct k_clock alarm_clock = { .clock_get = NULL };

/*
 * The read clocks resolve to the nanosecond, as Linux's with high
 * resolution timers (the TSC between ticks); the coarse ones read the
 * last tick.
 * Linux: kernel/time/posix-timers.c posix_clocks[]
 */
static const struct k_clock *const posix_clocks[] = {
	[CLOCK_REALTIME]		= &clock_realtime,
	[CLOCK_MONOTONIC]		= &clock_monotonic,
	[CLOCK_PROCESS_CPUTIME_ID]	= &clock_process,
	[CLOCK_THREAD_CPUTIME_ID]	= &clock_thread,
	[CLOCK_MONOTONIC_RAW]		= &clock_monotonic_raw,
	[CLOCK_REALTIME_COARSE]		= &clock_realtime_coarse,
	[CLOCK_MONOTONIC_COARSE]	= &clock_monotonic_coarse,
	[CLOCK_BOOTTIME]		= &clock_monotonic,	/* no suspend */
	[CLOCK_REALTIME_ALARM]		= &alarm_clock,
	[CLOCK_BOOTTIME_ALARM]		= &alarm_clock,
	[CLOCK_TAI]			= &clock_tai,	/* no leap seconds */
};

/* Linux: kernel/time/posix-timers.c clockid_to_kclock() — negative ids
 * (another process's CPU clock) are not kept */
static const struct k_clock *clockid_to_kclock(int id)
{
	if (id < 0 || id >= (int)ARRAY_SIZE(posix_clocks))
		return NULL;
	return posix_clocks[id];
}

/* Linux: SYSCALL_DEFINE2(clock_gettime) */
long sys_clock_gettime(int which_clock, struct timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec ts;

	if (!kc || !kc->clock_get)
		return -EINVAL;
	ts = ns_to_timespec64(kc->clock_get());
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* Linux: SYSCALL_DEFINE2(clock_settime) + posix_clock_realtime_set() */
long sys_clock_settime(int which_clock, const struct timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec ts;

	if (!kc || !kc->clock_set)
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	return do_sys_settimeofday64(&ts, NULL);
}

/* Linux: SYSCALL_DEFINE2(clock_getres) */
long sys_clock_getres(int which_clock, struct timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec ts;

	if (!kc || !kc->clock_get)
		return -EINVAL;
	ts = ns_to_timespec64(kc->res);
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Sleeps to the deadline expires on the monotonic clock.  Interrupted, a
 * relative sleep reports the time left in *rmtp and returns
 * -ERESTART_RESTARTBLOCK: a handler makes that EINTR; with no handler (a
 * stop and SIGCONT, say) restart_syscall sleeps on to the same deadline.
 * An absolute sleep returns -ERESTARTNOHAND and is simply run again.
 * Linux: kernel/time/hrtimer.c do_nanosleep() + hrtimer_nanosleep()
 */
static long do_nanosleep(ktime_t expires, struct timespec __user *rmtp,
			 bool abs)
{
	struct restart_block *restart = &current->restart_block;
	ktime_t rem;

	do {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
	} while (schedule_hrtimeout(&expires) && !signal_pending(current));
	set_current_state(TASK_RUNNING);

	rem = expires - ktime_get();
	if (rem <= 0)
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	if (rmtp) {
		struct timespec r = ns_to_timespec64(rem);

		if (copy_to_user(rmtp, &r, sizeof(r)))
			return -EFAULT;
	}
	restart->fn = nanosleep_restart;
	restart->expires = expires;
	restart->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

/* Linux: kernel/time/hrtimer.c hrtimer_nanosleep_restart() */
static long nanosleep_restart(struct restart_block *rb)
{
	return do_nanosleep(rb->expires, rb->rmtp, false);
}

/* Linux: kernel/time/hrtimer.c SYSCALL_DEFINE2(nanosleep) */
long sys_nanosleep(const struct timespec __user *rqtp,
		   struct timespec __user *rmtp)
{
	struct timespec tu;

	if (copy_from_user(&tu, rqtp, sizeof(tu)))
		return -EFAULT;
	if (!timespec64_valid(&tu))
		return -EINVAL;
	current->restart_block.fn = do_no_restart_syscall;
	return do_nanosleep(ktime_add_safe(ktime_get(), timespec64_to_ktime(tu)),
			    rmtp, false);
}

/*
 * Sleeping on the process's CPU clock: with its only thread asleep the
 * clock stands still, so a time already reached returns at once and any
 * other waits for a signal (-ERESTARTNOHAND: Linux restarts a relative
 * one with the CPU time left).  Linux: posix-cpu-timers.c
 * do_cpu_nanosleep()
 */
static long cpu_nanosleep(const struct timespec *t, bool abs)
{
	ktime_t when = timespec64_to_ktime(*t);

	if (abs ? when <= cpu_clock_get() : !when)
		return 0;
	return do_nanosleep(KTIME_MAX, NULL, true);
}

/*
 * Flags other than TIMER_ABSTIME are ignored, as Linux does.  An
 * absolute wall-clock time is turned into a monotonic deadline once: a
 * clock_settime during the sleep does not move it (Linux's does).
 * Linux: SYSCALL_DEFINE4(clock_nanosleep) + common_nsleep()
 */
long sys_clock_nanosleep(int which_clock, int flags,
			 const struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	bool abs = flags & TIMER_ABSTIME;
	struct timespec t;
	ktime_t expires;

	if (!kc)
		return -EINVAL;
	if (!kc->nsleep)
		return -EOPNOTSUPP;
	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	current->restart_block.fn = do_no_restart_syscall;
	if (kc->cputime)
		return cpu_nanosleep(&t, abs);
	expires = timespec64_to_ktime(t);
	if (!abs)
		expires = ktime_add_safe(ktime_get(), expires);
	else if (kc->realtime)
		expires -= ktime_get_real() - ktime_get();
	return do_nanosleep(expires, abs ? NULL : rmtp, abs);
}
