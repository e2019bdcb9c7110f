/* The kernel log: a ring buffer plus one output sink.  Linux: kernel/printk. */
#include <pollux/printk.h>
#include <pollux/spinlock.h>

char log_buf[LOG_BUF_LEN];
u64 log_next;

static void (*log_sink)(const char *s, size_t n);

void printk_set_sink(void (*write)(const char *s, size_t n))
{
	log_sink = write;
}

int vprintk(const char *fmt, va_list ap)
{
	char line[512];
	unsigned long flags;
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	/* interrupts off: an IRQ handler's printk must not interleave */
	flags = local_irq_save();
	for (int i = 0; i < n; i++)
		log_buf[log_next++ % LOG_BUF_LEN] = line[i];
	if (log_sink)
		log_sink(line, n);
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
