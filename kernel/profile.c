/*
 * The sampling profiler: at each timer tick (or HPET NMI, below), where
 * was the CPU?
 * Linux: kernel/profile.c (the profile= boot option, /proc/profile).
 *
 *   profile=N          counts each tick in the counter of the kernel text
 *                      it interrupted, one counter per 2^N bytes of .text;
 *   profile=stack,N    also walks the interrupted call chain (the kernel
 *                      is built with frame pointers) into a table of
 *                      stacks; profile=stack alone is shift 0, as Linux's
 *                      profile=schedule.
 *
 * The timer tick cannot interrupt code that runs with interrupts off
 * (under a spinlock, in the scheduler, in the entry code): its samples
 * land where interrupts come back on, and such code looks free (Linux's
 * profile= has the same blind spot; perf samples with NMIs).  With
 *   profile_period=NS  (Pollux's own) the samples come from the HPET as
 *                      NMIs every NS ns of guest time instead
 *                      (drivers/hpet.c), which nothing masks; the tick
 *                      then takes none.
 *
 * /proc/profile is Linux's format, what readprofile(8) reads: an array of
 * u32, first the step (1 << N, bytes per counter), then the counters, the
 * i-th for [_text + i * step, _text + (i + 1) * step).  One counter more
 * than .text needs comes last: it takes every sample outside the kernel
 * text, i.e. in user mode (Linux ignores user mode, and older Linux put
 * out-of-range pcs in its last counter).  Writing anything to it resets
 * the counters and the stacks (readprofile -r).
 *
 * /proc/profile_stacks (Pollux's own) has one line per distinct stack:
 *   COUNT PC RET RET ...   hex addresses, the interrupted rip first, then
 *                          the return addresses, innermost first;
 *   COUNT user             the samples taken in user mode;
 *   COUNT lost             samples whose stack found no free slot.
 * The samples taken while this text is made, or while a write resets the
 * profile, are not kept (see prof_busy).  tools/profile turns both files
 * into a flat profile, folded stacks and a flame graph
 * (docs/profiling.md).
 *
 * One CPU: the tick (interrupts off) or the NMI is the only writer; a
 * reader may see a counter one sample old.  With SMP the counters are already atomic adds;
 * the stack table would want one table per CPU (as Linux's old per-CPU
 * profile_hits() hash) or a lock.
 */
#include <pollux/profile.h>
#include <pollux/drivers.h>
#include <pollux/fs.h>
#include <pollux/irq.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/uaccess.h>
#include <pollux/arch/trapframe.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define PROFILE_STACK_DEPTH 32	/* frames kept per sample; deeper chains are cut */
#define PROFILE_STACKS 4096	/* distinct stacks kept */
#define PROFILE_PROBES 16	/* slots tried per stack before it is lost */

/* A distinct call chain and how many samples had it. */
struct profile_stack {
	u32 count;			/* 0: a free slot */
	u32 depth;			/* pcs used */
	u64 pc[PROFILE_STACK_DEPTH];	/* the rip, then return addresses */
};

extern char _text[], _etext[];

static int prof_on;			/* CPU_PROFILING, or 0 */
static bool prof_nmi;			/* samples come by NMI, not by the tick */
static u64 prof_period;			/* profile_period=: mean ns between NMIs */
static u64 prof_seed = 1;		/* profile_next_period()'s state */
static unsigned int prof_shift;
static unsigned long prof_len;		/* counters, the outside-text one too */
static u32 *prof_header;		/* the step, then prof_len counters */
static u32 *prof_buffer;		/* = prof_header + 1 */
static struct profile_stack *prof_stacks;	/* NULL without profile=stack */
static u32 prof_stacks_user, prof_stacks_lost;
/* The profile is being reset or /proc/profile_stacks's text made: a
 * sample would land in a table half cleared, or add stacks to the text
 * being printed, which then grows, is made again (seq_read_all()), takes
 * more samples...  Such samples are not kept. */
static bool prof_busy;

/* Zeroed memory from the page allocator, for buffers made once at boot. */
static void *profile_alloc(size_t size)
{
	unsigned int pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	u64 pa = alloc_pages(pages);

	if (!pa)
		return NULL;
	return memset(phys_to_virt(pa), 0, pages * PAGE_SIZE);
}

/* s as a decimal number that ends the string; false if it is not one. */
static bool parse_u64(const char *s, u64 *v)
{
	if (*s < '0' || *s > '9')
		return false;
	for (*v = 0; *s >= '0' && *s <= '9'; s++)
		*v = *v * 10 + (*s - '0');
	return !*s;
}

/* "stack" or "stack,N" or "N": whether stacks are wanted, and the shift. */
static bool profile_parse(const char *s, bool *stacks, unsigned int *shift)
{
	u64 n = 0;

	*stacks = !strncmp(s, "stack", 5);
	if (*stacks) {
		s += 5;
		if (!*s)
			return true;
		if (*s++ != ',')
			return false;
	}
	if (!parse_u64(s, &n) || n >= 32)
		return false;
	*shift = n;
	return true;
}

/* profile_period=NS: the HPET's NMIs, if QEMU lets it send them. */
static void profile_nmi_init(const char *period, u64 hpet)
{
	u64 ns;

	if (!parse_u64(period, &ns) || !ns) {
		printk("profile: bad profile_period=%s (ns)\n", period);
		return;
	}
	prof_period = ns;
	prof_nmi = true;	/* before the first NMI, which may come at once */
	if (!hpet || hpet_start_nmi(hpet, ns))
		prof_nmi = false;
	if (prof_nmi)
		printk("profile: a sample every %lu ns, by HPET NMI\n", ns);
	else
		printk("profile: no HPET NMI (QEMU: -global hpet.msi=true): "
		       "a sample every timer tick\n");
}

void profile_init(const char *option, const char *period, u64 hpet)
{
	unsigned long text = _etext - _text;
	unsigned int shift = 0;
	bool stacks;

	if (!option)
		return;
	if (!profile_parse(option, &stacks, &shift)) {
		printk("profile: bad option \"%s\" (profile=N or profile=stack,N)\n",
		       option);
		return;
	}
	prof_len = ((text + (1UL << shift) - 1) >> shift) + 1;
	prof_header = profile_alloc((prof_len + 1) * sizeof(u32));
	if (stacks)
		prof_stacks = profile_alloc(PROFILE_STACKS * sizeof(*prof_stacks));
	if (!prof_header || (stacks && !prof_stacks)) {
		printk("profile: no memory for %lu counters\n", prof_len);
		return;
	}
	prof_header[0] = 1U << shift;
	prof_buffer = prof_header + 1;
	prof_shift = shift;
	prof_on = CPU_PROFILING;
	printk("kernel profiling enabled (shift: %u)%s\n", shift,
	       stacks ? ", with call chains" : "");
	if (period)
		profile_nmi_init(period, hpet);
}

/* Linux: kernel/profile.c profile_hits(), one hit: ip's counter, or the
 * last one for an ip outside the kernel text (user mode passes 0). */
static void profile_hit(int type, u64 ip)
{
	unsigned long i = (ip - (u64)_text) >> prof_shift;

	if (prof_on != type)
		return;
	__atomic_add_fetch(&prof_buffer[MIN(i, prof_len - 1)], 1, __ATOMIC_RELAXED);
}

/* Linux: kernel/stacktrace.c stack_trace_save_regs() with the frame
 * pointer unwinder: [rbp] is the caller's rbp, [rbp + 8] the return
 * address.  Only frames inside the interrupted task's kernel stack, each
 * above the last, are followed: a syscall's chain ends at syscall_entry,
 * whose saved rbp is the user's.  Interrupted before its `mov rbp, rsp`,
 * a function's caller is missed (as with any frame-pointer unwinder). */
static u32 profile_walk(const struct trapframe *regs, u64 *pc)
{
	u64 lo = (u64)current->kstack, hi = lo + KSTACK_SIZE - 16;
	u64 rbp = regs->rbp;
	u32 depth = 0;

	pc[depth++] = regs->rip;
	/* an NMI may come in switch_to, with rbp on the next task's stack:
	 * outside current's, the walk stops */
	while (depth < PROFILE_STACK_DEPTH && rbp >= lo && rbp <= hi &&
	       !(rbp & 7)) {
		u64 next = ((u64 *)rbp)[0];

		pc[depth++] = ((u64 *)rbp)[1];
		if (next <= rbp)
			break;
		rbp = next;
	}
	return depth;
}

/* FNV-1a over the chain, a word at a time (a tick pays for it): where
 * its slot search starts. */
static u32 profile_hash(const u64 *pc, u32 depth)
{
	u64 h = 14695981039346656037ull;

	for (u32 i = 0; i < depth; i++)
		h = (h ^ pc[i]) * 1099511628211ull;
	return h ^ (h >> 32);
}

/* Whether slot s holds this chain (memcmp() goes a byte at a time). */
static bool profile_same(const struct profile_stack *s, const u64 *pc,
			 u32 depth)
{
	if (s->depth != depth)
		return false;
	for (u32 i = 0; i < depth; i++)
		if (s->pc[i] != pc[i])
			return false;
	return true;
}

/* Counts the chain in its slot: the one holding it, or the first free
 * one of PROFILE_PROBES tried (open addressing). */
static void profile_stack_hit(const u64 *pc, u32 depth)
{
	u32 h = profile_hash(pc, depth);

	for (u32 i = 0; i < PROFILE_PROBES; i++) {
		struct profile_stack *s = &prof_stacks[(h + i) % PROFILE_STACKS];

		if (!s->count) {
			memcpy(s->pc, pc, depth * sizeof(*pc));
			s->depth = depth;
			s->count = 1;
			return;
		}
		if (profile_same(s, pc, depth)) {
			s->count++;
			return;
		}
	}
	prof_stacks_lost++;
}

/* One sample of regs: the tick's or the NMI's. */
static void profile_sample(int type, const struct trapframe *regs)
{
	u64 pc[PROFILE_STACK_DEPTH];

	if (prof_busy)
		return;
	if (user_mode(regs)) {
		profile_hit(type, 0);
		if (prof_stacks)
			prof_stacks_user++;
		return;
	}
	profile_hit(type, regs->rip);
	if (prof_stacks)
		profile_stack_hit(pc, profile_walk(regs, pc));
}

void profile_tick(int type)
{
	struct trapframe *regs = get_irq_regs();

	if (prof_on && !prof_nmi && regs)
		profile_sample(type, regs);
}

/*
 * The time to the next NMI: from period/2 to 3 * period/2, pseudo-random
 * (an LCG: the same at every boot, so -icount runs stay the same).  A
 * fixed period locks step with a loop whose length is near a multiple of
 * it: the samples then fall on the same few instructions of each round
 * (a test's epoll_wait rounds of about 3 periods showed only the first
 * 70 instructions of do_epoll_wait).  Linux's perf gets the same effect
 * from the noise of real hardware.
 */
static u64 profile_next_period(void)
{
	prof_seed = prof_seed * 6364136223846793005ull + 1442695040888963407ull;
	return prof_period / 2 + (prof_seed >> 33) % prof_period;
}

/* Linux: arch/x86/kernel/nmi.c default_do_nmi() -> the perf NMI handler */
bool profile_nmi(struct trapframe *regs)
{
	if (!prof_nmi)
		return false;
	hpet_nmi_rearm(profile_next_period());
	profile_sample(CPU_PROFILING, regs);
	return true;
}

/* Linux: kernel/profile.c read_profile(): the step, then the counters,
 * read from any offset. */
static ssize_t read_profile(struct file *f, char __user *buf, size_t n,
			    loff_t *pos)
{
	size_t size = (prof_len + 1) * sizeof(u32);

	if (*pos >= (loff_t)size)
		return 0;
	n = MIN(n, size - *pos);
	if (copy_to_user(buf, (char *)prof_header + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/* Linux: kernel/profile.c write_profile(): any write resets the profile
 * (readprofile -r).  Linux's write of an int (a timer multiplier) is gone
 * since 6.3; here it resets too. */
static ssize_t write_profile(struct file *f, const char __user *buf,
			     size_t n, loff_t *pos)
{
	prof_busy = true;
	memset(prof_buffer, 0, prof_len * sizeof(u32));
	if (prof_stacks)
		memset(prof_stacks, 0, PROFILE_STACKS * sizeof(*prof_stacks));
	prof_stacks_user = prof_stacks_lost = 0;
	prof_busy = false;
	return n;
}

/* Linux: fs/read_write.c default_llseek() */
static loff_t profile_llseek(struct file *f, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += f->f_pos;
	else if (whence == SEEK_END)
		offset += (prof_len + 1) * sizeof(u32);
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

static const struct file_operations proc_profile_operations = {
	.read = read_profile,
	.write = write_profile,
	.llseek = profile_llseek,
};

/* /proc/profile exists only when profiling is on, as in Linux
 * (create_proc_profile()). */
struct file *profile_proc_open(const char *name, int flags, int *err)
{
	struct file *f = NULL;

	*err = -ENOENT;
	if (!prof_on || strcmp(name, "profile"))
		return NULL;
	f = anon_inode_getfile("profile", &proc_profile_operations, NULL,
			       flags & O_ACCMODE);
	*err = f ? 0 : -ENOMEM;
	return f;
}

int profile_stacks_show(struct seq_file *m)
{
	if (!prof_stacks)
		return -ENOENT;
	prof_busy = true;
	for (u32 i = 0; i < PROFILE_STACKS; i++) {
		struct profile_stack *s = &prof_stacks[i];

		if (!s->count)
			continue;
		seq_printf(m, "%u", s->count);
		for (u32 d = 0; d < s->depth; d++)
			seq_printf(m, " %lx", s->pc[d]);
		seq_printf(m, "\n");
	}
	if (prof_stacks_user)
		seq_printf(m, "%u user\n", prof_stacks_user);
	if (prof_stacks_lost)
		seq_printf(m, "%u lost\n", prof_stacks_lost);
	prof_busy = false;
	return 0;
}
