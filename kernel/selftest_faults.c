/*
 * Boots that crash the kernel on purpose, to check that each kind of
 * kernel bug is caught and reported (tools/test-all.sh reads the
 * reports).  selftest=...
 *   fault           dereferences NULL;
 *   redzone         writes one byte past a kmalloc(100), and
 *   double_free     frees a kmalloc(40) twice, for slab debugging to
 *                   report (kernel/mm/slab_debug.c);
 *   stack_overflow  recurses until a task's kernel stack runs into its
 *                   guard page;
 *   stack_guard     writes into the guard page of the boot stack (the
 *                   idle task's, which runs the self-tests);
 *   smap            reads user memory without copy_from_user;
 *   smep            calls code in a user page;
 *   panic_cpu1      panics on CPU 1 (smp_call_function) while CPU 0
 *                   waits for it: the report shows where CPU 0 stopped.
 *   panic_port_locked  panics while CPU 1 holds the console UART's port
 *                   lock for ever: the report must come out all the same.
 * Each function is named, so that the report's RIP and backtrace can be
 * checked for it.
 */
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include <pollux/string.h>
#include <pollux/sched.h>
#include <pollux/arch/apic.h>
#include <pollux/drivers.h>
#include <pollux/spinlock.h>

__attribute__((noinline)) void selftest_null_deref(void)
{
	volatile int *p = NULL;

	printk("selftest: dereferencing NULL on purpose\n");
	*p = 42;
}

/* A one-byte overrun of kmalloc(100): slab debugging reports it at kfree. */
__attribute__((noinline)) void selftest_kmalloc_overrun(void)
{
	volatile u8 *p = kmalloc(100);

	printk("selftest: writing one byte past a kmalloc(100) on purpose\n");
	p[100] = 0;
	kfree((void *)p);
}

__attribute__((noinline)) void selftest_double_free(void)
{
	void *p = kmalloc(40);

	printk("selftest: freeing a kmalloc(40) twice on purpose\n");
	kfree(p);
	kfree(p);
}

/* 256 bytes of frame per call: the 16 KiB stack lasts about 60 calls. */
__attribute__((noinline)) int selftest_recurse(int depth)
{
	volatile char frame[256];

	frame[0] = depth;
	frame[1] = depth < (1 << 20) ? selftest_recurse(depth + 1) : 0;
	return frame[0] + frame[1];
}

static void stack_overflow_thread(void)
{
	printk("selftest: recursing until the stack overflows\n");
	selftest_recurse(0);
	panic("a million calls did not overflow the stack");
}

/* The thread's stack is an ordinary task's (kernel/mm/kstack.c). */
static void stack_overflow(void)
{
	struct task_struct *t = kernel_thread(stack_overflow_thread,
					      "stack_overflow");

	if (!t)
		panic("no task for the stack overflow");
	wake_up_process(t);
	schedule();
}

/* A stray write below the running task's stack, into its guard page:
 * a page fault, not an overflow (the stack pointer is fine). */
__attribute__((noinline)) void selftest_stray_write(void)
{
	volatile u8 *p = (u8 *)current->kstack - 8;

	printk("selftest: writing below the stack, at %p\n", p);
	*p = 42;
}

/* Maps a user page at 0x400000 holding code, in a new address space
 * made current, as a program's would be. */
static u8 __user *map_user_page(const void *code, size_t n)
{
	struct mm_struct *mm = mm_alloc();
	u64 va = 0x400000;

	if (!mm || mm_map_zeroed(mm, va, va + PAGE_SIZE, PTE_W) ||
	    mm_write(mm, va, code, n))
		panic("no user page for the selftest");
	mm_activate(mm);
	return (u8 __user *)va;
}

__attribute__((noinline)) void selftest_smap_read(const u8 __user *p)
{
	printk("selftest: reading user memory without copy_from_user\n");
	printk("selftest: read %d from %p\n", *(volatile const u8 *)p, p);
}

__attribute__((noinline)) void selftest_smep_call(void (*fn)(void))
{
	printk("selftest: calling code in a user page\n");
	fn();
}

__attribute__((noinline)) void selftest_panic_cpu1(void *unused)
{
	if (smp_processor_id() == 1)
		panic("selftest: a panic on CPU1");
}

static volatile bool port_lock_taken;

/* A writer the panic stops with the console's lock held, interrupts off */
static void hold_port_lock_thread(void)
{
	spin_lock_irq(serial_port_lock(0));
	port_lock_taken = true;
	for (;;)
		cpu_relax();
}

__attribute__((noinline)) void selftest_panic_port_locked(void)
{
	struct task_struct *t = kernel_thread(hold_port_lock_thread, "hold_port_lock");

	set_cpus_allowed_ptr(t, 1UL << 1);
	wake_up_process(t);
	while (!port_lock_taken)
		cpu_relax();
	panic("selftest: a panic while CPU 1 holds the console's port lock");
}

void selftest_fault(const char *which)
{
	static const u8 ret = 0xc3;

	if (!strcmp(which, "fault"))
		selftest_null_deref();
	else if (!strcmp(which, "redzone"))
		selftest_kmalloc_overrun();
	else if (!strcmp(which, "double_free"))
		selftest_double_free();
	else if (!strcmp(which, "stack_overflow"))
		stack_overflow();
	else if (!strcmp(which, "stack_guard"))
		selftest_stray_write();
	else if (!strcmp(which, "smap"))
		selftest_smap_read(map_user_page(&ret, 1));
	else if (!strcmp(which, "smep"))
		selftest_smep_call((void (*)(void))map_user_page(&ret, 1));
	else if (!strcmp(which, "panic_cpu1"))
		smp_call_function(selftest_panic_cpu1, NULL);
	else if (!strcmp(which, "panic_port_locked"))
		selftest_panic_port_locked();
	else
		return;
	panic("selftest=%s: the kernel survived", which);
}
