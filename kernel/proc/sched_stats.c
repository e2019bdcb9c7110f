/*
 * The scheduler's counters: /proc/schedstat in Linux's format (version
 * 17's cpu lines; Pollux has no scheduling domains, hence no domain
 * lines, and keeps no run_delay: 0), and Pollux's own
 * /proc/pollux/sched_stats: per CPU, the tasks placed on it from
 * another CPU (with schedstats=enable) and pulled by its balancing, the
 * reschedule IPIs it sent and took, and the spinlocks it found taken (docs/smp.md, docs/benchmarks.md: what a
 * ping-pong pair split over two CPUs costs).  Read without the run queues' locks: each
 * counter only grows.  Linux: kernel/sched/stats.c show_schedstat()
 */
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/time.h>
#include "sched.h"

int show_schedstat(struct seq_file *m)
{
	seq_printf(m, "version 17\ntimestamp %lu\n", (unsigned long)jiffies);
	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		seq_printf(m, "cpu%d %u 0 %u %u %u %u %lu 0 %lu\n", cpu,
			   READ_ONCE(rq->yld_count), READ_ONCE(rq->sched_count),
			   READ_ONCE(rq->sched_goidle), READ_ONCE(rq->ttwu_count),
			   READ_ONCE(rq->ttwu_local),
			   (unsigned long)READ_ONCE(rq->rq_cpu_time),
			   READ_ONCE(rq->pcount));
	}
	return 0;
}

int sched_stats_show(struct seq_file *m)
{
	seq_printf(m, "cpu migrations balance_pulls resched_ipis_sent "
		   "resched_ipis_taken spin_waits\n");
	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		seq_printf(m, "%d %lu %lu %lu %u %lu\n", cpu,
			   READ_ONCE(rq->nr_migrations),
			   READ_ONCE(rq->nr_balance_pulls),
			   READ_ONCE(rq->nr_resched_ipis),
			   READ_ONCE(pcpu[cpu].irq_resched_count),
			   READ_ONCE(pcpu[cpu].spin_waits));
	}
	return 0;
}
