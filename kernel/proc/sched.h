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
	int cpu;
	/* Linux's schedstats (/proc/schedstat), each counted by this CPU
	 * alone, interrupts off.  Linux: struct rq's, struct sched_info */
	unsigned int yld_count;		/* sched_yield() */
	unsigned int sched_count;	/* __schedule() */
	unsigned int sched_goidle;	/* ... that chose the idle task */
	unsigned int ttwu_count;	/* wake-ups done by this CPU */
	unsigned int ttwu_local;	/* ... of a task then queued here */
	u64 rq_cpu_time;		/* ns tasks ran here (Linux's sched_info) */
	unsigned long pcount;		/* times a task got this CPU */
	/* Pollux's own (/proc/pollux/sched_stats) */
	unsigned long nr_migrations;	/* tasks queued here off another CPU */
	unsigned long nr_balance_pulls;	/* ... of which by load_balance() */
	unsigned long nr_resched_ipis;	/* reschedule IPIs this CPU sent */
	unsigned long nr_idle_halts;	/* hlt in the idle loop */
};

extern struct rq runqueues[NR_CPUS];

static inline struct rq *cpu_rq(int cpu) { return &runqueues[cpu]; }

#endif
