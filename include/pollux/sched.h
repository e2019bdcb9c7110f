/*
 * Tasks and the scheduler (kernel/proc/).  A run queue per CPU, round
 * robin, a time slice of SCHED_SLICE ticks (kernel/proc/sched.c).  A task switches when it sleeps, on
 * its way back to user mode and, with preempt=full, on the return from an
 * interrupt to kernel mode or at preempt_enable() when its preempt count
 * is zero (pollux/preempt.h).
 * Linux: include/linux/sched.h (struct task_struct), kernel/sched/.
 */
#ifndef POLLUX_SCHED_H
#define POLLUX_SCHED_H

#include <pollux/percpu.h>
#include <pollux/list.h>
#include <pollux/refcount.h>
#include <pollux/wait.h>
#include <pollux/mm.h>
#include <pollux/signal_types.h>
#include <pollux/arch/arch.h>

#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_ZOMBIE 4
#define TASK_DEAD 8
#define TASK_STOPPED 16		/* by SIGSTOP/SIGTSTP..., until SIGCONT */
#define TASK_WAKEKILL 32	/* a fatal signal wakes it too */
/* Uninterruptible but for SIGKILL (vfork's parent, execve's de_thread) */
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
/* What wake_up() and wake_up_process() wake (Linux's TASK_NORMAL) */
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->jobctl.  The REPORT bits live on the group leader: stop and
 * continue events of the process that the parent's wait4 has yet to see */
#define JOBCTL_STOP_REPORT 0x1	/* WUNTRACED reports stop_code */
#define JOBCTL_CONT_REPORT 0x2	/* WCONTINUED reports a continue */
#define JOBCTL_STOP_PENDING 0x4	/* this thread must join a group stop */

#define TASK_COMM_LEN 16

struct files_struct;
struct pollfd;
struct timespec;

struct rlimit {
	u64 rlim_cur, rlim_max;
};

/* How to resume a syscall that a signal without a handler interrupted,
 * with what it had left (restart_syscall(2)).  Linux: struct restart_block */
struct restart_block {
	long (*fn)(struct restart_block *);
	s64 expires;				/* the deadline: ktime_t */
	bool has_timeout;			/* poll: whether expires counts */
	struct timespec __user *rmtp;		/* nanosleep: where the rest goes */
	struct pollfd __user *ufds;		/* poll: its arguments */
	unsigned int nfds;
	struct {				/* futex_wait: its arguments */
		u32 __user *uaddr;
		u32 val, flags, bitset;
	} futex;
};
long do_no_restart_syscall(struct restart_block *rb);
struct fs_struct;
struct sighand_struct;
struct signal_struct;
struct robust_list_head;

/*
 * A thread.  The threads of a process (a thread group) share mm, files,
 * fs, sighand and signal; each has its own pid (the thread id), mask,
 * pending set and registers.
 */
struct task_struct {
	struct thread_info thread_info;	/* first: pollux/preempt.h reads it */
	/* references: task_list's (dropped by free_task) and each
	 * find_task() caller's; the last put frees the task, its stack, its
	 * sighand and signal (Linux's usage) */
	refcount_t usage;
	volatile long state;
	pid_t pid;			/* the thread id: gettid() */
	pid_t tgid;			/* the process id: getpid(), the leader's pid */
	struct task_struct *group_leader;	/* the first thread */
	struct list_head thread_node;	/* in signal->thread_head */
	/* process group and session: the same in every thread of a process */
	pid_t pgid;			/* process group (job), for ^C and kill(-pgid) */
	pid_t sid;			/* session: the shell's, for the terminal */
	char comm[TASK_COMM_LEN];	/* program name, for logs and pollux-ps */
	struct context *context;	/* saved kernel rsp, for switch_to */
	void *kstack;			/* KSTACK_SIZE bytes */
	struct trapframe *tf;		/* user registers, at the stack top */
	struct mm_struct *mm;
	struct files_struct *files;	/* replaced or dropped under alloc_lock */
	spinlock_t alloc_lock;		/* Linux's task_lock(): files against readers */
	struct restart_block restart_block;
	u64 sum_exec_runtime;		/* ns on the CPU, to the last switch */
	s64 exec_start;			/* ktime_get() when last switched in */
	struct fs_struct *fs;		/* cwd and umask (CLONE_FS shares it) */
	/* the thread that forked us (or init, or a thread of its group);
	 * only a group leader is on its children list */
	struct task_struct *parent;
	struct list_head children;	/* our child processes, via their sibling */
	struct list_head sibling;
	struct list_head tasks;		/* all tasks */
	struct list_head run_list;	/* on its CPU's run queue when runnable */
	/* The scheduler's (kernel/proc/sched.c says under which lock):
	 * the CPU whose run queue it is on or was last on (task_cpu()),
	 * whether it counts on that run queue (queued or running: Linux's
	 * on_rq), whether a CPU still runs on its stack (set by the CPU
	 * that switches to it, cleared by switch_to once off its stack:
	 * Linux's on_cpu), the CPUs it may run on (a bit each), and
	 * pi_lock, which serialises its wake-ups and affinity changes */
	int cpu;
	int on_rq;
	int on_cpu;
	unsigned long cpus_allowed;
	spinlock_t pi_lock;
	int exit_code;			/* wait status once a zombie */
	int exit_signal;		/* to the parent at exit (SIGCHLD); -1: a thread */
	int stop_code;			/* leader: wait status of the last stop */
	unsigned int jobctl;		/* JOBCTL_* */
	struct sigpending pending;	/* signals sent to this thread */
	u64 blocked;			/* blocked signals */
	u64 saved_sigmask;		/* for epoll_pwait/ppoll/sigsuspend */
	bool restore_sigmask;
	struct signal_struct *signal;	/* the thread group's */
	struct sighand_struct *sighand;	/* the actions (CLONE_SIGHAND shares them) */
	u64 fs_base;			/* arch_prctl(ARCH_SET_FS) */
	u64 gs_base;			/* arch_prctl(ARCH_SET_GS): the user's GS base */
	u64 sas_ss_sp, sas_ss_size;	/* the alternate signal stack */
	unsigned int sas_ss_flags;	/* SS_AUTODISARM, as given */
	struct fpu_state fpu;
	struct pid *thread_pid;		/* its pidfds' (pollux/pid.h), or NULL */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID: the tid goes here */
	int __user *clear_child_tid;	/* zeroed and futex-woken at exit */
	/* CLONE_VFORK: the parent sleeps until the child execs or exits.
	 * Linux: vfork_done (a completion on the parent's stack) */
	struct vfork_done *vfork_done;
	struct robust_list_head __user *robust_list;	/* futex (kernel/futex/) */
	/* the user copy routines take kernel addresses (uaccess.h) */
	bool uaccess_kernel;
	int pagefault_disabled;		/* pagefault_disable() nesting */
	bool exiting;			/* in do_exit(): no reaper (Linux: PF_EXITING) */
	/* the lock checker's (kernel/locking/lockdep.c): the locks held */
	int lockdep_depth;
	int lockdep_recursion;
	struct held_lock held_locks[MAX_LOCK_DEPTH];
};

/* Linux: include/linux/sched/task.h task_lock() — held by another task
 * reading this one's files (fget_task), and by the task replacing them */
static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

/* Linux: struct completion, as wait_for_vfork_done() uses it */
struct vfork_done {
	bool done;
	struct task_struct *waiter;	/* the parent */
};

/* Linux: include/linux/sched/signal.h thread_group_leader() */
static inline bool thread_group_leader(struct task_struct *p)
{
	return p->group_leader == p;
}

/* Every thread t of p's group.  Linux: for_each_thread() */
#define for_each_thread(p, t) \
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

/* The task running on this CPU: one %gs-relative load (percpu.h).
 * Linux: arch/x86/include/asm/current.h get_current() */
static inline struct task_struct *get_current(void)
{
	return this_cpu_read_stable(current_task);
}
#define current get_current()

/* A user access that faults fails at once (-EFAULT through the fixup),
 * unserved: for code that cannot sleep for mmap_lock (futex's word
 * read under hb->lock), which then faults the page in unlocked and
 * retries.  Linux: include/linux/uaccess.h pagefault_disable() */
static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	__asm__ volatile("" ::: "memory");	/* Linux: barrier() */
}

static inline void pagefault_enable(void)
{
	__asm__ volatile("" ::: "memory");	/* Linux: barrier() */
	current->pagefault_disabled--;
}

/* Linux: include/linux/uaccess.h faulthandler_disabled() */
static inline bool faulthandler_disabled(void)
{
	return current->pagefault_disabled || in_atomic();
}

extern struct list_head task_list;
/* Linux's (an rwlock there): task_list, the children and thread lists,
 * and the exit decisions made on them (kernel/proc/sched.c, exit.c) */
extern spinlock_t tasklist_lock;

/* Linux: include/linux/sched.h need_resched() */
static inline bool need_resched(void)
{
	return tif_need_resched();
}

/* Linux: include/linux/sched.h task_cpu() */
static inline int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

void sched_init(void);
/* Each CPU's idle task, once the CPU is up.  Linux: cpu_startup_entry() */
__noreturn void cpu_idle(void);
void schedule(void);
/* From an interrupt's return to kernel mode, interrupts off.
 * Linux: kernel/sched/core.c preempt_schedule_irq() */
void preempt_schedule_irq(void);
/* An exiting task's last schedule().  Linux: do_task_dead() */
__noreturn void do_task_dead(void);
/* Kernel-mode preemptions so far, every CPU's (a per-CPU count: a
 * global one, written at each switch, bounced between the CPUs) */
unsigned long nr_preemptions(void);
int wake_up_process(struct task_struct *t);	/* 1 if it was asleep */
/* Wakes t if its state is one of the bits in state (TASK_STOPPED...). */
int wake_up_state(struct task_struct *t, long state);
/* try_to_wake_up()'s wake_flags.  Linux: kernel/sched/sched.h */
#define WF_SYNC		0x10	/* the waker is about to sleep */
#define WF_FORK		0x04	/* a new task's first wake-up */
/* wake_up_state() with wake_flags.  Linux: try_to_wake_up() */
int try_to_wake_up(struct task_struct *p, long state, int wake_flags);
/* A new task's first wake-up (fork.c).  Linux: wake_up_new_task() */
void wake_up_new_task(struct task_struct *p);
void set_current_state(long state);
/* The live task with this id, with a reference (put_task_struct it), or
 * NULL: a task released meanwhile on another CPU stays readable. */
struct task_struct *find_task(pid_t pid);
void __put_task_struct(struct task_struct *t);

/* Linux: include/linux/sched/task.h get_task_struct() */
static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

/* Linux: include/linux/sched/task.h put_task_struct() */
static inline void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		__put_task_struct(t);
}
/* R, S, D, T or Z, as /proc/PID/stat says (kernel/fs/proc_array.c) */
char task_state_char(struct task_struct *t);
/* The CPU time p has used, in ns.  Linux: task_sched_runtime() */
u64 task_sched_runtime(struct task_struct *p);
struct task_struct *idle_task(void);
unsigned int nr_running(void);
/* Makes idle cpu's idle task, current there (smpboot.c).  Linux:
 * kernel/sched/core.c init_idle() */
void sched_init_idle(struct task_struct *idle, int cpu);
/* Each CPU's tick (timer.c).  Linux: kernel/sched/core.c sched_tick() */
void sched_tick(void);
/* Linux: kernel/sched/core.c set_cpus_allowed_ptr() */
int set_cpus_allowed_ptr(struct task_struct *p, unsigned long new_mask);
struct seq_file;
/* /proc/schedstat and /proc/pollux/sched_stats (sched_stats.c) */
int show_schedstat(struct seq_file *m);
int sched_stats_show(struct seq_file *m);
/* A forked task's CPU and mask, from its parent's (fork.c).
 * Linux: kernel/sched/core.c sched_fork() */
void sched_fork(struct task_struct *p);
extern pid_t last_pid;		/* the last pid given */
extern long pid_max;		/* /proc/sys/kernel/pid_max */
extern unsigned long total_forks;	/* tasks made since boot */

/* Sleeps (interruptibly) for at most timeout ticks, or forever with
 * MAX_SCHEDULE_TIMEOUT; returns the ticks left.  Linux:
 * kernel/time/sleep_timeout.c schedule_timeout(). */
#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))
long schedule_timeout(long timeout);

/* Task creation and end (fork.c, exit.c, exec.c). */
extern int nr_threads;
extern long max_threads;
struct task_struct *alloc_task(const char *comm);
void free_task(struct task_struct *t);
/* A reaped (or autoreaped) task's end: its memory, its sighand. */
void release_task(struct task_struct *t);
/* The address space's part of a thread's exit or exec (before mm is
 * dropped): the robust futexes, clear_child_tid, a vfork parent.
 * Linux: kernel/fork.c exit_mm_release(), exec_mm_release() */
void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm);
void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm);
struct task_struct *kernel_thread(void (*fn)(void), const char *comm);
__noreturn void do_exit(int status);
/* Loads path into t (current for execve(2), a new task for init); with
 * kernel_args, argv/envp are kernel pointers. */
int do_execve(struct task_struct *t, const char *path,
	      const char __user *const __user *argv,
	      const char __user *const __user *envp, bool kernel_args);
void start_init(char *const argv[]);

#endif
