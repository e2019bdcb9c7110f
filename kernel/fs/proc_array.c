/*
 * /proc/PID/status and /proc/PID/stat in Linux 6.18's formats.  Lines
 * and fields Pollux keeps nothing for are left out of status (VmPeak,
 * VmHWM, VmPTE, the Speculation_* lines, the context-switch counts) or
 * are 0 in stat, as Linux prints its own unknowns.  Everyone is root
 * with every capability, one memory node, no seccomp.
 * Linux: fs/proc/array.c.
 */
#include <pollux/fs.h>
#include <pollux/fs_struct.h>
#include <pollux/mm.h>
#include <pollux/percpu.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/seq_file.h>

/* Linux: fs/proc/array.c task_state_array, by Pollux's state bits */
char task_state_char(struct task_struct *t)
{
	if (t->state & (TASK_ZOMBIE | TASK_DEAD))
		return 'Z';
	if (t->state & TASK_STOPPED)
		return 'T';
	if (t->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	return t->state & TASK_INTERRUPTIBLE ? 'S' : 'R';
}

static const char *task_state_name(char c)
{
	switch (c) {
	case 'Z': return "Z (zombie)";
	case 'T': return "T (stopped)";
	case 'D': return "D (disk sleep)";
	case 'S': return "S (sleeping)";
	}
	return "R (running)";
}

/* The parent process: a thread's is its group's.  Linux: real_parent */
static pid_t task_ppid(struct task_struct *t)
{
	return t->parent ? t->parent->tgid : 0;
}

/* The signals t ignores (handler SIG_IGN) or catches (a function).
 * Linux: fs/proc/array.c collect_sigign_sigcatch() */
static u64 task_sig_mask(struct task_struct *t, bool caught)
{
	u64 mask = 0;

	for (int sig = 1; t->sighand && sig < _NSIG; sig++) {
		__sighandler_t h = t->sighand->action[sig - 1].sa_handler;

		if (caught ? h != SIG_DFL && h != SIG_IGN : h == SIG_IGN)
			mask |= 1UL << (sig - 1);
	}
	return mask;
}

static unsigned int count_bits(u64 set)
{
	unsigned int n = 0;

	for (; set; set &= set - 1)
		n++;
	return n;
}

/* How many signals are pending for the user (everyone is root): each
 * pending bit, a thread's or a process's, stands for one queued
 * signal.  Linux: the user's ucounts UCOUNT_RLIMIT_SIGPENDING */
static unsigned int sigpending_count(void)
{
	struct task_struct *t;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);	/* no task freed meanwhile */
	list_for_each_entry(t, &task_list, tasks) {
		n += count_bits(t->pending.signal);
		if (thread_group_leader(t) && t->signal)
			n += count_bits(t->signal->shared_pending.signal);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/* Linux: fs/proc/array.c task_state(), through Kthread; a thread that
 * exited has no fs (exit_fs()), so no Umask line, and no fd table */
static void task_state(struct seq_file *m, struct task_struct *t)
{
	char state = task_state_char(t);

	if (t->fs)
		seq_printf(m, "Umask:\t%04o\n", t->fs->umask);
	seq_printf(m, "State:\t%s\nTgid:\t%d\n"
		   "Ngid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
		   "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\n"
		   "Groups:\t \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\n"
		   "NSsid:\t%d\nKthread:\t0\n",
		   task_state_name(state), t->tgid, t->pid, task_ppid(t),
		   t->files ? t->files->max_fds : 0, t->tgid, t->pid, t->pgid,
		   t->sid);
}

/* Linux: fs/proc/array.c task_sig(): the group's thread count, the
 * thread's pending set and the process's (ShdPnd).  The limit shown is
 * the default RLIMIT_SIGPENDING Linux sets (max_threads / 2), which
 * Pollux does not enforce: a standard signal does not queue twice. */
static void task_sig(struct seq_file *m, struct task_struct *t)
{
	seq_printf(m, "Threads:\t%d\nSigQ:\t%u/%ld\nSigPnd:\t%016lx\n"
		   "ShdPnd:\t%016lx\nSigBlk:\t%016lx\n"
		   "SigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   t->signal->nr_threads, sigpending_count(), max_threads / 2,
		   t->pending.signal, t->signal->shared_pending.signal,
		   t->blocked, task_sig_mask(t, false), task_sig_mask(t, true));
}

/* The mask in hex, in 32-bit chunks high first, as wide as nbits.
 * Linux: lib/vsprintf.c bitmap_string() ("%*pb") */
static void seq_bitmap(struct seq_file *m, unsigned long mask, int nbits)
{
	int chunk = nbits % 32 ? nbits % 32 : 32;

	for (int i = (nbits - 1) / 32 * 32; i >= 0; i -= 32, chunk = 32)
		seq_printf(m, "%s%0*lx", i + 32 < nbits ? "," : "",
			   (chunk + 3) / 4, (mask >> i) & ((1UL << chunk) - 1));
}

/* The mask as ranges: "0-3", "1", "0,2-3".
 * Linux: lib/vsprintf.c bitmap_list_string() ("%*pbl") */
static void seq_bitmap_list(struct seq_file *m, unsigned long mask, int nbits)
{
	bool first = true;

	for (int i = 0; i < nbits; i++) {
		int j = i;

		if (!(mask >> i & 1))
			continue;
		while (j + 1 < nbits && (mask >> (j + 1) & 1))
			j++;
		seq_printf(m, j > i ? "%s%d-%d" : "%s%d", first ? "" : ",", i, j);
		first = false;
		i = j;
	}
}

/*
 * Linux: fs/proc/array.c task_cap() (root: every capability up to
 * CAP_LAST_CAP 40), task_seccomp() (no speculation lines: Pollux
 * knows nothing of the CPU's), task_cpus_allowed() (the thread's
 * mask, of the nr_cpu_ids possible CPUs) and
 * kernel/cgroup/cpuset.c cpuset_task_status_allowed() (node 0 of
 * MAX_NUMNODES 1024, in 32-bit words).
 */
static void task_cap_cpus(struct seq_file *m, struct task_struct *t)
{
	unsigned long cpus = READ_ONCE(t->cpus_allowed) &
			     (~0UL >> (64 - nr_cpu_ids));

	seq_printf(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		   "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
		   "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n"
		   "Seccomp_filters:\t0\nCpus_allowed:\t");
	seq_bitmap(m, cpus, nr_cpu_ids);
	seq_printf(m, "\nCpus_allowed_list:\t");
	seq_bitmap_list(m, cpus, nr_cpu_ids);
	seq_printf(m, "\nMems_allowed:\t");
	for (int i = 0; i < 31; i++)
		seq_printf(m, "00000000,");
	seq_printf(m, "00000001\nMems_allowed_list:\t0\n");
}

/* Linux: fs/proc/array.c proc_pid_status(), its lines in 6.18's order;
 * a zombie has no mm, so no Vm lines, as Linux */
int proc_pid_status(struct seq_file *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);	/* t may exit meanwhile */

	seq_printf(m, "Name:\t%s\n", t->comm);
	task_state(m, t);
	if (mm) {
		mutex_lock(&mm->mmap_lock);	/* its vmas, its owner may unmap */
		task_mem(m, mm);
		mutex_unlock(&mm->mmap_lock);
		mmput(mm);
	}
	task_sig(m, t);
	task_cap_cpus(m, t);
	return 0;
}

/* The process's time (whole): its live threads' summed (Pollux keeps
 * no total of the dead ones' as Linux's signal->sum_sched_runtime) */
static u64 stat_runtime(struct task_struct *t, bool whole)
{
	struct task_struct *thread;
	u64 ns = 0;

	if (!whole || list_empty(&t->signal->thread_head))
		return t->sum_exec_runtime;
	for_each_thread(t, thread)
		ns += thread->sum_exec_runtime;
	return ns;
}

/* stat's exit_code: for the process (whole), how the group ends or
 * which signal stopped it, until the parent's wait4 saw the stop (it
 * clears Linux's group_exit_code); else the thread's own wait status
 * once it is a zombie.  Linux: do_task_stat()'s exit_code */
static int stat_exit_code(struct task_struct *t, bool whole)
{
	struct signal_struct *sig = t->signal;
	struct task_struct *leader = t->group_leader;

	if (whole && (sig->flags & SIGNAL_GROUP_EXIT))
		return sig->group_exit_code;
	if (whole && (sig->flags & SIGNAL_STOP_STOPPED) &&
	    (leader->jobctl & JOBCTL_STOP_REPORT))
		return leader->stop_code >> 8;
	return t->state & TASK_ZOMBIE ? t->exit_code : 0;
}

/*
 * Linux: fs/proc/array.c do_task_stat(): 52 fields; those Pollux does
 * not keep are 0 (tty_pgrp -1 without a terminal, as Linux).  whole:
 * the process's (/proc/PID/stat), else one thread's
 * (/proc/PID/task/TID/stat).  The four signal masks (the thread's
 * pending set only) are decimal and cut to 31 bits (Linux 2.0's
 * format); wchan is 1 for a task that is not running; every mapped
 * page is resident, so rss is vsize in pages; exit_signal is -1 for
 * a thread that is not the leader; processor (field 39) is the CPU the
 * task last ran on, or is queued on.
 */
static int do_task_stat(struct seq_file *m, struct task_struct *t, bool whole)
{
	struct mm_struct *mm = get_task_mm(t);	/* t may exit meanwhile */
	unsigned long vsize = 0;
	char state = task_state_char(t);

	if (mm) {
		mutex_lock(&mm->mmap_lock);	/* its vmas, its owner may unmap */
		vsize = task_vsize(mm);
		mutex_unlock(&mm->mmap_lock);
	}
	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %lu 0 0 0 20 0 %d 0 "
		   "0 %lu %lu 18446744073709551615 0 0 0 0 0 %lu %lu %lu %lu "
		   "%d 0 0 %d %d 0 0 0 0 0 0 0 %lu %lu %lu 0 0 %d\n",
		   t->pid, t->comm, state, task_ppid(t), t->pgid, t->sid,
		   (unsigned long)(stat_runtime(t, whole) / 10000000),
		   t->signal->nr_threads, vsize, vsize / PAGE_SIZE,
		   t->pending.signal & 0x7fffffffUL, t->blocked & 0x7fffffffUL,
		   task_sig_mask(t, false) & 0x7fffffffUL,
		   task_sig_mask(t, true) & 0x7fffffffUL, state != 'R',
		   t->exit_signal, task_cpu(t), mm ? mm->start_brk : 0,
		   mm ? mm->arg_start : 0, mm ? mm->arg_end : 0,
		   stat_exit_code(t, whole));
	if (mm)
		mmput(mm);
	return 0;
}

/* Linux: fs/proc/array.c proc_tgid_stat() */
int proc_tgid_stat(struct seq_file *m, struct task_struct *t)
{
	return do_task_stat(m, t, true);
}

/* Linux: fs/proc/array.c proc_tid_stat() */
int proc_tid_stat(struct seq_file *m, struct task_struct *t)
{
	return do_task_stat(m, t, false);
}
