/*
 * Tasks and the scheduler (kernel/proc/).  One CPU, round robin, a
 * time slice of SCHED_SLICE ticks; the kernel itself is not preempted:
 * a task switches only when it sleeps or on its way back to user mode.
 * Linux: include/linux/sched.h (struct task_struct), kernel/sched/.
 */
#ifndef POLLUX_SCHED_H
#define POLLUX_SCHED_H

#include <pollux/list.h>
#include <pollux/wait.h>
#include <pollux/mm.h>
#include <pollux/arch/arch.h>

#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_ZOMBIE 4
#define TASK_DEAD 8
#define TASK_STOPPED 16		/* by SIGSTOP/SIGTSTP..., until SIGCONT */
/* What wake_up() and wake_up_process() wake (Linux's TASK_NORMAL) */
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->jobctl: stop/continue events the parent's wait4 has yet to see */
#define JOBCTL_STOP_REPORT 0x1	/* WUNTRACED reports exit_code's stop */
#define JOBCTL_CONT_REPORT 0x2	/* WCONTINUED reports a continue */

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
struct sighand;
struct robust_list_head;

struct task_struct {
	volatile long state;
	pid_t pid;
	pid_t pgid;			/* process group (job), for ^C and kill(-pgid) */
	pid_t sid;			/* session: the shell's, for the terminal */
	char comm[TASK_COMM_LEN];	/* program name, for logs and pollux-ps */
	struct context *context;	/* saved kernel rsp, for switch_to */
	void *kstack;			/* KSTACK_SIZE bytes */
	struct trapframe *tf;		/* user registers, at the stack top */
	struct mm_struct *mm;
	struct files_struct *files;
	struct rlimit rlim_nofile;	/* the one resource limit kept */
	struct restart_block restart_block;
	u64 sum_exec_runtime;		/* ns on the CPU, to the last switch */
	s64 exec_start;			/* ktime_get() when last switched in */
	char cwd[256];
	unsigned int umask;		/* cleared from new files' modes */
	struct task_struct *parent;
	struct list_head children;	/* our children, via their sibling */
	struct list_head sibling;
	struct list_head tasks;		/* all tasks */
	struct list_head run_list;	/* on the run queue when runnable */
	int exit_code;			/* wait status once a zombie */
	int stop_code;			/* wait status of the last stop */
	unsigned int jobctl;		/* JOBCTL_* */
	wait_queue_head_t wait_chldexit;	/* wait4 sleeps here */
	u64 sigpending;			/* bit sig-1: signal sig pending */
	u64 blocked;			/* blocked signals */
	u64 saved_sigmask;		/* for epoll_pwait/ppoll/sigsuspend */
	bool restore_sigmask;
	struct sighand *sighand;
	u64 fs_base;			/* arch_prctl(ARCH_SET_FS) */
	u64 sas_ss_sp, sas_ss_size;	/* the alternate signal stack */
	unsigned int sas_ss_flags;	/* SS_AUTODISARM, as given */
	struct fpu_state fpu;
	struct pid *thread_pid;		/* its pidfds' (pollux/pid.h), or NULL */
	struct robust_list_head __user *robust_list;	/* futex (kernel/futex/) */
};

extern struct task_struct *current;
extern struct list_head task_list;
extern volatile bool need_resched;

void sched_init(void);
void schedule(void);
int wake_up_process(struct task_struct *t);	/* 1 if it was asleep */
/* Wakes t if its state is one of the bits in state (TASK_STOPPED...). */
int wake_up_state(struct task_struct *t, long state);
void set_current_state(long state);
struct task_struct *find_task(pid_t pid);
/* The CPU time p has used, in ns.  Linux: task_sched_runtime() */
u64 task_sched_runtime(struct task_struct *p);
struct task_struct *idle_task(void);
unsigned int nr_running(void);
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
struct task_struct *kernel_thread(void (*fn)(void), const char *comm);
__noreturn void do_exit(int status);
/* Loads path into t (current for execve(2), a new task for init); with
 * kernel_args, argv/envp are kernel pointers. */
int do_execve(struct task_struct *t, const char *path,
	      const char __user *const __user *argv,
	      const char __user *const __user *envp, bool kernel_args);
void start_init(char *const argv[]);

#endif
