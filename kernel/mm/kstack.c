/*
 * Kernel stacks, each in its own slot of a kernel virtual area above an
 * unmapped guard, as Linux's CONFIG_VMAP_STACK gives: a stack that
 * overflows runs into its guard and faults at once (a double fault,
 * which kernel/arch/traps.c reports as "kernel stack overflow") instead
 * of quietly overwriting whatever lay below it.  The frames come one by
 * one from the frame allocator and are reached only through this
 * mapping.  Linux: kernel/fork.c alloc_thread_stack_node(), mm/vmalloc.c.
 *
 *   slot i at KSTACK_AREA + i * KSTACK_SLOT:
 *   [ guard: KSTACK_SIZE, never mapped | stack: KSTACK_PAGES frames ]
 *
 * A guard as deep as the stack also catches a function whose frame is
 * larger than a page, which would jump a one-page guard and land in the
 * neighbouring stack.  Slots are handed out lowest first, so the area's
 * page tables (kept once made, as Linux keeps vmalloc's) cover only as
 * many stacks as ever existed at once.
 */
#include <pollux/mm.h>
#include <pollux/spinlock.h>
#include <pollux/mutex.h>

#define KSTACK_SLOT (2 * KSTACK_SIZE)
#define KSTACK_SLOTS (KSTACK_AREA_SIZE / KSTACK_SLOT)	/* 32768, Linux's pid_max */

/*
 * A slot is used from its allocation until every CPU's TLB has forgotten
 * its old pages: a freed stack's unmapping flushes only this CPU's TLB,
 * and a CPU that ran the task may still cache them, so a freed slot is
 * "dirty" until the next allocation flushes every CPU's TLB (an IPI;
 * Linux's vfree flushes lazily the same way) and gives dirty slots back.
 * kstack_lock (taken with interrupts off: a stack is freed by
 * __schedule()) guards the bitmaps; kstack_flush_mutex makes one flush
 * at a time, whose slots wait in flushing.
 */
static u64 slot_used[KSTACK_SLOTS / 64], slot_dirty[KSTACK_SLOTS / 64];
static u64 slot_flushing[KSTACK_SLOTS / 64];
static bool any_dirty;
static DEFINE_SPINLOCK(kstack_lock);
static struct mutex kstack_flush_mutex;

/* boot/boot.asm: the boot stack, which the idle task keeps, and the page
 * below it, unmapped here */
extern char boot_stack_guard[], boot_stack[];

/* The area's page tables are made here, all of them (512 pages for its
 * 1 GiB), and kept, as unmap_kernel_page() keeps them: made on demand,
 * they would stay after a crowd of tasks had gone, and the memory a
 * test saw in use after its tasks exit would depend on how many ran at
 * once. */
void kstack_init(void)
{
	mutex_init(&kstack_flush_mutex);
	for (u64 va = KSTACK_AREA; va < KSTACK_AREA + KSTACK_AREA_SIZE;
	     va += 512 * PAGE_SIZE)
		vmm_reserve_kernel_area(va);
	unmap_kernel_image_page((u64)boot_stack_guard);
}

static void *slot_stack(u64 slot)
{
	return (void *)(KSTACK_AREA + slot * KSTACK_SLOT + KSTACK_SIZE);
}

static long find_free_slot(void)
{
	for (u64 w = 0; w < KSTACK_SLOTS / 64; w++)
		if (~slot_used[w])
			return w * 64 + __builtin_ctzl(~slot_used[w]);
	return -1;
}

/* Unmaps and frees the first npages pages of a stack. */
static void unmap_stack(void *stack, int npages)
{
	for (int i = 0; i < npages; i++)
		free_pages(unmap_kernel_page((u64)stack + i * PAGE_SIZE), 1);
}

/* Gives the dirty slots back once every CPU's TLB is flushed. */
static void kstack_flush(void)
{
	unsigned long flags;

	mutex_lock(&kstack_flush_mutex);
	spin_lock_irqsave(&kstack_lock, flags);
	for (u64 w = 0; w < KSTACK_SLOTS / 64; w++) {
		slot_flushing[w] = slot_dirty[w];
		slot_dirty[w] = 0;
	}
	any_dirty = false;
	spin_unlock_irqrestore(&kstack_lock, flags);
	flush_tlb_kernel_all();
	spin_lock_irqsave(&kstack_lock, flags);
	for (u64 w = 0; w < KSTACK_SLOTS / 64; w++)
		slot_used[w] &= ~slot_flushing[w];
	spin_unlock_irqrestore(&kstack_lock, flags);
	mutex_unlock(&kstack_flush_mutex);
}

static void put_slot(u64 slot, u64 *bitmap)
{
	unsigned long flags;

	spin_lock_irqsave(&kstack_lock, flags);
	bitmap[slot / 64] ^= 1UL << (slot % 64);
	spin_unlock_irqrestore(&kstack_lock, flags);
}

void *alloc_thread_stack(void)
{
	unsigned long flags;
	void *stack;
	long slot;

	if (READ_ONCE(any_dirty))
		kstack_flush();
	spin_lock_irqsave(&kstack_lock, flags);
	slot = find_free_slot();
	if (slot >= 0)
		slot_used[slot / 64] |= 1UL << (slot % 64);
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (slot < 0)
		return NULL;
	stack = slot_stack(slot);
	for (int i = 0; i < KSTACK_PAGES; i++) {
		/* zeroed, as Linux's THREADINFO_GFP (__GFP_ZERO) */
		void *page = get_zeroed_page();
		u64 pa = page ? virt_to_phys(page) : 0;

		if (!pa || map_kernel_page((u64)stack + i * PAGE_SIZE, pa)) {
			if (pa)
				free_pages(pa, 1);
			unmap_stack(stack, i);
			put_slot(slot, slot_used);	/* never used: clean */
			return NULL;
		}
	}
	return stack;
}

void free_thread_stack(void *stack)
{
	u64 slot = ((u64)stack - KSTACK_AREA) / KSTACK_SLOT;

	unmap_stack(stack, KSTACK_PAGES);
	put_slot(slot, slot_dirty);
	WRITE_ONCE(any_dirty, true);
}

void *stack_of_guard(u64 addr)
{
	u64 off = addr - KSTACK_AREA;

	if (addr >= (u64)boot_stack_guard && addr < (u64)boot_stack)
		return boot_stack;
	if (addr < KSTACK_AREA || off >= KSTACK_AREA_SIZE ||
	    off % KSTACK_SLOT >= KSTACK_SIZE)
		return NULL;
	return slot_stack(off / KSTACK_SLOT);
}
