/*
 * The 8254 PIT, a clock of known rate (PIT_TICK_RATE): channel 2, gated
 * by port 0x61, times the TSC and the local APIC timer once at boot.
 * The tick itself comes from the local APIC timer (kernel/arch/apic.c).
 */
#include <pollux/drivers.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>

#define CAL_MS		10

/* How far read() counts while channel 2 counts down PIT_CAL_LATCH
 * (10 ms): the rate of a counter (the TSC, a local APIC timer) against
 * the PIT's.  The count starts just before the PIT does (the high
 * byte's write starts it) and ends just after the loop has seen it
 * done: it can come out long (a host that stalls the guest's CPU in
 * between), never short.
 * Linux: arch/x86/kernel/tsc.c pit_calibrate_tsc() */
u64 pit_measure(u64 (*read)(void))
{
	u64 t1, t2;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate high, speaker off */
	outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	outb(0x42, PIT_CAL_LATCH & 0xff);
	t1 = read();
	outb(0x42, PIT_CAL_LATCH >> 8);
	while (!(inb(0x61) & 0x20))	/* OUT2 rises at terminal count */
		;
	t2 = read();
	return t2 - t1;
}

static u64 read_tsc(void)
{
	return rdtsc();
}

/* TSC cycles per millisecond. */
u64 pit_calibrate_tsc(void)
{
	return pit_measure(read_tsc) / CAL_MS;
}
