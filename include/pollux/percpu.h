/*
 * Per-CPU data: one struct pcpu per CPU, found through the GS base.  In
 * the kernel, MSR_GS_BASE holds this CPU's struct pcpu (entry.asm swaps
 * it in with swapgs on every entry from user mode, and the user's GS
 * base out to MSR_KERNEL_GS_BASE), so "this CPU's field" is one
 * %gs-relative instruction.  Linux: arch/x86/include/asm/percpu.h,
 * this_cpu_read(), and the DECLARE_PER_CPU variables of
 * arch/x86/include/asm/current.h and smp.h.
 *
 * When is reading it safe?  Tasks move between CPUs (kernel/proc/
 * sched.c), so a read is "this CPU's" only while preemption or
 * interrupts are off, as Linux's this_cpu_read() rule says; `current`
 * is always safe, since it names the task, whichever CPU runs it.
 */
#ifndef POLLUX_PERCPU_H
#define POLLUX_PERCPU_H

#include <pollux/types.h>

#define NR_CPUS 16

/* The offsets entry.asm uses (gs:PCPU_KERNEL_RSP...): keep in step. */
#define PCPU_KERNEL_RSP 0
#define PCPU_USER_RSP 8

struct task_struct;
struct trapframe;
struct mm_struct;

struct pcpu {
	u64 kernel_rsp;			/* gs:0: syscall_entry's stack (TSS.rsp0 too) */
	u64 user_rsp;			/* gs:8: the user rsp while syscall_entry saves it */
	struct pcpu *self;		/* this struct's own address: this_cpu_ptr() */
	struct task_struct *current_task;	/* Linux: current_task */
	int cpu_number;			/* Linux: cpu_number, 0 = the boot CPU */
	u32 apic_id;			/* local APIC id, from the MADT */
	struct task_struct *idle;	/* this CPU's idle task */
	u64 ticks;			/* local APIC timer interrupts taken */
	u64 idle_ticks;			/* of which with the idle task running */
	unsigned int irq_resched_count;	/* reschedule IPIs taken (Linux: irq_stat) */
	unsigned long spin_waits;	/* spinlocks found taken (spinlock.c) */
	unsigned long nr_preemptions;	/* kernel-mode preemptions (sched.c) */
	struct trapframe *irq_regs;	/* get_irq_regs(): the running interrupt's */
	const struct trapframe *stop_regs;	/* where a panic's stop caught it */
	/* the address space whose page tables CR3 holds (NULL: the
	 * kernel's); this CPU's bit is set in its mm_cpumask.  Linux:
	 * cpu_tlbstate.loaded_mm */
	struct mm_struct *loaded_mm;
} __aligned(64);

extern struct pcpu pcpu[NR_CPUS];

/* this_cpu_read(field): one mov from %gs:offsetof(struct pcpu, field),
 * done each time it is written (a field an interrupt may change). */
#define this_cpu_read(field) ({						\
	__typeof__(((struct pcpu *)0)->field) __v;			\
	__asm__ volatile("mov %%gs:%c1, %0" : "=r"(__v)			\
		: "i"(__builtin_offsetof(struct pcpu, field)));		\
	__v; })

/* The same load, not volatile: the compiler may reuse a value it read,
 * which is right for what cannot change under the running task
 * (current_task, cpu_number).  Linux: this_cpu_read_stable() */
#define this_cpu_read_stable(field) ({					\
	__typeof__(((struct pcpu *)0)->field) __v;			\
	__asm__("mov %%gs:%c1, %0" : "=r"(__v)				\
		: "i"(__builtin_offsetof(struct pcpu, field)));		\
	__v; })

/* this_cpu_write(field, v): one mov to %gs:offset. */
#define this_cpu_write(field, v) do {					\
	__typeof__(((struct pcpu *)0)->field) __v = (v);		\
	__asm__ volatile("mov %0, %%gs:%c1" : : "r"(__v),		\
		"i"(__builtin_offsetof(struct pcpu, field)) : "memory"); \
} while (0)

/* this_cpu_add(field, n): one add to %gs:offset, which an interrupt
 * cannot split.  Linux: this_cpu_add() */
#define this_cpu_add(field, n) do {					\
	__typeof__(((struct pcpu *)0)->field) __n = (n);		\
	__asm__ volatile("add %0, %%gs:%c1" : : "r"(__n),		\
		"i"(__builtin_offsetof(struct pcpu, field)) : "memory"); \
} while (0)

static inline struct pcpu *this_cpu_ptr(void)
{
	return this_cpu_read_stable(self);
}

/* Linux: smp_processor_id() */
static inline int smp_processor_id(void)
{
	return this_cpu_read_stable(cpu_number);
}

/* Points this CPU's GS base at pcpu[cpu] (kernel/arch/percpu.c). */
void setup_percpu(int cpu);

/* CPUs brought up and not stopped, a bit each.  Linux: cpu_online_mask */
extern volatile unsigned long cpu_online_mask;
extern int nr_cpu_ids;		/* CPUs the MADT lists (up to NR_CPUS) */
static inline bool cpu_online(int cpu)
{
	return cpu_online_mask & (1UL << cpu);
}
static inline int num_online_cpus(void)
{
	unsigned long mask = cpu_online_mask;
	int n = 0;

	for (; mask; mask &= mask - 1)	/* clears the lowest bit set */
		n++;
	return n;
}
#define for_each_online_cpu(cpu) \
	for (int cpu = 0; cpu < nr_cpu_ids; cpu++) if (cpu_online(cpu))

#endif
