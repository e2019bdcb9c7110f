/* Small process syscalls: ids, uname, limits, time, sleeping.
 * Linux: kernel/sys.c, kernel/time/, kernel/sched/syscalls.c. */
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/timer.h>
#include <pollux/fs.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/time.h>
#include <uapi/utsname.h>

long sys_getpid(void) { return current->pid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->parent ? current->parent->pid : 0; }
long sys_getuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getegid(void) { return 0; }

/* Process groups and sessions: what a shell needs to give the terminal
 * to one job at a time.  Linux: kernel/sys.c */
long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	if (pgid < 0)
		return -EINVAL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t->pid == t->sid)	/* a session leader keeps its group */
		return -EPERM;
	if (t->sid != current->sid)
		return -EPERM;
	t->pgid = pgid ? pgid : t->pid;
	return 0;
}

long sys_getpgid(pid_t pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	return t ? t->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_getsid(pid_t pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	return t ? t->sid : -ESRCH;
}

/* A new session and group led by the caller, which must not lead a group. */
long sys_setsid(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == current->pid)
			return -EPERM;
	current->sid = current->pgid = current->pid;
	return current->sid;
}

/* There are no threads: the clear-child-tid address is never used. */
long sys_set_tid_address(int __user *tidptr) { return current->pid; }

/* Linux: kernel/futex/syscalls.c set_robust_list() — the list would be
 * walked at exit to wake the waiters of futexes the task held; Pollux
 * has no futexes (and no threads), so a valid call is only answered. */
long sys_set_robust_list(void __user *head, size_t len)
{
	return len == 3 * sizeof(long) ? 0 : -EINVAL;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

long sys_uname(struct utsname __user *name)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Pollux", sizeof(u.sysname));
	strlcpy(u.nodename, "pollux", sizeof(u.nodename));
	strlcpy(u.release, "0.1", sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

/* The FS base, for thread-local storage; switched with the task. */
long sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP)
			return -EPERM;
		current->fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->fs_base, (u64 __user *)addr);
	default:
		return -EINVAL;
	}
}

#define RLIMIT_NOFILE 7
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)

/* Only RLIMIT_NOFILE is kept (it bounds the fd table); the others read
 * as unlimited and accept any value.  Everyone is root, so raising the
 * hard limit is allowed, up to nr_open as Linux.
 * Linux: kernel/sys.c do_prlimit(). */
static long do_prlimit(struct task_struct *tsk, unsigned int resource,
		       const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *nofile = &tsk->rlim_nofile;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
		return -EPERM;
	if (old) {
		old->rlim_cur = resource == RLIMIT_NOFILE ? nofile->rlim_cur : RLIM_INFINITY;
		old->rlim_max = resource == RLIMIT_NOFILE ? nofile->rlim_max : RLIM_INFINITY;
	}
	if (new && resource == RLIMIT_NOFILE)
		*nofile = *new;
	return 0;
}

long sys_prlimit64(pid_t pid, unsigned int resource,
		   const struct rlimit __user *unew, struct rlimit __user *uold)
{
	struct task_struct *tsk = pid ? find_task(pid) : current;
	struct rlimit new, old;
	long err;

	/* another process's limits too: everyone is root (Linux checks
	 * that the caller may, in check_prlimit_permission()) */
	if (!tsk)
		return -ESRCH;
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	err = do_prlimit(tsk, resource, unew ? &new : NULL, uold ? &old : NULL);
	if (!err && uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	return sys_prlimit64(0, resource, NULL, rlim);
}

long sys_setrlimit(unsigned int resource, const struct rlimit __user *rlim)
{
	return sys_prlimit64(0, resource, rlim, NULL);
}

/* Time: jiffies since boot, at HZ = 1000, are both clocks. */
static void jiffies_to_timespec(struct timespec *ts)
{
	u64 j = jiffies;

	ts->tv_sec = j / HZ;
	ts->tv_nsec = (j % HZ) * (1000000000 / HZ);
}

long sys_clock_gettime(int clk, struct timespec __user *tp)
{
	struct timespec ts;

	if (clk < 0 || clk > 11)
		return -EINVAL;
	jiffies_to_timespec(&ts);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(struct timeval __user *tv, void __user *tz)
{
	struct timespec ts;
	struct timeval v;

	if (!tv)
		return 0;
	jiffies_to_timespec(&ts);
	v.tv_sec = ts.tv_sec;
	v.tv_usec = ts.tv_nsec / 1000;
	return copy_to_user(tv, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Ticks covering at least ts (never early). */
static long timespec_to_jiffies(const struct timespec *ts)
{
	return ts->tv_sec * HZ + (ts->tv_nsec + 999999) / 1000000 + 1;
}

/* Sleeps until the tick expires or a signal comes; returns the ticks left
 * (0 when the time is up).  The state is set before the tests, so a
 * signal or the timer between them still ends the sleep at once. */
static long sleep_until(u64 expires)
{
	long left;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		left = (long)(expires - jiffies);
		if (left <= 0 || signal_pending(current))
			break;
		schedule_timeout(left);
	}
	set_current_state(TASK_RUNNING);
	return left > 0 ? left : 0;
}

/* A syscall restarted with nothing to resume: the default restart_block.
 * Linux: kernel/restart.c do_no_restart_syscall() */
long do_no_restart_syscall(struct restart_block *rb)
{
	return -EINTR;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Interrupted, nanosleep reports the time left in *rem and returns
 * -ERESTART_RESTARTBLOCK: a handler makes that EINTR; with no handler
 * (a stop and SIGCONT, say) the signal code re-enters through
 * restart_syscall, which sleeps on to the same deadline.
 * Linux: kernel/time/hrtimer.c do_nanosleep() + nanosleep_copyout()
 */
static long do_nanosleep(u64 expires, struct timespec __user *rem)
{
	long left = sleep_until(expires);

	if (!left)
		return 0;
	if (rem) {
		struct timespec r = { left / HZ, (left % HZ) * (1000000000 / HZ) };

		if (copy_to_user(rem, &r, sizeof(r)))
			return -EFAULT;
	}
	current->restart_block.fn = nanosleep_restart;
	current->restart_block.expires = expires;
	current->restart_block.rmtp = rem;
	return -ERESTART_RESTARTBLOCK;
}

/* Linux: kernel/time/hrtimer.c hrtimer_nanosleep_restart() */
static long nanosleep_restart(struct restart_block *rb)
{
	return do_nanosleep(rb->expires, rb->rmtp);
}

/* Linux: kernel/signal.c SYSCALL_DEFINE0(restart_syscall) */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn(rb);
}

/* Linux: kernel/time/hrtimer.c SYSCALL_DEFINE2(nanosleep) */
long sys_nanosleep(const struct timespec __user *ureq, struct timespec __user *rem)
{
	struct timespec req;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	current->restart_block.fn = do_no_restart_syscall;
	return do_nanosleep(jiffies + timespec_to_jiffies(&req), rem);
}

long sys_clock_nanosleep(int clk, int flags, const struct timespec __user *req,
			 struct timespec __user *rem)
{
	if (clk < 0 || clk > 11)
		return -EINVAL;
	if (flags)	/* TIMER_ABSTIME is not supported */
		return -EINVAL;
	return sys_nanosleep(req, rem);
}
