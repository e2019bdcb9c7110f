/*
 * In-kernel self-tests, run by a test boot with "selftest" on the command
 * line: the frame allocator, page mapping, and the timer.  Output uses the
 * user tests' format; QEMU exits with the result.  "selftest=fault"
 * instead dereferences NULL in a named function, to check that the panic
 * report (registers, backtrace with that name) works; "selftest=redzone"
 * and "selftest=double_free" misuse kmalloc, for slab debugging to report.
 */
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>
#include <pollux/string.h>
#include <pollux/timer.h>
#include <pollux/mm.h>

static int passed, failed;

static void check(bool ok, const char *what)
{
	if (ok)
		passed++;
	else
		failed++;
	printk("%sok %d - %s\n", ok ? "" : "not ", passed + failed, what);
}

static void test_frames(void)
{
	u64 before = pmm_free_count();
	u64 a = alloc_pages(1), b = alloc_pages(4);

	check(a && b && a != b, "alloc_pages gives distinct frames");
	check(pmm_free_count() == before - 5, "free count drops by 5");
	free_pages(a, 1);
	free_pages(b, 4);
	check(pmm_free_count() == before, "free_pages restores the count");
}

static void test_mapping(void)
{
	struct mm_struct *mm = mm_alloc();
	u64 *pte;

	check(mm != NULL, "mm_alloc");
	check(mm_map_zeroed(mm, 0x400000, 0x402000, PTE_W) == 0, "map two pages");
	pte = mm_walk(mm, 0x401000);
	check(pte && (*pte & PTE_P) && (*pte & PTE_U), "PTE present and user");
	check(mm_walk(mm, 0x403000) == NULL || !(*mm_walk(mm, 0x403000) & PTE_P),
	      "unmapped page has no PTE");
	mm_free(mm);
}

static void test_timer(void)
{
	u64 start = jiffies;

	while (jiffies < start + 10)
		__asm__ volatile("hlt");
	check(jiffies >= start + 10, "jiffies advance (10 ticks)");
}

/* kmalloc gives 16-byte aligned, zeroed memory, from the size's cache */
static void test_kmalloc(void)
{
	u8 *p = kmalloc(100), *q = kmalloc(100);
	bool zero = p && q;

	for (int i = 0; zero && i < 100; i++)
		zero = p[i] == 0 && q[i] == 0;
	check(zero && p != q, "kmalloc(100) twice: distinct zeroed objects");
	check(((u64)p & 15) == 0 && ((u64)q & 15) == 0, "16-byte aligned");
	memset(p, 0xff, 100);	/* all of it: the redzone starts after */
	kfree(p);
	kfree(q);
	kfree(NULL);
	check(true, "kfree of every byte written, and of NULL, reports nothing");
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

__attribute__((noinline)) void selftest_null_deref(void)
{
	volatile int *p = NULL;

	printk("selftest: dereferencing NULL on purpose\n");
	*p = 42;
}

void selftest_run(const char *which)
{
	if (!strcmp(which, "fault")) {
		selftest_null_deref();
		panic("the NULL dereference did not fault");
	}
	if (!strcmp(which, "redzone")) {
		selftest_kmalloc_overrun();
		panic("slab debugging did not report the overrun");
	}
	if (!strcmp(which, "double_free")) {
		selftest_double_free();
		panic("slab debugging did not report the double free");
	}
	test_frames();
	test_kmalloc();
	test_mapping();
	test_timer();
	printk("%d passed, %d failed\n", passed, failed);
	qemu_exit(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}
