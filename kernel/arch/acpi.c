/*
 * Finds the FADT through the RSDP and the RSDT, for one byte: the CMOS
 * register of the century; and the HPET table, for the HPET's address
 * (the profiler's NMI timer).  The tables lie in the first 4 GiB, which
 * the direct map covers.  Spec: ACPI 6.5, 5.2.5 (RSDP), 5.2.7 (RSDT),
 * 5.2.9 (FADT); IA-PC HPET spec 1.0a, 3.2.4 (HPET table).
 * Linux: drivers/acpi/acpica/tbutils.c, tbfadt.c.
 */
#include <pollux/acpi.h>
#include <pollux/mm.h>
#include <pollux/string.h>

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
