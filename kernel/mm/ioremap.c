/*
 * Device registers (the local and I/O APICs) mapped uncached in their
 * own area above the kernel stacks.  The direct map covers them too, but
 * with write-back caching, which memory-mapped registers must not have:
 * each read must reach the device, each write leave at once, in order.
 * Mappings are made at boot and kept.
 * Linux: arch/x86/mm/ioremap.c ioremap() (no unmapping, no vmalloc
 * area allocator: the next free address only grows).
 */
#include <pollux/mm.h>

static u64 ioremap_next = IOREMAP_AREA;

void *ioremap(u64 pa, size_t size)
{
	u64 first = ALIGN_DOWN(pa, PAGE_SIZE);
	u64 last = ALIGN_UP(pa + size, PAGE_SIZE);
	u64 va = ioremap_next + (pa - first);

	for (u64 p = first; p < last; p += PAGE_SIZE) {
		if (map_kernel_page_prot(ioremap_next, p, PTE_W | PTE_PCD |
					 PTE_PWT | pte_nx))
			return NULL;
		ioremap_next += PAGE_SIZE;
	}
	return (void *)va;
}
