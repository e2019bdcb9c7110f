/*
 * The local APIC: every CPU has one, at the same physical address (each
 * CPU sees its own there).  It takes the I/O APIC's interrupts and the
 * other CPUs' IPIs, wants an EOI at the end of each, sends IPIs, and has
 * a timer: periodic at HZ, it is each CPU's tick.  xAPIC mode, through
 * memory-mapped registers (uncached, ioremap.c).
 * Linux: arch/x86/kernel/apic/apic.c, ipi.c.  Intel SDM vol. 3, ch. 11.
 */
#include <pollux/arch/apic.h>
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/drivers.h>
#include <pollux/kernel.h>
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <pollux/spinlock.h>
#include <pollux/timer.h>

#define APIC_ID		0x20
#define APIC_TASKPRI	0x80
#define APIC_EOI	0xb0
#define APIC_SPIV	0xf0	/* spurious vector; bit 8 enables the APIC */
#define APIC_ESR	0x280
#define APIC_ICR	0x300	/* interrupt command, low half: writing sends */
#define APIC_ICR2	0x310	/* high half: the destination's APIC id */
#define APIC_LVTT	0x320	/* timer */
#define APIC_LVT0	0x350	/* LINT0 pin */
#define APIC_LVT1	0x360	/* LINT1 pin */
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */

#define APIC_SPIV_APIC_ENABLED	(1 << 8)
#define APIC_LVT_MASKED		(1 << 16)
#define APIC_LVT_TIMER_PERIODIC	(1 << 17)
#define APIC_TDR_DIV_16		0x3
#define APIC_DM_NMI		(4 << 8)
#define APIC_DM_INIT		(5 << 8)
#define APIC_DM_STARTUP		(6 << 8)
#define APIC_ICR_BUSY		(1 << 12)	/* delivery status: pending */
#define APIC_INT_ASSERT		(1 << 14)
#define APIC_DEST_ALLBUT	(3 << 18)	/* shorthand: all but self */

static volatile u32 *lapic;		/* the registers, uncached */
static u32 lapic_timer_period;		/* timer counts per tick */

static u32 apic_read(u32 reg)
{
	return lapic[reg / 4];
}

static void apic_write(u32 reg, u32 v)
{
	lapic[reg / 4] = v;
}

u32 read_apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

/* Linux: apic_eoi() */
void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* This CPU's local APIC on: all interrupt priorities accepted, the
 * spurious vector set, LINT0/LINT1 masked (the 8259s are silent and no
 * NMI comes through a pin), errors to ERROR_APIC_VECTOR.
 * Linux: apic.c setup_local_APIC() */
void lapic_init(void)
{
	if (!lapic)
		lapic = ioremap(madt.lapic_addr, PAGE_SIZE);
	if (!lapic)
		panic("local APIC: no page table to map it");
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVT0, APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);	/* the ESR latches on a write */
	apic_write(APIC_ESR, 0);
	this_cpu_write(apic_id, read_apic_id());
}

/* A down-counter read as one that counts up, for pit_measure(). */
static u64 lapic_timer_elapsed(void)
{
	return 0xffffffffu - apic_read(APIC_TMCCT);
}

/*
 * How many timer counts make a tick: counted while the PIT counts 10 ms
 * (pit_measure), then scaled to LATCH PIT cycles, a tick's length in
 * the PIT's own unit (TICK_NSEC).  Rounded so that the tick comes a
 * hair late, never early: the clock (timekeeping.c) is pulled up to
 * jiffies * TICK_NSEC at each tick, and a tick shorter than TICK_NSEC
 * would pull it ahead of real time; a longer one leaves it to the TSC.
 * Linux: apic.c calibrate_APIC_clock() (which counts PIT interrupts)
 */
void lapic_timer_calibrate(void)
{
	u64 counts;

	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0xffffffffu);	/* one-shot, counting down */
	counts = pit_measure(lapic_timer_elapsed);
	apic_write(APIC_TMICT, 0);
	lapic_timer_period = counts * LATCH / PIT_CAL_LATCH;
	lapic_timer_period += lapic_timer_period / 1024;
	printk("APIC: timer %u counts per tick (bus/16: %lu kHz)\n",
	       lapic_timer_period, counts / 10);
}

/* This CPU's tick: periodic, LOCAL_TIMER_VECTOR at HZ.
 * Linux: apic.c __setup_APIC_LVTT() */
void lapic_timer_start(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, lapic_timer_period);
}

/* Writes the ICR (the high half first: writing the low half sends) and
 * waits until the APIC has taken the IPI.  Interrupts off around it: an
 * interrupt handler's IPI between the two writes would change the
 * destination.  Linux: ipi.c __default_send_IPI_dest_field() */
static void apic_icr_write(u32 low, u32 apic_id)
{
	unsigned long flags = local_irq_save();

	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		__asm__ volatile("pause");
	apic_write(APIC_ICR2, apic_id << 24);
	apic_write(APIC_ICR, low);
	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		__asm__ volatile("pause");
	local_irq_restore(flags);
}

void apic_send_ipi(int cpu, int vector)
{
	apic_icr_write(vector, pcpu[cpu].apic_id);
}

void apic_send_ipi_allbutself(int vector)
{
	apic_icr_write(APIC_DEST_ALLBUT | vector, 0);
}

void apic_send_nmi_allbutself(void)
{
	apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_NMI, 0);
}

/* INIT (assert): the target CPU resets and waits for a start-up IPI. */
void apic_send_init(u32 apic_id)
{
	apic_icr_write(APIC_DM_INIT | APIC_INT_ASSERT, apic_id);
}

/* Start-up: the target starts in real mode at page * 4096 (CS = page *
 * 256, IP = 0). */
void apic_send_sipi(u32 apic_id, u8 page)
{
	apic_icr_write(APIC_DM_STARTUP | page, apic_id);
}

/* Linux: apic.c sysvec_error_interrupt(): read (after a write) and log */
static void apic_error_interrupt(void)
{
	u32 esr;

	apic_write(APIC_ESR, 0);
	esr = apic_read(APIC_ESR);
	printk("APIC error on CPU%d: %x\n", smp_processor_id(), esr);
}

/* Linux: the sysvec_* handlers of apic.c and smp.c, with
 * irq_enter()/irq_exit() as the preempt count's hardirq bits. */
void handle_apic_interrupt(struct trapframe *tf)
{
	if (tf->vector == SPURIOUS_APIC_VECTOR)
		return;		/* no EOI for a spurious one */
	preempt_count_add(HARDIRQ_OFFSET);
	switch (tf->vector) {
	case LOCAL_TIMER_VECTOR:
		tick_handle_periodic();
		break;
	case RESCHEDULE_VECTOR:
		smp_reschedule_interrupt();
		break;
	case CALL_FUNCTION_VECTOR:
		smp_call_function_interrupt();
		break;
	case REBOOT_VECTOR:
		smp_stop_interrupt(tf);
		break;
	case ERROR_APIC_VECTOR:
		apic_error_interrupt();
		break;
	}
	apic_eoi();
	preempt_count_sub(HARDIRQ_OFFSET);
}
