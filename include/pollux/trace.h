/*
 * Tracing: "trace=sched,epoll" on the kernel command line (either word
 * alone too) writes one kernel log line per event, stamped with the
 * monotonic clock (ktime_get(), ns), the CPU and the task it ran in:
 *
 *   trace: 0.021467879 cpu0 gdb-nested/1 syscalls: sys_enter NR 232 epoll_wait (8, ...)
 *   trace: 0.041736661 cpu0/irq idle/0 sched: sched_wakeup comm=gdb-nested pid=3
 *
 * "cpuN" is the CPU that ran the event (smp_processor_id()), "cpu0/irq"
 * an event in an interrupt handler, where the task is the one
 * interrupted.  "sched" is context switches, wake-ups (the waker
 * is the line's task, or irq) and system calls; "epoll" eventpoll's steps.
 * tools/trace2perfetto turns the lines into a timeline for Perfetto
 * (docs/debugging.md).  A poor man's ftrace: the event names are those
 * of Linux's trace events (sched_switch, sched_wakeup, sys_enter, sys_exit).
 * Linux: kernel/trace/trace.c, include/trace/events/sched.h.
 */
#ifndef POLLUX_TRACE_H
#define POLLUX_TRACE_H

#include <pollux/types.h>

#define TRACE_SCHED	0x1	/* context switches, wake-ups, system calls */
#define TRACE_EPOLL	0x2	/* eventpoll's steps (kernel/fs/eventpoll.c) */

extern unsigned int trace_mask;

static inline bool trace_on(unsigned int what)
{
	return trace_mask & what;
}

/* One line: the stamp, then "class: " and the formatted event. */
void trace_event(const char *class, const char *fmt, ...) __printf(2, 3);

#define trace(what, class, fmt, ...)                                  \
	do {                                                          \
		if (trace_on(what))                                   \
			trace_event(class, fmt, ##__VA_ARGS__);       \
	} while (0)

/* Reads the value of "trace=" (NULL: no tracing).  Called once from kmain,
 * once the clock runs. */
void trace_init(const char *words);

#endif
