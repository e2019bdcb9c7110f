/*
 * The local APIC (one per CPU: its timer, its IPIs, its EOI), the I/O
 * APIC (the board's IRQ lines to vectors) and what ACPI's MADT says
 * about both.  kernel/arch/apic.c, io_apic.c, acpi.c, smp.c, smpboot.c.
 * Linux: arch/x86/include/asm/apic.h, irq_vectors.h, io_apic.h.
 */
#ifndef POLLUX_ARCH_APIC_H
#define POLLUX_ARCH_APIC_H

#include <pollux/types.h>
#include <pollux/percpu.h>

struct trapframe;

/* Vectors: 32..47 the ISA IRQs 0..15 (IRQ_BASE + irq, as the 8259s gave
 * them), the local APIC's own at the top, with Linux's numbers. */
#define FIRST_SYSTEM_VECTOR	0xec
#define LOCAL_TIMER_VECTOR	0xec
#define REBOOT_VECTOR		0xf8	/* stop: Linux's smp_send_stop() */
#define CALL_FUNCTION_VECTOR	0xfc
#define RESCHEDULE_VECTOR	0xfd
#define ERROR_APIC_VECTOR	0xfe
#define SPURIOUS_APIC_VECTOR	0xff

/* The MADT, parsed (acpi.c).  Linux: arch/x86/kernel/acpi/boot.c */
#define MAX_IRQ_OVERRIDES 16
struct madt_info {
	u64 lapic_addr;			/* physical, usually 0xfee00000 */
	int ncpus;			/* enabled processors, boot CPU first */
	u32 apic_id[NR_CPUS];
	u64 ioapic_addr;		/* the first I/O APIC */
	u32 ioapic_gsi_base;
	/* ISA IRQ -> GSI and polarity/trigger (MPS INTI flags) */
	u32 irq_to_gsi[16];
	u16 irq_flags[16];
};
extern struct madt_info madt;
/* Fills madt from the MADT the RSDP leads to; false if there is none. */
bool acpi_parse_madt(const void *rsdp);

/* Local APIC (apic.c). */
void lapic_init(void);			/* this CPU's: on, spurious vector */
void lapic_timer_calibrate(void);	/* once, on the boot CPU */
void lapic_timer_start(void);		/* this CPU's tick at HZ */
void apic_eoi(void);
u32 read_apic_id(void);
/* Linux: apic->send_IPI(), send_IPI_allbutself() */
void apic_send_ipi(int cpu, int vector);
void apic_send_ipi_allbutself(int vector);
void apic_send_nmi_allbutself(void);
/* INIT, then the start-up IPI at page vector (smpboot.c) */
void apic_send_init(u32 apic_id);
void apic_send_sipi(u32 apic_id, u8 page);
/* The local APIC's interrupts (timer, IPIs, error, spurious). */
void handle_apic_interrupt(struct trapframe *tf);

/* I/O APIC (io_apic.c). */
void io_apic_init(void);
void io_apic_unmask_irq(int irq);	/* ISA irq 0..15 to the boot CPU */

/* SMP (smp.c, smpboot.c). */
void smp_boot_cpus(void);		/* brings the others up */
void smp_reschedule_interrupt(void);
void smp_call_function_interrupt(void);
__noreturn void smp_stop_interrupt(struct trapframe *tf);
void do_nmi(struct trapframe *tf);	/* entry.asm's nmi_entry */
/* Runs fn(info) on every other online CPU and waits for them all.
 * Linux: kernel/smp.c smp_call_function() */
void smp_call_function(void (*fn)(void *), void *info);
void smp_send_reschedule(int cpu);
/* Stops every other CPU, each leaving its registers for panic's report,
 * which smp_dump_other_cpus() prints.  Linux: smp_send_stop() */
void smp_send_stop(void);
void smp_dump_other_cpus(void);

#endif
