/*
 * The I/O APIC: the board's interrupt lines (GSIs) to vectors and CPUs,
 * one redirection entry per pin.  The ISA IRQs keep their old vectors
 * (IRQ_BASE + irq), and all go to the boot CPU (no IRQ balancing:
 * tasks on other CPUs reach a device under its driver's lock).  An ISA IRQ is GSI irq unless the MADT says
 * otherwise: on QEMU, the PIT's IRQ 0 is wired to pin 2.
 * Linux: arch/x86/kernel/apic/io_apic.c (one I/O APIC, ISA IRQs only).
 */
#include <pollux/arch/apic.h>
#include <pollux/drivers.h>
#include <pollux/kernel.h>
#include <pollux/mm.h>
#include <pollux/spinlock.h>

#define IO_APIC_REGSEL	0x00	/* index of the register to read/write */
#define IO_APIC_WIN	0x10	/* its data window */
#define IO_APIC_VER	0x01	/* bits 16..23: the last pin's number */
#define IO_APIC_REDTBL(pin)	(0x10 + 2 * (pin))

#define IO_APIC_MASKED		(1UL << 16)
#define IO_APIC_LEVEL		(1UL << 15)
#define IO_APIC_ACTIVE_LOW	(1UL << 13)
/* MPS INTI flags of the MADT's overrides (0: as the bus is, for ISA
 * active high and edge) */
#define MP_POLARITY_LOW		0x3
#define MP_TRIGGER_LEVEL	(0x3 << 2)

static volatile u32 *io_apic;
static int io_apic_pins;

static u32 io_apic_read(u32 reg)
{
	io_apic[IO_APIC_REGSEL / 4] = reg;
	return io_apic[IO_APIC_WIN / 4];
}

static void io_apic_write(u32 reg, u32 v)
{
	io_apic[IO_APIC_REGSEL / 4] = reg;
	io_apic[IO_APIC_WIN / 4] = v;
}

/* The select/window pair is one shared cursor: interrupts off around
 * each entry's two writes. */
static void io_apic_write_entry(int pin, u64 entry)
{
	unsigned long flags = local_irq_save();

	io_apic_write(IO_APIC_REDTBL(pin) + 1, entry >> 32);
	io_apic_write(IO_APIC_REDTBL(pin), (u32)entry);
	local_irq_restore(flags);
}

/* Every pin masked.  Linux: io_apic.c setup_IO_APIC(), clear_IO_APIC() */
void io_apic_init(void)
{
	io_apic = ioremap(madt.ioapic_addr, PAGE_SIZE);
	if (!io_apic)
		panic("I/O APIC: no page table to map it");
	io_apic_pins = ((io_apic_read(IO_APIC_VER) >> 16) & 0xff) + 1;
	for (int pin = 0; pin < io_apic_pins; pin++)
		io_apic_write_entry(pin, IO_APIC_MASKED);
}

/* The pin of ISA irq, or -1 if it is not on this I/O APIC. */
static int irq_to_pin(int irq)
{
	int pin = madt.irq_to_gsi[irq] - madt.ioapic_gsi_base;

	return pin >= 0 && pin < io_apic_pins ? pin : -1;
}

/* Routes ISA irq to vector IRQ_BASE + irq on the boot CPU, fixed
 * delivery, with the polarity and trigger the MADT gives.
 * Linux: io_apic.c ioapic_setup_entry(), unmask_ioapic_irq() */
void io_apic_unmask_irq(int irq)
{
	u16 flags = madt.irq_flags[irq];
	u64 entry = IRQ_BASE + irq;
	int pin = irq_to_pin(irq);

	if (pin < 0)
		panic("I/O APIC: ISA IRQ %d (GSI %u) has no pin", irq,
		      madt.irq_to_gsi[irq]);
	if ((flags & MP_POLARITY_LOW) == MP_POLARITY_LOW)
		entry |= IO_APIC_ACTIVE_LOW;
	if ((flags & MP_TRIGGER_LEVEL) == MP_TRIGGER_LEVEL)
		entry |= IO_APIC_LEVEL;
	entry |= (u64)pcpu[0].apic_id << 56;	/* physical destination */
	io_apic_write_entry(pin, entry);
}
