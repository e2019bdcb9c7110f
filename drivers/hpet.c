/*
 * The HPET (High Precision Event Timer), for one job: the profiler's
 * sampling clock (kernel/profile.c, profile_period=).  Timer 0 runs
 * periodic and delivers its interrupt as a message to the local APIC
 * ("FSB delivery", an MSI) with delivery mode NMI, so a sample is taken
 * even where interrupts are off, which the timer tick cannot do.  QEMU's
 * HPET counts the virtual clock: under -icount the NMIs fall on the same
 * instructions at every run.  QEMU offers FSB delivery only with
 * -global hpet.msi=true (tools/profile passes it).
 * Spec: IA-PC HPET 1.0a, 2.3.  Linux: arch/x86/kernel/hpet.c (its MSI
 * setup, and the NMI watchdog of arch/x86/kernel/watchdog_hld.c).
 */
#include <pollux/drivers.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

#define HPET_ID			0x000	/* bits 63:32: femtoseconds per tick */
#define HPET_CFG		0x010
#define  HPET_CFG_ENABLE	0x1	/* the main counter runs */
#define HPET_COUNTER		0x0f0
#define HPET_T0_CFG		0x100
#define  HPET_TN_ENABLE		0x0004
#define  HPET_TN_32BIT		0x0100	/* a 32-bit comparator: one write */
#define  HPET_TN_FSB		0x4000	/* deliver as a message, not on a pin */
#define  HPET_TN_FSB_CAP	0x8000
#define HPET_T0_CMP		0x108
#define HPET_T0_ROUTE		0x110	/* the message: data, then address */

#define MSI_ADDR_APIC0		0xfee00000	/* the local APIC of CPU 0 */
#define MSI_DATA_NMI		(4 << 8)	/* delivery mode NMI */

static u64 hpet_base;
static u64 hpet_fs;		/* femtoseconds per HPET tick */
static u32 hpet_next;		/* the comparator: the next NMI's tick */

/* 32-bit accesses only: QEMU's HPET takes no others. */
static u32 hpet_readl(u32 reg)
{
	return *(volatile u32 *)phys_to_virt(hpet_base + reg);
}

static void hpet_writel(u32 reg, u32 val)
{
	*(volatile u32 *)phys_to_virt(hpet_base + reg) = val;
}

static u32 ns_to_ticks(u64 ns)
{
	return ns * 1000000 / hpet_fs;
}

/*
 * One-shot, re-armed by each NMI (hpet_nmi_rearm()), not periodic:
 * QEMU 7.2's periodic HPET fires twice when its callback runs exactly at
 * the comparator, as it always does under -icount, and each sample came
 * twice.
 */
int hpet_start_nmi(u64 base, u64 first_ns)
{
	hpet_base = base;
	hpet_fs = hpet_readl(HPET_ID + 4);
	if (!(hpet_readl(HPET_T0_CFG) & HPET_TN_FSB_CAP) || !hpet_fs ||
	    !ns_to_ticks(first_ns))
		return -ENODEV;
	hpet_next = ns_to_ticks(first_ns);
	hpet_writel(HPET_CFG, 0);		/* stopped, no legacy routing */
	hpet_writel(HPET_COUNTER, 0);
	hpet_writel(HPET_COUNTER + 4, 0);
	hpet_writel(HPET_T0_ROUTE, MSI_DATA_NMI | 2);
	hpet_writel(HPET_T0_ROUTE + 4, MSI_ADDR_APIC0);
	hpet_writel(HPET_T0_CFG, HPET_TN_ENABLE | HPET_TN_32BIT | HPET_TN_FSB);
	hpet_writel(HPET_T0_CMP, hpet_next);
	hpet_writel(HPET_CFG, HPET_CFG_ENABLE);
	return 0;
}

/* The next NMI ns after the last one (not after now: whatever the NMI
 * handler's own time, the samples do not drift). */
void hpet_nmi_rearm(u64 ns)
{
	hpet_next += ns_to_ticks(ns);
	hpet_writel(HPET_T0_CMP, hpet_next);
}
