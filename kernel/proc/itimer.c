/*
 * alarm, setitimer and getitimer for ITIMER_REAL: the per-process timer
 * that sends SIGALRM when it expires and reloads itself from its interval.
 * A jiffy timer (1 ms) stands in for Linux's hrtimer, so times are kept
 * in whole milliseconds, and the first expiry is never early.
 * ITIMER_VIRTUAL and ITIMER_PROF count user and system CPU time, which
 * Pollux keeps only as one total (task_sched_runtime): they are EINVAL.  A forked child has no timer (a new signal_struct); threads share it;
 * execve keeps it.  Linux: kernel/time/itimer.c
 */
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/time.h>
#include <uapi/errno.h>

#define USEC_PER_JIFFY (USEC_PER_SEC / HZ)

/* Runs in the timer interrupt; SIGALRM is for the process, sent
 * through its first thread.  Linux: it_real_fn() */
static void it_real_fn(struct timer_list *timer)
{
	struct signal_struct *sig = timer->data;
	struct kernel_siginfo info = { .si_code = SI_KERNEL };
	u64 incr = sig->it_real_incr;

	group_send_sig_info(SIGALRM, &info,
			    list_first_entry(&sig->thread_head,
					     struct task_struct, thread_node));
	if (incr) {
		/* the next period, counted from this expiry, not from now;
		 * ticks missed are skipped, not fired in a burst */
		timer->expires += incr;
		if (timer->expires <= jiffies)
			timer->expires = jiffies + 1;
		add_timer(timer);
	}
}

static bool timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* Whole jiffies covering tv (rounded up). */
static u64 timeval_to_jiffies(const struct timeval *tv)
{
	return tv->tv_sec * HZ + (tv->tv_usec + USEC_PER_JIFFY - 1) / USEC_PER_JIFFY;
}

static struct timeval jiffies_to_timeval(u64 j)
{
	struct timeval tv = { j / HZ, (j % HZ) * USEC_PER_JIFFY };

	return tv;
}

/* Interrupts off: the timer interrupt may be re-arming the timer. */
static void get_real_itimer(struct signal_struct *sh, struct itimerval *v)
{
	struct timer_list *timer = &sh->real_timer;

	v->it_interval = jiffies_to_timeval(sh->it_real_incr);
	v->it_value = jiffies_to_timeval(0);
	if (!list_empty(&timer->entry)) {
		/* less the tick in progress; an armed timer never reads as
		 * 0, which would mean disarmed (Linux: itimer_get_remtime()) */
		long left = (long)(timer->expires - jiffies) - 1;

		if (left > 0)
			v->it_value = jiffies_to_timeval(left);
		else
			v->it_value.tv_usec = 1;
	}
}

/* Linux: do_setitimer() for ITIMER_REAL */
static void set_real_itimer(const struct itimerval *new, struct itimerval *old)
{
	struct signal_struct *sh = current->signal;
	struct timer_list *timer = &sh->real_timer;
	unsigned long flags = local_irq_save();

	if (old)
		get_real_itimer(sh, old);
	del_timer(timer);
	sh->it_real_incr = timeval_to_jiffies(&new->it_interval);
	if (new->it_value.tv_sec || new->it_value.tv_usec) {
		timer->function = it_real_fn;
		timer->data = sh;
		/* + 1: the tick in progress is partly over */
		timer->expires = jiffies + timeval_to_jiffies(&new->it_value) + 1;
		add_timer(timer);
	}
	local_irq_restore(flags);
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval v;
	unsigned long flags;

	if (which != ITIMER_REAL)
		return -EINVAL;
	flags = local_irq_save();
	get_real_itimer(current->signal, &v);
	local_irq_restore(flags);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* A NULL value disarms, as Linux still accepts. */
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue)
{
	struct itimerval new = { { 0, 0 }, { 0, 0 } }, old;

	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;
	if (which != ITIMER_REAL || !timeval_valid(&new.it_value) ||
	    !timeval_valid(&new.it_interval))
		return -EINVAL;
	set_real_itimer(&new, &old);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The seconds left on the previous alarm, rounded to nearest, and never
 * 0 while one was pending.  Linux: alarm_setitimer() */
long sys_alarm(unsigned int seconds)
{
	struct itimerval new = { { 0, 0 }, { seconds, 0 } }, old;

	set_real_itimer(&new, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) ||
	    old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

void exit_itimers(struct signal_struct *sig)
{
	del_timer(&sig->real_timer);
}
