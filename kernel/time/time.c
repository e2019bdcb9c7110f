/*
 * The wall clock's old interfaces: time, gettimeofday, settimeofday, and
 * the timezone they carry (stored and handed back; the kernel keeps UTC).
 * Pollux runs everything as root: setting the time is always allowed.
 * Linux: kernel/time/time.c
 */
#include <pollux/time.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

static struct timezone sys_tz;

/* The first timezone set without a time says that the CMOS clock kept
 * local time: the clock is moved by the zone's offset, once, as hwclock
 * --systz expects.  Linux: kernel/time/timekeeping.c
 * timekeeping_warp_clock() */
static void timekeeping_warp_clock(void)
{
	struct timespec ts = ns_to_timespec64(ktime_get_real() +
			(ktime_t)sys_tz.tz_minuteswest * 60 * NSEC_PER_SEC);

	if (sys_tz.tz_minuteswest)
		do_settimeofday64(&ts);
}

/* Linux: kernel/time/time.c do_sys_settimeofday64() — no security hook:
 * everyone is root */
int do_sys_settimeofday64(const struct timespec *tv, const struct timezone *tz)
{
	static bool firsttime = true;

	if (tv && !timespec64_valid_settod(tv))
		return -EINVAL;
	if (tz) {
		/* Verify we're within the +-15 hrs range */
		if (tz->tz_minuteswest > 15 * 60 || tz->tz_minuteswest < -15 * 60)
			return -EINVAL;
		sys_tz = *tz;
		if (firsttime) {
			firsttime = false;
			if (!tv)
				timekeeping_warp_clock();
		}
	}
	if (tv)
		return do_settimeofday64(tv);
	return 0;
}

/* Linux: kernel/time/time.c SYSCALL_DEFINE1(time) */
long sys_time(long __user *tloc)
{
	time64_t i = ktime_get_real_seconds();

	if (tloc && copy_to_user(tloc, &i, sizeof(i)))
		return -EFAULT;
	return i;
}

/* Linux: kernel/time/time.c SYSCALL_DEFINE2(gettimeofday) */
long sys_gettimeofday(struct timeval __user *tv, void __user *tz)
{
	if (tv) {
		struct timespec ts = ns_to_timespec64(ktime_get_real());
		struct timeval v = { ts.tv_sec, ts.tv_nsec / NSEC_PER_USEC };

		if (copy_to_user(tv, &v, sizeof(v)))
			return -EFAULT;
	}
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
		return -EFAULT;
	return 0;
}

/* A tv_usec of exactly 1000000 passes the first check and fails the
 * second, as on Linux.  Linux: SYSCALL_DEFINE2(settimeofday) */
long sys_settimeofday(const struct timeval __user *tv, const void __user *tz)
{
	struct timespec new_ts;
	struct timezone new_tz;
	struct timeval v;

	if (tv) {
		if (copy_from_user(&v, tv, sizeof(v)))
			return -EFAULT;
		if (v.tv_usec > USEC_PER_SEC || v.tv_usec < 0)
			return -EINVAL;
		new_ts.tv_sec = v.tv_sec;
		new_ts.tv_nsec = v.tv_usec * NSEC_PER_USEC;
	}
	if (tz && copy_from_user(&new_tz, tz, sizeof(new_tz)))
		return -EFAULT;
	return do_sys_settimeofday64(tv ? &new_ts : NULL, tz ? &new_tz : NULL);
}
