/* The 8254 PIT, channel 0 in rate-generator mode: IRQ 0 at hz per second. */
#include <pollux/drivers.h>
#include <pollux/arch/cpu.h>

#define PIT_FREQ 1193182

void pit_init(unsigned int hz)
{
	u16 divisor = (PIT_FREQ + hz / 2) / hz;

	outb(0x43, 0x34);	/* channel 0, lo/hi byte, mode 2 */
	outb(0x40, divisor & 0xff);
	outb(0x40, divisor >> 8);
}
