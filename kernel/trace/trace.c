/*
 * The trace= switch and the stamp of each trace line (include/pollux/trace.h).
 * Linux: kernel/trace/trace.c (its ring buffer and tracefs left out: the
 * lines go to the kernel log, which klog=debugcon sends to a file).
 */
#include <pollux/trace.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/time.h>
#include <pollux/irq.h>
#include <pollux/percpu.h>

unsigned int trace_mask;

static const struct {
	const char *name;
	unsigned int bit;
} trace_words[] = {
	{ "sched", TRACE_SCHED },
	{ "epoll", TRACE_EPOLL },
};

/* Linux: kernel/trace/trace.c trace_vprintk() (one printk, interrupts off
 * inside it: lines from an interrupt handler never interleave) */
void trace_event(const char *class, const char *fmt, ...)
{
	char text[400];
	ktime_t now = ktime_get();
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* The CPU is read once: with preemption on, the task may move to
	 * another CPU after this line, never in the middle of it. */
	printk("trace: %llu.%09llu cpu%d%s %s/%d %s: %s\n",
	       (unsigned long long)(now / NSEC_PER_SEC),
	       (unsigned long long)(now % NSEC_PER_SEC), smp_processor_id(),
	       in_interrupt() ? "/irq" : "", current->comm, current->pid,
	       class, text);
}

/* "sched,epoll": each comma-separated word turns one class on. */
void trace_init(const char *words)
{
	const char *w = words;

	while (w && *w) {
		const char *comma = strchr(w, ',');
		size_t len = comma ? (size_t)(comma - w) : strlen(w);
		size_t i = 0;

		while (i < ARRAY_SIZE(trace_words) &&
		       (strlen(trace_words[i].name) != len ||
			strncmp(w, trace_words[i].name, len)))
			i++;
		if (i < ARRAY_SIZE(trace_words))
			trace_mask |= trace_words[i].bit;
		else
			printk("trace: an unknown word in \"%s\" (sched, epoll)\n",
			       words);
		w += len + (comma != NULL);
	}
}
