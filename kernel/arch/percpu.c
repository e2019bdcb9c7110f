/*
 * The per-CPU areas (include/pollux/percpu.h): one struct pcpu per CPU,
 * statically, and the GS base that points at this CPU's.
 * Linux: arch/x86/kernel/setup_percpu.c setup_per_cpu_areas(),
 * arch/x86/kernel/cpu/common.c load_percpu_segment().
 */
#include <pollux/percpu.h>
#include <pollux/arch/cpu.h>

extern struct task_struct idle_task_struct;	/* kernel/proc/sched.c */

/* The boot CPU's idle task is current from kmain's first line. */
struct pcpu pcpu[NR_CPUS] = {
	[0] = { .current_task = &idle_task_struct, .idle = &idle_task_struct },
};
volatile unsigned long cpu_online_mask = 1;	/* the boot CPU */
int nr_cpu_ids = 1;

/* In the kernel, GS base = this CPU's area; the kernel GS base MSR holds
 * the user's GS base (0 until a task sets one), which swapgs exchanges
 * on each way into and out of user mode (entry.asm). */
void setup_percpu(int cpu)
{
	struct pcpu *p = &pcpu[cpu];

	p->self = p;
	p->cpu_number = cpu;
	wrmsr(MSR_GS_BASE, (u64)p);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
