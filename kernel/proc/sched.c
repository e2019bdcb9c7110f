/*
 * The scheduler: a FIFO run queue of runnable tasks, round robin.  The
 * running task is never on the queue; the idle task (the boot thread,
 * pid 0) runs when the queue is empty.  Linux: kernel/sched/core.c
 * __schedule(), try_to_wake_up() (no classes, no priorities, one CPU).
 *
 * Kernel preemption (boot option preempt=full, Linux's CONFIG_PREEMPT):
 * a task in kernel mode whose preempt count is zero is switched out when
 * need_resched is set, on the return from the interrupt that set it
 * (preempt_schedule_irq) or at the preempt_enable() that ends the section
 * it was set in (preempt_schedule).  A preempted task stays runnable
 * whatever its state: it may have been preempted between
 * set_current_state(TASK_INTERRUPTIBLE) and the test before its
 * schedule(), and must get to make that test (Linux: SM_PREEMPT).
 *
 * Lock order: any wait queue's lock (wake-ups), then runqueue_lock.
 * runqueue_lock is taken with interrupts off (a wake-up may come from an
 * interrupt handler) and dropped before switch_to: on one CPU the
 * interrupts that stay off across the switch keep everyone else out.
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
static LIST_HEAD(runqueue);		/* under runqueue_lock */
static DEFINE_SPINLOCK(runqueue_lock);	/* Linux: rq->__lock */
volatile bool need_resched;
bool preempt_full;
unsigned long nr_preemptions;
pid_t last_pid;
#define RESERVED_PIDS 300	/* where the numbering starts again */
long pid_max = 32768;		/* Linux's default on a small machine */
unsigned long total_forks;
static struct kmem_cache *task_struct_cachep;
int nr_threads;			/* tasks, not counting the idle task */
long max_threads;		/* fork's limit: EAGAIN at this many */

/* /proc/sys/kernel/threads-max.  Linux: kernel/fork.c sysctl_max_threads()
 * (1 .. FUTEX_TID_MASK) */
static const struct ctl_table kern_table[] = {
	{ "threads-max", &max_threads, 1, 0x3fffffff },
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
	INIT_LIST_HEAD(&idle->run_list);
	list_add_tail(&idle->tasks, &task_list);
	/* Linux: kernel/sched/core.c setup_preempt_mode() */
	preempt_full = !strcmp(cmdline_get("preempt") ?: "none", "full");
	printk("Dynamic Preempt: %s\n", preempt_full ? "full" : "none");
}

void set_current_state(long state)
{
	current->state = state;
}

/* Makes t runnable if its state is one of those in state; 1 if it did.
 * Safe from interrupt context.  Linux: kernel/sched/core.c try_to_wake_up() */
int wake_up_state(struct task_struct *t, long state)
{
	unsigned long flags;
	int woke = 0;

	spin_lock_irqsave(&runqueue_lock, flags);
	if (t->state & state) {
		/* the waker: current, or "/irq" in the line's stamp */
		trace(TRACE_SCHED, "sched", "sched_wakeup comm=%s pid=%d",
		      t->comm, t->pid);
		t->state = TASK_RUNNING;
		/* a task that has not yet reached schedule() is still current */
		if (t != current && list_empty(&t->run_list))
			list_add_tail(&t->run_list, &runqueue);
		need_resched = true;
		woke = 1;
	}
	spin_unlock_irqrestore(&runqueue_lock, flags);
	return woke;
}

/* Linux: kernel/sched/core.c wake_up_process() */
int wake_up_process(struct task_struct *t)
{
	return wake_up_state(t, TASK_NORMAL);
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

static void switch_task(struct task_struct *prev, struct task_struct *next)
{
	account_switch(prev, next);
	if (prev->mm)
		fpu_save(&prev->fpu);
	this_cpu_write(current_task, next);
	set_kernel_stack((u64)next->kstack + KSTACK_SIZE);
	if (next->mm) {
		/* threads of one process share the page tables */
		if (next->mm != prev->mm)
			mm_activate(next->mm);
		fpu_restore(&next->fpu);
		wrmsr(MSR_FS_BASE, next->fs_base);
		/* the user's GS base waits there for the swapgs to user mode */
		wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
	}
	switch_to(&prev->context, next->context);
}

/*
 * A task that exited with no one to wait for it (TASK_DEAD, autoreaped)
 * runs on its own kernel stack until its last switch_to: the next
 * schedule(), by any other task, releases it.
 * Linux: kernel/sched/core.c finish_task_switch() (put_task_stack())
 */
static struct task_struct *dead_task;

/* The next task to run, prev queued again if it stays runnable. */
static struct task_struct *pick_next_task(struct task_struct *prev,
					  bool preempt)
{
	struct task_struct *next = &idle_task_struct;

	spin_lock(&runqueue_lock);
	need_resched = false;
	if ((prev->state == TASK_RUNNING || preempt) &&
	    prev != &idle_task_struct && list_empty(&prev->run_list))
		list_add_tail(&prev->run_list, &runqueue);
	if (!list_empty(&runqueue)) {
		next = list_first_entry(&runqueue, struct task_struct, run_list);
		list_del_init(&next->run_list);
	}
	spin_unlock(&runqueue_lock);
	return next;
}

/* Linux: kernel/sched/core.c __schedule() */
static void __schedule(bool preempt)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next;

	if (dead_task && dead_task != prev) {
		release_task(dead_task);
		dead_task = NULL;
	}
	if (prev->state == TASK_DEAD && !preempt)
		dead_task = prev;
	next = pick_next_task(prev, preempt);
	if (next != prev) {
		trace(TRACE_SCHED, "sched",
		      "sched_switch prev_state=%c ==> next_comm=%s next_pid=%d",
		      preempt ? 'R' : prev->state == TASK_DEAD ? 'X' :
		      task_state_char(prev), next->comm, next->pid);
		nr_preemptions += preempt;
		switch_task(prev, next);
	}
	/* back in prev, possibly much later */
	local_irq_restore(flags);
}

void schedule(void)
{
	lockdep_schedule_check();
	__schedule(false);
}

/* A dead task's last switch, with preemption off since exit_notify().
 * Linux: kernel/sched/core.c do_task_dead() */
__noreturn void do_task_dead(void)
{
	__schedule(false);
	panic("zombie %d ran again", current->pid);
}

/*
 * need_resched is one flag for the one run queue, CPU 0's (Linux's is a
 * flag of each task, TIF_NEED_RESCHED): another CPU's idle loop, which
 * sees it set at the end of its own tick, must not run CPU 0's
 * scheduler (it did, freeing tasks twice: docs/locking.md).
 */
static bool this_cpu_runs_tasks(void)
{
	return smp_processor_id() == 0;
}

/* At the preempt_enable() that ends the section need_resched was set in.
 * Linux: kernel/sched/core.c preempt_schedule() */
void preempt_schedule(void)
{
	if (!preempt_full || preempt_count() || irqs_disabled() ||
	    !this_cpu_runs_tasks())
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
	while (need_resched && this_cpu_runs_tasks()) {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	}
}

/* The idle task: sleep until an interrupt makes something runnable.
 * "sti; hlt" is atomic (sti takes effect after hlt starts), so a wake-up
 * between the check and hlt still ends the hlt. */
__noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (list_empty(&runqueue))	/* a peek: hlt ends at any wake-up */
			__asm__ volatile("sti; hlt" : : : "memory");
		schedule();
	}
}

struct task_struct *find_task(pid_t pid)
{
	struct task_struct *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == pid && t->state != TASK_DEAD) {
			found = t;
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
	spin_lock_init(&t->alloc_lock);
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

void free_task(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&t->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_thread_stack(t->kstack);
	kmem_cache_free(task_struct_cachep, t);
}
