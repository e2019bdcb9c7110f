/*
 * In-kernel self-tests, run by a test boot with "selftest" on the command
 * line: the frame allocator, kmalloc, page mapping, kernel stacks, user
 * access, copy-on-write, wake-up modes, file references, the checks before a return
 * to user mode, the timer, kernel preemption, the console's port lock.  "selftest=lockdep" runs
 * the lock checker's self-test instead (kernel/locking/locking-selftest.c).  Output uses the user tests' format; QEMU
 * exits with the result.  "selftest=NAME" instead crashes the kernel on
 * purpose (selftest_faults.c).
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
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/entry-common.h>
#include <pollux/arch/apic.h>
#include <pollux/cmdline.h>
#include <pollux/spinlock.h>
#include <uapi/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

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
	unsigned long flags;
	ktime_t until;

	while (jiffies < start + 10)
		__asm__ volatile("hlt");
	check(jiffies >= start + 10, "jiffies advance (10 ticks)");

	/* 30 ms with interrupts off: the local APIC keeps one tick pending
	 * and loses the others, as when the host does not run this CPU;
	 * jiffies still catch up with the clock at the next tick. */
	flags = local_irq_save();
	until = ktime_get() + 30 * NSEC_PER_MSEC;
	start = jiffies;
	while (ktime_get() < until)
		cpu_relax();
	local_irq_restore(flags);
	while (jiffies == start)
		__asm__ volatile("hlt");
	check(jiffies >= start + 29, "30 ms with interrupts off: jiffies catch up with the clock");
}

static int smp_calls[NR_CPUS];

static void count_call(void *unused)
{
	smp_calls[smp_processor_id()]++;
}

/* Has every CPU taken n ticks since ticks[] was read? */
static bool all_ticked(const u64 *ticks, u64 n)
{
	for_each_online_cpu(cpu)
		if (READ_ONCE(pcpu[cpu].ticks) < ticks[cpu] + n)
			return false;
	return true;
}

/* Has every other CPU taken its reschedule IPI? */
static bool all_rescheduled(void)
{
	for_each_online_cpu(cpu)
		if (cpu && !READ_ONCE(pcpu[cpu].irq_resched_count))
			return false;
	return true;
}

/*
 * The other CPUs (kernel/arch/smpboot.c, smp.c): each is online with
 * its own per-CPU area and local APIC id, ticks in its idle loop,
 * answers a call-function IPI exactly once and takes a reschedule IPI
 * sent to it alone.  Nothing to check with one
 * CPU but CPU 0's own area.
 */
static void test_smp(void)
{
	u64 ticks[NR_CPUS];
	u64 start = jiffies;
	bool ok = true;

	check(smp_processor_id() == 0 && this_cpu_ptr() == &pcpu[0] &&
	      current == idle_task(), "CPU 0's area through GS: idle is current");
	for_each_online_cpu(cpu)
		ticks[cpu] = pcpu[cpu].ticks;
	/* each virtual CPU is a host thread: on a busy host one may not
	 * run for a while, so wait for the event, up to a second */
	while (jiffies < start + 1000 && !all_ticked(ticks, 5))
		__asm__ volatile("hlt");
	smp_call_function(count_call, NULL);
	for_each_online_cpu(cpu) {
		ok = ok && pcpu[cpu].cpu_number == cpu && pcpu[cpu].self == &pcpu[cpu];
		ok = ok && (cpu == 0 || pcpu[cpu].apic_id != pcpu[0].apic_id);
		ok = ok && pcpu[cpu].ticks >= ticks[cpu] + 5;
		ok = ok && smp_calls[cpu] == (cpu != 0);
	}
	check(ok, "every CPU: its own area and APIC id, ticking, one call each");
	for_each_online_cpu(cpu)
		if (cpu)
			smp_send_reschedule(cpu);
	start = jiffies;
	while (jiffies < start + 1000 && !all_rescheduled())
		__asm__ volatile("hlt");
	ok = true;
	for_each_online_cpu(cpu)
		ok = ok && pcpu[cpu].irq_resched_count == (cpu != 0);
	check(ok, "a reschedule IPI sent to each other CPU reaches it once");
	printk("selftest: %d CPUs online\n", num_online_cpus());
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


static bool all_bytes(const void *p, size_t n, u8 v)
{
	for (size_t i = 0; i < n; i++)
		if (((const u8 *)p)[i] != v)
			return false;
	return true;
}

/* kmalloc gives 16-byte aligned memory from the size's cache, not
 * zeroed (as Linux's): with slab debugging on, a fresh or freed object
 * holds the poison 0x6b; with it off, a freed object comes back as it
 * was left.  kzalloc zeroes. */
static void test_kmalloc(void)
{
	u8 *p = kmalloc(100), *q = kmalloc(100);
	u8 old = slab_debug_enabled() ? 0x6b : 0x5a;

	check(p && q && p != q, "kmalloc(100) twice: distinct objects");
	check(((u64)p & 15) == 0 && ((u64)q & 15) == 0, "16-byte aligned");
	memset(p, 0x5a, 100);	/* all of it: the redzone starts after */
	kfree(q);
	kfree(p);	/* the last freed is the next handed out */
	kfree(NULL);
	check(true, "kfree of every byte written, and of NULL, reports nothing");
	q = kmalloc(100);
	check(q == p && all_bytes(q, 100, old),
	      slab_debug_enabled() ? "kmalloc does not zero: poison (0x6b)"
				   : "kmalloc does not zero: the old bytes");
	memset(q, 0x5a, 100);
	kfree(q);
	q = kzalloc(100);
	check(q == p && all_bytes(q, 100, 0), "kzalloc zeroes the same object");
	kfree(q);
}

/* The same for a cache of its own: kmem_cache_alloc keeps the poison,
 * kmem_cache_zalloc zeroes. */
static void test_kmem_cache(void)
{
	struct kmem_cache *c = kmem_cache_create("selftest", 40);
	u8 *p = kmem_cache_alloc(c), *q;

	memset(p, 0x5a, 40);
	kmem_cache_free(c, p);
	q = kmem_cache_alloc(c);
	check(q == p && (slab_debug_enabled() ?
			 all_bytes(q, 39, 0x6b) && q[39] == 0xa5 :
			 all_bytes(q + 8, 32, 0x5a)),	/* past the free pointer */
	      "kmem_cache_alloc does not zero");
	memset(q, 0x5a, 40);
	kmem_cache_free(c, q);
	q = kmem_cache_zalloc(c);
	check(q == p && all_bytes(q, 40, 0), "kmem_cache_zalloc zeroes");
	kmem_cache_free(c, q);
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
	check(all_bytes(b, KSTACK_SIZE, 0),
	      "a new kernel stack is zeroed (THREADINFO_GFP's __GFP_ZERO)");
	free_thread_stack(b);
}

/* copy_to_user and copy_from_user through a user page: with SMAP, only
 * stac/clac let them through; without, those were patched to NOPs.  The
 * copies return the bytes not copied, as Linux's: across the end of the
 * mapping, the ones past it; copy_from_user zeroes them in its buffer. */
static void test_uaccess(void)
{
	struct mm_struct *mm = mm_alloc();
	char in[8] = "pollux", out[8] = "";
	char __user *u = (char __user *)0x400000;
	char __user *end = u + PAGE_SIZE;	/* unmapped from here */
	int x = 1;

	check(mm && !mm_map_zeroed(mm, 0x400000, 0x401000, PTE_W),
	      "map a user page");
	mm_activate(mm);
	check(!copy_to_user(u, in, sizeof(in)) &&
	      !copy_from_user(out, u, sizeof(out)) && !strcmp(out, "pollux"),
	      "copy_to_user, copy_from_user through a user page");
	check(strncpy_from_user(out, u, sizeof(out)) == 6,
	      "strncpy_from_user from a user page");
	check(copy_to_user(end, in, 1) == 1,
	      "copy_to_user to an unmapped page: 1 byte not copied");
	check(copy_to_user(end - 3, in, 8) == 5,
	      "copy_to_user across the end of the mapping: 5 not copied");
	memset(out, 0x55, sizeof(out));
	check(copy_from_user(out, end - 3, 8) == 5 &&
	      !memcmp(out, "pol", 3) && all_bytes(out + 3, 5, 0),
	      "copy_from_user across the end: 5 not copied, zeroed");
	check(strncpy_from_user(out, end - 3, 8) == -EFAULT,
	      "strncpy_from_user into the unmapped page: -EFAULT");
	memset(out, 0x55, sizeof(out));
	check(copy_from_user(out, (void __user *)in, 8) == 8 &&
	      all_bytes(out, 8, 0),
	      "copy_from_user from a kernel address: none copied, all zeroed");
	check(copy_to_user((void __user *)out, in, 8) == 8,
	      "copy_to_user to a kernel address: none copied");
	check(clear_user(end - 2, 5) == 3,
	      "clear_user across the end: 3 not cleared");
	check(strncpy_from_user(out, u, 4) == 4,
	      "strncpy_from_user: no NUL within n gives n");
	check(get_user(x, (int __user *)end) == -EFAULT && x == 0,
	      "get_user from an unmapped page: -EFAULT, x zeroed");
	check(put_user(x, (int __user *)end) == -EFAULT,
	      "put_user to an unmapped page: -EFAULT");
	mm_activate(NULL);
	mm_free(mm);
}

static u64 user_pte(struct mm_struct *mm, u64 va) { return *mm_walk(mm, va); }

/* Runs the user-access routines in mm, as a task of it would. */
static void enter_mm(struct mm_struct *mm)
{
	current->mm = mm;
	mm_activate(mm);
}

/* fork's copy-on-write seen from the kernel: mm_copy shares the pages,
 * write-protected in both; put_user and clear_user in the copy fault
 * and copy them (do_wp_page), the original keeps its bytes; its own
 * write then takes its page back without a copy (the count is 1). */
static void test_cow(void)
{
	struct mm_struct *mm = mm_alloc(), *copy = NULL, *saved = current->mm;
	u32 __user *u = (u32 __user *)0x400000;
	u64 user_pages = pmm_user_pages(), pa = 0, copied;
	char buf[8] = "";

	check(mm && !mm_map_zeroed(mm, 0x400000, 0x402000, PTE_W) &&
	      !mm_write(mm, 0x400000, "pollux", 7), "map two user pages");
	if (mm && (copy = mm_copy(mm)))
		pa = user_pte(mm, 0x400000) & PTE_ADDR;
	check(copy && (user_pte(copy, 0x400000) & PTE_ADDR) == pa &&
	      page_count(pa) == 2 && (user_pte(mm, 0x400000) & PTE_COW) &&
	      !(user_pte(copy, 0x400000) & PTE_W),
	      "mm_copy shares the page: count 2, CoW in both");
	if (!copy)
		return;
	enter_mm(copy);
	check(!put_user(7, u) && !clear_user(u + PAGE_SIZE / 4, 8),
	      "put_user and clear_user into the copy's CoW pages");
	copied = user_pte(copy, 0x400000) & PTE_ADDR;
	check(copied != pa && (user_pte(copy, 0x400000) & PTE_W) &&
	      page_count(pa) == 1, "the copy writes a page of its own");
	check(!access_remote_vm(mm, 0x400000, buf, 7) && !strcmp(buf, "pollux"),
	      "the original keeps its bytes");
	enter_mm(mm);
	check(!put_user(8, u) && (user_pte(mm, 0x400000) & PTE_ADDR) == pa &&
	      (user_pte(mm, 0x400000) & PTE_W),
	      "the original's write takes its page back, no copy");
	mm_activate(NULL);
	current->mm = saved;
	mm_free(copy);
	check(page_count(pa) == 1 && page_count(copied) == 0,
	      "mm_free of the copy: its page freed, the original's kept");
	mm_free(mm);
	check(page_count(pa) == 0 && pmm_user_pages() == user_pages,
	      "mm_free of the original: no user page left");
}

/* Only the sleep states in the mode are woken (Linux: try_to_wake_up()):
 * wake_up_interruptible() leaves a task in TASK_UNINTERRUPTIBLE (as
 * mutex_lock sleeps) asleep.  Interrupts are off: nothing may schedule
 * while the idle task that runs this is marked asleep. */
static void test_wake_mode(void)
{
	unsigned long flags = local_irq_save();
	wait_queue_head_t wq;
	wait_queue_entry_t wait;

	init_waitqueue_head(&wq);
	init_waitqueue_entry(&wait, current);
	add_wait_queue(&wq, &wait);
	set_current_state(TASK_UNINTERRUPTIBLE);
	wake_up_interruptible(&wq);
	check(current->state == TASK_UNINTERRUPTIBLE,
	      "wake_up_interruptible leaves an uninterruptible sleeper");
	wake_up(&wq);
	check(current->state == TASK_RUNNING, "wake_up wakes it");
	set_current_state(TASK_INTERRUPTIBLE);
	wake_up_interruptible(&wq);
	check(current->state == TASK_RUNNING,
	      "wake_up_interruptible wakes an interruptible sleeper");
	remove_wait_queue(&wq, &wait);
	local_irq_restore(flags);
}

/* fget_raw takes a reference, as fget; files_lookup_fd_raw takes none.
 * The file sits at fd 0 of a table of its own, made current's. */
static void test_fget_raw(void)
{
	static const struct file_operations fops;
	struct files_struct *saved = current->files;
	struct file *f = anon_inode_getfile("selftest", &fops, NULL, O_RDWR);

	current->files = files_alloc();
	files_replace(current->files, 0, f, false);
	check(fget_raw(0) == f && atomic_long_read(&f->f_count) == 2,
	      "fget_raw takes a reference");
	fput(f);
	check(files_lookup_fd_raw(current->files, 0) == f &&
	      atomic_long_read(&f->f_count) == 1,
	      "files_lookup_fd_raw takes none");
	put_files_struct(current->files);
	current->files = saved;
}

/*
 * What a user program could get past on a real CPU: fxrstor of an MXCSR
 * with reserved bits, and sysret/iretq to a non-canonical rip, fault in
 * ring 0 there.  TCG masks the bits and faults in user mode, so the user
 * test (signal_sigreturn) cannot tell; here the refusal itself is
 * checked.
 */
static void test_user_return(void)
{
	struct fpu_state f;
	struct trapframe tf = { .rip = 0x0000800000000000UL };
	u32 *mxcsr = (u32 *)&f.data[FXSAVE_MXCSR];

	check(mxcsr_feature_mask && !(mxcsr_feature_mask & 0xffff0000),
	      "mxcsr_feature_mask read at boot, bits 16-31 reserved");
	fpu_init_state(&f);
	*mxcsr = 0x1f80 | 0x80000000;
	check(fpu_restore_sig(&f) == -EINVAL,
	      "fpu_restore_sig refuses MXCSR bit 31");
	check(*(u32 *)&current->fpu.data[FXSAVE_MXCSR] == 0x1f80,
	      "the refused image leaves the initial FPU state");
	*mxcsr = 0x1f80 | 0x8000;	/* FZ: a bit every SSE CPU has */
	check(fpu_restore_sig(&f) == 0 &&
	      *(u32 *)&current->fpu.data[FXSAVE_MXCSR] == *mxcsr,
	      "fpu_restore_sig takes a valid image");
	check(check_user_return(&tf) == SIGSEGV,
	      "a non-canonical rip: the return is refused with SIGSEGV");
	tf.rip = 0x00007fffffffffffUL;
	check(check_user_return(&tf) == 0, "the last user address is fine");
	tf.rip = 0xffff800000000000UL;
	check(check_user_return(&tf) == 0,
	      "a canonical kernel address is fine (the user then page faults)");
	fpu_init_state(&current->fpu);
}

static volatile bool preempt_test_ran;

static void preempt_test_thread(void)
{
	preempt_test_ran = true;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
}

/*
 * Kernel preemption: a task that spins in kernel mode, interrupts on and
 * a zero preempt count, with another task runnable.  With preempt=full
 * the timer interrupt's return switches to the other task (which runs
 * and sleeps again); with preempt=none the loop runs its 5 ticks alone.
 */
static void test_preempt(void)
{
	struct task_struct *t = kernel_thread(preempt_test_thread, "preempt_test");
	unsigned long before = nr_preemptions();
	u64 start = jiffies;

	preempt_disable();		/* no switch at the wake-up itself */
	wake_up_process(t);
	preempt_enable_no_resched();
	while (jiffies < start + 5 && !preempt_test_ran)
		cpu_relax();
	if (preempt_full) {
		check(preempt_test_ran, "preempt=full: a kernel-mode loop is preempted, the other task runs");
		check(nr_preemptions() > before, "preempt=full: nr_preemptions counts it");
	} else {
		check(!preempt_test_ran, "preempt=none: a kernel-mode loop runs on alone");
		check(nr_preemptions() == before, "preempt=none: nr_preemptions stays");
	}
}

static volatile bool console_probe_started, console_probe_go, console_probe_done;

static void console_probe_thread(void)
{
	console_probe_started = true;
	while (!console_probe_go)
		cpu_relax();
	printk("selftest: a kernel line from CPU %d\n", smp_processor_id());
	console_probe_done = true;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
}

/*
 * printk's console output takes the UART's port lock, as the ttys'
 * transmit ring does (drivers/serial.c): while CPU 0 holds the lock, a
 * printk on CPU 1 waits (200 ms), and its line comes out once the lock
 * is let go.  Only with the kernel log on the console (no klog=debugcon)
 * and a second CPU.
 */
static void test_console_lock(void)
{
	const char *klog = cmdline_get("klog");
	struct task_struct *t;
	unsigned long flags;
	bool early;
	u64 start = jiffies;
	ktime_t until;

	if (num_online_cpus() < 2 || (klog && !strcmp(klog, "debugcon")))
		return;
	t = kernel_thread(console_probe_thread, "console_probe");
	set_cpus_allowed_ptr(t, 1UL << 1);
	wake_up_process(t);
	while (jiffies < start + 1000 && !console_probe_started)
		__asm__ volatile("hlt");
	spin_lock_irqsave(serial_port_lock(0), flags);
	console_probe_go = true;
	until = ktime_get() + 200 * NSEC_PER_MSEC;
	while (ktime_get() < until && !console_probe_done)
		cpu_relax();
	early = console_probe_done;
	spin_unlock_irqrestore(serial_port_lock(0), flags);
	start = jiffies;
	while (jiffies < start + 1000 && !console_probe_done)
		__asm__ volatile("hlt");
	check(console_probe_started && !early && console_probe_done,
	      "a printk on CPU 1 waits for the console UART's port lock, held by CPU 0");
}

void locking_selftest(void);

void selftest_run(const char *which)
{
	if (which && !strcmp(which, "lockdep"))
		locking_selftest();
	selftest_fault(which);	/* returns unless which names a crash */
	test_frames();
	test_kmalloc();
	test_kmem_cache();
	test_mapping();
	test_kstack();
	test_uaccess();
	test_cow();
	test_wake_mode();
	test_fget_raw();
	test_user_return();
	test_timer();
	test_settime();
	test_preempt();
	test_smp();
	test_console_lock();
	printk("%d passed, %d failed\n", passed, failed);
	qemu_exit(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}
