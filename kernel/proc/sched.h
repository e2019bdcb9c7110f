/*
 * The scheduler's own: the run queue, shared by sched.c and the
 * statistics' files (sched_stats.c).  Linux: kernel/sched/sched.h
 */
#ifndef KERNEL_PROC_SCHED_H
#define KERNEL_PROC_SCHED_H

#include <pollux/sched.h>

/*
 * A CPU's run queue, beside its struct pcpu.  Linux: kernel/sched/sched.h
 * struct rq (nr_running there counts curr; here nr_queued does not).
 */
struct rq {
	spinlock_t lock;		/* Linux: rq->__lock */
	struct list_head queue;		/* runnable tasks but curr, FIFO */
	unsigned int nr_queued;		/* tasks on queue */
	struct task_struct *curr;	/* the task this CPU runs */
	struct task_struct *idle;	/* this CPU's idle task */
	/* A task that exited with no one to wait for it (TASK_DEAD,
	 * autoreaped) runs on its own kernel stack until its last
	 * switch_to: this CPU's next schedule() releases it.  Linux:
	 * finish_task_switch() (put_task_stack()).  This CPU's alone. */
	struct task_struct *dead_task;
	bool balance_due;		/* the tick asks for a periodic pull */
	/* periodic pulls in a row that found only hot tasks.  Linux:
	 * sd->nr_balance_failed */
	unsigned int nr_balance_failed;
	int cpu;
	/* Linux's schedstats (/proc/schedstat), counted under rq->lock or
	 * by this CPU alone with interrupts off, when schedstats are on
	 * (schedstat_inc).  Linux: struct rq's, struct sched_info */
	unsigned int yld_count;		/* sched_yield() */
	unsigned int sched_count;	/* __schedule() */
	unsigned int sched_goidle;	/* ... that chose the idle task */
	unsigned int ttwu_count;	/* wake-ups done by this CPU */
	unsigned int ttwu_local;	/* ... of a task then queued here */
	u64 rq_cpu_time;		/* ns tasks ran here (Linux's sched_info) */
	unsigned long pcount;		/* times a task got this CPU */
	/* Pollux's own (/proc/pollux/sched_stats): migrations with the
	 * schedstats, the rest always (none is on the path of a wake-up
	 * or a switch on one CPU) */
	unsigned long nr_migrations;	/* tasks queued here off another CPU */
	unsigned long nr_balance_pulls;	/* tasks load_balance() pulled here */
	unsigned long nr_resched_ipis;	/* reschedule IPIs this CPU sent */
};

extern struct rq runqueues[NR_CPUS];

/*
 * Linux's schedstats cost a few instructions per wake-up and switch, so
 * they are off unless asked for (boot option schedstats=enable, or
 * /proc/sys/kernel/sched_schedstats): make bench's -icount figures count
 * without them.  Linux: kernel/sched/stats.h schedstat_enabled() (a
 * static key there), schedstat_inc(), schedstat_add()
 */
extern long sysctl_sched_schedstats;
#define schedstat_enabled() (READ_ONCE(sysctl_sched_schedstats) != 0)
#define schedstat_inc(var) do { if (schedstat_enabled()) (var)++; } while (0)
#define schedstat_add(var, n) \
	do { if (schedstat_enabled()) (var) += (n); } while (0)

static inline struct rq *cpu_rq(int cpu) { return &runqueues[cpu]; }

#endif
