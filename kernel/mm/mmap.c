/*
 * brk and anonymous mmap/munmap/mprotect.  Pages are mapped at once
 * (no demand paging), so a mapping is exactly its page-table entries.
 * mmap hands out addresses upwards from mm->mmap_base.
 * Linux: mm/mmap.c (brk, do_mmap), mm/mprotect.c, mm/vma.c.
 */
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/fs.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define BRK_MAX (1UL << 30)	/* heap size limit */

/* Linux: mm/mmap.c brk(): returns the new break, or the old on failure */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	u64 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	u64 new_end = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > mm->start_brk + BRK_MAX)
		return mm->brk;
	if (new_end > old_end &&
	    mm_map_zeroed(mm, old_end, new_end, PTE_W | pte_nx)) {
		mm_unmap(mm, old_end, new_end);
		return mm->brk;
	}
	if (new_end < old_end)
		mm_unmap(mm, new_end, old_end);
	mm->brk = brk;
	return brk;
}

static u64 prot_to_pte(unsigned long prot)
{
	return (prot & PROT_WRITE ? PTE_W : 0) | (prot & PROT_EXEC ? 0 : pte_nx);
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	u64 start;

	if (!len)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))	/* file mappings are not supported */
		return fget_raw(fd) ? -ENODEV : -EBADF;
	if (!(flags & (MAP_PRIVATE | MAP_SHARED)) || (off & (PAGE_SIZE - 1)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len > USER_TOP / 2)
		return -ENOMEM;
	if ((flags & MAP_FIXED) && ((addr & (PAGE_SIZE - 1)) ||
				    !access_ok((void __user *)addr, len)))
		return -EINVAL;
	if (flags & MAP_FIXED) {
		start = addr;
		mm_unmap(mm, start, start + len);	/* replaces old pages */
	} else {
		start = mm->mmap_base;
		mm->mmap_base += len + PAGE_SIZE;	/* a guard gap */
	}
	if (mm_map_zeroed(mm, start, start + len, prot_to_pte(prot))) {
		mm_unmap(mm, start, start + len);
		return -ENOMEM;
	}
	/* PROT_NONE: mapped for bookkeeping, but not present to the CPU */
	if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		sys_mprotect(start, len, prot);
	return start;
}

long sys_munmap(unsigned long addr, size_t len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || !access_ok((void __user *)addr, len))
		return -EINVAL;
	mm_unmap(current->mm, addr, addr + ALIGN_UP(len, PAGE_SIZE));
	return 0;
}

/* Changes the permissions of mapped pages; -ENOMEM over a hole, as Linux. */
long sys_mprotect(unsigned long addr, size_t len, unsigned long prot)
{
	u64 end = addr + ALIGN_UP(len, PAGE_SIZE);

	if ((addr & (PAGE_SIZE - 1)) || !access_ok((void __user *)addr, len))
		return -EINVAL;
	for (u64 va = addr; va < end; va += PAGE_SIZE) {
		u64 *pte = mm_walk(current->mm, va);

		if (!pte || !(*pte & (PTE_P | PTE_PROTNONE)))
			return -ENOMEM;
		*pte &= ~(PTE_W | PTE_NX | PTE_P | PTE_PROTNONE);
		if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
			*pte |= PTE_P | prot_to_pte(prot);
		else
			*pte |= PTE_PROTNONE;
		invlpg(va);
	}
	return 0;
}
