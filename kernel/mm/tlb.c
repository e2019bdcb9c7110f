/*
 * The TLB of several CPUs.  Each CPU caches the page tables of the
 * address space its CR3 holds (pcpu->loaded_mm); mm->cpu_bitmap says
 * which CPUs those are (mm_cpumask), so that a change of mm's page
 * tables (munmap, mprotect, mremap, a truncate's unmapping, fork's
 * write-protection, a copy on write) flushes exactly their TLBs: its
 * own at once, the others' by IPI (smp_call_function).  A CPU whose
 * next task has no mm (the idle task, a kernel thread) loads the
 * kernel's tables: no CPU keeps a dead mm's tables loaded (Linux keeps
 * them "lazily" and counts the references instead).
 * Linux: arch/x86/mm/tlb.c
 */
#include <pollux/mm.h>
#include <pollux/percpu.h>
#include <pollux/preempt.h>
#include <pollux/irqflags.h>
#include <pollux/arch/cpu.h>
#include <pollux/arch/apic.h>

/* Beyond this many pages a flush reloads CR3 (Linux:
 * tlb_single_page_flush_ceiling) */
#define FLUSH_CEILING 33

#define TLB_FLUSH_ALL (~0ULL)

/* Sets this CPU's bit in the new mm before loading it (a flush that
 * changes mm's tables after this sees the bit, or the CPU loads the
 * changed tables) and clears it in the old one after (the CR3 write
 * flushed the old one's entries).  Interrupts off, so that a flush IPI
 * does not see loaded_mm half changed.
 * Linux: arch/x86/mm/tlb.c switch_mm_irqs_off() */
void mm_activate(struct mm_struct *mm)
{
	unsigned long flags = local_irq_save();
	struct mm_struct *prev = this_cpu_read(loaded_mm);
	unsigned long bit = 1UL << smp_processor_id();

	if (mm && mm != prev)
		__atomic_or_fetch(&mm->cpu_bitmap, bit, __ATOMIC_SEQ_CST);
	write_cr3(mm_pgd_phys(mm));
	if (prev && prev != mm)
		__atomic_and_fetch(&prev->cpu_bitmap, ~bit, __ATOMIC_RELEASE);
	this_cpu_write(loaded_mm, mm);
	local_irq_restore(flags);
}

struct flush_tlb_info {
	struct mm_struct *mm;	/* NULL: the kernel's half */
	u64 start, end;
};

/* On each CPU, if it has info->mm loaded.  Linux: flush_tlb_func() */
static void flush_tlb_func(void *arg)
{
	const struct flush_tlb_info *info = arg;

	if (info->mm && this_cpu_read(loaded_mm) != info->mm)
		return;
	/* no page is global (no PTE_G): a CR3 reload drops them all */
	if (info->end == TLB_FLUSH_ALL ||
	    (info->end - info->start) / PAGE_SIZE > FLUSH_CEILING) {
		write_cr3(read_cr3());
		return;
	}
	for (u64 va = info->start; va < info->end; va += PAGE_SIZE)
		invlpg(va);
}

/* Linux: arch/x86/mm/tlb.c flush_tlb_mm_range() */
void flush_tlb_mm_range(struct mm_struct *mm, u64 start, u64 end)
{
	struct flush_tlb_info info = { mm, start, end };

	preempt_disable();
	flush_tlb_func(&info);
	/* the page table stores before the look at the mask */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (READ_ONCE(mm->cpu_bitmap) & ~(1UL << smp_processor_id()))
		smp_call_function(flush_tlb_func, &info);
	preempt_enable();
}

/* Linux: arch/x86/mm/tlb.c flush_tlb_kernel_range() (all of it) */
void flush_tlb_kernel_all(void)
{
	struct flush_tlb_info info = { NULL, 0, TLB_FLUSH_ALL };

	preempt_disable();
	flush_tlb_func(&info);
	smp_call_function(flush_tlb_func, &info);
	preempt_enable();
}
