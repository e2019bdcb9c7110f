/*
 * The clocks.  CLOCK_MONOTONIC counts from boot with the TSC, read
 * against the last tick: base_ns at base_tsc, plus the cycles since.  At
 * every tick the clock is pulled up to jiffies * TICK_NSEC if it is
 * behind, never back: the PIT keeps it from falling behind, the TSC lets
 * it run on between ticks, even when a timer interrupt comes late, so two
 * reads a microsecond apart differ.  CLOCK_REALTIME is the monotonic
 * clock plus offs_real, set at boot from the CMOS clock and by
 * clock_settime/settimeofday.
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

static u64 tsc_per_ms;		/* from the PIT at boot; 0: ticks only */
static u64 base_tsc;		/* the TSC at the last tick */
static ktime_t base_ns;		/* CLOCK_MONOTONIC then */
static ktime_t offs_real;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
/*
 * base_ns and base_tsc change together at CPU 0's tick while any CPU
 * may read them: a reader on CPU 2 that took the new base_tsc with the
 * old base_ns (or its own TSC read before CPU 0's) saw a clock far off
 * (an unsigned delta below zero: a sleep's deadline years away).  The
 * writer makes the count odd while it writes; a reader tries again if
 * the count was odd or moved.  Linux: tk_core.seq (a seqcount_raw_spinlock_t),
 * and clocksource_delta()'s clamp of a negative delta to 0.
 */
static unsigned int tk_seq;

/* cycles as ns, without overflow however long since the last tick */
static ktime_t cycles_to_ns(u64 cycles)
{
	if (!tsc_per_ms)
		return 0;
	return cycles / tsc_per_ms * NSEC_PER_MSEC +
	       cycles % tsc_per_ms * NSEC_PER_MSEC / tsc_per_ms;
}

/* Called by the timer interrupt (interrupts off) right after jiffies++. */
void timekeeping_tick(void)
{
	u64 tsc = rdtsc();
	ktime_t now = base_ns + cycles_to_ns(tsc - base_tsc);

	WRITE_ONCE(tk_seq, tk_seq + 1);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	base_ns = MAX(now, jiffies_to_ktime(jiffies));
	base_tsc = tsc;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(tk_seq, tk_seq + 1);
}

/* Linux: kernel/time/timekeeping.c ktime_get() */
ktime_t ktime_get(void)
{
	unsigned int seq;
	ktime_t base;
	u64 last, tsc;

	do {
		seq = __atomic_load_n(&tk_seq, __ATOMIC_ACQUIRE);
		base = READ_ONCE(base_ns);
		last = READ_ONCE(base_tsc);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || seq != READ_ONCE(tk_seq));
	tsc = rdtsc();
	return base + cycles_to_ns((s64)(tsc - last) > 0 ? tsc - last : 0);
}

/* Linux: kernel/time/timekeeping.c ktime_get_real() */
ktime_t ktime_get_real(void)
{
	return ktime_get() + offs_real;
}

/* Linux: include/linux/timekeeping.h ktime_mono_to_real() */
ktime_t ktime_mono_to_real(ktime_t mono)
{
	return mono + offs_real;
}

/* The time of the last tick, without reading the TSC.
 * Linux: kernel/time/timekeeping.c ktime_get_coarse() */
ktime_t ktime_get_coarse(void)
{
	return base_ns;
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
	timerfd_clock_was_set();	/* Linux: clock_was_set() */
	return 0;
}

/* Linux: kernel/time/timekeeping.c timekeeping_init() +
 * arch/x86/kernel/tsc.c tsc_init() */
void timekeeping_init(u8 rtc_century)
{
	time64_t boot = rtc_read_time(rtc_century);

	/* Counted 1/4096 generously: a clock a hair slow between ticks is
	 * pulled up at each tick; one a hair fast would run ahead for ever. */
	tsc_per_ms = pit_calibrate_tsc();
	tsc_per_ms += tsc_per_ms / 4096;
	base_tsc = rdtsc();
	offs_real = boot * NSEC_PER_SEC - ktime_get();
	printk("time: RTC %ld s since 1970 (century register %x), TSC %lu kHz\n",
	       boot, rtc_century, tsc_per_ms);
}
