/* The legacy 8259 PIC pair, remapped so IRQ 0..15 would arrive as vectors
 * 32..47 instead of colliding with CPU exceptions, then masked: the I/O
 * APIC delivers the IRQs (kernel/arch/io_apic.c).  Remapped first all the
 * same, so that a spurious 8259 interrupt cannot pass for an exception.
 * Linux: arch/x86/kernel/i8259.c init_8259A(), then mask_8259A() */
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
	outb(PIC1_DATA, 0xff);		/* every line masked */
	outb(PIC2_DATA, 0xff);
}
