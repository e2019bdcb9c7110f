/*
 * What CPUs ask of one another, by IPI: reschedule, run a function
 * (TLB shootdown will use it), and stop, which a panic sends (then an
 * NMI to a CPU that did not stop: one spinning with interrupts off
 * stops too).  Each stopped
 * CPU leaves its registers where it was caught, and the panicking CPU
 * prints them all: one report, not four interleaved.
 * Linux: arch/x86/kernel/smp.c, kernel/smp.c, arch/x86/kernel/nmi.c.
 */
#include <pollux/arch/apic.h>
#include <pollux/arch/arch.h>
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include <pollux/profile.h>
#include <pollux/sched.h>

/* smp_call_function()'s request: one at a time (call_lock), from a
 * caller with interrupts on (two CPUs each waiting with interrupts off
 * for the other to answer would wait for ever). */
static int call_lock;
static void (*volatile call_func)(void *);
static void *volatile call_info;
static int call_pending;		/* CPUs yet to run it */

static volatile bool stopping;
static int cpus_stopped;

/* Linux: kernel/smp.c smp_call_function() (wait = true) */
void smp_call_function(void (*fn)(void *), void *info)
{
	int others = num_online_cpus() - 1;

	if (!others)
		return;
	while (__atomic_exchange_n(&call_lock, 1, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
	call_func = fn;
	call_info = info;
	__atomic_store_n(&call_pending, others, __ATOMIC_RELEASE);
	apic_send_ipi_allbutself(CALL_FUNCTION_VECTOR);
	while (__atomic_load_n(&call_pending, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
	__atomic_store_n(&call_lock, 0, __ATOMIC_RELEASE);
}

/* Linux: kernel/smp.c generic_smp_call_function_interrupt() */
void smp_call_function_interrupt(void)
{
	call_func(call_info);
	__atomic_fetch_sub(&call_pending, 1, __ATOMIC_RELEASE);
}

/* Linux: arch/x86/kernel/smp.c native_smp_send_reschedule() */
void smp_send_reschedule(int cpu)
{
	apic_send_ipi(cpu, RESCHEDULE_VECTOR);
}

/* The sender set the TIF_NEED_RESCHED of the task running here
 * (resched_curr()): the interrupt's return acts on it, and it ends an
 * idle hlt.  Linux: arch/x86/kernel/smp.c sysvec_reschedule_ipi() */
void smp_reschedule_interrupt(void)
{
	this_cpu_add(irq_resched_count, 1);
}

/* Caught: leave the registers for the panicking CPU, then halt for
 * good.  Linux: arch/x86/kernel/smp.c smp_stop_nmi_callback() */
__noreturn void smp_stop_interrupt(struct trapframe *tf)
{
	if (!this_cpu_read(stop_regs)) {	/* not the NMI after the IPI */
		this_cpu_write(stop_regs, tf);
		__atomic_fetch_add(&cpus_stopped, 1, __ATOMIC_RELEASE);
	}
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* An NMI: the stop, when a panic sent one; the profiler's sample (the
 * HPET's, kernel/profile.c); else only a line in the log.
 * Linux: arch/x86/kernel/nmi.c exc_nmi() */
void do_nmi(struct trapframe *tf)
{
	if (stopping)
		smp_stop_interrupt(tf);
	if (profile_nmi(tf))
		return;
	printk("NMI received on CPU%d, nothing to do\n", smp_processor_id());
}

/* Spins up to spins times for others CPUs to have stopped. */
static bool wait_for_stop(int others, long spins)
{
	while (__atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE) < others)
		if (spins-- == 0)
			return false;
		else
			__asm__ volatile("pause");
	return true;
}

/* The stop IPI, then, to a CPU not stopped soon after (interrupts
 * off), the NMI.  Linux: arch/x86/kernel/smp.c native_stop_other_cpus() */
void smp_send_stop(void)
{
	int others = num_online_cpus() - 1;

	if (!others)
		return;
	stopping = true;
	apic_send_ipi_allbutself(REBOOT_VECTOR);
	if (wait_for_stop(others, 1000000L))
		return;
	apic_send_nmi_allbutself();
	wait_for_stop(others, 100000000L);
}

/* Each stopped CPU: its task, where it was, how it got there. */
void smp_dump_other_cpus(void)
{
	int self = smp_processor_id();

	for_each_online_cpu(cpu) {
		const struct trapframe *tf = pcpu[cpu].stop_regs;

		if (cpu == self)
			continue;
		if (!tf) {
			printk("CPU%d: did not stop\n", cpu);
			continue;
		}
		printk("CPU%d: stopped, PID: %d Comm: %s\n", cpu,
		       pcpu[cpu].current_task->pid, pcpu[cpu].current_task->comm);
		dump_trapframe(tf);
		dump_backtrace(tf->rbp, tf->rip);
	}
}
