/*
 * The preempt count: while it is not zero the running task may not be
 * preempted (CONFIG_PREEMPT's rule), and it may not sleep.  Its bytes, as
 * Linux's include/linux/preempt.h lays them out:
 *   bits  0..7   preempt_disable() nesting (spin_lock() counts here),
 *   bits 16..19  hardirq nesting (irq_enter() in handle_irq()).
 * It lives in the task (struct thread_info at the start of task_struct),
 * as in Linux before 4.x moved it into a per-CPU variable: a task that is
 * switched out keeps its own count.  Read it only for current.
 * Linux: include/linux/preempt.h, kernel/sched/core.c preempt_schedule()
 */
#ifndef POLLUX_PREEMPT_H
#define POLLUX_PREEMPT_H

#include <pollux/types.h>
#include <pollux/irqflags.h>
#include <pollux/percpu.h>

#define PREEMPT_OFFSET	1
#define PREEMPT_MASK	0x000000ff
#define HARDIRQ_OFFSET	(1 << 16)
#define HARDIRQ_MASK	0x000f0000

/* The first member of task_struct.  Linux: CONFIG_THREAD_INFO_IN_TASK */
struct thread_info {
	int preempt_count;
	unsigned long flags;	/* TIF_*: set by other CPUs, atomically */
};

/* thread_info->flags.  Linux: arch/x86/include/asm/thread_info.h */
#define TIF_NEED_RESCHED 3	/* switch out at the next chance */
#define _TIF_NEED_RESCHED (1UL << TIF_NEED_RESCHED)

/* current's thread_info: the task this CPU runs (percpu.h) */
static inline struct thread_info *current_thread_info(void)
{
	return (struct thread_info *)this_cpu_read_stable(current_task);
}

/* current's TIF_NEED_RESCHED: the timer's end of its slice, or a
 * wake-up on its CPU (resched_curr(), maybe from another CPU).
 * Linux: include/linux/sched.h need_resched(), tif_need_resched() */
static inline bool tif_need_resched(void)
{
	return READ_ONCE(current_thread_info()->flags) & _TIF_NEED_RESCHED;
}

static inline int preempt_count(void)
{
	return READ_ONCE(current_thread_info()->preempt_count);
}

static inline void preempt_count_add(int val)
{
	current_thread_info()->preempt_count += val;
	__asm__ volatile("" : : : "memory");
}

static inline void preempt_count_sub(int val)
{
	__asm__ volatile("" : : : "memory");
	current_thread_info()->preempt_count -= val;
}

/* In a hardware interrupt handler.  Linux: in_hardirq(), in_interrupt()
 * (Pollux has no softirqs: the two are the same) */
#define in_hardirq()	(preempt_count() & HARDIRQ_MASK)
#define in_interrupt()	in_hardirq()
/* Preemption off, or in an interrupt: no sleeping.  Linux: in_atomic() */
#define in_atomic()	(preempt_count() != 0)

/* Linux: kernel/sched/core.c preempt_schedule() */
void preempt_schedule(void);

static inline void preempt_disable(void)
{
	preempt_count_add(PREEMPT_OFFSET);
}

/* Ends a section; the last one out of a section that a wake-up or the
 * timer marked for rescheduling schedules now (if preempt=full). */
static inline void preempt_enable(void)
{
	preempt_count_sub(PREEMPT_OFFSET);
	if (__builtin_expect(tif_need_resched() && !preempt_count(), 0))
		preempt_schedule();
}

static inline void preempt_enable_no_resched(void)
{
	preempt_count_sub(PREEMPT_OFFSET);
}

/* The boot option preempt=full|none (Linux's, for CONFIG_PREEMPT_DYNAMIC):
 * whether a task in kernel mode may be preempted.  kernel/sched/ */
extern bool preempt_full;

#endif
