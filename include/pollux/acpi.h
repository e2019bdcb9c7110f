/* The little Pollux takes from ACPI's tables (kernel/arch/acpi.c).
 * Linux: include/acpi/actbl.h */
#ifndef POLLUX_ACPI_H
#define POLLUX_ACPI_H

#include <pollux/types.h>

/* The CMOS register holding the century, as the FADT names it (0: none).
 * rsdp is the RSDP's copy the boot loader passed, or NULL.
 * Linux: acpi_gbl_FADT.century */
u8 acpi_fadt_century(const void *rsdp);

/* The HPET's physical address, from the HPET table (0: none).
 * Linux: arch/x86/kernel/acpi/boot.c acpi_parse_hpet() */
u64 acpi_hpet_address(const void *rsdp);

#endif
