/*
 * The clocks.  CLOCK_MONOTONIC counts from boot: whole ticks (jiffies,
 * TICK_NSEC each) plus the time since the last tick, measured with the
 * TSC, so that two reads a microsecond apart differ.  CLOCK_REALTIME is
 * the monotonic clock plus offs_real, set at boot from the CMOS clock and
 * by clock_settime/settimeofday.
 * Linux: kernel/time/timekeeping.c (tk->offs_real, do_settimeofday64(),
 * read_persistent_clock64()) — one clocksource, no NTP adjustment.
 */
#include <pollux/time.h>
#include <pollux/timer.h>
#include <pollux/drivers.h>
#include <pollux/printk.h>
#include <pollux/spinlock.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>

static u64 tsc_per_ms;		/* from the PIT at boot; 0: whole ticks only */
static u64 tick_tsc;		/* the TSC when jiffies last advanced */
static ktime_t offs_real;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */

/* Called by the timer interrupt right after jiffies++. */
void timekeeping_tick(void)
{
	tick_tsc = rdtsc();
}

/* Time since the tick began, capped below a tick: a late timer interrupt
 * makes the clock wait for it rather than run backwards. */
static ktime_t ns_since_tick(u64 cycles)
{
	if (!tsc_per_ms)
		return 0;
	if (cycles >= tsc_per_ms)	/* over a millisecond: over a tick */
		return TICK_NSEC - 1;
	return MIN((ktime_t)(cycles * NSEC_PER_MSEC / tsc_per_ms),
		   TICK_NSEC - 1);
}

/* Linux: kernel/time/timekeeping.c ktime_get() */
ktime_t ktime_get(void)
{
	unsigned long flags = local_irq_save();
	u64 j = jiffies, cycles = rdtsc() - tick_tsc;

	local_irq_restore(flags);
	return jiffies_to_ktime(j) + ns_since_tick(cycles);
}

/* Linux: kernel/time/timekeeping.c ktime_get_real() */
ktime_t ktime_get_real(void)
{
	return ktime_get() + offs_real;
}

/* The time of the last tick, without reading the TSC.
 * Linux: kernel/time/timekeeping.c ktime_get_coarse() */
ktime_t ktime_get_coarse(void)
{
	return jiffies_to_ktime(jiffies);
}

ktime_t ktime_get_coarse_real(void)
{
	return ktime_get_coarse() + offs_real;
}

time64_t ktime_get_real_seconds(void)
{
	return ktime_get_real() / NSEC_PER_SEC;
}

/*
 * Sets CLOCK_REALTIME; the monotonic clock is untouched.  A time before
 * boot (realtime < monotonic, so offs_real < 0) is refused, as Linux
 * refuses to make wall_to_monotonic positive.
 * Linux: kernel/time/timekeeping.c do_settimeofday64()
 */
int do_settimeofday64(const struct timespec *ts)
{
	ktime_t now = ktime_get(), t = timespec64_to_ktime(*ts);

	if (t < now)
		return -EINVAL;
	offs_real = t - now;
	return 0;
}

/* Linux: kernel/time/timekeeping.c timekeeping_init() +
 * arch/x86/kernel/tsc.c tsc_init() */
void timekeeping_init(u8 rtc_century)
{
	time64_t boot = rtc_read_time(rtc_century);

	tsc_per_ms = pit_calibrate_tsc();
	offs_real = boot * NSEC_PER_SEC - ktime_get();
	printk("time: RTC %ld s since 1970 (century register %x), TSC %lu kHz\n",
	       boot, rtc_century, tsc_per_ms);
}
