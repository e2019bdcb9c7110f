/*
 * Page faults.  A write to a copy-on-write page breaks the CoW, from
 * user mode or from the user-access routines (copy_to_user, put_user,
 * clear_user and the futex ops write user memory as the user would); a
 * not-present page of a file mapping is the file's page, mapped now,
 * or SIGBUS past the end of the file; a
 * not-present fault in the user stack's window grows the stack; any
 * other fault in user mode is a SIGSEGV.  In the kernel, a
 * fault of the user-access routines on a bad user address resumes at
 * its __ex_table fixup (which returns the bytes not copied, or -EFAULT);
 * anything else is a bug, reported the way Linux's page_fault_oops()
 * reports it, then panic.
 * Linux: arch/x86/mm/fault.c, arch/x86/mm/extable.c.
 */
#include <pollux/arch/arch.h>
#include <pollux/arch/cpu.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

/* The page-fault error code.  Linux: enum x86_pf_error_code */
#define X86_PF_PROT (1 << 0)	/* 0: page not present; 1: not allowed */
#define X86_PF_WRITE (1 << 1)
#define X86_PF_USER (1 << 2)
#define X86_PF_INSTR (1 << 4)	/* an instruction fetch */

struct exception_table_entry {
	u64 insn, fixup;
};
extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

/* Linux: arch/x86/mm/extable.c fixup_exception() */
static bool fixup_exception(struct trapframe *tf)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn == tf->rip) {
			tf->rip = e->fixup;
			return true;
		}
	}
	return false;
}

/* With SMAP on, the kernel may touch user memory only while RFLAGS.AC
 * is set, which only the user-access routines do (stac ... clac). */
static bool outside_uaccess(const struct trapframe *tf)
{
	return (read_cr4() & X86_CR4_SMAP) && !(tf->rflags & X86_EFLAGS_AC);
}

/* Linux: arch/x86/mm/fault.c show_fault_oops(), page_fault_oops() */
static __noreturn void page_fault_oops(struct trapframe *tf, u64 addr)
{
	u64 e = tf->error;
	bool user = addr < USER_TOP, prot = e & X86_PF_PROT;
	void *stack = stack_of_guard(addr);

	oops_begin();
	if (addr < PAGE_SIZE)
		printk("\nBUG: kernel NULL pointer dereference, address: %016lx\n",
		       addr);
	else
		printk("\nBUG: unable to handle page fault for address: %016lx\n",
		       addr);
	printk("#PF: supervisor %s in kernel mode\n",
	       e & X86_PF_INSTR ? "instruction fetch" :
	       e & X86_PF_WRITE ? "write access" : "read access");
	printk("#PF: error_code(0x%04lx) - %s\n", e,
	       prot ? "permissions violation" : "not-present page");
	if (user && prot && (e & X86_PF_INSTR))
		printk("SMEP violation: the kernel fetched an instruction "
		       "from a user page\n");
	else if (user && prot && outside_uaccess(tf))
		printk("SMAP violation: kernel access to user memory outside "
		       "copy_*_user\n");
	if (stack)
		handle_stack_overflow(tf, addr, stack, "stack guard page hit");
	kernel_oops(tf, "page fault");
}

/*
 * Another CPU served the same fault first (two threads writing one CoW
 * page at once; the first copies it, the second, which waited for
 * mmap_lock, finds the entry writable): the entry now allows the access,
 * and the fault itself dropped this CPU's stale TLB entry.  Linux:
 * mm/memory.c handle_pte_fault()'s spurious case
 */
static bool spurious_fault(struct mm_struct *mm, u64 addr, u64 error)
{
	u64 *pte = mm_walk(mm, addr);

	if (!pte || (*pte & (PTE_P | PTE_U)) != (PTE_P | PTE_U) ||
	    (*pte & PTE_COW))
		return false;
	if ((error & X86_PF_WRITE) && !(*pte & PTE_W))
		return false;
	return !((error & X86_PF_INSTR) && (*pte & PTE_NX));
}

/*
 * A fault on a user address of mm that the mm can serve: a CoW page's
 * copy, a file page, the stack's growth.  0 if served, else the signal
 * (SIGSEGV: nothing is there; SIGBUS: past a file's end).
 * Linux: mm/memory.c handle_mm_fault()
 */
static int handle_mm_fault(u64 error, struct mm_struct *mm, u64 addr)
{
	struct vm_area_struct *vma;

	if (spurious_fault(mm, addr, error))
		return 0;
	/* Linux: mm/memory.c handle_pte_fault()'s write to a present,
	 * write-protected page: do_wp_page() */
	if ((error & (X86_PF_PROT | X86_PF_WRITE)) ==
	    (X86_PF_PROT | X86_PF_WRITE) && do_wp_page(mm, addr))
		return 0;
	/* A not-present page of a file mapping: the file's page is mapped,
	 * or, past the file's end, SIGBUS (from the kernel: EFAULT) */
	if (!(error & X86_PF_PROT) && (vma = vma_lookup(mm, addr)))
		return filemap_fault(vma, addr);
	/* A not-present fault in the stack's window is its growth: map the
	 * page and retry.  The kernel's own touches of a user stack
	 * (copy_to_user into a deep buffer) grow it too, as on Linux. */
	if (!(error & X86_PF_PROT) && expand_stack(mm, addr))
		return 0;
	return SIGSEGV;
}

/*
 * The fault a write (or read) at address would take, served now, for
 * code whose user access failed with page faults disabled and that may
 * sleep again: 0, or -EFAULT if the access can never succeed.  The
 * caller holds mm's mmap_lock.  Linux: mm/gup.c fixup_user_fault()
 */
int fixup_user_fault(struct mm_struct *mm, u64 address, bool write)
{
	u64 *pte = mm_walk(mm, address);
	u64 error = write ? X86_PF_WRITE : 0;

	if (pte && (*pte & PTE_P)) {
		if (!write || (*pte & PTE_W))	/* a CoW page is not, yet */
			return 0;
		error |= X86_PF_PROT;
	}
	return handle_mm_fault(error, mm, address) ? -EFAULT : 0;
}

/*
 * The fault is served under mm's mmap_lock, so that it never sees the
 * page tables or vmas of a preempted mmap, munmap or fork half changed.
 * The CPU entered with interrupts off; the lock may sleep, so they go
 * back on as they were in the faulting code (Linux's
 * do_user_addr_fault()).  Where the faulting code cannot sleep
 * (interrupts off, a spinlock held, pagefault_disable(): futex's word
 * read under hb->lock) the fault fails unserved, as Linux's
 * faulthandler_disabled() case: the access returns -EFAULT through its
 * fixup, and the caller faults the page in once unlocked (futex:
 * fault_in_user_writeable()) and retries.  Serving it there would walk
 * page tables a thread on another CPU may be changing under mmap_lock.
 */
static int handle_user_fault(struct trapframe *tf, struct mm_struct *mm, u64 addr)
{
	int sig;

	if (!(tf->rflags & X86_EFLAGS_IF) || faulthandler_disabled())
		return SIGSEGV;
	local_irq_enable();
	mmap_read_lock(mm);
	sig = handle_mm_fault(tf->error, mm, addr);
	mmap_read_unlock(mm);
	local_irq_disable();
	return sig;
}

void handle_page_fault(struct trapframe *tf)
{
	u64 addr = read_cr2();
	int sig = SIGSEGV;

	/* a kernel touch of user memory outside copy_*_user, or a jump
	 * there, is a bug even where a page is (or could be) mapped:
	 * no stack growth, no fixup */
	if (!user_mode(tf) && addr < USER_TOP &&
	    ((tf->error & X86_PF_INSTR) || outside_uaccess(tf)))
		page_fault_oops(tf, addr);
	if (addr < USER_TOP && current->mm &&
	    !(sig = handle_user_fault(tf, current->mm, addr)))
		return;
	if (user_mode(tf)) {
		force_sig_fault(sig, tf, addr, "page fault");
		return;
	}
	if (!fixup_exception(tf))
		page_fault_oops(tf, addr);
}
