/*
 * In-kernel self-tests, run by a test boot with "selftest" on the command
 * line: the frame allocator, kmalloc, page mapping, kernel stacks, user
 * access, and the timer.  Output uses the user tests' format; QEMU exits
 * with the result.  "selftest=NAME" instead crashes the kernel on purpose
 * (selftest_faults.c).
 */
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>
#include <pollux/string.h>
#include <pollux/timer.h>
#include <pollux/time.h>
#include <pollux/syscalls.h>
#include <pollux/mm.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

void selftest_fault(const char *which);

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

/*
 * Setting the clock (kernel/time/), which the user test cannot do as it
 * also runs on the host: CLOCK_REALTIME moves and CLOCK_MONOTONIC does
 * not; a time before boot is refused; the timezone is stored and handed
 * back.  The clock is put back as it was.
 */
static void test_settime(void)
{
	ktime_t mono = ktime_get(), real = ktime_get_real(), moved;
	struct timespec later = ns_to_timespec64(real + 3600 * NSEC_PER_SEC);
	struct timespec before_boot = { 0, 0 }, back;
	struct timezone tz = { -60, 0 }, utc = { 0, 0 };

	check(real / NSEC_PER_SEC >= 1704067200, "CLOCK_REALTIME from the RTC: 2024 or later");
	check(do_sys_settimeofday64(&later, NULL) == 0, "set CLOCK_REALTIME an hour on");
	moved = ktime_get_real() - real;
	check(moved >= 3600 * NSEC_PER_SEC && moved < 3601 * NSEC_PER_SEC,
	      "CLOCK_REALTIME reads an hour later");
	check(ktime_get() - mono < NSEC_PER_SEC, "CLOCK_MONOTONIC has not moved");
	check(do_sys_settimeofday64(&before_boot, NULL) == -EINVAL,
	      "1970, before boot: -EINVAL, as Linux");
	check(ktime_get_real() - real >= 3600 * NSEC_PER_SEC,
	      "a refused time changes nothing");
	/* Time and zone together: no warp, the clock is just put back. */
	back = ns_to_timespec64(real + (ktime_get() - mono));
	check(do_sys_settimeofday64(&back, &tz) == 0 &&
	      ktime_get_real() - real < NSEC_PER_SEC,
	      "set back, with a timezone");
	tz.tz_minuteswest = 15 * 60 + 1;
	check(do_sys_settimeofday64(NULL, &tz) == -EINVAL,
	      "a timezone past 15 hours: -EINVAL");
	do_sys_settimeofday64(NULL, &utc);
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

/* The kernel stacks' area (kernel/mm/kstack.c).  Slot 0's page table
 * exists from boot, and no task has a stack yet: the count is exact. */
static void test_kstack(void)
{
	u64 before = pmm_free_count();
	u8 *a = alloc_thread_stack(), *b;

	check(a && stack_of_guard((u64)a - 1) == a &&
	      stack_of_guard((u64)a - KSTACK_SIZE) == a &&
	      stack_of_guard((u64)a) == NULL,
	      "a kernel stack lies above its guard");
	memset(a, 0x5a, KSTACK_SIZE);
	check(pmm_free_count() == before - KSTACK_PAGES,
	      "a kernel stack takes KSTACK_PAGES frames");
	free_thread_stack(a);
	check(pmm_free_count() == before, "freeing it gives them back");
	b = alloc_thread_stack();
	check(b == a, "its slot is reused");
	free_thread_stack(b);
}

/* copy_to_user and copy_from_user through a user page: with SMAP, only
 * stac/clac let them through; without, those were patched to NOPs. */
static void test_uaccess(void)
{
	struct mm_struct *mm = mm_alloc();
	char in[8] = "pollux", out[8] = "";
	char __user *u = (char __user *)0x400000;

	check(mm && !mm_map_zeroed(mm, 0x400000, 0x401000, PTE_W),
	      "map a user page");
	mm_activate(mm);
	check(!copy_to_user(u, in, sizeof(in)) &&
	      !copy_from_user(out, u, sizeof(out)) && !strcmp(out, "pollux"),
	      "copy_to_user, copy_from_user through a user page");
	check(strncpy_from_user(out, u, sizeof(out)) == 6,
	      "strncpy_from_user from a user page");
	check(copy_to_user(u + PAGE_SIZE, in, 1) == -EFAULT,
	      "copy_to_user to an unmapped page: -EFAULT");
	mm_activate(NULL);
	mm_free(mm);
}

void selftest_run(const char *which)
{
	selftest_fault(which);	/* returns unless which names a crash */
	test_frames();
	test_kmalloc();
	test_mapping();
	test_kstack();
	test_uaccess();
	test_timer();
	test_settime();
	printk("%d passed, %d failed\n", passed, failed);
	qemu_exit(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}
