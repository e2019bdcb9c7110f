/* Walks the multiboot2 information tags: command line, memory map,
 * modules and the ACPI RSDP.  Spec: multiboot2 "Boot information format". */
#include <pollux/multiboot2.h>

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14	/* a copy of the RSDP, ACPI 1.0 */
#define MB2_TAG_ACPI_NEW 15	/* a copy of the RSDP, ACPI 2.0+ */
#define MB2_MMAP_AVAILABLE 1

struct mb2_tag {
	u32 type, size;
};

struct mb2_module {
	struct mb2_tag tag;
	u32 mod_start, mod_end;
	char string[];
};

struct mb2_mmap {
	struct mb2_tag tag;
	u32 entry_size, entry_version;
	/* entries follow */
};

struct mb2_mmap_entry {
	u64 base_addr, length;
	u32 type, reserved;
};

static void parse_mmap(const struct mb2_mmap *m, struct boot_info *bi)
{
	const u8 *p = (const u8 *)(m + 1), *end = (const u8 *)m + m->tag.size;

	for (; p < end && bi->navail < MB2_MAX_REGIONS; p += m->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type != MB2_MMAP_AVAILABLE)
			continue;
		bi->avail[bi->navail].start = e->base_addr;
		bi->avail[bi->navail].end = e->base_addr + e->length;
		bi->navail++;
	}
}

void multiboot2_parse(u64 mbi_pa, struct boot_info *bi)
{
	const u8 *mbi = phys_to_virt(mbi_pa);
	const struct mb2_tag *tag = (const void *)(mbi + 8);
	u32 total = *(const u32 *)mbi;

	bi->cmdline = "";
	bi->mbi_start = mbi_pa;
	bi->mbi_end = mbi_pa + total;
	bi->navail = bi->nmodules = 0;
	bi->acpi_rsdp = NULL;
	for (; tag->type != MB2_TAG_END;
	     tag = (const void *)((const u8 *)tag + ALIGN_UP(tag->size, 8))) {
		if (tag->type == MB2_TAG_CMDLINE) {
			bi->cmdline = (const char *)(tag + 1);
		} else if (tag->type == MB2_TAG_MMAP) {
			parse_mmap((const void *)tag, bi);
		} else if (tag->type == MB2_TAG_ACPI_OLD ||
			   tag->type == MB2_TAG_ACPI_NEW) {
			bi->acpi_rsdp = tag + 1;
		} else if (tag->type == MB2_TAG_MODULE &&
			   bi->nmodules < MB2_MAX_MODULES) {
			const struct mb2_module *m = (const void *)tag;

			bi->modules[bi->nmodules].start = m->mod_start;
			bi->modules[bi->nmodules].end = m->mod_end;
			bi->nmodules++;
		}
	}
}
