/*
 * Finds ACPI's tables through the RSDP and the RSDT: the FADT, for one
 * byte (the CMOS register of the century), the MADT, for the CPUs and
 * interrupt controllers, and the HPET table, for the HPET's address (the
 * profiler's NMI timer).  The tables lie in the first 4 GiB, which the
 * direct map covers.  Spec: ACPI 6.5, 5.2.5 (RSDP), 5.2.7 (RSDT), 5.2.9
 * (FADT), 5.2.12 (MADT); IA-PC HPET spec 1.0a, 3.2.4 (HPET table).
 * Linux: drivers/acpi/acpica/tbutils.c, tbfadt.c,
 * arch/x86/kernel/acpi/boot.c.
 */
#include <pollux/acpi.h>
#include <pollux/mm.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/arch/apic.h>
#include <pollux/arch/cpu.h>

struct acpi_table_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt_physical_address;
} __packed;

struct acpi_table_header {
	char signature[4];		/* "RSDT", "FACP"... */
	u32 length;			/* of the whole table */
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 asl_compiler_id;
	u32 asl_compiler_revision;
} __packed;

#define FADT_CENTURY_OFFSET 108		/* a byte: the CMOS register */
#define HPET_ADDRESS_OFFSET 44		/* a u64 in a Generic Address */

static const struct acpi_table_header *acpi_find_table(const char *sig,
					const struct acpi_table_header *rsdt)
{
	const u32 *entry = (const u32 *)(rsdt + 1);
	u32 n = (rsdt->length - sizeof(*rsdt)) / sizeof(u32);

	for (u32 i = 0; i < n; i++) {
		const struct acpi_table_header *t = phys_to_virt(entry[i]);

		if (!memcmp(t->signature, sig, 4))
			return t;
	}
	return NULL;
}

/* The table with signature sig, through the RSDP's RSDT; or NULL. */
static const struct acpi_table_header *acpi_get_table(const char *sig,
						      const void *rsdp_copy)
{
	const struct acpi_table_rsdp *rsdp = rsdp_copy;
	const struct acpi_table_header *rsdt;

	if (!rsdp || memcmp(rsdp->signature, "RSD PTR ", 8))
		return NULL;
	rsdt = phys_to_virt(rsdp->rsdt_physical_address);
	if (memcmp(rsdt->signature, "RSDT", 4))
		return NULL;
	return acpi_find_table(sig, rsdt);
}

u8 acpi_fadt_century(const void *rsdp)
{
	const struct acpi_table_header *fadt = acpi_get_table("FACP", rsdp);

	if (!fadt || fadt->length <= FADT_CENTURY_OFFSET)
		return 0;
	return ((const u8 *)fadt)[FADT_CENTURY_OFFSET];
}

u64 acpi_hpet_address(const void *rsdp)
{
	const struct acpi_table_header *hpet = acpi_get_table("HPET", rsdp);
	u64 pa;

	if (!hpet || hpet->length < HPET_ADDRESS_OFFSET + sizeof(pa))
		return 0;
	memcpy(&pa, (const u8 *)hpet + HPET_ADDRESS_OFFSET, sizeof(pa));
	return pa;
}

/* The MADT ("APIC"): a header, the local APIC's address, flags, then
 * entries of varying length, each starting with its type and length. */
struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* of every CPU's local APIC */
	u32 flags;			/* bit 0: 8259s present too (PCAT_COMPAT) */
} __packed;

struct acpi_subtable_header {
	u8 type;
	u8 length;
} __packed;

enum {	/* Linux: enum acpi_madt_type */
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE = 2,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE = 5,
};

struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;
	u8 id;				/* its local APIC id */
	u32 lapic_flags;		/* bit 0: enabled */
} __packed;

struct acpi_madt_io_apic {
	struct acpi_subtable_header header;
	u8 id;
	u8 reserved;
	u32 address;
	u32 global_irq_base;		/* the GSI of its pin 0 */
} __packed;

struct acpi_madt_interrupt_override {
	struct acpi_subtable_header header;
	u8 bus;				/* 0: ISA */
	u8 source_irq;
	u32 global_irq;
	u16 inti_flags;			/* polarity (bits 0-1), trigger (2-3) */
} __packed;

struct acpi_madt_local_apic_override {
	struct acpi_subtable_header header;
	u16 reserved;
	u64 address;
} __packed;

struct madt_info madt;

/* The boot CPU's local APIC id (CPUID leaf 1, EBX bits 31..24). */
static u32 boot_cpu_apic_id(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

/* A processor entry: enabled ones become CPUs, the boot CPU as 0. */
static void madt_add_cpu(const struct acpi_madt_local_apic *p)
{
	if (!(p->lapic_flags & 1))
		return;		/* disabled: not to be started */
	if (p->id == boot_cpu_apic_id())
		return;		/* already madt.apic_id[0] */
	if (madt.ncpus == NR_CPUS) {
		printk("ACPI: CPU with APIC id %u ignored (NR_CPUS %d)\n",
		       p->id, NR_CPUS);
		return;
	}
	madt.apic_id[madt.ncpus++] = p->id;
}

static void madt_entry(const struct acpi_subtable_header *h)
{
	const struct acpi_madt_io_apic *io = (const void *)h;
	const struct acpi_madt_interrupt_override *ovr = (const void *)h;

	switch (h->type) {
	case ACPI_MADT_TYPE_LOCAL_APIC:
		madt_add_cpu((const void *)h);
		break;
	case ACPI_MADT_TYPE_IO_APIC:
		if (!madt.ioapic_addr) {	/* the first one only */
			madt.ioapic_addr = io->address;
			madt.ioapic_gsi_base = io->global_irq_base;
		}
		break;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:
		if (ovr->bus == 0 && ovr->source_irq < 16) {
			madt.irq_to_gsi[ovr->source_irq] = ovr->global_irq;
			madt.irq_flags[ovr->source_irq] = ovr->inti_flags;
		}
		break;
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE:
		madt.lapic_addr = ((const struct acpi_madt_local_apic_override *)h)->address;
		break;
	}
}

/* Linux: arch/x86/kernel/acpi/boot.c acpi_parse_madt(),
 * acpi_parse_lapic(), acpi_parse_ioapic(), acpi_parse_int_src_ovr() */
bool acpi_parse_madt(const void *rsdp_copy)
{
	const struct acpi_table_madt *m = (const void *)acpi_get_table("APIC",
								     rsdp_copy);
	const u8 *p, *end;

	if (!m)
		return false;
	madt.lapic_addr = m->address;
	madt.apic_id[0] = boot_cpu_apic_id();
	madt.ncpus = 1;
	for (int irq = 0; irq < 16; irq++)	/* ISA IRQs are identity-mapped */
		madt.irq_to_gsi[irq] = irq;	/* unless overridden */
	end = (const u8 *)m + m->header.length;
	for (p = (const u8 *)(m + 1); p + 2 <= end; p += p[1]) {
		if (p[1] < 2)
			break;		/* a broken entry: stop, not loop */
		madt_entry((const void *)p);
	}
	printk("ACPI: MADT: %d CPUs, local APIC at %lx, I/O APIC at %lx "
	       "(GSI base %u), IRQ 0 -> GSI %u\n", madt.ncpus,
	       madt.lapic_addr, madt.ioapic_addr, madt.ioapic_gsi_base,
	       madt.irq_to_gsi[0]);
	return madt.ioapic_addr != 0;
}
