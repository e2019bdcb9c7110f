/*
 * Bringing up the other CPUs (the APs), one at a time, from the boot CPU
 * (the BSP): the MADT lists them (acpi.c); each gets an idle task with a
 * kernel stack; then INIT and two start-up IPIs (the SDM's "INIT-SIPI-
 * SIPI") start it in real mode at the trampoline (boot/trampoline.asm),
 * which takes it to long mode and into start_secondary() here, where it
 * sets up what is per CPU, marks itself online and enters its idle
 * loop, which runs the tasks of its own run queue (kernel/proc/sched.c).
 * Linux: arch/x86/kernel/smpboot.c (native_smp_prepare_cpus(),
 * do_boot_cpu(), wakeup_secondary_cpu_via_init(), start_secondary()).
 */
#include <pollux/arch/apic.h>
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/kernel.h>
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/spinlock.h>
#include <pollux/string.h>
#include <pollux/time.h>

#define TRAMPOLINE_BASE 0x8000	/* in the reserved first MiB; page 8 */

extern char trampoline_start[], trampoline_end[];
extern u64 trampoline_cr3, trampoline_efer, trampoline_entry,
	trampoline_stack;
extern u64 boot_pml4[512];

static struct task_struct idle_tasks[NR_CPUS];	/* [0] unused: sched.c's */
static volatile int booting_cpu;	/* the AP start_secondary is for */
static u64 boot_cr0, boot_cr4;		/* the BSP's, which each AP takes */

/* A field of the trampoline's copy, which the AP reads. */
static u64 *trampoline_field(u64 *field)
{
	return phys_to_virt(TRAMPOLINE_BASE + ((char *)field - trampoline_start));
}

/* Busy-waits us microseconds (the TSC clock; interrupts may be off). */
static void udelay(long us)
{
	ktime_t end = ktime_get() + us * NSEC_PER_USEC;

	while (ktime_get() < end)
		__asm__ volatile("pause");
}

/* The AP's idle loop, CPU 0's (kernel/proc/sched.c cpu_idle()): it
 * runs the tasks of this CPU's run queue, pulls from a busy CPU's, and
 * halts until an interrupt when there is nothing to run.  Not inlined:
 * gdb's bt and a panic's report name it. */
static __noinline __noreturn void cpu_idle_secondary(void)
{
	cpu_idle();
}

/* The AP, in long mode on its idle stack, with the trampoline's page
 * tables.  Linux: arch/x86/kernel/smpboot.c start_secondary() */
static __noreturn void start_secondary(void)
{
	int cpu = booting_cpu;

	write_cr4(boot_cr4);		/* SMEP, SMAP, OSFXSR... as the BSP */
	write_cr0(boot_cr0);		/* x87: MP on, EM and TS off */
	__asm__ volatile("fninit");
	gdt_init(cpu);
	setup_percpu(cpu);		/* from here on, current works */
	mm_activate(NULL);		/* the kernel's page tables */
	idt_load();
	syscall_init();
	lapic_init();
	set_kernel_stack((u64)current->kstack + KSTACK_SIZE);
	lapic_timer_start();
	__atomic_or_fetch(&cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
	cpu_idle_secondary();
}

/* The AP's idle task: pid 0 as on the BSP, never on task_list (no one
 * waits for it or lists it).  Linux: kernel/sched/core.c init_idle() */
static struct task_struct *init_idle(int cpu)
{
	struct task_struct *t = &idle_tasks[cpu];

	t->kstack = alloc_thread_stack();
	if (!t->kstack)
		return NULL;
	t->signal = idle_task()->signal;
	t->state = TASK_RUNNING;
	strlcpy(t->comm, "idle", sizeof(t->comm));
	INIT_LIST_HEAD(&t->children);
	sched_init_idle(t, cpu);
	return t;
}

/* INIT, then start-up twice, as the SDM's algorithm says; the AP is
 * up once it sets its bit in cpu_online_mask.
 * Linux: smpboot.c wakeup_secondary_cpu_via_init(), do_boot_cpu() */
static bool do_boot_cpu(int cpu)
{
	u32 apic_id = madt.apic_id[cpu];
	struct task_struct *idle = init_idle(cpu);
	ktime_t deadline;

	if (!idle)
		return false;
	pcpu[cpu].apic_id = apic_id;
	pcpu[cpu].idle = pcpu[cpu].current_task = idle;
	booting_cpu = cpu;
	*trampoline_field(&trampoline_stack) = (u64)idle->kstack + KSTACK_SIZE;
	apic_send_init(apic_id);
	udelay(10000);
	for (int i = 0; i < 2 && !cpu_online(cpu); i++) {
		apic_send_sipi(apic_id, TRAMPOLINE_BASE >> 12);
		udelay(200);
	}
	deadline = ktime_get() + NSEC_PER_SEC;
	while (!cpu_online(cpu) && ktime_get() < deadline)
		__asm__ volatile("pause");
	return cpu_online(cpu);
}

/* The trampoline's page tables: the kernel half as the kernel has it,
 * and PML4 entry 0 = the direct map's, which maps virtual 0..4 GiB to
 * physical 0..4 GiB, so the trampoline's page stays where it runs.
 * Below 4 GiB: the AP loads CR3 in 32-bit mode. */
static u64 *trampoline_pgd(void)
{
	u64 *pgd = get_zeroed_page();

	if (!pgd || virt_to_phys(pgd) >> 32)
		panic("smpboot: no page below 4 GiB for the trampoline's tables");
	memcpy(pgd + 256, boot_pml4 + 256, 256 * sizeof(u64));
	pgd[0] = boot_pml4[256];
	return pgd;
}

/* Linux: smpboot.c native_smp_prepare_cpus() + kernel/smp.c smp_init() */
void smp_boot_cpus(void)
{
	u64 *pgd = trampoline_pgd();

	boot_cr0 = read_cr0();
	boot_cr4 = read_cr4();
	memcpy(phys_to_virt(TRAMPOLINE_BASE), trampoline_start,
	       trampoline_end - trampoline_start);
	*trampoline_field(&trampoline_cr3) = virt_to_phys(pgd);
	*trampoline_field(&trampoline_efer) = rdmsr(MSR_EFER) & ~EFER_LMA;
	*trampoline_field(&trampoline_entry) = (u64)start_secondary;
	nr_cpu_ids = madt.ncpus;
	printk("smp: Bringing up secondary CPUs ...\n");
	for (int cpu = 1; cpu < nr_cpu_ids; cpu++)
		if (!do_boot_cpu(cpu))
			printk("smp: CPU%d (APIC id %u) did not come up\n", cpu,
			       madt.apic_id[cpu]);
	free_page(pgd);
	printk("smp: Brought up 1 node, %d CPU%s\n", num_online_cpus(),
	       num_online_cpus() > 1 ? "s" : "");
}
