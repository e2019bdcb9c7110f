/* The little Pollux takes from ACPI's tables (kernel/arch/acpi.c).
 * Linux: include/acpi/actbl.h */
#ifndef POLLUX_ACPI_H
#define POLLUX_ACPI_H

#include <pollux/types.h>

/* The CMOS register holding the century, as the FADT names it (0: none).
 * rsdp is the RSDP's copy the boot loader passed, or NULL.
 * Linux: acpi_gbl_FADT.century */
u8 acpi_fadt_century(const void *rsdp);

#endif
