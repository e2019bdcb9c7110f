/*
 * timerfd: a timer read through a file.  timerfd_settime arms it (once,
 * or every it_interval); each expiry adds one to a 64-bit count, and a
 * read returns the count and resets it.  poll, select and epoll see
 * EPOLLIN while the count is not 0.  Linux: fs/timerfd.c.
 *
 * The timer is an hrtimer (kernel/time/hrtimer.c), always on the
 * monotonic clock: an absolute CLOCK_REALTIME time is turned into a
 * monotonic one when the timer is armed, and moved when the clock is
 * set, so that it follows the wall clock as Linux's realtime hrtimers
 * do (a relative time stays put, as Linux's, on its monotonic base).  No
 * suspend: BOOTTIME is MONOTONIC, and the _ALARM clocks are their plain
 * twins (everyone is root, so CAP_WAKE_ALARM is never missing).
 *
 * As Linux, the timer callback only counts and wakes: a periodic timer
 * is moved on (hrtimer_forward_now) and restarted by the next read or
 * timerfd_gettime, so a short interval costs one interrupt per read.
 *
 * Locking: the callback runs in the timer interrupt, so the task side
 * changes ticks, expired and the timer under ctx->wqh.lock with
 * interrupts off (spin_lock_irq), as Linux; a wake-up under that lock is
 * wake_up_locked_poll (the lock is not taken twice).  The two lists of
 * timerfds a clock set walks change under cancel_lock.  Lock order:
 * cancel_lock > ctx->wqh.lock > the waiters' locks: ep->lock
 * (ep_poll_callback), runqueue_lock.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/signal.h>
#include <pollux/spinlock.h>
#include <pollux/syscalls.h>
#include <pollux/time.h>
#include <pollux/uaccess.h>
#include <pollux/uio.h>
#include <uapi/errno.h>
#include <uapi/timerfd.h>

#define TFD_SHARED_FCNTL_FLAGS (TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_CREATE_FLAGS TFD_SHARED_FCNTL_FLAGS
#define TFD_SETTIME_FLAGS (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

/* Linux: fs/timerfd.c struct timerfd_ctx */
struct timerfd_ctx {
	struct hrtimer tmr;	/* on the monotonic clock */
	ktime_t tintv;		/* the interval; 0: one-shot */
	/* CLOCK_REALTIME - CLOCK_MONOTONIC when created; KTIME_MAX once the
	 * clock was set under a TFD_TIMER_CANCEL_ON_SET timer */
	ktime_t moffs;
	wait_queue_head_t wqh;	/* readers and pollers */
	u64 ticks;		/* expiries not yet read */
	int clockid;
	unsigned short expired;		/* fired, not yet moved on */
	unsigned short settime_flags;	/* for fdinfo */
	struct list_head clist;		/* on cancel_list, if might_cancel */
	bool might_cancel;
	struct list_head rlist;		/* on realtime_list, if armed on it */
	ktime_t roffs;	/* the offset tmr's expiry was converted with */
};

/* The TFD_TIMER_CANCEL_ON_SET timers.  Linux: fs/timerfd.c cancel_list */
static LIST_HEAD(cancel_list);
/* The timerfds armed at a wall-clock time: TFD_TIMER_ABSTIME on a
 * realtime clock (Linux: their hrtimers are on HRTIMER_BASE_REALTIME;
 * __hrtimer_setup() puts relative ones on the monotonic base) */
static LIST_HEAD(realtime_list);
/* Guards cancel_list and realtime_list, and each ctx's might_cancel,
 * clist and rlist: a settime or close preempted half-way in a list
 * change while a clock set walks it.  Linux: fs/timerfd.c cancel_lock
 * (its readers walk cancel_list under RCU instead) */
static DEFINE_SPINLOCK(cancel_lock);

static bool isrealtime(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
}

/* From the timer interrupt.  Linux: fs/timerfd.c timerfd_triggered() */
static void timerfd_tmrproc(struct hrtimer *htmr)
{
	struct timerfd_ctx *ctx = container_of(htmr, struct timerfd_ctx, tmr);
	unsigned long flags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->expired = 1;
	ctx->ticks++;
	wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
}

/*
 * Keeps a wall-clock timer at its wall-clock time: an armed one (queued,
 * or fired and waiting for a read to move it on) is moved by the change
 * of the offset.  A timer now due fires at the next tick.
 * Linux: kernel/time/hrtimer.c clock_was_set(), for HRTIMER_BASE_REALTIME
 */
static void timerfd_realtime_was_set(ktime_t moffs)
{
	struct timerfd_ctx *ctx;
	unsigned long flags;
	ktime_t shift, texp;

	list_for_each_entry(ctx, &realtime_list, rlist) {
		spin_lock_irqsave(&ctx->wqh.lock, flags);
		/* the clock set back: later, saturated at "never" */
		shift = ctx->roffs - moffs;
		texp = shift > 0 ? ktime_add_safe(ctx->tmr.expires, shift) :
				   ctx->tmr.expires + shift;
		if (hrtimer_is_queued(&ctx->tmr))
			hrtimer_start(&ctx->tmr, texp);
		else if (ctx->expired && ctx->tintv)
			ctx->tmr.expires = texp;
		ctx->roffs = moffs;
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	}
}

/*
 * The clock was set: wall-clock timers follow it, and a cancel-on-set
 * timer counts one tick, so that its reader wakes, and its next read
 * says ECANCELED.  Linux: fs/timerfd.c timerfd_clock_was_set()
 */
void timerfd_clock_was_set(void)
{
	ktime_t moffs = ktime_mono_to_real(0);
	struct timerfd_ctx *ctx;
	unsigned long flags;

	spin_lock(&cancel_lock);
	timerfd_realtime_was_set(moffs);
	list_for_each_entry(ctx, &cancel_list, clist) {
		spin_lock_irqsave(&ctx->wqh.lock, flags);
		if (ctx->moffs != moffs) {
			ctx->moffs = KTIME_MAX;
			ctx->ticks++;
			/* under the queue's own lock: the _locked wake-up */
			wake_up_locked_poll(&ctx->wqh, EPOLLIN);
		}
		spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	}
	spin_unlock(&cancel_lock);
}

/* Linux: fs/timerfd.c __timerfd_remove_cancel() */
static void timerfd_remove_cancel(struct timerfd_ctx *ctx)
{
	if (ctx->might_cancel) {
		ctx->might_cancel = false;
		list_del(&ctx->clist);
	}
}

/* Was the clock set since?  Then re-arm the check.
 * Linux: fs/timerfd.c timerfd_canceled() */
static bool timerfd_canceled(struct timerfd_ctx *ctx)
{
	if (!ctx->might_cancel || ctx->moffs != KTIME_MAX)
		return false;
	ctx->moffs = ktime_mono_to_real(0);
	return true;
}

/* Only an absolute wall-clock timer is cancelled by a clock set.
 * Linux: fs/timerfd.c timerfd_setup_cancel() */
static void timerfd_setup_cancel(struct timerfd_ctx *ctx, int flags)
{
	if (isrealtime(ctx->clockid) && (flags & TFD_TIMER_ABSTIME) &&
	    (flags & TFD_TIMER_CANCEL_ON_SET)) {
		if (!ctx->might_cancel) {
			ctx->might_cancel = true;
			list_add(&ctx->clist, &cancel_list);
		}
	} else {
		timerfd_remove_cancel(ctx);
	}
}

/* Linux: fs/timerfd.c timerfd_get_remaining() */
static ktime_t timerfd_get_remaining(struct timerfd_ctx *ctx)
{
	ktime_t remaining = ctx->tmr.expires - ktime_get();

	return remaining < 0 ? 0 : remaining;
}

/* A periodic timer that fired: the expiries since, and the next one
 * armed.  Linux: hrtimer_forward_now() + hrtimer_restart() */
static u64 timerfd_forward_restart(struct timerfd_ctx *ctx)
{
	u64 orun = hrtimer_forward_now(&ctx->tmr, ctx->tintv);

	hrtimer_start(&ctx->tmr, ctx->tmr.expires);
	return orun;
}

/*
 * Arms the timer with a valid ktmr, interrupts off and the old timer
 * cancelled.  it_value 0 disarms it; the interval is kept all the same
 * (timerfd_gettime hands it back).  Linux: fs/timerfd.c timerfd_setup()
 */
static int timerfd_setup(struct timerfd_ctx *ctx, int flags,
			 const struct itimerspec *ktmr)
{
	ktime_t texp = timespec64_to_ktime(ktmr->it_value);

	ctx->expired = 0;
	ctx->ticks = 0;
	ctx->tintv = timespec64_to_ktime(ktmr->it_interval);
	ctx->tmr.expires = texp;

	ctx->roffs = ktime_mono_to_real(0);
	list_del_init(&ctx->rlist);
	if (isrealtime(ctx->clockid) && (flags & TFD_TIMER_ABSTIME))
		list_add(&ctx->rlist, &realtime_list);
	if (texp != 0) {
		if (!(flags & TFD_TIMER_ABSTIME))
			texp = ktime_add_safe(ktime_get(), texp);
		else if (isrealtime(ctx->clockid))
			texp -= ctx->roffs;
		hrtimer_start(&ctx->tmr, texp);
		if (timerfd_canceled(ctx))
			return -ECANCELED;
	}
	ctx->settime_flags = flags & TFD_SETTIME_FLAGS;
	return 0;
}

/* Linux: fs/timerfd.c timerfd_release() */
static int timerfd_release(struct inode *inode, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;

	spin_lock(&cancel_lock);
	timerfd_remove_cancel(ctx);
	list_del_init(&ctx->rlist);
	spin_unlock(&cancel_lock);
	hrtimer_cancel(&ctx->tmr);
	kfree(ctx);
	return 0;
}

/* Linux: fs/timerfd.c timerfd_poll() — EPOLLIN only, never RDNORM */
static __poll_t timerfd_poll(struct file *file, poll_table *wait)
{
	struct timerfd_ctx *ctx = file->private_data;

	poll_wait(file, &ctx->wqh, wait);
	return READ_ONCE(ctx->ticks) ? EPOLLIN : 0;
}

/*
 * Linux: fs/timerfd.c timerfd_read_iter().  The count is taken before it
 * is copied out, so a bad buffer loses it (EFAULT), as on Linux.  After
 * a clock set under TFD_TIMER_CANCEL_ON_SET: ECANCELED, the count
 * dropped, the timer not moved on.
 */
static ssize_t timerfd_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	struct timerfd_ctx *ctx = file->private_data;
	ssize_t res = 0;
	u64 ticks = 0;

	if (iov_iter_count(to) < sizeof(ticks))
		return -EINVAL;
	if (file->f_flags & O_NONBLOCK)
		res = -EAGAIN;
	else
		res = wait_event_interruptible(ctx->wqh, READ_ONCE(ctx->ticks));

	spin_lock_irq(&ctx->wqh.lock);
	if (timerfd_canceled(ctx)) {
		ctx->ticks = 0;
		ctx->expired = 0;
		res = -ECANCELED;
	}
	if (ctx->ticks) {
		ticks = ctx->ticks;
		if (ctx->expired && ctx->tintv)
			ticks += timerfd_forward_restart(ctx) - 1;
		ctx->expired = 0;
		ctx->ticks = 0;
	}
	spin_unlock_irq(&ctx->wqh.lock);
	if (ticks)
		res = copy_to_iter(&ticks, sizeof(ticks), to) == sizeof(ticks) ?
		      (ssize_t)sizeof(ticks) : -EFAULT;
	return res;
}

/* Linux: fs/timerfd.c timerfd_show() — after the generic lines */
static void timerfd_show(struct seq_file *m, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;
	struct timespec value, interval;

	spin_lock_irq(&ctx->wqh.lock);
	value = ns_to_timespec64(timerfd_get_remaining(ctx));
	interval = ns_to_timespec64(ctx->tintv);
	spin_unlock_irq(&ctx->wqh.lock);

	seq_printf(m,
		   "clockid: %d\n"
		   "ticks: %llu\n"
		   "settime flags: 0%o\n"
		   "it_value: (%llu, %llu)\n"
		   "it_interval: (%llu, %llu)\n",
		   ctx->clockid, (unsigned long long)ctx->ticks,
		   ctx->settime_flags,
		   (unsigned long long)value.tv_sec,
		   (unsigned long long)value.tv_nsec,
		   (unsigned long long)interval.tv_sec,
		   (unsigned long long)interval.tv_nsec);
}

/* TFD_IOC_SET_TICKS sets the count (0 is EINVAL) and wakes readers;
 * other commands are ENOTTY.  Linux: fs/timerfd.c timerfd_ioctl() */
static long timerfd_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct timerfd_ctx *ctx = file->private_data;
	int ret = 0;
	u64 ticks;

	if (cmd != TFD_IOC_SET_TICKS)
		return -ENOTTY;
	if (copy_from_user(&ticks, (const void __user *)arg, sizeof(ticks)))
		return -EFAULT;
	if (!ticks)
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	if (!timerfd_canceled(ctx)) {
		ctx->ticks = ticks;
		wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	} else {
		ret = -ECANCELED;
	}
	spin_unlock_irq(&ctx->wqh.lock);
	return ret;
}

/* Linux: fs/timerfd.c timerfd_fops */
static const struct file_operations timerfd_fops = {
	.release = timerfd_release,
	.poll = timerfd_poll,
	.read_iter = timerfd_read,
	.llseek = noop_llseek,
	.show_fdinfo = timerfd_show,
	.ioctl = timerfd_ioctl,
};

/* fd's file, referenced, if it is a timerfd; else EBADF or EINVAL.
 * Linux: fs/timerfd.c timerfd_fget() */
static struct file *timerfd_fget(int fd, int *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (f && f->f_op != &timerfd_fops) {
		fput(f);
		f = NULL;
		*err = -EINVAL;
	}
	return f;
}

/* Linux: fs/timerfd.c SYSCALL_DEFINE2(timerfd_create) */
long sys_timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	_Static_assert(TFD_CLOEXEC == O_CLOEXEC, "TFD_CLOEXEC is O_CLOEXEC");
	_Static_assert(TFD_NONBLOCK == O_NONBLOCK, "TFD_NONBLOCK is O_NONBLOCK");

	if ((flags & ~TFD_CREATE_FLAGS) ||
	    (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME &&
	     clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME &&
	     clockid != CLOCK_BOOTTIME_ALARM))
		return -EINVAL;

	ctx = kmalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	*ctx = (struct timerfd_ctx){ .clockid = clockid };
	init_waitqueue_head(&ctx->wqh);
	hrtimer_setup(&ctx->tmr, timerfd_tmrproc);
	ctx->moffs = ktime_mono_to_real(0);
	INIT_LIST_HEAD(&ctx->rlist);

	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx,
			      O_RDWR | (flags & TFD_SHARED_FCNTL_FLAGS));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/*
 * Stops the timer, hands back what was left of it in *old, and arms it
 * anew.  Linux: fs/timerfd.c do_timerfd_settime()
 */
static int do_timerfd_settime(int ufd, int flags, const struct itimerspec *new,
			      struct itimerspec *old)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	int ret;

	if ((flags & ~TFD_SETTIME_FLAGS) || !itimerspec64_valid(new))
		return -EINVAL;
	f = timerfd_fget(ufd, &ret);
	if (!f)
		return ret;
	ctx = f->private_data;

	spin_lock(&cancel_lock);	/* timerfd_setup() moves ctx->rlist */
	timerfd_setup_cancel(ctx, flags);
	spin_lock_irq(&ctx->wqh.lock);
	hrtimer_cancel(&ctx->tmr);
	/* a periodic timer that fired: its next expiry is the time left */
	if (ctx->expired && ctx->tintv)
		hrtimer_forward_now(&ctx->tmr, ctx->tintv);
	old->it_value = ns_to_timespec64(timerfd_get_remaining(ctx));
	old->it_interval = ns_to_timespec64(ctx->tintv);
	ret = timerfd_setup(ctx, flags, new);
	spin_unlock_irq(&ctx->wqh.lock);
	spin_unlock(&cancel_lock);
	fput(f);
	return ret;
}

/* Linux: fs/timerfd.c do_timerfd_gettime() */
static int do_timerfd_gettime(int ufd, struct itimerspec *t)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	int ret;

	f = timerfd_fget(ufd, &ret);
	if (!f)
		return ret;
	ctx = f->private_data;

	spin_lock_irq(&ctx->wqh.lock);
	if (ctx->expired && ctx->tintv) {
		ctx->expired = 0;
		ctx->ticks += timerfd_forward_restart(ctx) - 1;
	}
	t->it_value = ns_to_timespec64(timerfd_get_remaining(ctx));
	t->it_interval = ns_to_timespec64(ctx->tintv);
	spin_unlock_irq(&ctx->wqh.lock);
	fput(f);
	return 0;
}

/* Linux: fs/timerfd.c SYSCALL_DEFINE4(timerfd_settime) — a bad old
 * pointer is EFAULT after the timer was set */
long sys_timerfd_settime(int ufd, int flags,
			 const struct itimerspec __user *utmr,
			 struct itimerspec __user *otmr)
{
	struct itimerspec new, old;
	int ret;

	if (copy_from_user(&new, utmr, sizeof(new)))
		return -EFAULT;
	ret = do_timerfd_settime(ufd, flags, &new, &old);
	if (ret)
		return ret;
	if (otmr && copy_to_user(otmr, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Linux: fs/timerfd.c SYSCALL_DEFINE2(timerfd_gettime) */
long sys_timerfd_gettime(int ufd, struct itimerspec __user *otmr)
{
	struct itimerspec kotmr;
	int ret = do_timerfd_gettime(ufd, &kotmr);

	if (ret)
		return ret;
	return copy_to_user(otmr, &kotmr, sizeof(kotmr)) ? -EFAULT : 0;
}
