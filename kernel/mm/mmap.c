/*
 * brk and mmap/munmap/mprotect/mremap/madvise/msync.  Anonymous pages
 * are mapped at once (no demand paging, though fork's copy-on-write
 * pages are copied at the first write: vmm.c), so an anonymous mapping
 * is exactly its page-table entries: it has no vma, and where Linux asks
 * "is this range one vma?" Pollux asks "is every page of it mapped?".
 * What a vma's flags would say is in each entry: its protection,
 * PTE_SHARED for MAP_SHARED (fork shares the page), PTE_COW for a
 * private page write-protected until its copy.  A file mapping has a
 * vma (vma.c), which says which file and where, and its pages are
 * mapped at the first touch; a page counts as mapped if it has an
 * entry or lies in a vma (mapped_pages()).  Each mapped frame carries a
 * reference count (pmm.c): every unmap drops one with put_page().
 * mmap hands out addresses upwards from mm->mmap_base.
 * Linux: mm/mmap.c (brk, do_mmap), mm/mprotect.c, mm/mremap.c,
 * mm/madvise.c, mm/msync.c, mm/vma.c.
 */
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/fs.h>
#include <pollux/arch/cpu.h>
#include <pollux/string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define BRK_MAX (1UL << 30)	/* heap size limit */
#define MMAP_END (USER_STACK_TOP - USER_STACK_MAX) /* mappings stay below */
#define TASK_SIZE (USER_TOP - PAGE_SIZE)	/* Linux's: without the top page */

/* call, an mm change, under current->mm's mmap_lock (the sys_*() below
 * take it, as Linux's take mmap_write_lock(); the do_*() run under it) */
#define with_mmap_lock(call)                       \
	({                                         \
		long __ret;                        \
		mmap_write_lock(current->mm);      \
		__ret = (call);                    \
		mmap_write_unlock(current->mm);    \
		__ret;                             \
	})

/* Linux: mm/mmap.c brk(): returns the new break, or the old on failure */
static long do_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	u64 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	u64 new_end = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > mm->start_brk + BRK_MAX ||
	    find_vma_intersection(mm, old_end, new_end))
		return mm->brk;	/* a file mapping is in the way */
	if (new_end > old_end &&
	    mm_map_zeroed(mm, old_end, new_end, PTE_W | pte_nx)) {
		mm_unmap(mm, old_end, new_end);
		return mm->brk;
	}
	if (new_end < old_end)
		do_munmap(mm, new_end, old_end);
	mm->brk = brk;
	return brk;
}

long sys_brk(unsigned long brk)
{
	return with_mmap_lock(do_brk(brk));
}

static u64 prot_to_pte(unsigned long prot)
{
	return (prot & PROT_WRITE ? PTE_W : 0) | (prot & PROT_EXEC ? 0 : pte_nx);
}

/*
 * Where a new mapping of len (<= USER_TOP) bytes goes: from mmap_base
 * upwards, with a guard page after each; 0 if there is no room left
 * below the stack.  Linux: mm/mmap.c get_unmapped_area() (top-down).
 */
static u64 get_unmapped_area(u64 len)
{
	struct mm_struct *mm = current->mm;
	u64 start = mm->mmap_base;

	if (start + len + PAGE_SIZE > MMAP_END)
		return 0;
	mm->mmap_base += len + PAGE_SIZE;
	return start;
}

static long do_mprotect(unsigned long addr, size_t len, unsigned long prot);

/* Fresh zeroed pages over [start, start + len), or -ENOMEM and nothing;
 * shared is 0 or PTE_SHARED (MAP_SHARED: Linux's shmem_zero_setup()). */
static long map_anonymous(u64 start, u64 len, unsigned long prot, u64 shared)
{
	struct mm_struct *mm = current->mm;

	if (mm_map_zeroed(mm, start, start + len, prot_to_pte(prot) | shared)) {
		mm_unmap(mm, start, start + len);
		return -ENOMEM;
	}
	/* PROT_NONE: mapped for bookkeeping, but not present to the CPU */
	if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		do_mprotect(start, len, prot);
	return 0;
}

/* Linux: mm/mmap.c calc_vm_prot_bits() */
static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Whether file may be mapped so, and the new vma's flags (or -errno):
 * every file mapping needs a readable fd, a writable MAP_SHARED one a
 * writable fd too, which also decides whether mprotect may make it
 * writable later (VM_MAYWRITE).  Linux: mm/mmap.c do_mmap()'s checks */
static long file_vm_flags(struct file *file, unsigned long prot,
			  unsigned long flags)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot) | VM_MAYWRITE;

	if (flags & MAP_SHARED) {
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		vm_flags |= VM_SHARED;
		if (!(file->f_mode & FMODE_WRITE))
			vm_flags &= ~VM_MAYWRITE;
	}
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_op->mmap)
		return -ENODEV;
	return vm_flags;
}

/* Linux: mm/mmap.c do_mmap(), mm/util.c vm_mmap_pgoff() */
static long do_mmap(struct file *file, u64 addr, u64 len, unsigned long prot,
		    unsigned long flags, unsigned long pgoff)
{
	long vm_flags = file ? file_vm_flags(file, prot, flags) : 0;
	u64 start = addr;
	long err;

	if (vm_flags < 0)
		return vm_flags;
	if (pgoff + len / PAGE_SIZE < pgoff)
		return -EOVERFLOW;
	if (flags & MAP_FIXED)	/* replaces what was there */
		err = do_munmap(current->mm, start, start + len);
	else
		err = (start = get_unmapped_area(len)) ? 0 : -ENOMEM;
	if (!err && file)
		err = mmap_region(current->mm, file, start, start + len,
				  vm_flags, pgoff);
	else if (!err)
		err = map_anonymous(start, len, prot,
				    flags & MAP_SHARED ? PTE_SHARED : 0);
	return err ? err : (long)start;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct file *file = NULL;
	long ret;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && !(file = fget(fd)))
		return -EBADF;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || !(flags & (MAP_PRIVATE | MAP_SHARED)))
		ret = -EINVAL;
	else if (len > USER_TOP / 2)
		ret = -ENOMEM;
	else if ((flags & MAP_FIXED) && ((addr & (PAGE_SIZE - 1)) ||
					 !access_ok((void __user *)addr, len)))
		ret = -EINVAL;
	else
		ret = with_mmap_lock(do_mmap(file, addr, len, prot, flags,
					     off / PAGE_SIZE));
	if (file)
		fput(file);
	return ret;
}

/* munmap's checks and work, under mmap_lock (mremap's shrink too) */
static long munmap_checked(unsigned long addr, size_t len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || !access_ok((void __user *)addr, len))
		return -EINVAL;
	return do_munmap(current->mm, addr, addr + ALIGN_UP(len, PAGE_SIZE));
}

/* Linux: mm/mmap.c munmap(), __vm_munmap() */
long sys_munmap(unsigned long addr, size_t len)
{
	return with_mmap_lock(munmap_checked(addr, len));
}

/* One page of mprotect: its new protection (*arg, PROT_*).
 * Linux: mm/mprotect.c change_pte_range() */
static void change_pte_prot(u64 *pte, u64 va, void *arg)
{
	unsigned long prot = *(unsigned long *)arg;

	*pte &= ~(PTE_W | PTE_COW | PTE_NX | PTE_P | PTE_PROTNONE);
	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		*pte |= PTE_P | prot_to_pte(prot);
	else
		*pte |= PTE_PROTNONE;
	/* a private page another mm (or the file) still maps stays
	 * write-protected until its copy.  Linux: can_change_pte_writable() */
	if ((*pte & PTE_W) && !(*pte & PTE_SHARED) &&
	    page_count(*pte & PTE_ADDR) > 1)
		*pte ^= PTE_W | PTE_COW;
}

/* The first page of [start, end) that is not mapped, or end. */
static u64 first_hole(u64 start, u64 end)
{
	for (u64 va = start; va < end; va += PAGE_SIZE) {
		u64 *pte = mm_walk(current->mm, va);

		if ((!pte || !(*pte & PTE_MAPPED)) && !vma_lookup(current->mm, va))
			return va;
	}
	return end;
}

/*
 * Changes the permissions of mapped pages (and of the file vmas there)
 * up to the first hole, which is -ENOMEM, as Linux.  A prot bit Linux
 * does not know is -EINVAL (all 64 of them count), and so is
 * PROT_GROWSDOWN/UP: no Pollux mapping grows (Linux: VM_GROWSDOWN, the
 * stack's).  Linux: mm/mprotect.c do_mprotect_pkey(), arch_validate_prot().
 */
static long do_mprotect(unsigned long addr, size_t len, unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	u64 end = addr + ALIGN_UP(len, PAGE_SIZE), stop;
	long err;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) ||
	    (addr & (PAGE_SIZE - 1)) || !access_ok((void __user *)addr, len))
		return -EINVAL;
	if (len && (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)))
		return -EINVAL;
	if (addr == end)
		return 0;
	if ((stop = first_hole(addr, end)) == addr)
		return -ENOMEM;
	if (grows)	/* checked at the first page, before any change */
		return -EINVAL;
	err = vma_mprotect(current->mm, addr, stop, calc_vm_prot_bits(prot));
	if (err)
		return err;
	mm_walk_range(current->mm, addr, stop, change_pte_prot, &prot);
	flush_tlb_mm_range(current->mm, addr, stop);	/* every CPU's */
	return stop < end ? -ENOMEM : 0;
}

long sys_mprotect(unsigned long addr, size_t len, unsigned long prot)
{
	return with_mmap_lock(do_mprotect(addr, len, prot));
}

/*
 * MADV_DONTNEED on one page: a private page reads as zeroes again, like
 * fresh anonymous memory: zeroed in place if it is ours alone, else
 * (fork shares it) replaced by a zeroed page of our own, where Linux
 * frees it and maps the zero page at the next touch.  A MAP_SHARED page
 * keeps its data (Linux drops the mapping, and the next touch finds the
 * page in shmem again).  A page of a file mapping leaves it, as on
 * Linux: the next touch maps the file's page again (a private copy is
 * lost).  *arg becomes -ENOMEM if no page was left.
 * Linux: mm/madvise.c madvise_dontneed_single_vma()
 */
static void dontneed_page(u64 *pte, u64 va, void *arg)
{
	u64 pa = *pte & PTE_ADDR;
	void *page;

	if (vma_lookup(current->mm, va)) {
		mm_unmap(current->mm, va, va + PAGE_SIZE);
		return;
	}
	if (*pte & PTE_SHARED)
		return;
	if (page_count(pa) == 1) {
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		return;
	}
	if (!(page = get_zeroed_page())) {
		*(long *)arg = -ENOMEM;
		return;
	}
	get_page(virt_to_phys(page));
	put_page(pa);
	*pte = virt_to_phys(page) | (*pte & ~PTE_ADDR);
	if (*pte & PTE_COW)
		*pte ^= PTE_COW | PTE_W;
	flush_tlb_mm_range(current->mm, va, va + PAGE_SIZE);
}

/*
 * Linux: mm/madvise.c do_madvise() — of the advice, MADV_DONTNEED acts
 * (dontneed_page).  MADV_FREE lets Linux take the
 * pages back lazily, under memory pressure only; Pollux never does, so
 * they keep their contents, as on a Linux with memory to spare.  The
 * access-pattern hints change nothing; other advice is -EINVAL.
 */
static long do_madvise(unsigned long start, size_t len, int advice)
{
	u64 end = start + ALIGN_UP(len, PAGE_SIZE);
	long err = 0;

	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
		break;
	default:
		return -EINVAL;
	}
	if ((start & (PAGE_SIZE - 1)) || end < start || (len && end == start))
		return -EINVAL;
	if (advice == MADV_DONTNEED) {
		update_hiwater(current->mm);
		mm_walk_range(current->mm, start, end, dontneed_page, &err);
	}
	/* a hole is -ENOMEM, after the mapped pages have been advised */
	if (mapped_pages(current->mm, start, end) != (end - start) / PAGE_SIZE)
		return -ENOMEM;
	return err;
}

long sys_madvise(unsigned long start, size_t len, int advice)
{
	return with_mmap_lock(do_madvise(start, len, advice));
}

/* Linux: mm/msync.c msync() — a mapping is the file's page cache, all
 * a ramfs file has, so there is nothing to write back or invalidate:
 * the arguments are checked, and a hole in the range is -ENOMEM. */
static long do_msync(unsigned long start, size_t len, int flags)
{
	u64 end;

	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    (start & (PAGE_SIZE - 1)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (mapped_pages(current->mm, start, end) != (end - start) / PAGE_SIZE)
		return -ENOMEM;
	return 0;
}

long sys_msync(unsigned long start, size_t len, int flags)
{
	return with_mmap_lock(do_msync(start, len, flags));
}

/*
 * Fresh pages over [start, start + len) mapped as the page at like is
 * (mremap's growth): its protection, and shared if it is.  A shared
 * mapping's new pages are shared from here on; Linux's differ: its
 * shmem object keeps the size mmap gave it, so they are SIGBUS.
 */
static long map_like(u64 start, u64 len, u64 like)
{
	u64 pte = *mm_walk(current->mm, like);
	unsigned long prot = PROT_NONE;

	if (!(pte & PTE_PROTNONE))
		prot = PROT_READ | (pte_write(pte) ? PROT_WRITE : 0) |
		       (pte & pte_nx ? 0 : PROT_EXEC);
	return map_anonymous(start, len, prot, pte & PTE_SHARED);
}

/* Moves the mapped [addr, addr + old_len) to to, resized to new_len. */
static long move_mapping(u64 addr, u64 old_len, u64 new_len, u64 to)
{
	u64 moved = MIN(old_len, new_len);
	long err;

	if (vma_lookup(current->mm, addr))
		return (err = vma_mremap(current->mm, addr, old_len, new_len,
					 to)) ? err : (long)to;
	if (new_len > old_len &&
	    (err = map_like(to + old_len, new_len - old_len, addr)))
		return err;
	if ((err = mm_move(current->mm, addr, to, moved))) {
		mm_unmap(current->mm, to + old_len, to + new_len);
		return err;
	}
	mm_unmap(current->mm, addr, addr + old_len);	/* a shrunk tail */
	return to;
}

/* Linux: mm/mremap.c check_mremap_params() */
static long check_mremap_params(u64 addr, u64 new_len, unsigned long flags,
				u64 new_addr)
{
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED))	/* no DONTUNMAP */
		return -EINVAL;
	if ((addr & (PAGE_SIZE - 1)) || !new_len || new_len > TASK_SIZE)
		return -EINVAL;
	if (!(flags & MREMAP_FIXED))
		return 0;
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (new_addr > TASK_SIZE - new_len || (new_addr & (PAGE_SIZE - 1)) ||
	    !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	return 0;
}

/* A file mapping's range must lie in its vma, and an anonymous one
 * must not run into a file mapping.  Linux: mm/mremap.c vma_to_resize() */
static bool within_one_mapping(u64 addr, u64 len)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, addr);

	if (vma)
		return addr + len <= vma->vm_end;
	return !find_vma_intersection(current->mm, addr, addr + len);
}

/*
 * Linux: mm/mremap.c do_mremap() — the old range is "one mapping" if
 * its first page (shrinking) or all its pages (growing, moving) are
 * mapped; it grows in place if the pages after it are free, else moves
 * (with MREMAP_MAYMOVE) to a new area.  No MREMAP_DONTUNMAP, and no
 * old_len 0, which duplicates a shared mapping.
 */
static long do_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	long err = check_mremap_params(addr, new_len, flags, new_addr);

	if (err)
		return err;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!mapped_pages(current->mm, addr, addr + PAGE_SIZE))
		return -EFAULT;
	if (!old_len)
		return -EINVAL;
	if (!within_one_mapping(addr, old_len))
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;		/* the ranges overlap */
		if (mapped_pages(current->mm, addr, addr + old_len) != old_len / PAGE_SIZE)
			return -EFAULT;
		do_munmap(current->mm, new_addr, new_addr + new_len);
		return move_mapping(addr, old_len, new_len, new_addr);
	}
	if (new_len < old_len)		/* shrink: unmap the tail */
		err = munmap_checked(addr + new_len, old_len - new_len);
	if (new_len <= old_len)
		return err ? err : (long)addr;
	if (mapped_pages(current->mm, addr, addr + old_len) != old_len / PAGE_SIZE)
		return -EFAULT;
	if (addr + new_len <= MMAP_END &&
	    !mapped_pages(current->mm, addr + old_len, addr + new_len)) {
		err = vma_lookup(current->mm, addr) ?
		      vma_mremap(current->mm, addr, old_len, new_len, addr) :
		      map_like(addr + old_len, new_len - old_len, addr);
		if (!err && addr + new_len > current->mm->mmap_base)
			current->mm->mmap_base = addr + new_len + PAGE_SIZE;
		return err ? err : (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE) || !(new_addr = get_unmapped_area(new_len)))
		return -ENOMEM;
	return move_mapping(addr, old_len, new_len, new_addr);
}

long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	return with_mmap_lock(do_mremap(addr, old_len, new_len, flags, new_addr));
}
