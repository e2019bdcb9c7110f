/*
 * Linux's per-mm counters, which /proc/PID/status and stat show:
 * Pollux keeps none as it goes, but counts them when asked, from the
 * page-table entries (anonymous memory, each page resident) and the
 * file vmas (whose pages count in the size whether touched or not, and
 * are resident once mapped).  The high-water marks are taken before
 * every unmap, as Linux takes them, so they hold the peaks.
 * Linux: include/linux/mm.h get_mm_counter(), update_hiwater_rss/vm(),
 * mm/mmap.c vm_stat_account(), fs/proc/task_mmu.c task_mem().
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <uapi/statfs.h>

struct count_walk {
	struct mm_struct *mm;
	struct mm_counters *c;
};

/* A file vma's resident page: the file's own (RssShmem on a tmpfs, as
 * Linux's shmem pages, else RssFile), or a private copy (RssAnon). */
static void count_file_page(struct mm_counters *c, struct vm_area_struct *vma,
			    u64 pte, u64 va)
{
	struct file *f = vma->vm_file;
	unsigned long index = vma->vm_pgoff + (va - vma->vm_start) / PAGE_SIZE;

	if (find_get_page(&f->f_inode->i_data, index) != (pte & PTE_ADDR))
		c->anon++;
	else if (f->f_dentry && d_mount(f->f_dentry)->d_magic == TMPFS_MAGIC)
		c->shmem++;
	else
		c->file++;
}

static void count_page(u64 *pte, u64 va, void *arg)
{
	struct count_walk *w = arg;
	struct mm_counters *c = w->c;
	struct vm_area_struct *vma = vma_lookup(w->mm, va);

	c->rss++;
	if (vma) {		/* its size is counted with its vma */
		count_file_page(c, vma, *pte, va);
		return;
	}
	c->total++;
	c->anon += !(*pte & PTE_SHARED);
	if (*pte & PTE_SHARED)
		c->shmem++;
	else if (va >= USER_STACK_TOP - USER_STACK_MAX && va < USER_STACK_TOP)
		c->stack++;
	else if (pte_write(*pte))
		c->data++;	/* Linux's data_vm: private, writable, not stack */
	if (!(*pte & pte_nx) && !pte_write(*pte))
		c->exec++;	/* the program's text */
}

/* Linux: mm/mmap.c vm_stat_account(), for each file vma */
void get_mm_counters(struct mm_struct *mm, struct mm_counters *c)
{
	struct count_walk w = { mm, c };
	struct vm_area_struct *vma;

	*c = (struct mm_counters){ 0 };
	mm_walk_range(mm, 0, USER_TOP, count_page, &w);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		u64 pages = (vma->vm_end - vma->vm_start) / PAGE_SIZE;

		c->total += pages;
		if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			c->data += pages;
		else if ((vma->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			c->lib += pages;
	}
}

/* Linux: include/linux/mm.h update_hiwater_rss() + update_hiwater_vm() */
void update_hiwater(struct mm_struct *mm)
{
	struct mm_counters c;

	get_mm_counters(mm, &c);
	mm->hiwater_rss = MAX(mm->hiwater_rss, c.rss);
	mm->hiwater_vm = MAX(mm->hiwater_vm, c.total);
}
