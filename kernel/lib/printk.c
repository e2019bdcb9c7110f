/* The kernel log: a ring buffer plus one output sink, read by syslog(2)
 * (dmesg).  Linux: kernel/printk. */
#include <pollux/printk.h>
#include <pollux/spinlock.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10

char log_buf[LOG_BUF_LEN];
u64 log_next;
int oops_in_progress;

static void (*log_sink)(const char *s, size_t n);

void printk_set_sink(void (*write)(const char *s, size_t n))
{
	log_sink = write;
}

/*
 * One line at a time from every CPU: without it two CPUs' lines mix byte
 * by byte (trace=sched,epoll at -smp 4 did).  A plain flag, not a
 * spinlock_t: the lock checker and the spinlock's lockup report call
 * printk.  A CPU that waits too long for it (its holder stopped by a
 * panic's NMI, or this CPU's own printk interrupted by an NMI's) writes
 * anyway, as Linux's panic path busts its console locks.
 * Linux: kernel/printk/printk.c logbuf_lock, console_lock
 */
static int log_lock;

static bool log_lock_take(void)
{
	for (long spins = 0; spins < 100000000; spins++) {
		if (!__atomic_exchange_n(&log_lock, 1, __ATOMIC_ACQUIRE))
			return true;
		cpu_relax();
	}
	return false;
}

int vprintk(const char *fmt, va_list ap)
{
	char line[512];
	unsigned long flags;
	bool locked;
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	/* interrupts off: an IRQ handler's printk must not interleave */
	flags = local_irq_save();
	locked = log_lock_take();
	for (int i = 0; i < n; i++)
		log_buf[log_next++ % LOG_BUF_LEN] = line[i];
	if (log_sink)
		log_sink(line, n);
	if (locked)
		__atomic_store_n(&log_lock, 0, __ATOMIC_RELEASE);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Linux: kernel/printk/printk.c do_syslog() — READ_ALL gives the last
 * len bytes logged (plain lines: Pollux's have no "<level>" or time);
 * the actions that read destructively, clear or set the console level
 * are not built (EINVAL) */
long sys_syslog(int type, char __user *buf, int len)
{
	u64 start;
	size_t n, first;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	case SYSLOG_ACTION_READ_ALL:
		if (!buf || len < 0)
			return -EINVAL;
		if (!access_ok(buf, len))
			return -EFAULT;
		n = MIN((u64)len, MIN(log_next, (u64)LOG_BUF_LEN));
		start = log_next - n;
		first = MIN(n, LOG_BUF_LEN - start % LOG_BUF_LEN);
		if (copy_to_user(buf, log_buf + start % LOG_BUF_LEN, first) ||
		    copy_to_user(buf + first, log_buf, n - first))
			return -EFAULT;
		return n;
	default:
		return -EINVAL;
	}
}
