/*
 * /proc/PID/maps: Pollux keeps no vmas, so the "areas" are runs of
 * mapped pages that follow each other with the same permissions, cut
 * where the heap begins and ends; each shows as Linux's private
 * anonymous mappings do ("p", offset 0, device 00:00, inode 0), the
 * heap named [heap] and the run under the stack top [stack]; a
 * MAP_SHARED run is "s", without the "/dev/zero (deleted)" name and
 * inode Linux gives its shmem file.  An ELF's
 * segments have no file name: Pollux does not keep which file a page
 * came from.  Linux: fs/proc/task_mmu.c show_map_vma().
 * The same walk counts the pages of /proc/PID/status's Vm lines and
 * of stat's vsize and rss (task_mem(), task_vsize()).
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>

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

/* Linux: fs/proc/task_mmu.c show_map_vma(), the name after blanks to
 * column 72 and one more, as seq_setwidth() and seq_pad() place it */
static void show_map_vma(struct map_run *r)
{
	const char *name = NULL;
	size_t col = r->m->count;

	seq_printf(r->m, "%08lx-%08lx %c%c%c%c %08x %02x:%02x %lu ", r->start,
		   r->end, r->pte & PTE_P ? 'r' : '-', pte_write(r->pte) ? 'w' : '-',
		   (r->pte & PTE_P) && !(r->pte & pte_nx) ? 'x' : '-',
		   r->pte & PTE_SHARED ? 's' : 'p', 0, 0, 0, 0UL);
	if (r->start >= r->mm->start_brk && r->end <= ALIGN_UP(r->mm->brk, PAGE_SIZE) &&
	    r->mm->brk > r->mm->start_brk)
		name = "[heap]";
	else if (r->end == USER_STACK_TOP)
		name = "[stack]";
	if (name)
		seq_printf(r->m, "%*s %s", (int)(col + 72 - r->m->count), "",
			   name);
	seq_printf(r->m, "\n");
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
		show_map_vma(r);
	r->start = va;
	r->end = va + PAGE_SIZE;
	r->pte = *pte;
}

/* Linux: fs/proc/task_mmu.c proc_pid_maps_op's show_map() over each vma */
int proc_pid_maps(struct seq_file *m, struct task_struct *t)
{
	struct map_run r = { .m = m, .mm = t->mm };

	if (!t->mm)
		return 0;
	mm_walk_range(t->mm, 0, USER_TOP, map_page, &r);
	if (r.end)
		show_map_vma(&r);
	return 0;
}

/* Pollux's counterparts of Linux's mm counters, in pages, from the page
 * tables: each mapped page is one page of a vma, and resident. */
struct mem_counts {
	u64 total, shmem, data, stack, exec;
};

static void count_page(u64 *pte, u64 va, void *arg)
{
	struct mem_counts *c = arg;

	c->total++;
	if (*pte & PTE_SHARED)
		c->shmem++;
	else if (va >= USER_STACK_TOP - USER_STACK_MAX && va < USER_STACK_TOP)
		c->stack++;
	else if (pte_write(*pte))
		c->data++;	/* Linux's data_vm: private, writable, not stack */
	if (!(*pte & pte_nx) && !pte_write(*pte))
		c->exec++;	/* Linux's exec_vm: executable, not writable */
}

static struct mem_counts mem_counts(struct mm_struct *mm)
{
	struct mem_counts c = { 0 };

	mm_walk_range(mm, 0, USER_TOP, count_page, &c);
	return c;
}

/* Linux: fs/proc/task_mmu.c task_vsize(), in bytes */
unsigned long task_vsize(struct mm_struct *mm)
{
	return mem_counts(mm).total * PAGE_SIZE;
}

static void show_kb(struct seq_file *m, const char *name, u64 pages)
{
	seq_printf(m, "%s:\t%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

/*
 * Linux: fs/proc/task_mmu.c task_mem(), then array.c's lines up to
 * untag_mask.  Pollux keeps no high-water marks and does not count its
 * page tables: VmPeak, VmHWM and VmPTE are left out.  Programs are
 * static and their pages copied from the file, so all executable pages
 * are VmExe and every page not MAP_SHARED is RssAnon.
 */
void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mem_counts c = mem_counts(mm);

	show_kb(m, "VmSize", c.total);
	show_kb(m, "VmLck", 0);
	show_kb(m, "VmPin", 0);
	show_kb(m, "VmRSS", c.total);
	show_kb(m, "RssAnon", c.total - c.shmem);
	show_kb(m, "RssFile", 0);
	show_kb(m, "RssShmem", c.shmem);
	show_kb(m, "VmData", c.data);
	show_kb(m, "VmStk", c.stack);
	show_kb(m, "VmExe", c.exec);
	show_kb(m, "VmLib", 0);
	show_kb(m, "VmSwap", 0);
	show_kb(m, "HugetlbPages", 0);
	seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t0\n"
		   "untag_mask:\t0xffffffffffffffff\n");
}
