/* What Pollux takes from the multiboot2 information GRUB passes
 * (kernel/arch/multiboot2.c; spec: "Boot information format"). */
#ifndef POLLUX_MULTIBOOT2_H
#define POLLUX_MULTIBOOT2_H

#include <pollux/mm.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_MAX_REGIONS 32
#define MB2_MAX_MODULES 4

struct boot_info {
	const char *cmdline;
	u64 mbi_start, mbi_end;			/* physical */
	struct mem_region avail[MB2_MAX_REGIONS];	/* usable RAM */
	int navail;
	struct mem_region modules[MB2_MAX_MODULES];	/* e.g. the initrd */
	int nmodules;
	const void *acpi_rsdp;			/* GRUB's copy, in the mbi; or NULL */
};

/* Fills bi from the mbi at physical address mbi_pa. */
void multiboot2_parse(u64 mbi_pa, struct boot_info *bi);

#endif
