/* Small process syscalls: ids, uname, prctl, sysinfo, limits,
 * restart_syscall.
 * Linux: kernel/sys.c, kernel/sched/syscalls.c.  Time: kernel/time/. */
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/fs.h>
#include <pollux/fs_struct.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/utsname.h>
#include <uapi/prctl.h>
#include <uapi/sysinfo.h>
#include <pollux/mm.h>
#include <pollux/time.h>

long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->parent ? current->parent->tgid : 0; }
long sys_getuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getegid(void) { return 0; }

/* Process groups and sessions: what a shell needs to give the terminal
 * to one job at a time.  Linux: kernel/sys.c */
/* The group and session are the process's: every thread's copy
 * changes.  Linux: kernel/pid.c change_pid() (one per signal_struct) */
static void change_pgid_sid(struct task_struct *p, pid_t pgid, pid_t sid)
{
	struct task_struct *t;
	unsigned long flags;

	/* Linux: setpgid()'s write_lock_irq(&tasklist_lock): a kill of
	 * the group walking task_list sees each thread in one group */
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(p, t) {
		t->pgid = pgid;
		t->sid = sid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* pid's task, referenced, or current's (0).  Linux: find_get_task_by_vpid() */
static struct task_struct *find_get_task(pid_t pid)
{
	return pid ? find_task(pid) : get_task_struct(current);
}

static long do_setpgid(struct task_struct *t, pid_t pgid)
{
	t = t->group_leader;
	if (t->tgid != current->tgid && t->parent->tgid != current->tgid)
		return -ESRCH;
	if (t->pid == t->sid)	/* a session leader keeps its group */
		return -EPERM;
	if (t->sid != current->sid)
		return -EPERM;
	change_pgid_sid(t, pgid ? pgid : t->pid, t->sid);
	return 0;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *t;
	long ret;

	if (pgid < 0)
		return -EINVAL;
	t = find_get_task(pid);
	if (!t)
		return -ESRCH;
	ret = do_setpgid(t, pgid);
	put_task_struct(t);
	return ret;
}

/* pid's process group, or its session; -ESRCH if no such task.
 * Linux: kernel/sys.c getpgid(), getsid() */
static long task_pgid_or_sid(pid_t pid, bool sid)
{
	struct task_struct *t = find_get_task(pid);
	pid_t id;

	if (!t)
		return -ESRCH;
	id = sid ? t->sid : t->pgid;
	put_task_struct(t);
	return id;
}

long sys_getpgid(pid_t pid)
{
	return task_pgid_or_sid(pid, false);
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_getsid(pid_t pid)
{
	return task_pgid_or_sid(pid, true);
}

/* A new session and group led by the caller, which must not lead a group. */
long sys_setsid(void)
{
	struct task_struct *t;
	unsigned long flags;
	bool leads = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		leads |= t->pgid == current->tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (leads)
		return -EPERM;
	change_pgid_sid(current, current->tgid, current->tgid);
	return current->sid;
}

/* Where this thread's exit writes 0 and wakes a futex (a joiner).
 * Linux: kernel/fork.c SYSCALL_DEFINE1(set_tid_address) */
long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/* Linux: kernel/sys.c SYSCALL_DEFINE1(umask) */
long sys_umask(int mask)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}

long sys_uname(struct utsname __user *name)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "pollux", sizeof(u.nodename));
	strlcpy(u.release, "6.18.0-pollux", sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* Linux: kernel/sys.c SYSCALL_DEFINE5(prctl) — the name (comm, what ps
 * and top show) and no other option yet: EINVAL, Linux's answer to an
 * option it does not know */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5)
{
	char comm[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_NAME:
		memset(comm, 0, sizeof(comm));
		if (strncpy_from_user(comm, (const char __user *)arg2,
				      sizeof(comm) - 1) < 0)
			return -EFAULT;
		memcpy(current->comm, comm, sizeof(comm));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm,
				    sizeof(current->comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/* Linux: kernel/sys.c do_sysinfo() — in bytes (mem_unit 1, as a 64-bit
 * Linux whose memory fits); no load average is kept (0), no swap */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo si;
	u64 up = ktime_get();

	memset(&si, 0, sizeof(si));
	si.uptime = up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0);
	si.totalram = pmm_total_count() * PAGE_SIZE;
	si.freeram = pmm_free_count() * PAGE_SIZE;
	si.procs = nr_threads;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/* Linux: kernel/groups.c SYSCALL_DEFINE2(getgroups) — every process
 * runs as root with no supplementary groups, as init does on Linux */
long sys_getgroups(int gidsetsize, unsigned int __user *grouplist)
{
	return gidsetsize < 0 ? -EINVAL : 0;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* The FS base, for thread-local storage, and the GS base, free for the
 * program's own use; both switched with the task.  In the kernel the
 * user's GS base sits in MSR_KERNEL_GS_BASE (entry.asm's swapgs brings
 * it back on the way out).  Linux: arch/x86/kernel/process_64.c
 * do_arch_prctl_64() */
long sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_GS:
		if (addr >= USER_TOP)
			return -EPERM;
		current->gs_base = addr;
		wrmsr(MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_GS:
		return put_user(current->gs_base, (u64 __user *)addr);
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
	struct rlimit *nofile = &tsk->signal->rlim_nofile;

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
	struct task_struct *tsk;
	struct rlimit new, old;
	long err;

	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	/* another process's limits too: everyone is root (Linux checks
	 * that the caller may, in check_prlimit_permission()) */
	tsk = find_get_task(pid);
	if (!tsk)
		return -ESRCH;
	err = do_prlimit(tsk, resource, unew ? &new : NULL, uold ? &old : NULL);
	put_task_struct(tsk);
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

/* A syscall restarted with nothing to resume: the default restart_block.
 * Linux: kernel/restart.c do_no_restart_syscall() */
long do_no_restart_syscall(struct restart_block *rb)
{
	return -EINTR;
}

/* Linux: kernel/signal.c SYSCALL_DEFINE0(restart_syscall) */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn(rb);
}
