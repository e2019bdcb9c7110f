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
