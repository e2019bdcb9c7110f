/*
 * Page tables and user address spaces.  Every address space shares the
 * kernel half (PML4 entries 256..511, copied from the boot tables); the
 * user half (0..255) is private, mapped with 4 KiB pages.  fork copies
 * the page tables, not the pages: each user page is shared, its
 * reference count (pmm.c) one higher.  A MAP_SHARED page (PTE_SHARED)
 * stays writable in both; a private writable page becomes read-only in
 * both, marked PTE_COW, and the first write to it, by the user or by
 * the kernel (copy_to_user, put_user, mm_write), copies it, or takes it
 * back writable if the other mm has let go (do_wp_page).
 * Linux: mm/memory.c, arch/x86/mm/pgtable.c, kernel/fork.c dup_mm().
 */
#include <pollux/mm.h>
#include <pollux/kernel.h>
#include <pollux/string.h>
#include <pollux/sched.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>

extern u64 boot_pml4[512];
u64 pte_nx;

static u64 *kernel_pml4(void) { return boot_pml4; }

void vmm_init(void)
{
	u32 a, b, c, d;

	cpuid(0x80000001, &a, &b, &c, &d);
	if (d & (1 << 20)) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		pte_nx = PTE_NX;
	}
	/* The identity map was only for the jump to the higher half; user
	 * space takes the lower half from here on. */
	kernel_pml4()[0] = 0;
	write_cr3(read_cr3());
}

static u64 *table_of(u64 entry) { return phys_to_virt(entry & PTE_ADDR); }

/* The next-level table under *entry, allocated if create is set (with
 * PTE_U in the user half: the CPU grants user access only where every
 * level allows it). */
static u64 *next_table(u64 *entry, bool create, u64 user)
{
	u64 *page;

	if (*entry & PTE_P)
		return table_of(*entry);
	if (!create || !(page = get_zeroed_page()))
		return NULL;
	*entry = virt_to_phys(page) | PTE_P | PTE_W | user;
	return page;
}

static u64 *walk(u64 *pml4, u64 va, bool create)
{
	u64 *t = pml4, user = va < USER_TOP ? PTE_U : 0;

	for (int shift = 39; shift > 12; shift -= 9) {
		t = next_table(&t[(va >> shift) & 511], create, user);
		if (!t)
			return NULL;
	}
	return &t[(va >> 12) & 511];
}

u64 *mm_walk(struct mm_struct *mm, u64 va)
{
	return walk(mm->pml4, va, false);
}

/* Linux: mm/vmalloc.c vmap_pages_range(), one page */
int map_kernel_page_prot(u64 va, u64 pa, u64 flags)
{
	u64 *pte = walk(kernel_pml4(), va, true);

	if (!pte)
		return -ENOMEM;
	*pte = pa | PTE_P | flags;
	return 0;
}

int map_kernel_page(u64 va, u64 pa)
{
	return map_kernel_page_prot(va, pa, PTE_W | pte_nx);
}

/* Linux: mm/vmalloc.c vunmap_range(), one page; the page tables stay, as
 * Linux keeps its kernel page tables. */
u64 unmap_kernel_page(u64 va)
{
	u64 *pte = walk(kernel_pml4(), va, false);
	u64 pa = *pte & PTE_ADDR;

	*pte = 0;
	invlpg(va);
	return pa;
}

/* Gives a kernel area its PML4 entry now: an address space copies the
 * kernel half's entries when it is made (mm_alloc), so what is mapped
 * in the area later shows in every address space. */
void vmm_reserve_kernel_area(u64 va)
{
	walk(kernel_pml4(), va, true);
}

/*
 * Unmaps one 4 KiB page of the kernel image (a guard page), which
 * boot.asm mapped with 2 MiB pages: its 2 MiB page becomes a table of
 * 512 small pages, all present but that one.  The direct map shares
 * boot.asm's page directory, so the frame leaves both views; it belongs
 * to the image, so nothing else uses it.
 */
void unmap_kernel_image_page(u64 va)
{
	u64 *pdpt = table_of(kernel_pml4()[(va >> 39) & 511]);
	u64 *pde = &table_of(pdpt[(va >> 30) & 511])[(va >> 21) & 511];
	u64 *pt = get_zeroed_page();

	if (!pt)
		panic("no page for the page table of a guard page");
	for (int i = 0; i < 512; i++)
		pt[i] = ((*pde & PTE_ADDR) + i * PAGE_SIZE) | PTE_P | PTE_W;
	pt[(va >> 12) & 511] = 0;
	*pde = virt_to_phys(pt) | PTE_P | PTE_W;
	write_cr3(read_cr3());	/* drop the 2 MiB TLB entry */
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pml4 = get_zeroed_page();
	if (!mm->pml4) {
		kfree(mm);
		return NULL;
	}
	memcpy(mm->pml4 + 256, kernel_pml4() + 256, 256 * sizeof(u64));
	atomic_set(&mm->mm_users, 1);
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_lock);
	return mm;
}

/*
 * New user memory (mmap, brk, exec, stack growth) leaves the last
 * USER_RESERVE frames to what running processes need to go on: the
 * copies of copy-on-write pages, page tables, kernel stacks, pipe
 * pages.  A program that maps all it can then still gets a copy of the
 * stack page it shares with its parent; without the reserve it would
 * die on its next write.  Linux keeps a reserve too (the min watermark,
 * mm/page_alloc.c), and has the OOM killer when it is gone; Pollux has
 * none: a CoW copy that finds no frame fails the write (do_wp_page).
 */
#define USER_RESERVE 256	/* 1 MiB */

static void *alloc_user_page(void)
{
	return pmm_free_count() > USER_RESERVE ? get_zeroed_page() : NULL;
}

int mm_map_zeroed(struct mm_struct *mm, u64 start, u64 end, u64 flags)
{
	for (u64 va = start; va < end; va += PAGE_SIZE) {
		u64 *pte = walk(mm->pml4, va, true);
		void *page;

		if (!pte)
			return -ENOMEM;
		if (*pte & PTE_MAPPED)
			continue;	/* already mapped: keep its contents */
		page = alloc_user_page();
		if (!page)
			return -ENOMEM;
		get_page(virt_to_phys(page));
		*pte = virt_to_phys(page) | flags | PTE_P | PTE_U;
	}
	return 0;
}

/* Linux: mm/memory.c do_set_pte(), with the tables made as needed */
int mm_map_page(struct mm_struct *mm, u64 va, u64 pa, u64 flags)
{
	u64 *pte = walk(mm->pml4, va, true);

	if (!pte)
		return -ENOMEM;
	get_page(pa);
	*pte = pa | flags | PTE_P | PTE_U;
	return 0;
}

/* Page-table pages under table, of the given level (2: a PDPT). */
static u64 count_tables(u64 *table, int level)
{
	u64 n = 1;

	for (int i = 0; level > 0 && i < 512; i++)
		if (table[i] & PTE_P)
			n += count_tables(table_of(table[i]), level - 1);
	return n;
}

u64 mm_pgtables(struct mm_struct *mm)
{
	u64 n = 0;

	for (int i = 0; i < 256; i++)
		if (mm->pml4[i] & PTE_P)
			n += count_tables(table_of(mm->pml4[i]), 2);
	return n;
}

/*
 * Calls fn (if any) on each mapped page-table entry in [start, end) under
 * one table of the given level (3: PML4 ... 0: page table) that covers
 * addresses from base; returns how many there were.  Absent entries are
 * skipped whole, so a huge, mostly empty range (a user may munmap
 * 128 TiB) costs what is mapped, not what is asked.
 * Linux: mm/pagewalk.c walk_page_range(), mm/memory.c unmap_page_range().
 */
static u64 walk_level(u64 *table, int level, u64 base, u64 start, u64 end,
		      pte_fn_t fn, void *arg)
{
	int shift = 12 + 9 * level;
	u64 n = 0;

	for (int i = 0; i < 512; i++) {
		u64 lo = base + ((u64)i << shift), hi = lo + (1UL << shift);

		if (hi <= start || lo >= end || !(table[i] & PTE_MAPPED))
			continue;
		if (level > 0) {
			n += walk_level(table_of(table[i]), level - 1, lo,
					start, end, fn, arg);
			continue;
		}
		if (fn)
			fn(&table[i], lo, arg);
		n++;
	}
	return n;
}

u64 mm_walk_range(struct mm_struct *mm, u64 start, u64 end, pte_fn_t fn,
		  void *arg)
{
	if (end > USER_TOP)
		end = USER_TOP;
	return walk_level(mm->pml4, 3, 0, start, end, fn, arg);
}

/*
 * Pages unmapped but not yet freed: another CPU running a thread of mm
 * may still reach them through its TLB until the flush, so they are
 * freed after it, a batch at a time.  Linux: include/asm-generic/tlb.h
 * struct mmu_gather, tlb_remove_page(), tlb_flush_mmu()
 */
#define GATHER_PAGES 32

struct mmu_gather {
	struct mm_struct *mm;
	u64 start, end;		/* the range unmapped since the last flush */
	int nr;
	u64 pages[GATHER_PAGES];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (!tlb->nr)
		return;
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
	for (int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
}

/* Linux: mm/memory.c zap_pte_range(), one entry */
static void unmap_pte(u64 *pte, u64 va, void *arg)
{
	struct mmu_gather *tlb = arg;

	if (!tlb->nr)
		tlb->start = va;
	tlb->end = va + PAGE_SIZE;
	tlb->pages[tlb->nr++] = *pte & PTE_ADDR;
	*pte = 0;
	if (tlb->nr == GATHER_PAGES)
		tlb_flush_mmu(tlb);
}

/* Linux: mm/memory.c unmap_vmas() with tlb_gather_mmu()/tlb_finish_mmu() */
void mm_unmap(struct mm_struct *mm, u64 start, u64 end)
{
	struct mmu_gather tlb = { .mm = mm };

	mm_walk_range(mm, start, end, unmap_pte, &tlb);
	tlb_flush_mmu(&tlb);
}

/*
 * Moves the pages of [from, from + len) to [to, to + len), where nothing
 * is mapped: the entries move, the pages stay.  The new page tables are
 * made first, so that running out of memory leaves nothing half-moved.
 * Linux: mm/mremap.c move_page_tables().
 */
int mm_move(struct mm_struct *mm, u64 from, u64 to, u64 len)
{
	for (u64 off = 0; off < len; off += PAGE_SIZE)
		if (!walk(mm->pml4, to + off, true))
			return -ENOMEM;
	for (u64 off = 0; off < len; off += PAGE_SIZE) {
		u64 *src = walk(mm->pml4, from + off, false);

		if (!src || !(*src & PTE_MAPPED))
			continue;
		*walk(mm->pml4, to + off, false) = *src;
		*src = 0;
	}
	flush_tlb_mm_range(mm, from, from + len);
	return 0;
}

/* Frees the tables under a user page-table subtree, and drops its
 * pages' references (level 0).  Linux: mm/memory.c free_pgtables(),
 * unmap_vmas() */
static void free_level(u64 *table, int level)
{
	for (int i = 0; i < 512; i++) {
		if (!(table[i] & PTE_MAPPED))
			continue;
		if (level == 0) {
			put_page(table[i] & PTE_ADDR);
			continue;
		}
		free_level(table_of(table[i]), level - 1);
		free_page(table_of(table[i]));
	}
}

/* Linux: kernel/fork.c __mmdrop() after exit_mmap() */
void mm_free(struct mm_struct *mm)
{
	exit_mmap(mm);
	for (int i = 0; i < 256; i++) {
		if (mm->pml4[i] & PTE_P) {
			free_level(table_of(mm->pml4[i]), 2);
			free_page(table_of(mm->pml4[i]));
		}
	}
	free_page(mm->pml4);
	kfree(mm);
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/* task_lock against exit_mm() and exec, which change t->mm under it:
 * an mm seen under it still has its user.  Linux: get_task_mm() */
struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm;

	task_lock(t);
	mm = t->mm;
	if (mm)
		mmget(mm);
	task_unlock(t);
	return mm;
}

void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users))
		mm_free(mm);
}

/* One page of fork: the child maps the parent's frame, a private
 * writable page write-protected in both.  A read-only private page is
 * shared as it is: a write to it faults, unless mprotect makes it
 * writable, which then makes it PTE_COW.
 * Linux: mm/memory.c copy_present_pte() */
static u64 copy_present_pte(u64 *src)
{
	if (!(*src & PTE_SHARED) && (*src & PTE_W))
		*src = (*src & ~PTE_W) | PTE_COW;
	get_page(*src & PTE_ADDR);
	return *src;
}

/* Copies entries [0, n) of a user page table: the tables under them
 * are copied, the pages shared (copy_present_pte).
 * Linux: mm/memory.c copy_page_range() */
static int copy_level(u64 *dst, u64 *src, int level, int n)
{
	for (int i = 0; i < n; i++) {
		u64 *table;
		int err;

		if (!(src[i] & PTE_MAPPED))
			continue;
		if (level == 0) {
			dst[i] = copy_present_pte(&src[i]);
			continue;
		}
		table = get_zeroed_page();
		if (!table)
			return -ENOMEM;
		dst[i] = virt_to_phys(table) | (src[i] & ~PTE_ADDR);
		err = copy_level(table, table_of(src[i]), level - 1, 512);
		if (err)
			return err;
	}
	return 0;
}

/* Linux: kernel/fork.c dup_mm() */
struct mm_struct *mm_copy(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	mmap_write_lock(old);	/* no thread of the parent half-way in mmap */
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->mmap_base = old->mmap_base;
	if (dup_mmap(mm, old)) {
		mmap_write_unlock(old);
		mm_free(mm);
		return NULL;
	}
	/* only the user half: the kernel half is shared, not copied.  On
	 * failure, the partial copy is freed like any tree; the parent's
	 * pages it write-protected get their count back to 1, and the
	 * first write takes each back (do_wp_page). */
	if (copy_level(mm->pml4, old->pml4, 3, 256)) {
		mm_free(mm);
		mm = NULL;
	}
	/* the parent's writable entries just became read-only: drop their
	 * stale TLB entries, here and where its other threads run */
	flush_tlb_mm_range(old, 0, USER_TOP);
	mmap_write_unlock(old);
	return mm;
}

/*
 * A write to a PTE_COW page at va in mm: if no other mm maps the frame
 * any more, it is ours to write (Linux: wp_page_reuse()); else the page
 * is copied into a frame of our own and the shared one loses a
 * reference (wp_page_copy()).  False if va is no CoW page, or no frame
 * is left for the copy (Linux would call the OOM killer; here the write
 * fails: SIGSEGV from user mode, EFAULT from copy_to_user).
 * Linux: mm/memory.c do_wp_page()
 */
bool do_wp_page(struct mm_struct *mm, u64 va)
{
	u64 *pte = mm_walk(mm, va), pa, copy;

	if (!pte || !(*pte & PTE_P) || !(*pte & PTE_COW))
		return false;
	pa = *pte & PTE_ADDR;
	if (page_count(pa) > 1) {
		if (!(copy = alloc_pages(1)))
			return false;
		memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
		get_page(copy);
		put_page(pa);
		pa = copy;
	}
	*pte = pa | (*pte & ~(PTE_ADDR | PTE_COW)) | PTE_W;
	/* every CPU running mm may hold the old entry (Linux's
	 * flush_tlb_page()) */
	flush_tlb_mm_range(mm, va, va + PAGE_SIZE);
	return true;
}

/* Copies a kernel buffer into an address space that need not be the
 * active one (a new program's, a child's); -EFAULT where a page is not
 * mapped.  Linux: access_process_vm(), for our simpler case. */
/* Copies n bytes between buf and va in mm, either way. */
static int mm_access(struct mm_struct *mm, u64 va, void *buf, size_t n,
		     bool write)
{
	while (n) {
		u64 *pte = mm_walk(mm, va);
		size_t chunk = MIN(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		u8 *page;

		if (va >= USER_TOP || !pte || !(*pte & PTE_P))
			return -EFAULT;
		/* a write breaks CoW (exec's writes into its read-only text
		 * are no CoW: they go straight to the page) */
		if (write && (*pte & PTE_COW) && !do_wp_page(mm, va))
			return -EFAULT;
		page = (u8 *)phys_to_virt(*pte & PTE_ADDR) + (va & (PAGE_SIZE - 1));
		memcpy(write ? page : buf, write ? buf : page, chunk);
		va += chunk;
		buf = (u8 *)buf + chunk;
		n -= chunk;
	}
	return 0;
}

int mm_write(struct mm_struct *mm, u64 va, const void *src, size_t n)
{
	return mm_access(mm, va, (void *)src, n, true);
}

int access_remote_vm(struct mm_struct *mm, u64 va, void *dst, size_t n)
{
	return mm_access(mm, va, dst, n, false);
}

/* Linux: mm/mmap.c expand_stack() — a fixed 8 MiB window instead of a
 * VM_GROWSDOWN vma and RLIMIT_STACK */
bool expand_stack(struct mm_struct *mm, u64 addr)
{
	u64 page = ALIGN_DOWN(addr, PAGE_SIZE);

	if (!mm || addr >= USER_STACK_TOP || addr < USER_STACK_TOP - USER_STACK_MAX)
		return false;
	return mm_map_zeroed(mm, page, page + PAGE_SIZE, PTE_W | pte_nx) == 0;
}

/* The physical address of mm's top table (the kernel's for NULL). */
u64 mm_pgd_phys(struct mm_struct *mm)
{
	return virt_to_phys(mm ? mm->pml4 : kernel_pml4());
}
