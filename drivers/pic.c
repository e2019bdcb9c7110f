/* The legacy 8259 PIC pair, remapped so IRQ 0..15 arrive as vectors 32..47
 * instead of colliding with CPU exceptions.  Linux: arch/x86/kernel/i8259.c */
#include <pollux/drivers.h>
#include <pollux/arch/cpu.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);	/* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 4);		/* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, 0xff & ~(1 << 2));	/* all masked but the cascade */
	outb(PIC2_DATA, 0xff);
}

void pic_unmask(int irq)
{
	u16 port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & ~(1 << (irq & 7)));
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, 0x20);
	outb(PIC1_CMD, 0x20);
}
