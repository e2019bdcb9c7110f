/*
 * File vmas (struct vm_area_struct in mm.h): each file mapping of an mm
 * is one vma on mm->mmap, sorted by address, and on its file's
 * i_data.i_mmap.  Its pages are mapped at the first touch
 * (filemap_fault), from the file's page cache (filemap.c): MAP_SHARED
 * maps the file's frames writable (PTE_SHARED, as a shared anonymous
 * page), MAP_PRIVATE maps them read-only and copies one at its first
 * write (PTE_COW, do_wp_page: the file keeps a reference, so the count
 * is never 1).  munmap and mprotect of a part split a vma, as Linux.
 * Anonymous memory has no vma: its page-table entries are the mapping.
 * Linux: mm/vma.c, mm/mmap.c, mm/memory.c (faults, unmap_mapping_range).
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/signal.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

/* Linux: include/linux/mm.h vma_lookup() */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, u64 addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr >= vma->vm_start && addr < vma->vm_end)
			return vma;
	return NULL;
}

/* The first vma that overlaps [start, end), or NULL.
 * Linux: include/linux/mm.h find_vma_intersection() */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, u64 start,
					     u64 end)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start < end && vma->vm_end > start)
			return vma;
	return NULL;
}

static struct address_space *vma_mapping(struct vm_area_struct *vma)
{
	return &vma->vm_file->f_inode->i_data;
}

/* Puts vma on its mm's list, in address order, and on its file's
 * i_mmap.  Linux: mm/vma.c vma_link() */
static void vma_link(struct vm_area_struct *vma)
{
	struct list_head *pos = &vma->vm_mm->mmap;
	struct vm_area_struct *v;

	list_for_each_entry(v, &vma->vm_mm->mmap, vm_list) {
		if (v->vm_start > vma->vm_start) {
			pos = &v->vm_list;
			break;
		}
	}
	list_add_tail(&vma->vm_list, pos);
	i_mmap_lock_write(vma_mapping(vma));
	list_add_tail(&vma->shared, &vma_mapping(vma)->i_mmap);
	i_mmap_unlock_write(vma_mapping(vma));
}

/* Linux: mm/mmap.c __remove_shared_vm_struct(), under i_mmap_rwsem */
static void vma_unlink_file(struct vm_area_struct *vma)
{
	i_mmap_lock_write(vma_mapping(vma));
	list_del(&vma->shared);
	i_mmap_unlock_write(vma_mapping(vma));
}

/* A copy of orig for mm, not yet linked.  Linux: kernel/fork.c vm_area_dup() */
static struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig,
					  struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma));

	if (!vma)
		return NULL;
	*vma = *orig;
	vma->vm_mm = mm;
	get_file(vma->vm_file);
	return vma;
}

/* Linux: mm/vma.c remove_vma() */
static void remove_vma(struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	vma_unlink_file(vma);
	fput(vma->vm_file);
	kfree(vma);
}

/* Linux: mm/vma.c __mmap_region(), for a file, with nothing to merge */
int mmap_region(struct mm_struct *mm, struct file *file, u64 start, u64 end,
		unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct tmpl = {
		.vm_start = start, .vm_end = end, .vm_pgoff = pgoff,
		.vm_flags = vm_flags, .vm_file = file,
	};
	struct vm_area_struct *vma = vm_area_dup(&tmpl, mm);

	if (!vma)
		return -ENOMEM;
	vma_link(vma);
	return 0;
}

/* Cuts vma in two at addr, inside it: the upper part is a new vma.
 * Linux: mm/vma.c split_vma() */
static int split_vma(struct vm_area_struct *vma, u64 addr)
{
	struct vm_area_struct *new = vm_area_dup(vma, vma->vm_mm);

	if (!new)
		return -ENOMEM;
	new->vm_start = addr;
	new->vm_pgoff += (addr - vma->vm_start) / PAGE_SIZE;
	vma->vm_end = addr;
	vma_link(new);
	return 0;
}

/* Splits the vmas across start and end: then each is wholly inside
 * [start, end) or wholly outside. */
static int split_around(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *vma = vma_lookup(mm, start);
	int err;

	if (vma && vma->vm_start < start && (err = split_vma(vma, start)))
		return err;
	vma = vma_lookup(mm, end);
	if (vma && vma->vm_start < end && (err = split_vma(vma, end)))
		return err;
	return 0;
}

/* Linux: mm/vma.c do_vmi_munmap() */
int do_munmap(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *vma, *tmp;
	int err = split_around(mm, start, end);

	if (err)
		return err;
	update_hiwater(mm);
	list_for_each_entry_safe(vma, tmp, &mm->mmap, vm_list)
		if (vma->vm_start >= start && vma->vm_end <= end)
			remove_vma(vma);
	mm_unmap(mm, start, end);
	return 0;
}

/* Linux: mm/mprotect.c mprotect_fixup(), with do_mprotect_pkey()'s
 * check that a MAP_SHARED mapping of a read-only fd stays read-only */
int vma_mprotect(struct mm_struct *mm, u64 start, u64 end,
		 unsigned long vm_flags)
{
	struct vm_area_struct *vma;
	int err;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start < end && vma->vm_end > start &&
		    (vm_flags & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;
	if ((err = split_around(mm, start, end)))
		return err;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start >= start && vma->vm_end <= end)
			vma->vm_flags = (vma->vm_flags &
					 ~(VM_READ | VM_WRITE | VM_EXEC)) | vm_flags;
	return 0;
}

/* Linux: mm/mremap.c move_vma() and vma_expand(), for a file vma */
int vma_mremap(struct mm_struct *mm, u64 addr, u64 old_len, u64 new_len,
		u64 to)
{
	struct vm_area_struct *vma;
	int err = split_around(mm, addr, addr + old_len);

	if (err)
		return err;
	vma = vma_lookup(mm, addr);	/* now [addr, addr + old_len) */
	if (to != addr) {
		if ((err = mm_move(mm, addr, to, MIN(old_len, new_len))))
			return err;
		mm_unmap(mm, addr, addr + old_len);	/* a shrunk tail */
	}
	list_del(&vma->vm_list);
	vma_unlink_file(vma);
	vma->vm_start = to;
	vma->vm_end = to + new_len;
	vma_link(vma);
	return 0;
}

u64 mapped_pages(struct mm_struct *mm, u64 start, u64 end)
{
	u64 n = mm_walk_range(mm, start, end, NULL, NULL);
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		u64 lo = MAX(start, vma->vm_start), hi = MIN(end, vma->vm_end);

		if (lo < hi)	/* its pages, less those the walk counted */
			n += (hi - lo) / PAGE_SIZE -
			     mm_walk_range(mm, lo, hi, NULL, NULL);
	}
	return n;
}

/* Linux: kernel/fork.c dup_mmap(), the vmas (vmm.c copies the pages) */
int dup_mmap(struct mm_struct *mm, struct mm_struct *old)
{
	struct vm_area_struct *vma, *new;

	list_for_each_entry(vma, &old->mmap, vm_list) {
		if (!(new = vm_area_dup(vma, mm)))
			return -ENOMEM;
		vma_link(new);
	}
	return 0;
}

/* Linux: mm/mmap.c exit_mmap(), the vmas */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *tmp;

	list_for_each_entry_safe(vma, tmp, &mm->mmap, vm_list)
		remove_vma(vma);
}

/* A file page's entry in a vma of these flags: a private writable
 * page is read-only until its first write copies it (do_wp_page).
 * Linux: vm_get_page_prot(), and do_cow_fault()'s copy made later */
static u64 vm_pte_flags(unsigned long flags)
{
	u64 pte = flags & VM_EXEC ? 0 : pte_nx;

	if (flags & VM_SHARED)
		return pte | PTE_SHARED | (flags & VM_WRITE ? PTE_W : 0);
	return pte | (flags & VM_WRITE ? PTE_COW : 0);
}

/* Linux: mm/memory.c do_read_fault() + mm/filemap.c filemap_fault()
 * (or shmem_fault()): a page wholly past the end of the file is SIGBUS;
 * no memory for it is SIGBUS too (Linux: VM_FAULT_OOM, the OOM killer) */
int filemap_fault(struct vm_area_struct *vma, u64 addr)
{
	struct inode *inode = vma->vm_file->f_inode;
	u64 va = ALIGN_DOWN(addr, PAGE_SIZE), pa;
	unsigned long index = vma->vm_pgoff + (va - vma->vm_start) / PAGE_SIZE;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return SIGSEGV;
	if (index >= ALIGN_UP((u64)inode->i_size, PAGE_SIZE) / PAGE_SIZE)
		return SIGBUS;
	pa = find_or_create_page(&inode->i_data, index);
	if (!pa || mm_map_page(vma->vm_mm, va, pa, vm_pte_flags(vma->vm_flags)))
		return SIGBUS;
	return 0;
}

/* Linux: mm/memory.c unmap_mapping_range(), even_cows: truncate takes
 * the private copies of the pages too.  The walk under i_mmap_rwsem, as
 * Linux's; the page tables of the other processes are changed without
 * their mmap_lock (Linux takes each table's page table lock, which
 * Pollux does not have: a fault there on another CPU races it) */
void unmap_mapping_range(struct address_space *mapping, unsigned long index)
{
	struct vm_area_struct *vma;

	i_mmap_lock_write(mapping);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		u64 pages = (vma->vm_end - vma->vm_start) / PAGE_SIZE;
		u64 skip = index > vma->vm_pgoff ? index - vma->vm_pgoff : 0;

		if (skip >= pages)
			continue;
		update_hiwater(vma->vm_mm);
		mm_unmap(vma->vm_mm, vma->vm_start + skip * PAGE_SIZE,
			 vma->vm_end);
	}
	i_mmap_unlock_write(mapping);
}
