/*
 * Finds the FADT through the RSDP and the RSDT, for one byte: the CMOS
 * register of the century.  The tables lie in the first 4 GiB, which the
 * direct map covers.  Spec: ACPI 6.5, 5.2.5 (RSDP), 5.2.7 (RSDT), 5.2.9
 * (FADT).  Linux: drivers/acpi/acpica/tbutils.c, tbfadt.c.
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

u8 acpi_fadt_century(const void *rsdp_copy)
{
	const struct acpi_table_rsdp *rsdp = rsdp_copy;
	const struct acpi_table_header *rsdt, *fadt;

	if (!rsdp || memcmp(rsdp->signature, "RSD PTR ", 8))
		return 0;
	rsdt = phys_to_virt(rsdp->rsdt_physical_address);
	if (memcmp(rsdt->signature, "RSDT", 4))
		return 0;
	fadt = acpi_find_table("FACP", rsdt);
	if (!fadt || fadt->length <= FADT_CENTURY_OFFSET)
		return 0;
	return ((const u8 *)fadt)[FADT_CENTURY_OFFSET];
}
