/*
 * The scheduler: a run queue per CPU (struct rq), each a FIFO of its
 * runnable tasks, round robin; the running task is never on its queue;
 * each CPU's idle task runs when its queue is empty, and halts.
 * Linux: kernel/sched/core.c __schedule(), try_to_wake_up(),
 * select_task_rq(), set_cpus_allowed_ptr(), and fair.c's newidle and
 * periodic balancing, simplified: no classes, no priorities, no domains.
 *
 * Which lock guards what:
 *  - rq->lock: the queue, rq->curr, and for each task on it (task_cpu
 *    is this CPU): on_rq, run_list and a change of task->cpu (a queued
 *    task moves only with both run queues' locks: double_rq_lock()).
 *  - p->pi_lock: p's wake-ups against each other and against a change
 *    of its mask (Linux's, for the same reason).
 *  - p->on_cpu: set under rq->lock by the CPU that switches to p,
 *    cleared by switch_to() once that CPU is off p's stack.
 *
 * The races, and the CPUs they happen on:
 *  - CPU A runs p, which sets TASK_INTERRUPTIBLE and calls schedule(),
 *    while CPU B wakes it.  B takes p->pi_lock and sees p->on_rq: it
 *    takes A's rq->lock (task_rq_lock) and, if __schedule() on A has not
 *    yet dequeued p, only sets TASK_RUNNING, and A keeps p.  Else p is
 *    off the queue but A may still be inside switch_to on p's stack: B
 *    waits for p->on_cpu to clear before it queues p anywhere (Linux:
 *    smp_cond_load_acquire(&p->on_cpu, !VAL) in try_to_wake_up()).
 *  - Linux holds rq->lock across the switch and drops it in
 *    finish_task_switch(); Pollux drops it before switch_to, so a task
 *    that is queued may still be on_cpu on its old CPU for a few
 *    instructions (one moved by __schedule() because its CPU is no
 *    longer allowed): the CPU that picks it waits for on_cpu to clear
 *    before switching to it.  Load balancing never moves a task whose
 *    on_cpu is set.
 *  - A task exiting on CPU A while its parent reaps it on CPU B:
 *    __put_task_struct() (the last reference) waits for on_cpu to clear
 *    before freeing the stack A may still be switching away from.
 *
 * Kernel preemption (boot option preempt=full, Linux's CONFIG_PREEMPT),
 * on every CPU: a task in kernel mode whose preempt count is zero is
 * switched out when its TIF_NEED_RESCHED is set, on the return from the
 * interrupt that set it (preempt_schedule_irq) or at the preempt_enable()
 * that ends the section it was set in (preempt_schedule).  The flag is
 * the task's: set by the tick of its CPU at the end of its slice, or by a
 * wake-up onto its run queue (resched_curr(), with the reschedule IPI
 * when that is another CPU).  A preempted task stays runnable whatever
 * its state: it may have been preempted between
 * set_current_state(TASK_INTERRUPTIBLE) and the test before its
 * schedule(), and must get to make that test (Linux: SM_PREEMPT).
 *
 * Lock order: any wait queue's lock (wake-ups) > p->pi_lock > rq->lock
 * > a second rq->lock, the higher CPU's (double_rq_lock, subclass 1).
 * All are taken with interrupts off (a wake-up may come from an
 * interrupt handler); none is held across switch_to.  tasklist_lock is
 * apart: never held with these.
 */
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/time.h>
#include <pollux/string.h>
#include <pollux/kernel.h>
#include <pollux/sysctl.h>
#include <pollux/trace.h>
#include <pollux/cmdline.h>
#include <pollux/printk.h>
#include <pollux/arch/cpu.h>
#include <pollux/arch/apic.h>
#include <uapi/errno.h>
#include "sched.h"

struct context {	/* what switch_to pushes, lowest address first */
	u64 r15, r14, r13, r12, rbx, rbp, rip;
};

extern char boot_stack[];	/* boot/boot.asm: the idle task's stack */
/* pid 0, current on the boot CPU from its first instruction (percpu.c) */
struct task_struct idle_task_struct;
/* The idle task's and kernel threads' signal_struct: nothing is sent
 * to them, but signal_pending() reads it.  Linux: init_signals */
static struct signal_struct init_signals = { .sigcnt = REFCOUNT_INIT(1) };
LIST_HEAD(task_list);
/*
 * Linux's tasklist_lock (an rwlock there; a spinlock here, taken with
 * interrupts off): guards task_list itself, so that a fork preempted
 * between choosing a pid and linking its task cannot hand the same pid
 * to another (alloc_task), and no walk here meets a task half unlinked
 * (free_task, find_task, nr_running).  Lock order: tasklist_lock >
 * the slab's and the stacks' locks.
 */
DEFINE_SPINLOCK(tasklist_lock);
struct rq runqueues[NR_CPUS];	/* one per CPU (sched.h) */
/* Interrupts or preemption off, so that the CPU stays this one. */
static struct rq *this_rq(void) { return cpu_rq(smp_processor_id()); }

/* How many tasks want rq's CPU, running or queued (read without the
 * lock by other CPUs: a hint).  Linux: rq->nr_running */
static unsigned int rq_load(struct rq *rq)
{
	return READ_ONCE(rq->nr_queued) + (READ_ONCE(rq->curr) != rq->idle);
}
bool preempt_full;
pid_t last_pid;
#define RESERVED_PIDS 300	/* where the numbering starts again */
long pid_max = 32768;		/* Linux's default on a small machine */
unsigned long total_forks;
static struct kmem_cache *task_struct_cachep;
int nr_threads;			/* tasks, not counting the idle task */
long max_threads;		/* fork's limit: EAGAIN at this many */

/* /proc/sys/kernel/threads-max.  Linux: kernel/fork.c sysctl_max_threads()
 * (1 .. FUTEX_TID_MASK) */
long sysctl_sched_schedstats;	/* sched.h; Linux: kernel/sched/core.c */

static const struct ctl_table kern_table[] = {
	{ "threads-max", &max_threads, 1, 0x3fffffff },
	{ "sched_schedstats", &sysctl_sched_schedstats, 0, 1 },
	/* Linux: kernel/pid.c pid_max_min, pid_max_max (64-bit) */
	{ "pid_max", &pid_max, RESERVED_PIDS + 1, 4194304 },
	{ NULL },
};

/*
 * As Linux's set_max_threads(): the kernel stacks of all tasks may use
 * at most an eighth of memory.  Linux: kernel/fork.c fork_init()
 */
static void set_max_threads(void)
{
	u64 threads = pmm_total_count() * PAGE_SIZE / (KSTACK_SIZE * 8);

	max_threads = MAX(threads, 20);	/* Linux's MIN_THREADS */
}

void sched_init(void)
{
	struct task_struct *idle = &idle_task_struct;

	task_struct_cachep = kmem_cache_create("task_struct",
					       sizeof(struct task_struct));
	set_max_threads();
	register_sysctl("kernel", kern_table);

	INIT_LIST_HEAD(&init_signals.thread_head);
	init_waitqueue_head(&init_signals.wait_chldexit);
	idle->signal = &init_signals;
	strlcpy(idle->comm, "idle", sizeof(idle->comm));
	idle->kstack = boot_stack;
	INIT_LIST_HEAD(&idle->children);
	list_add_tail(&idle->tasks, &task_list);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
		rq->cpu = cpu;
	}
	sched_init_idle(idle, 0);
	/* Linux: kernel/sched/core.c setup_preempt_mode(); full by default
	 * (CONFIG_PREEMPT), preempt=none for the old behaviour */
	preempt_full = !strcmp(cmdline_get("preempt") ?: "full", "full");
	printk("Dynamic Preempt: %s\n", preempt_full ? "full" : "none");
	/* Linux: kernel/sched/core.c setup_schedstats() */
	sysctl_sched_schedstats = !strcmp(cmdline_get("schedstats") ?: "",
					  "enable");
}

/* A full barrier after the store (xchg): the waker's test of the state
 * on another CPU must not pass this sleeper's test of its condition.
 * Linux: include/linux/sched.h set_current_state() (smp_store_mb) */
void set_current_state(long state)
{
	__atomic_exchange_n(&current->state, state, __ATOMIC_SEQ_CST);
}

/* Linux: kernel/sched/core.c set_tsk_need_resched() */
static void set_tsk_need_resched(struct task_struct *p)
{
	__atomic_or_fetch(&p->thread_info.flags, _TIF_NEED_RESCHED,
			  __ATOMIC_RELAXED);
}

static void clear_tsk_need_resched(struct task_struct *p)
{
	__atomic_and_fetch(&p->thread_info.flags, ~_TIF_NEED_RESCHED,
			   __ATOMIC_RELAXED);
}

/* Asks rq's CPU to schedule: its running task's flag, and the IPI if
 * that is another CPU (it ends an idle hlt too).  Under rq->lock, so
 * that curr is the task running there.  Linux: resched_curr() */
static void resched_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (READ_ONCE(curr->thread_info.flags) & _TIF_NEED_RESCHED)
		return;
	set_tsk_need_resched(curr);
	if (rq->cpu != smp_processor_id()) {
		this_rq()->nr_resched_ipis++;
		smp_send_reschedule(rq->cpu);
	}
}

/* Linux: kernel/sched/core.c activate_task(), enqueue_task() */
static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
	rq->nr_queued++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	rq->nr_queued--;
}

/* p's run queue, locked (interrupts already off): task_cpu(p) may
 * change until its rq->lock is held, so look again once it is.
 * Linux: kernel/sched/core.c __task_rq_lock() */
static struct rq *task_rq_lock(struct task_struct *p)
{
	for (;;) {
		struct rq *rq = cpu_rq(task_cpu(p));

		spin_lock(&rq->lock);
		if (rq->cpu == task_cpu(p))
			return rq;
		spin_unlock(&rq->lock);
	}
}

/* Both run queues locked, the lower CPU's first (lock order).
 * Linux: kernel/sched/sched.h double_rq_lock() */
static void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
		return;
	}
	if (a->cpu > b->cpu) {
		struct rq *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	spin_lock_nested(&b->lock, 1);
}

static void double_rq_unlock(struct rq *a, struct rq *b)
{
	if (a != b)
		spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

/* Linux: kernel/sched/core.c idle_cpu() */
static bool idle_cpu(int cpu)
{
	return rq_load(cpu_rq(cpu)) == 0;
}

/* The online CPUs p may run on; all online ones if none is (a mask
 * of CPUs gone: Linux's select_fallback_rq()). */
static unsigned long task_cpus_online(struct task_struct *p)
{
	unsigned long mask = READ_ONCE(p->cpus_allowed) & cpu_online_mask;

	return mask ? mask : cpu_online_mask;
}

/*
 * The idlest allowed CPU, for a new task (or one whose previous CPU is no
 * longer allowed): its previous CPU if idle, else an idle CPU, else the
 * least loaded (the loads are read without locks: a hint).  Linux:
 * kernel/sched/fair.c sched_balance_find_dst_cpu(), without domains
 */
static int find_idlest_cpu(struct task_struct *p, unsigned long mask)
{
	int prev = task_cpu(p), best = -1;
	unsigned int best_load = ~0U;

	if ((mask & (1UL << prev)) && idle_cpu(prev))
		return prev;
	for_each_online_cpu(cpu) {
		unsigned int load = rq_load(cpu_rq(cpu));

		if (!(mask & (1UL << cpu)))
			continue;
		/* the previous CPU wins a tie */
		if (load < best_load || (load == best_load && cpu == prev)) {
			best = cpu;
			best_load = load;
		}
	}
	return best;
}

/*
 * The waker's CPU or the wakee's previous one: prev if idle, else the
 * less loaded.  Linux: kernel/sched/fair.c wake_affine(),
 * wake_affine_idle(), and wake_affine_weight() reduced to the run
 * queues' lengths (select_task_rq() takes the sync case first)
 */
static int wake_affine(int this_cpu, int prev)
{
	unsigned int this_load = rq_load(cpu_rq(this_cpu));

	/* woken from an interrupt on an idle CPU */
	if (this_load == 0)
		return idle_cpu(prev) ? prev : this_cpu;
	if (idle_cpu(prev))
		return prev;
	return this_load < rq_load(cpu_rq(prev)) ? this_cpu : prev;
}

/*
 * target if idle, else prev if idle, else any idle allowed CPU, else
 * target.  Linux: kernel/sched/fair.c select_idle_sibling() (every CPU
 * shares the last-level cache here)
 */
static int select_idle_sibling(int prev, int target, unsigned long mask)
{
	if (idle_cpu(target))
		return target;
	if (prev != target && idle_cpu(prev))
		return prev;
	for_each_online_cpu(cpu)
		if ((mask & (1UL << cpu)) && idle_cpu(cpu))
			return cpu;
	return target;
}

/*
 * Where a waking (or new) task runs: the only CPU it may run on; for a
 * new task the idlest; for a sync wake-up by a task alone on its CPU,
 * that CPU; else the waker's CPU or the previous one (wake_affine), or
 * an idle one (select_idle_sibling).
 *
 * The sync case: the waker (a pipe's writer, about to sleep in
 * epoll_wait for the answer) leaves its CPU to the wakee at once, so a
 * ping-pong pair runs on one CPU, with no IPI and no halted CPU to wake
 * at each hop.  Linux's wake_affine_idle() chooses the waker's CPU too,
 * but select_idle_sibling() then prefers the wakee's previous CPU if it
 * idles (its caches may still hold the wakee's data): a pair once split
 * stays split, each hop paying a wake-up of the other CPU.  On hardware
 * that wake-up costs a few microseconds (Linux's guest haltpoll even
 * spins it away); under QEMU it is a reschedule IPI and a halted host
 * thread to wake, and two pairs on 2 CPUs ran slower than on one
 * (docs/benchmarks.md, "Independent pairs"): here the sync hint wins.
 * Linux: kernel/sched/core.c select_task_rq(), fair.c select_task_rq_fair()
 */
static int select_task_rq(struct task_struct *p, int wake_flags)
{
	unsigned long mask = task_cpus_online(p);
	int prev = task_cpu(p), this_cpu = smp_processor_id(), target = prev;
	bool this_allowed = mask & (1UL << this_cpu);

	if (!(mask & (mask - 1)))	/* Linux: nr_cpus_allowed == 1 */
		return __builtin_ctzl(mask);
	if ((wake_flags & WF_FORK) || !(mask & (1UL << prev)))
		return find_idlest_cpu(p, mask);
	if ((wake_flags & WF_SYNC) && this_allowed &&
	    rq_load(cpu_rq(this_cpu)) == 1)
		return this_cpu;
	if (this_cpu != prev && this_allowed)
		target = wake_affine(this_cpu, prev);
	return select_idle_sibling(prev, target, mask);
}

/*
 * p is still on its run queue (running, or queued after a preemption):
 * making it TASK_RUNNING is all, if __schedule() on its CPU has not yet
 * taken it off.  Under p->pi_lock.  Linux: kernel/sched/core.c
 * ttwu_runnable()
 */
static bool ttwu_runnable(struct task_struct *p)
{
	struct rq *rq = task_rq_lock(p);
	bool queued = p->on_rq;

	if (queued) {
		WRITE_ONCE(p->state, TASK_RUNNING);
		if (rq->curr != p)
			resched_curr(rq);	/* the wakee is waiting: run it */
	}
	spin_unlock(&rq->lock);
	return queued;
}

/* A wake-up by this CPU of p, to run on rq (locked if p moves there):
 * local or not, and a migration if rq is not p's last CPU.  Linux:
 * kernel/sched/core.c ttwu_stat(), set_task_cpu()'s nr_migrations */
static void ttwu_stat(struct task_struct *p, struct rq *rq)
{
	struct rq *this = this_rq();

	if (!schedstat_enabled())
		return;
	this->ttwu_count++;
	this->ttwu_local += rq == this;
	rq->nr_migrations += rq->cpu != task_cpu(p);
}

/* Makes t runnable if its state is one of those in state; 1 if it did.
 * Safe from interrupt context.  Linux: kernel/sched/core.c try_to_wake_up() */
int try_to_wake_up(struct task_struct *t, long state, int wake_flags)
{
	unsigned long flags;
	struct rq *rq;
	int woke = 0;

	spin_lock_irqsave(&t->pi_lock, flags);
	if (!(READ_ONCE(t->state) & state))
		goto out;
	/* the waker: current, or "/irq" in the line's stamp */
	trace(TRACE_SCHED, "sched", "sched_wakeup comm=%s pid=%d",
	      t->comm, t->pid);
	woke = 1;
	if (READ_ONCE(t->on_rq) && ttwu_runnable(t)) {
		ttwu_stat(t, cpu_rq(task_cpu(t)));
		goto out;
	}
	/* Off its run queue, but the CPU that dequeued it may still be in
	 * switch_to on its stack: wait for that CPU to leave it. */
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	rq = cpu_rq(select_task_rq(t, wake_flags));
	spin_lock(&rq->lock);
	ttwu_stat(t, rq);
	WRITE_ONCE(t->cpu, rq->cpu);	/* no rq holds it: pi_lock is enough */
	WRITE_ONCE(t->state, TASK_RUNNING);
	t->on_rq = 1;
	enqueue_task(rq, t);
	resched_curr(rq);	/* a wake-up preempts, as before SMP */
	spin_unlock(&rq->lock);
out:
	spin_unlock_irqrestore(&t->pi_lock, flags);
	return woke;
}

/* Linux: kernel/sched/core.c wake_up_state() */
int wake_up_state(struct task_struct *t, long state)
{
	return try_to_wake_up(t, state, 0);
}

/* Linux: kernel/sched/core.c wake_up_process() */
int wake_up_process(struct task_struct *t)
{
	return try_to_wake_up(t, TASK_NORMAL, 0);
}

/* Linux: kernel/sched/core.c wake_up_new_task() */
void wake_up_new_task(struct task_struct *p)
{
	try_to_wake_up(p, TASK_NORMAL, WF_FORK);
}

/* Time on the CPU, charged as a task leaves it (CLOCK_*_CPUTIME_ID).
 * Linux: kernel/sched/fair.c update_curr(), set_next_entity() */
static void account_switch(struct task_struct *prev, struct task_struct *next)
{
	ktime_t now = ktime_get();

	prev->sum_exec_runtime += now - prev->exec_start;
	next->exec_start = now;
}

/* Linux: kernel/sched/core.c task_sched_runtime() */
u64 task_sched_runtime(struct task_struct *p)
{
	if (p == current)
		return p->sum_exec_runtime + (ktime_get() - p->exec_start);
	return p->sum_exec_runtime;
}

/* Linux: kernel/sched/core.c idle_task() */
struct task_struct *idle_task(void)
{
	return &idle_task_struct;
}

/* Tasks running or runnable.  Linux: kernel/sched/core.c nr_running() */
unsigned int nr_running(void)
{
	struct task_struct *t;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		n += t->state == TASK_RUNNING && t != &idle_task_struct;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/* Loads next's page tables, FPU and TLS bases, then its stack; prev's
 * on_cpu is cleared by switch_to once off prev's stack.  The idle task
 * and kernel threads get the kernel's page tables (kernel/mm/tlb.c: no
 * CPU keeps a dead mm loaded). */
static void switch_task(struct task_struct *prev, struct task_struct *next)
{
	account_switch(prev, next);
	if (prev->mm)
		fpu_save(&prev->fpu);
	this_cpu_write(current_task, next);
	set_kernel_stack((u64)next->kstack + KSTACK_SIZE);
	/* threads of one process share the page tables */
	if (next->mm != this_cpu_read(loaded_mm))
		mm_activate(next->mm);
	if (next->mm) {
		fpu_restore(&next->fpu);
		wrmsr(MSR_FS_BASE, next->fs_base);
		/* the user's GS base waits there for the swapgs to user mode */
		wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
	}
	switch_to(&prev->context, next->context, &prev->on_cpu);
}

/* Moves queued p (not on any CPU) from src to dst; both locked.
 * Linux: kernel/sched/core.c move_queued_task() */
static void move_queued_task(struct rq *src, struct rq *dst,
			     struct task_struct *p)
{
	dequeue_task(src, p);
	WRITE_ONCE(p->cpu, dst->cpu);
	enqueue_task(dst, p);
	schedstat_inc(dst->nr_migrations);
}

/* Linux: kernel/sched/fair.c sysctl_sched_migration_cost (0.5 ms) */
#define SCHED_MIGRATION_COST 500000	/* ns */
/* Failed periodic balances before a hot task moves too.  Linux:
 * sd->cache_nice_tries (1 for CPUs sharing a cache) */
#define CACHE_NICE_TRIES 1

/*
 * Whether this CPU may take queued p: allowed here, off its CPU's stack
 * (on_cpu), and not hot: p got its CPU (exec_start) less than 0.5 ms
 * ago, so its data may still be in that cache, and a ping-pong task
 * queued behind its partner (preempted by its own sync wake-up) is about
 * to sleep again: pulling it splits the pair.  Two periodic balances
 * that found nothing else to move take a hot task too.  Linux:
 * kernel/sched/fair.c can_migrate_task(), task_hot()
 */
static bool can_migrate_task(struct task_struct *p, struct rq *this,
			     ktime_t now)
{
	if (READ_ONCE(p->on_cpu) || !(p->cpus_allowed & (1UL << this->cpu)))
		return false;
	return now - p->exec_start >= SCHED_MIGRATION_COST ||
	       this->nr_balance_failed > CACHE_NICE_TRIES;
}

/*
 * Pulls one task to this idle (or less loaded) CPU from the busiest
 * other run queue, if that has at least two more (can_migrate_task()).
 * periodic: the tick's balance, whose failures count; else this CPU is
 * about to idle (newidle).  Interrupts off, no lock held.  Linux:
 * kernel/sched/fair.c sched_balance_newidle(), sched_balance_rq(),
 * detach_tasks()
 */
static bool load_balance(struct rq *this, bool periodic)
{
	struct rq *busiest = NULL;
	unsigned int max = 0;
	struct task_struct *p;
	bool moved = false;
	ktime_t now;

	for_each_online_cpu(cpu) {
		unsigned int load = rq_load(cpu_rq(cpu));

		if (cpu != this->cpu && load > max) {
			busiest = cpu_rq(cpu);
			max = load;
		}
	}
	if (!busiest || max < rq_load(this) + 2) {
		this->nr_balance_failed = 0;	/* balanced */
		return false;
	}
	now = ktime_get();
	double_rq_lock(this, busiest);
	list_for_each_entry(p, &busiest->queue, run_list) {
		if (can_migrate_task(p, this, now)) {
			move_queued_task(busiest, this, p);
			this->nr_balance_pulls++;
			moved = true;
			break;
		}
	}
	double_rq_unlock(this, busiest);
	if (moved)
		this->nr_balance_failed = 0;
	else if (periodic)
		this->nr_balance_failed++;
	return moved;
}

/* Whether p may run on this CPU (rq's): its mask, and online. */
static bool cpu_allowed(struct task_struct *p, struct rq *rq)
{
	return p->cpus_allowed & cpu_online_mask & (1UL << rq->cpu);
}

/*
 * prev, runnable, may no longer run on this CPU (sched_setaffinity):
 * queue it on an allowed one.  It is still on_cpu here: the CPU that
 * picks it waits in __schedule() for this one's switch_to.  Interrupts
 * off, no lock held.  Linux: migration_cpu_stop() does it from the
 * stopper thread.
 */
static void push_task(struct rq *rq, struct task_struct *prev)
{
	struct rq *dst = cpu_rq(find_idlest_cpu(prev, task_cpus_online(prev)));

	double_rq_lock(rq, dst);
	WRITE_ONCE(prev->cpu, dst->cpu);
	enqueue_task(dst, prev);
	if (dst != rq)
		schedstat_inc(dst->nr_migrations);
	resched_curr(dst);
	double_rq_unlock(rq, dst);
}

/* The next task to run, prev queued again if it stays runnable and may
 * run here (*push if it must go elsewhere).  With rq->lock held; it is
 * dropped for a pull from another CPU. */
static struct task_struct *pick_next_task(struct rq *rq,
					  struct task_struct *prev,
					  bool preempt, bool *push)
{
	struct task_struct *next;

	*push = false;
	if (prev != rq->idle) {
		if (prev->state != TASK_RUNNING && !preempt)
			prev->on_rq = 0;	/* Linux: deactivate_task() */
		else if (cpu_allowed(prev, rq))
			enqueue_task(rq, prev);
		else
			*push = true;
	}
	/* (one CPU online: no other queue to pull from) */
	if ((rq->nr_queued == 0 || rq->balance_due) &&
	    (cpu_online_mask & (cpu_online_mask - 1))) {
		bool periodic = rq->balance_due;

		rq->balance_due = false;
		spin_unlock(&rq->lock);
		load_balance(rq, periodic);
		spin_lock(&rq->lock);
	}
	next = list_first_entry_or_null(&rq->queue, struct task_struct,
					run_list);
	if (!next)
		return rq->idle;
	dequeue_task(rq, next);
	return next;
}

/* A __schedule() on rq's CPU from prev to next (maybe prev again).
 * Linux: kernel/sched/core.c schedule_debug()'s sched_count,
 * kernel/sched/stats.h sched_info_switch() */
static void schedstat_switch(struct rq *rq, struct task_struct *prev,
			     struct task_struct *next)
{
	rq->sched_count++;
	rq->sched_goidle += next == rq->idle;
	if (next == prev)
		return;
	if (prev != rq->idle)
		rq->rq_cpu_time += ktime_get() - prev->exec_start;
	rq->pcount += next != rq->idle;
}

unsigned long nr_preemptions(void)
{
	unsigned long n = 0;

	for_each_online_cpu(cpu)
		n += READ_ONCE(pcpu[cpu].nr_preemptions);
	return n;
}

/* Linux: kernel/sched/core.c __schedule() */
static void __schedule(bool preempt)
{
	unsigned long flags = local_irq_save();
	struct rq *rq = this_rq();
	struct task_struct *prev = current, *next;
	bool push;

	if (rq->dead_task && rq->dead_task != prev) {
		release_task(rq->dead_task);
		rq->dead_task = NULL;
	}
	if (prev->state == TASK_DEAD && !preempt)
		rq->dead_task = prev;
	spin_lock(&rq->lock);
	clear_tsk_need_resched(prev);
	next = pick_next_task(rq, prev, preempt, &push);
	if (schedstat_enabled())
		schedstat_switch(rq, prev, next);
	if (next != prev) {
		/* next may be a task pushed here by a CPU still in switch_to
		 * on its stack: wait for that CPU to leave it */
		while (__atomic_load_n(&next->on_cpu, __ATOMIC_ACQUIRE))
			cpu_relax();
		next->on_cpu = 1;
		WRITE_ONCE(rq->curr, next);
	}
	spin_unlock(&rq->lock);
	if (push)
		push_task(rq, prev);
	if (next != prev) {
		trace(TRACE_SCHED, "sched",
		      "sched_switch prev_state=%c ==> next_comm=%s next_pid=%d",
		      preempt ? 'R' : prev->state == TASK_DEAD ? 'X' :
		      task_state_char(prev), next->comm, next->pid);
		if (preempt)
			this_cpu_add(nr_preemptions, 1);
		switch_task(prev, next);
	}
	/* back in prev, possibly much later, maybe on another CPU */
	local_irq_restore(flags);
}

void schedule(void)
{
	lockdep_schedule_check();
	__schedule(false);
}

/* A dead task's last switch, with preemption off since exit_notify().
 * A waker that made us runnable may still hold our pi_lock: it unlocks
 * it last in wake_up_state(), after our rq's lock, so we may run (and
 * get here) first.  Once off this CPU we may be freed, and its unlock
 * would write the freed task: wait for it under pi_lock, as Linux's
 * set_special_state(TASK_DEAD) (Linux frees after an RCU grace period
 * too).  Linux: kernel/sched/core.c do_task_dead() */
__noreturn void do_task_dead(void)
{
	unsigned long flags;

	spin_lock_irqsave(&current->pi_lock, flags);
	spin_unlock_irqrestore(&current->pi_lock, flags);
	__schedule(false);
	panic("zombie %d ran again", current->pid);
}

/* At the preempt_enable() that ends the section need_resched was set in.
 * Linux: kernel/sched/core.c preempt_schedule() */
void preempt_schedule(void)
{
	if (!preempt_full || preempt_count() || irqs_disabled())
		return;
	preempt_disable();
	__schedule(true);
	preempt_enable_no_resched();
}

/* Called with interrupts off, from an interrupt that came in kernel mode
 * with interrupts on and a zero preempt count.  The count is raised while
 * __schedule() runs so that no interrupt preempts it again.
 * Linux: kernel/sched/core.c preempt_schedule_irq() */
void preempt_schedule_irq(void)
{
	while (need_resched()) {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	}
}

/* Every BALANCE_TICKS ticks a CPU looks for a queue longer than its own
 * by two, the periodic balance (an idle CPU also looks, for cold tasks
 * only, at each tick from its idle loop and whenever it goes idle).
 * Linux: kernel/sched/fair.c sched_balance_trigger() */
#define BALANCE_TICKS 4

/* Each CPU's tick, interrupts off: the end of the running task's slice
 * (SCHED_SLICE ticks: timer.c calls this then).  Linux:
 * kernel/sched/core.c sched_tick() */
void sched_tick(void)
{
	struct rq *rq = this_rq();

	set_tsk_need_resched(current);
	if (this_cpu_read(ticks) % BALANCE_TICKS == 0 && num_online_cpus() > 1)
		rq->balance_due = true;
}

/* The idle task of each CPU: sleep until an interrupt makes something
 * runnable here, then schedule() (which also pulls from a busy CPU).
 * "sti; hlt" is atomic (sti takes effect after hlt starts), so a
 * wake-up between the check and hlt still ends the hlt: its IPI waits.
 * Linux: kernel/sched/idle.c do_idle() */
__noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched())
			__asm__ volatile("sti; hlt" : : : "memory");
		schedule();
	}
}

/* Makes idle the idle task and current of cpu, which it runs.  Linux:
 * kernel/sched/core.c init_idle() */
void sched_init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	idle->cpu = cpu;
	idle->on_cpu = 1;
	idle->on_rq = 1;	/* a wake-up of it (the self-test) only sets its state */
	idle->cpus_allowed = 1UL << cpu;
	spin_lock_init(&idle->pi_lock);
	INIT_LIST_HEAD(&idle->run_list);
	rq->idle = idle;
	rq->curr = idle;
}

/*
 * p's new mask (online CPUs in it, else -EINVAL).  A task that sleeps
 * or waits on a queue moves at once; one running on a CPU no longer
 * allowed is asked to schedule, and __schedule() there pushes it away.
 * Linux: kernel/sched/core.c __set_cpus_allowed_ptr(), affine_move_task()
 */
int set_cpus_allowed_ptr(struct task_struct *p, unsigned long new_mask)
{
	unsigned long flags;
	struct rq *rq, *dst;

	if (!(new_mask & cpu_online_mask))
		return -EINVAL;
	spin_lock_irqsave(&p->pi_lock, flags);
	rq = task_rq_lock(p);
	p->cpus_allowed = new_mask;
	if (cpu_allowed(p, rq)) {
		spin_unlock(&rq->lock);
	} else if (rq->curr == p || !p->on_rq) {
		/* running: pushed by its __schedule(); asleep: its wake-up
		 * chooses an allowed CPU */
		if (rq->curr == p)
			resched_curr(rq);
		spin_unlock(&rq->lock);
	} else {
		spin_unlock(&rq->lock);
		/* queued: move it (ours is the only mover: pi_lock) */
		dst = cpu_rq(find_idlest_cpu(p, task_cpus_online(p)));
		double_rq_lock(rq, dst);
		if (task_cpu(p) == rq->cpu && !list_empty(&p->run_list)) {
			move_queued_task(rq, dst, p);
			resched_curr(dst);
		} else if (rq->curr == p) {	/* picked meanwhile */
			resched_curr(rq);
		}
		double_rq_unlock(rq, dst);
	}
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return 0;
}

/* A new task starts where its parent runs, with its parent's mask; its
 * first wake-up chooses (select_task_rq()).  Linux: sched_fork() */
void sched_fork(struct task_struct *p)
{
	p->cpus_allowed = current->cpus_allowed;
}

struct task_struct *find_task(pid_t pid)
{
	struct task_struct *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == pid && t->state != TASK_DEAD) {
			found = get_task_struct(t);	/* before the unlock */
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* Under tasklist_lock (alloc_pid) */
static bool pid_in_use(pid_t pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid || t->pgid == pid || t->sid == pid)
			return true;
	return false;
}

/*
 * The next free pid after the last one given, wrapping from pid_max to
 * RESERVED_PIDS; a number stays taken while it names a task, a process
 * group or a session.  0 when every number is taken (threads-max raised
 * past pid_max).  Linux: kernel/pid.c alloc_pid() (idr_alloc_cyclic)
 */
static pid_t alloc_pid(void)
{
	pid_t pid = last_pid;

	for (long tries = 0; tries < pid_max; tries++) {
		pid = pid + 1 < pid_max ? pid + 1 : RESERVED_PIDS;
		if (!pid_in_use(pid))
			return last_pid = pid;
	}
	return 0;
}

/* A new task with a kernel stack whose first switch_to "returns" into
 * ret_from_fork, which leaves through the trapframe at the stack top. */
struct task_struct *alloc_task(const char *comm)
{
	struct task_struct *t = kmem_cache_zalloc(task_struct_cachep);
	unsigned long flags;
	struct context *ctx;

	if (!t)
		return NULL;
	t->kstack = alloc_thread_stack();
	if (!t->kstack) {
		kmem_cache_free(task_struct_cachep, t);
		return NULL;
	}
	t->tf = (struct trapframe *)((u8 *)t->kstack + KSTACK_SIZE) - 1;
	ctx = (struct context *)t->tf - 1;
	memset(ctx, 0, sizeof(*ctx));
	ctx->rip = (u64)ret_from_fork;
	t->context = ctx;
	t->restart_block.fn = do_no_restart_syscall;
	t->sum_exec_runtime = 0;
	t->state = TASK_UNINTERRUPTIBLE;	/* until wake_up_process() */
	strlcpy(t->comm, comm, sizeof(t->comm));
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->run_list);
	refcount_set(&t->usage, 1);		/* task_list's */
	spin_lock_init(&t->alloc_lock);
	spin_lock_init(&t->pi_lock);
	t->cpu = smp_processor_id();
	t->cpus_allowed = ~0UL;		/* sched_fork() narrows a child's */
	fpu_init_state(&t->fpu);
	spin_lock_irqsave(&tasklist_lock, flags);
	t->pid = alloc_pid();
	if (t->pid) {
		list_add_tail(&t->tasks, &task_list);
		nr_threads++;
		total_forks++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!t->pid) {
		free_thread_stack(t->kstack);
		kmem_cache_free(task_struct_cachep, t);
		return NULL;
	}
	return t;
}

/* A task that runs fn in the kernel, on its own stack, from its first
 * switch_to; fn must not return.  Linux: kernel/fork.c kernel_thread() */
struct task_struct *kernel_thread(void (*fn)(void), const char *comm)
{
	struct task_struct *t = alloc_task(comm);

	if (t) {
		t->context->rip = (u64)fn;
		t->signal = &init_signals;
		refcount_inc(&init_signals.sigcnt);
	}
	return t;
}

/* Off task_list, so no find_task() finds it; freed by the last
 * reference, which a finder on another CPU may still hold. */
void free_task(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&t->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(t);
}

/* The last reference: the task, its stack, its sighand and signal
 * (a finder may still read them after the release).
 * Linux: kernel/fork.c __put_task_struct() */
void __put_task_struct(struct task_struct *t)
{
	/* reaped on this CPU while another still switches away from it */
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	if (t->sighand)
		__cleanup_sighand(t->sighand);
	if (t->signal)
		put_signal_struct(t->signal);
	free_thread_stack(t->kstack);
	kmem_cache_free(task_struct_cachep, t);
}
