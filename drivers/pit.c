/*
 * The 8254 PIT, a clock of known rate (PIT_TICK_RATE): channel 2, gated
 * by port 0x61, times the TSC and the local APIC timer once at boot.
 * The tick itself comes from the local APIC timer (kernel/arch/apic.c).
 */
#include <pollux/drivers.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>

#define CAL_MS		10
#define CAL_TRIES	10

/*
 * How far read() counts while channel 2 counts down PIT_CAL_LATCH
 * (10 ms).  The count starts just before the PIT does (the high byte's
 * write starts it) and ends just after the loop has seen it done, so it
 * comes out long, never short; by how much at most, *slop says, in TSC
 * cycles: the time around those two edges.  Under QEMU each port access
 * takes a lock another host thread may hold, and a loaded host can
 * stall the guest's CPU there for milliseconds (counts 40% long seen).
 */
static u64 pit_measure_once(u64 (*read)(void), u64 *slop, u64 *window)
{
	u64 t1, t2, s1, s2, s3, s4;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate high, speaker off */
	outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	outb(0x42, PIT_CAL_LATCH & 0xff);
	s1 = rdtsc();
	t1 = read();
	outb(0x42, PIT_CAL_LATCH >> 8);
	s2 = s3 = rdtsc();
	while (!(inb(0x61) & 0x20))	/* OUT2 rises at terminal count */
		s3 = rdtsc();
	t2 = read();
	s4 = rdtsc();
	*slop = (s2 - s1) + (s4 - s3);
	*window = s4 - s1;
	return t2 - t1;
}

/* The rate of a counter (the TSC, a local APIC timer) against the
 * PIT's: the count of the try with the least slop, taken at once if
 * the slop is under 1/2000 of the window (0.05%).
 * Linux: arch/x86/kernel/tsc.c pit_calibrate_tsc(), and the check of
 * quick_pit_calibrate() that each PIT read was quick (pit_expect_msb) */
u64 pit_measure(u64 (*read)(void))
{
	u64 best = 0, best_slop = ~0UL, count, slop, window;

	for (int i = 0; i < CAL_TRIES; i++) {
		count = pit_measure_once(read, &slop, &window);
		if (slop < best_slop) {
			best = count;
			best_slop = slop;
		}
		if (slop * 2000 < window)
			break;
	}
	return best;
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
