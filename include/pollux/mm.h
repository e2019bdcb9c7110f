/*
 * Memory: physical frames (kernel/mm/pmm.c), page tables and address
 * spaces (vmm.c), kernel heap (slab.c).  Virtual layout:
 *   0x0000000000000000 .. USER_TOP        user space, per process
 *   0xffff800000000000 .. +4 GiB          direct map of physical memory
 *   0xffffc90000000000 .. +1 GiB          kernel stacks (kstack.c), each
 *                                         above an unmapped guard
 *   0xffffc90040000000 ..                 device registers, uncached
 *                                         (ioremap.c: the APICs)
 *   0xffffffff80000000 ..                 the kernel image
 */
#ifndef POLLUX_MM_H
#define POLLUX_MM_H

#include <pollux/types.h>
#include <pollux/list.h>
#include <pollux/atomic.h>
#include <pollux/mutex.h>

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12
#define USER_TOP 0x0000800000000000UL
#define DIRECT_MAP 0xffff800000000000UL
#define KERNEL_VMA 0xffffffff80000000UL
#define DIRECT_MAP_SIZE (4UL << 30)
#define KSTACK_AREA 0xffffc90000000000UL	/* where Linux's vmalloc area starts */
#define KSTACK_AREA_SIZE (1UL << 30)
#define IOREMAP_AREA (KSTACK_AREA + KSTACK_AREA_SIZE)

static inline void *phys_to_virt(u64 pa) { return (void *)(pa + DIRECT_MAP); }
static inline u64 virt_to_phys(const void *va)
{
	u64 v = (u64)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP;
}

/* --- physical frames (pmm.c) --- */
struct mem_region {
	u64 start, end;	/* [start, end) physical */
};
void pmm_init(const struct mem_region *avail, int navail,
	      const struct mem_region *reserved, int nreserved);
u64 alloc_pages(unsigned int n);	/* n contiguous frames; 0 on failure */
void free_pages(u64 pa, unsigned int n);
u64 pmm_free_count(void);
u64 pmm_total_count(void);
/* A user page's count of page-table entries that map it, and of the
 * page cache that holds it (pmm.c's comment): get_page() adds one (the
 * first to a freshly allocated frame), put_page() drops one and frees
 * the frame at 0. */
void get_page(u64 pa);
void put_page(u64 pa);
u32 page_count(u64 pa);
u64 pmm_user_pages(void);	/* frames mapped in user space */

/* n contiguous zeroed frames in the direct map, or NULL (slab.c says
 * which frames come from here, and why). */
void *alloc_pages_zeroed(unsigned int n);
/* A zeroed page in the direct map, or NULL. */
void *get_zeroed_page(void);
void free_page(void *va);

/* --- page tables and address spaces (vmm.c) --- */
#define PTE_P (1UL << 0)
#define PTE_W (1UL << 1)
#define PTE_U (1UL << 2)
#define PTE_PWT (1UL << 3)	/* write-through */
#define PTE_PCD (1UL << 4)	/* cache disabled */
#define PTE_PS (1UL << 7)
/* software bit: a PROT_NONE page, mapped but not present to the CPU */
#define PTE_PROTNONE (1UL << 9)
#define PTE_MAPPED (PTE_P | PTE_PROTNONE)
/* software bit: a MAP_SHARED page, which fork shares instead of copying
 * and futexes key on by its frame */
#define PTE_SHARED (1UL << 10)
/* software bit: a writable private page that fork left write-protected,
 * since another mm may map the frame too; the first write copies it, or
 * takes it back if no one else does (do_wp_page) */
#define PTE_COW (1UL << 11)
#define PTE_NX (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL

/* The mapping lets user space write: now, or after the CoW break.
 * Linux: pte_write(), with the vma's VM_WRITE for a CoW page */
static inline bool pte_write(u64 pte) { return pte & (PTE_W | PTE_COW); }

struct mm_struct {
	u64 *pml4;		/* direct-map address of the top table */
	u64 start_brk, brk;	/* heap: [start_brk, brk) */
	u64 mmap_base;		/* next address handed out by mmap */
	u64 arg_start, arg_end;	/* argv's strings, for /proc/PID/cmdline */
	atomic_t mm_users;	/* tasks using it (CLONE_VM threads, vfork) */
	/* the CPUs whose CR3 holds it (their loaded_mm), a bit each: where
	 * a change of its page tables must flush the TLB.  Linux:
	 * mm_cpumask() */
	unsigned long cpu_bitmap;
	/* Linux's mmap_lock: held over every change of the page tables,
	 * the vmas (mmap, the file vmas) and brk/mmap_base by a system call
	 * (mmap.c), fork's copy (mm_copy) and a page fault taken with
	 * interrupts on (kernel/arch/fault.c), so that a preempted change
	 * is never seen half done.  A mutex, not Linux's rw_semaphore
	 * (Pollux has none): readers exclude each other too.  Order:
	 * mmap_lock > zone_lock, the page cache's locks. */
	struct mutex mmap_lock;
	struct list_head mmap;	/* the file vmas, by address */
	/* the most pages mapped (VmPeak) and resident (VmHWM) so far,
	 * taken before each unmap, as Linux's update_hiwater_vm/rss() */
	u64 hiwater_vm, hiwater_rss;
};

/* Linux: include/linux/mmap_lock.h (both kinds take the one mutex) */
static inline void mmap_write_lock(struct mm_struct *mm) { mutex_lock(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm_struct *mm) { mutex_unlock(&mm->mmap_lock); }
static inline void mmap_read_lock(struct mm_struct *mm) { mutex_lock(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm) { mutex_unlock(&mm->mmap_lock); }

/*
 * A file mapping: [vm_start, vm_end) maps the file's pages from page
 * vm_pgoff on.  Anonymous memory needs no vma in Pollux (its page-table
 * entries say all there is: mmap.c), but a file mapping must know which
 * file and where, for the pages it has not touched yet (mapped at the
 * first fault) and for truncate, which finds it on the file's i_mmap.
 * Linux: include/linux/mm_types.h struct vm_area_struct.
 */
struct vm_area_struct {
	u64 vm_start, vm_end;
	unsigned long vm_pgoff;		/* the file offset of vm_start, in pages */
	unsigned long vm_flags;		/* VM_READ ... VM_MAYWRITE */
	struct file *vm_file;		/* with a reference (get_file) */
	struct mm_struct *vm_mm;
	struct list_head vm_list;	/* in vm_mm->mmap */
	struct list_head shared;	/* in the file's i_data.i_mmap */
};
/* Linux's vm_flags bits */
#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_SHARED 0x8
#define VM_MAYWRITE 0x20	/* mprotect may add VM_WRITE (to MAP_SHARED: fd writable) */

/* --- vmas (vma.c): Linux: mm/vma.c, mm/mmap.c, mm/memory.c --- */
/* The vma that holds addr, or NULL.  Linux: vma_lookup() */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, u64 addr);
/* The first vma that overlaps [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, u64 start,
					     u64 end);
/* Resizes the vma at [addr, addr + old_len) to new_len, and moves it to
 * to (its pages too) unless to is addr; 0 or -errno. */
int vma_mremap(struct mm_struct *mm, u64 addr, u64 old_len, u64 new_len,
		u64 to);
/* A new file vma over [start, end), where nothing is mapped. */
int mmap_region(struct mm_struct *mm, struct file *file, u64 start, u64 end,
		unsigned long vm_flags, unsigned long pgoff);
/* Unmaps [start, end): its pages and the vmas' parts there. */
int do_munmap(struct mm_struct *mm, u64 start, u64 end);
/* The vmas over [start, end) take vm_flags' VM_READ/WRITE/EXEC. */
int vma_mprotect(struct mm_struct *mm, u64 start, u64 end,
		 unsigned long vm_flags);
/* Pages of [start, end) that are mapped: with an entry, or in a vma. */
u64 mapped_pages(struct mm_struct *mm, u64 start, u64 end);
/* fork: the child mm gets a copy of each vma. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *old);
/* The vmas go (their pages are dropped with the page tables). */
void exit_mmap(struct mm_struct *mm);
/* A fault at addr in vma with no page: 0 once the file's page is mapped,
 * else the signal (SIGBUS past the end of the file, SIGSEGV without
 * access).  Linux: mm/memory.c do_read_fault() + filemap_fault() */
int filemap_fault(struct vm_area_struct *vma, u64 addr);
/* Takes the file's pages from index on out of every mapping of it. */
struct address_space;
void unmap_mapping_range(struct address_space *mapping, unsigned long index);

/* --- counters (mm_counters.c): Linux's mm->total_vm, rss_stat, ...,
 * counted from the page tables and the vmas, in pages --- */
struct mm_counters {
	u64 total;		/* total_vm: mapped pages, and vma pages */
	u64 rss, anon, file, shmem;	/* resident: all, and by kind */
	u64 data, stack, exec, lib;	/* data_vm, stack_vm, text, the rest of exec_vm */
};
void get_mm_counters(struct mm_struct *mm, struct mm_counters *c);
/* Records the current size and rss into the high-water marks. */
void update_hiwater(struct mm_struct *mm);

/* The user stack: its top, and how far down it may grow (Linux's default
 * RLIMIT_STACK, 8 MiB).  exec maps the top pages; the page-fault handler
 * maps the rest on first touch (expand_stack). */
#define USER_STACK_TOP 0x00007ffffffff000UL
#define USER_STACK_MAX (8UL << 20)
/* Maps the page of a first touch below the stack top; true if it did. */
bool expand_stack(struct mm_struct *mm, u64 addr);

void vmm_init(void);
extern u64 pte_nx;	/* PTE_NX when the CPU has NX, else 0 */
struct mm_struct *mm_alloc(void);
void mm_free(struct mm_struct *mm);
/* One more user of mm (a CLONE_VM child).  Linux: mmget() */
void mmget(struct mm_struct *mm);
/* Drops a user; the last one frees it.  Linux: kernel/fork.c mmput() */
void mmput(struct mm_struct *mm);
struct task_struct;
/* Another task's mm with a user taken (mmput it), NULL for a zombie.
 * Linux: kernel/fork.c get_task_mm() */
struct mm_struct *get_task_mm(struct task_struct *t);
/* fork's copy: shares every page (MAP_SHARED ones as they are, private
 * writable ones copy-on-write in both mms) */
struct mm_struct *mm_copy(struct mm_struct *old);
/* Loads mm's page tables (the kernel's for NULL) on this CPU, keeping
 * mm_cpumask right (kernel/mm/tlb.c).  Linux: switch_mm_irqs_off() */
void mm_activate(struct mm_struct *mm);
u64 mm_pgd_phys(struct mm_struct *mm);
/* Flushes [start, end) of mm from the TLB of every CPU that has it
 * loaded (an IPI to the others).  Linux: flush_tlb_mm_range() */
void flush_tlb_mm_range(struct mm_struct *mm, u64 start, u64 end);
/* Flushes the kernel half from every CPU's TLB.  Linux:
 * flush_tlb_kernel_range() */
void flush_tlb_kernel_all(void);
/* Breaks the copy-on-write of the page at va, for a write fault from
 * the user or the kernel; true if the write may now be retried. */
bool do_wp_page(struct mm_struct *mm, u64 va);
/* kernel/arch/fault.c: the fault an access at address would take, served
 * (mmap_lock held); 0 or -EFAULT.  Linux: mm/gup.c fixup_user_fault() */
int fixup_user_fault(struct mm_struct *mm, u64 address, bool write);
/* Maps fresh zeroed pages over [start, end); -ENOMEM on failure. */
int mm_map_zeroed(struct mm_struct *mm, u64 start, u64 end, u64 flags);
void mm_unmap(struct mm_struct *mm, u64 start, u64 end);
/* Maps frame pa at va with flags, taking a reference; 0 or -ENOMEM. */
int mm_map_page(struct mm_struct *mm, u64 va, u64 pa, u64 flags);
/* How many page-table pages map the user half, top level left out.
 * Linux: mm_pgtables_bytes() / PAGE_SIZE */
u64 mm_pgtables(struct mm_struct *mm);
/* Calls fn (if not NULL) on each mapped page-table entry of [start, end);
 * returns how many there are. */
typedef void (*pte_fn_t)(u64 *pte, u64 va, void *arg);
u64 mm_walk_range(struct mm_struct *mm, u64 start, u64 end, pte_fn_t fn,
		  void *arg);
/* Moves the pages of [from, from + len) to the empty [to, to + len). */
int mm_move(struct mm_struct *mm, u64 from, u64 to, u64 len);
/* Copies into mm's user memory, active or not; 0 or -EFAULT. */
int mm_write(struct mm_struct *mm, u64 va, const void *src, size_t n);
/* Copies n bytes at va in mm into dst; -EFAULT where a page is not
 * present.  Linux: mm/memory.c access_remote_vm() */
int access_remote_vm(struct mm_struct *mm, u64 va, void *dst, size_t n);
/* The PTE for a user address, or NULL if no page table covers it. */
u64 *mm_walk(struct mm_struct *mm, u64 va);
/* Maps frame pa at va in the kernel half, which every address space
 * shares; 0 or -ENOMEM.  unmap_kernel_page() returns the frame. */
int map_kernel_page(u64 va, u64 pa);
/* The same with the PTE's flags given (PTE_P is added). */
int map_kernel_page_prot(u64 va, u64 pa, u64 flags);
/* Device memory at pa, size bytes, mapped uncached; NULL if no page
 * table could be made.  Linux: arch/x86/mm/ioremap.c ioremap() */
void *ioremap(u64 pa, size_t size);
u64 unmap_kernel_page(u64 va);
/* Makes the kernel tables down to va now, before any address space
 * copies the kernel half. */
void vmm_reserve_kernel_area(u64 va);
/* Unmaps one page of the kernel image, as a guard page. */
void unmap_kernel_image_page(u64 va);

/* --- kernel stacks (kstack.c) --- */
#define KSTACK_PAGES 4
#define KSTACK_SIZE (KSTACK_PAGES * PAGE_SIZE)
/* A stack of KSTACK_PAGES frames mapped in the kernel stack area, above
 * an unmapped guard; its lowest address, or NULL. */
void *alloc_thread_stack(void);
void free_thread_stack(void *stack);
/* The stack whose guard holds addr (its lowest address), or NULL. */
void *stack_of_guard(u64 addr);
void kstack_init(void);

/* --- kernel heap (slab.c) --- */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, size_t size);
/* Not zeroed, as in Linux: with slab debugging on (the default), a fresh
 * object is poison (0x6b); the z-variants zero it. */
void *kmem_cache_alloc(struct kmem_cache *c);
void *kmem_cache_zalloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *obj);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
char *kstrdup(const char *s);
void slab_debug_setup(const char *opt);	/* the slub_debug boot option */
bool slab_debug_enabled(void);
u64 slab_pages(void);			/* pages held by all caches */
size_t slabinfo_show(char *buf, size_t n);	/* /proc/slabinfo's text */

#endif
