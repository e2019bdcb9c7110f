/*
 * /proc's system-wide files, each made by one show() through a seq_file:
 *   meminfo   MemTotal, MemFree, AnonPages (the frames mapped in user
 *             space, each counted once however many mms share it) and
 *             Slab, what a test compares before and after a workload to
 *             catch leaks, and the other lines top and free read;
 *   uptime    seconds since boot, and the CPUs' idle time, summed;
 *   loadavg   no load average is kept: 0.00, then running/total tasks
 *             and the last pid;
 *   stat      each CPU's time, counted by its ticks (Pollux does not
 *             split user from system: a tick that finds a task running
 *             is "user", one that finds the idle task "idle"), btime,
 *             processes, procs_running;
 *   cpuinfo   from CPUID: vendor, family, model, name, the leaf-1 flags,
 *             a block per online CPU;
 *   profile_stacks  the profiler's call chains (kernel/profile.c), with
 *             profile=stack only
 * (/proc/mounts, a link to self/mounts, is proc_namespace.c's).
 * Linux: fs/proc/meminfo.c, uptime.c, loadavg.c, stat.c,
 * arch/x86/kernel/cpu/proc.c.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/time.h>
#include <pollux/printk.h>
#include <pollux/seq_file.h>
#include <pollux/profile.h>
#include <pollux/eventpoll.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>

#define USER_HZ 100

/* One "Name:   1234 kB" line.  Linux: fs/proc/meminfo.c show_val_kb() */
static void show_val_kb(struct seq_file *m, const char *name, unsigned long kb)
{
	seq_printf(m, "%s:%*s%8lu kB\n", name, (int)(15 - strlen(name)), "", kb);
}

/* Linux: fs/proc/meminfo.c meminfo_proc_show(): in Linux's order, the
 * lines top and free read.  No page cache, no swap: those are 0, and
 * all free memory is available. */
static int meminfo_proc_show(struct seq_file *m)
{
	static const char *const zero[] = {
		"Buffers", "Cached", "SwapTotal", "SwapFree", "Dirty",
		"Writeback",
	};

	show_val_kb(m, "MemTotal", pmm_total_count() * 4);
	show_val_kb(m, "MemFree", pmm_free_count() * 4);
	show_val_kb(m, "MemAvailable", pmm_free_count() * 4);
	for (size_t i = 0; i < ARRAY_SIZE(zero); i++)
		show_val_kb(m, zero[i], 0);
	show_val_kb(m, "AnonPages", pmm_user_pages() * 4);
	show_val_kb(m, "Mapped", 0);
	show_val_kb(m, "Shmem", 0);
	show_val_kb(m, "Slab", slab_pages() * 4);
	return 0;
}

/* A CPU's busy and idle ticks so far, as USER_HZ clock ticks (idle
 * read first: its tick counts ticks before idle_ticks, so busy is never
 * negative).  Linux counts per tick too without CONFIG_VIRT_CPU_ACCOUNTING:
 * kernel/sched/cputime.c account_process_tick(), account_idle_time() */
static void cpu_times(int cpu, u64 *busy, u64 *idle)
{
	u64 idle_ticks = READ_ONCE(pcpu[cpu].idle_ticks);

	*busy = (READ_ONCE(pcpu[cpu].ticks) - idle_ticks) * USER_HZ / HZ;
	*idle = idle_ticks * USER_HZ / HZ;
}

/* Linux: fs/proc/uptime.c uptime_proc_show() — the idle time of every
 * CPU, summed */
static int uptime_proc_show(struct seq_file *m)
{
	u64 up = ktime_get() / (NSEC_PER_SEC / 100);
	u64 busy, idle_cpu, idle = 0;

	for_each_online_cpu(cpu) {
		cpu_times(cpu, &busy, &idle_cpu);
		idle += idle_cpu;	/* USER_HZ is 100: hundredths */
	}

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", up / 100, up % 100,
		   idle / 100, idle % 100);
	return 0;
}

/* Linux: fs/proc/loadavg.c loadavg_proc_show() */
static int loadavg_proc_show(struct seq_file *m)
{
	seq_printf(m, "0.00 0.00 0.00 %u/%d %d\n", nr_running(), nr_threads,
		   last_pid);
	return 0;
}

/* One "cpuN" line (cpu < 0: the "cpu " total).  Linux: fs/proc/stat.c */
static void show_cpu_times(struct seq_file *m, int cpu, u64 user, u64 idle)
{
	if (cpu < 0)
		seq_printf(m, "cpu ");
	else
		seq_printf(m, "cpu%d", cpu);
	seq_printf(m, " %lu 0 0 %lu 0 0 0 0 0 0\n", user, idle);
}

/* Linux: fs/proc/stat.c show_stat(): the "cpu" line sums the "cpuN"
 * lines, which each CPU's ticks count (cpu_times). */
static int show_stat(struct seq_file *m)
{
	u64 busy[NR_CPUS], idle[NR_CPUS], busy_all = 0, idle_all = 0;

	for_each_online_cpu(cpu) {
		cpu_times(cpu, &busy[cpu], &idle[cpu]);
		busy_all += busy[cpu];
		idle_all += idle[cpu];
	}
	show_cpu_times(m, -1, busy_all, idle_all);
	for_each_online_cpu(cpu)
		show_cpu_times(m, cpu, busy[cpu], idle[cpu]);
	seq_printf(m, "intr 0\nctxt 0\nbtime %ld\nprocesses %lu\n"
		   "procs_running %u\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   (long)(ktime_get_real_seconds() - ktime_get() / NSEC_PER_SEC),
		   total_forks, nr_running());
	return 0;
}

/* CPUID leaf 1's EDX then ECX bits, by Linux's names ("" for those
 * Linux does not print).  Linux: arch/x86/kernel/cpu/capflags.c */
static const char *const x86_cap_flags[64] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
	"", "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
	"clflush", "", "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht",
	"tm", "ia64", "pbe",
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", "",
	"pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", "xsave", "", "avx", "f16c", "rdrand",
	"hypervisor",
};

/* The brand string of leaves 0x80000002..4, blanks around it cut off
 * as Linux's get_model_name() does. */
static void cpu_model_name(char name[49])
{
	u32 *r = (u32 *)name, max, unused;
	char *p = name, *end;

	cpuid(0x80000000, &max, &unused, &unused, &unused);
	name[0] = name[48] = '\0';
	if (max < 0x80000004)
		return;
	for (u32 leaf = 0; leaf < 3; leaf++, r += 4)
		cpuid(0x80000002 + leaf, &r[0], &r[1], &r[2], &r[3]);
	while (*p == ' ')
		p++;
	memmove(name, p, strlen(p) + 1);
	for (end = name + strlen(name); end > name && end[-1] == ' '; )
		*--end = '\0';
}

/* Linux: arch/x86/kernel/cpu/proc.c show_cpuinfo(), the lines Pollux
 * can tell from CPUID, for one CPU.  The CPUs of one machine are alike:
 * CPUID read here stands for every one. */
static void show_cpuinfo_cpu(struct seq_file *m, int cpu)
{
	u32 max, eax, ebx, edx, ecx, vendor[4] = { 0 };
	u32 family, model;
	char name[49];

	cpuid(0, &max, &vendor[0], &vendor[2], &vendor[1]);
	cpuid(1, &eax, &ebx, &ecx, &edx);
	family = (eax >> 8) & 0xf;
	if (family == 0xf)
		family += (eax >> 20) & 0xff;
	model = (eax >> 4) & 0xf;
	if (family >= 6)
		model += ((eax >> 16) & 0xf) << 4;
	cpu_model_name(name);
	seq_printf(m, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\n"
		   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n"
		   "apicid\t\t: %u\ninitial apicid\t: %u\n"
		   "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\n"
		   "wp\t\t: yes\nflags\t\t:", cpu, (char *)vendor, family, model,
		   name, eax & 0xf, pcpu[cpu].apic_id, pcpu[cpu].apic_id, max);
	for (int bit = 0; bit < 64; bit++) {
		u32 reg = bit < 32 ? edx : ecx;

		if (x86_cap_flags[bit][0] && (reg & (1U << (bit % 32))))
			seq_printf(m, " %s", x86_cap_flags[bit]);
	}
	seq_printf(m, "\nclflush size\t: %u\ncache_alignment\t: %u\n"
		   "power management:\n\n", ((ebx >> 8) & 0xff) * 8,
		   ((ebx >> 8) & 0xff) * 8);
}

/* A block per online CPU, each ended by an empty line, as Linux. */
static int show_cpuinfo(struct seq_file *m)
{
	for_each_online_cpu(cpu)
		show_cpuinfo_cpu(m, cpu);
	return 0;
}

static const struct {
	const char *name;
	int (*show)(struct seq_file *m);
} proc_misc[] = {
	{ "meminfo", meminfo_proc_show },
	{ "uptime", uptime_proc_show },
	{ "loadavg", loadavg_proc_show },
	{ "stat", show_stat },
	{ "cpuinfo", show_cpuinfo },
	{ "schedstat", show_schedstat },
	{ "profile_stacks", profile_stacks_show },
	/* Pollux-only, outside Linux's names (kernel/fs/eventpoll.c) */
	{ "pollux/epoll_stats", ep_stats_show },
	{ "pollux/sched_stats", sched_stats_show },	/* kernel/proc/sched_stats.c */
};

static int misc_show(struct seq_file *m, void *v)
{
	return ((int (*)(struct seq_file *))v)(m);
}

int proc_misc_text(const char *name, char **text, size_t *len)
{
	struct seq_file m;
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(proc_misc); i++) {
		if (strcmp(name, proc_misc[i].name))
			continue;
		err = seq_read_all(&m, misc_show, (void *)proc_misc[i].show);
		if (err)
			return err;
		*text = m.buf;
		*len = m.count;
		return 0;
	}
	return -ENOENT;
}
