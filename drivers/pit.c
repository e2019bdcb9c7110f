/*
 * The 8254 PIT: channel 0 in rate-generator mode gives IRQ 0 at HZ per
 * second; channel 2, gated by port 0x61, times the TSC once at boot.
 */
#include <pollux/drivers.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>

void pit_init(void)
{
	outb(0x43, 0x34);	/* channel 0, lo/hi byte, mode 2 */
	outb(0x40, LATCH & 0xff);
	outb(0x40, LATCH >> 8);
}

#define CAL_MS		10
#define CAL_LATCH	(PIT_TICK_RATE / (1000 / CAL_MS))

/* TSC cycles per millisecond: counts them while channel 2 counts down
 * 10 ms.  Linux: arch/x86/kernel/tsc.c pit_calibrate_tsc() */
u64 pit_calibrate_tsc(void)
{
	u64 t1, t2;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate high, speaker off */
	outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	outb(0x42, CAL_LATCH & 0xff);
	outb(0x42, CAL_LATCH >> 8);
	t1 = t2 = rdtsc();
	while (!(inb(0x61) & 0x20))	/* OUT2 rises at terminal count */
		t2 = rdtsc();
	return (t2 - t1) / CAL_MS;
}
