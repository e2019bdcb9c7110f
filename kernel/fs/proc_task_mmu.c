/*
 * /proc/PID/maps: an anonymous "area" is a run of mapped pages that
 * follow each other with the same permissions (Pollux keeps no vmas for
 * them), cut where the heap begins and ends and at each file vma; each
 * shows as Linux's private anonymous mappings do ("p", offset 0, device
 * 00:00, inode 0), the heap named [heap] and the run under the stack
 * top [stack]; a MAP_SHARED run is "s", without the "/dev/zero
 * (deleted)" name and inode Linux gives its shmem file.  A file vma
 * shows its file's offset, device, inode and path, as Linux.  An ELF's
 * segments have no file name: exec copies them (kernel/proc/exec.c).
 * Linux: fs/proc/task_mmu.c show_map_vma().
 * /proc/PID/status's Vm lines and stat's vsize come from the counters
 * of kernel/mm/mm_counters.c (task_mem(), task_vsize()).
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/string.h>

struct map_run {
	struct seq_file *m;
	struct mm_struct *mm;
	u64 start, end;		/* the run so far; end == 0: none yet */
	u64 pte;		/* its first page's entry */
};

/* What a run shares: present, writable (now or after its CoW copy),
 * executable, MAP_SHARED. */
static u64 pte_perms(u64 pte)
{
	return (pte & (PTE_P | pte_nx | PTE_SHARED)) | (pte_write(pte) ? PTE_W : 0);
}

/* One line of maps; the name after blanks to column 72 and one more, as
 * seq_setwidth() and seq_pad() place it.  Linux: show_vma_header_prefix() */
static void show_map_line(struct seq_file *m, u64 start, u64 end, char r,
			  char w, char x, char s, u64 pgoff,
			  struct inode *inode, const char *name)
{
	size_t col = m->count;

	/* st_dev's major and minor (stat.c): 0 and the mount's i_dev, or
	 * 1 for an inode of no mount; 00:00 0 for anonymous memory */
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", start, end,
		   r, w, x, s, pgoff << PAGE_SHIFT, 0,
		   inode ? (inode->i_dev ? inode->i_dev : 1) : 0,
		   inode ? inode->i_ino : 0);
	if (name)
		seq_printf(m, "%*s %s", (int)(col + 72 - m->count), "", name);
	seq_printf(m, "\n");
}

/* Linux: fs/proc/task_mmu.c show_map_vma(), for an anonymous run */
static void show_map_run(struct map_run *r)
{
	const char *name = NULL;

	if (r->start >= r->mm->start_brk && r->end <= ALIGN_UP(r->mm->brk, PAGE_SIZE) &&
	    r->mm->brk > r->mm->start_brk)
		name = "[heap]";
	else if (r->end == USER_STACK_TOP)
		name = "[stack]";
	show_map_line(r->m, r->start, r->end, r->pte & PTE_P ? 'r' : '-',
		      pte_write(r->pte) ? 'w' : '-',
		      (r->pte & PTE_P) && !(r->pte & pte_nx) ? 'x' : '-',
		      r->pte & PTE_SHARED ? 's' : 'p', 0, NULL, name);
}

/* Linux: fs/proc/task_mmu.c show_map_vma(), for a file vma; an
 * unlinked file's path ends in " (deleted)", as d_path() gives it */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct file *f = vma->vm_file;
	unsigned long fl = vma->vm_flags;
	char path[256];

	if (!f->f_dentry || d_path(f->f_dentry, path, sizeof(path) - 10))
		strlcpy(path, "?", sizeof(path));
	if (f->f_inode->i_nlink == 0)
		memcpy(path + strlen(path), " (deleted)", 11);
	show_map_line(m, vma->vm_start, vma->vm_end, fl & VM_READ ? 'r' : '-',
		      fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
		      fl & VM_SHARED ? 's' : 'p', vma->vm_pgoff,
		      f->f_inode, path);
}

/* The heap's edges cut a run as its vma's would. */
static bool heap_edge(struct mm_struct *mm, u64 va)
{
	return va == ALIGN_DOWN(mm->start_brk, PAGE_SIZE) ||
	       va == ALIGN_UP(mm->brk, PAGE_SIZE);
}

static void map_page(u64 *pte, u64 va, void *arg)
{
	struct map_run *r = arg;

	if (r->end == va && pte_perms(*pte) == pte_perms(r->pte) &&
	    !heap_edge(r->mm, va)) {
		r->end += PAGE_SIZE;
		return;
	}
	if (r->end)
		show_map_run(r);
	r->start = va;
	r->end = va + PAGE_SIZE;
	r->pte = *pte;
}

/* The anonymous runs of [start, end), where no file vma is. */
static void show_runs(struct map_run *r, u64 start, u64 end)
{
	mm_walk_range(r->mm, start, end, map_page, r);
	if (r->end)
		show_map_run(r);
	r->end = 0;
}

/* Linux: fs/proc/task_mmu.c proc_pid_maps_op's show_map() over each vma */
int proc_pid_maps(struct seq_file *m, struct task_struct *t)
{
	/* t may exit meanwhile, its owner unmap: Linux's m_start() */
	struct map_run r = { .m = m, .mm = get_task_mm(t) };
	struct vm_area_struct *vma;
	u64 from = 0;

	if (!r.mm)
		return 0;
	mutex_lock(&r.mm->mmap_lock);
	list_for_each_entry(vma, &r.mm->mmap, vm_list) {
		show_runs(&r, from, vma->vm_start);
		show_map_vma(m, vma);
		from = vma->vm_end;
	}
	show_runs(&r, from, USER_TOP);
	mutex_unlock(&r.mm->mmap_lock);
	mmput(r.mm);
	return 0;
}

/* Linux: fs/proc/task_mmu.c task_vsize(), in bytes */
unsigned long task_vsize(struct mm_struct *mm)
{
	struct mm_counters c;

	get_mm_counters(mm, &c);
	return c.total * PAGE_SIZE;
}

static void show_kb(struct seq_file *m, const char *name, u64 pages)
{
	seq_printf(m, "%s:\t%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

/*
 * Linux: fs/proc/task_mmu.c task_mem(), then array.c's lines up to
 * untag_mask.  The high-water marks are the larger of the mark and the
 * count now, as Linux's.  Programs are static and their pages copied
 * from the file, so their executable pages are VmExe, and VmLib is
 * what executable file mappings there are.
 */
void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_counters c;

	get_mm_counters(mm, &c);
	show_kb(m, "VmPeak", MAX(mm->hiwater_vm, c.total));
	show_kb(m, "VmSize", c.total);
	show_kb(m, "VmLck", 0);
	show_kb(m, "VmPin", 0);
	show_kb(m, "VmHWM", MAX(mm->hiwater_rss, c.rss));
	show_kb(m, "VmRSS", c.rss);
	show_kb(m, "RssAnon", c.anon);
	show_kb(m, "RssFile", c.file);
	show_kb(m, "RssShmem", c.shmem);
	show_kb(m, "VmData", c.data);
	show_kb(m, "VmStk", c.stack);
	show_kb(m, "VmExe", c.exec);
	show_kb(m, "VmLib", c.lib);
	show_kb(m, "VmPTE", mm_pgtables(mm));
	show_kb(m, "VmSwap", 0);
	show_kb(m, "HugetlbPages", 0);
	seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t0\n"
		   "untag_mask:\t0xffffffffffffffff\n");
}
