/*
 * The system calls that send signals: kill (a process, a process group,
 * every process), tkill and tgkill (a thread), rt_sigqueueinfo and
 * rt_tgsigqueueinfo (with the caller's siginfo), pidfd_send_signal.
 * Linux: kernel/signal.c (the system calls of the generation half).
 */
#include <pollux/fs.h>
#include <pollux/pid.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/pidfd.h>

static bool valid_signal(int sig)
{
	return sig >= 0 && sig <= _NSIG;
}

/* sig 0 sends nothing: it only asks whether the target exists. */
static void send_from_current(int sig, int code, struct task_struct *t,
			      enum pid_type type)
{
	struct kernel_siginfo info = info_from_current(code);

	if (sig)
		send_signal(sig, &info, t, type);
}

/*
 * pid > 0: that process (a zombie too, until it is reaped); 0: the
 * caller's process group; -1: every process but init and the caller's;
 * < -1: the process group -pid.  Each process once, by its leader.
 * Linux: kernel/signal.c kill_something_info()
 */
static bool kill_matches(struct task_struct *t, pid_t pid)
{
	if (t->pid == 0 || t->state == TASK_DEAD || !thread_group_leader(t))
		return false;
	if (pid > 0)
		return t->tgid == pid;
	if (pid == 0)
		return t->pgid == current->pgid;
	if (pid < -1)
		return t->pgid == -pid;
	return t->tgid != 1 && t->tgid != current->tgid;
}

/* sig (none if 0) to every process of a process group, zombies too
 * until they are reaped; 0 or -ESRCH; tasklist_lock held.
 * Linux: kernel/signal.c __kill_pgrp_info() */
int __kill_pgrp_info(int sig, struct kernel_siginfo *info, pid_t pgrp)
{
	struct task_struct *t;
	int found = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (!kill_matches(t, -pgrp))
			continue;
		found++;
		if (sig)
			group_send_sig_info(sig, info, t);
	}
	return found ? 0 : -ESRCH;
}

/* Linux: kill_pgrp()'s read_lock(&tasklist_lock): no member is
 * released, nor moved to another group, under the walk */
static int kill_pgrp_info(int sig, struct kernel_siginfo *info, pid_t pgrp)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = __kill_pgrp_info(sig, info, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* A signal from the kernel to every member of a process group (the tty's
 * ^C, ^\, an orphaned group's SIGHUP).  Linux: kernel/signal.c kill_pgrp() */
int kill_pgrp(pid_t pgrp, int sig)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	return kill_pgrp_info(sig, &info, pgrp);
}

/* kill(tid) of a thread that is not the leader signals its process,
 * as Linux's find_vpid() does. */
long sys_kill(pid_t pid, int sig)
{
	struct task_struct *t;
	unsigned long flags;
	int found = 0;

	if (!valid_signal(sig))
		return -EINVAL;
	if (pid > 0) {
		t = find_task(pid);
		if (t) {
			pid = t->tgid;
			put_task_struct(t);
		}
	}
	/* Linux: kill_something_info()'s read_lock(&tasklist_lock) */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (!kill_matches(t, pid))
			continue;
		found++;
		send_from_current(sig, SI_USER, t, PIDTYPE_TGID);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

/* sig (none if 0) to a thread by its id, in group tgid (any if 0); a
 * thread that has exited is gone.  Linux: kernel/signal.c
 * do_send_specific() */
static long do_send_specific(pid_t tgid, pid_t tid, int sig,
			     struct kernel_siginfo *info)
{
	struct task_struct *t = find_task(tid);
	long ret = 0;

	if (!t)
		return -ESRCH;
	if (task_exited(t) || (tgid && t->tgid != tgid))
		ret = -ESRCH;
	else if (!valid_signal(sig))
		ret = -EINVAL;
	else if (sig)
		send_signal(sig, info, t, PIDTYPE_PID);
	put_task_struct(t);
	return ret;
}

/* Linux: kernel/signal.c do_tkill() */
static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct kernel_siginfo info = info_from_current(SI_TKILL);

	if (!valid_signal(sig) || tid <= 0)
		return -EINVAL;
	return do_send_specific(tgid, tid, sig, &info);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

long sys_tkill(pid_t tid, int sig)
{
	return do_tkill(0, tid, sig);
}

/* A siginfo from user space (its si_signo in *signo).
 * Linux: kernel/signal.c copy_siginfo_from_user() */
static int copy_user_siginfo(struct kernel_siginfo *kinfo, int *signo,
			     const void __user *uinfo)
{
	struct siginfo u;

	if (copy_from_user(&u, uinfo, sizeof(u)))
		return -EFAULT;
	*signo = u.si_signo;
	kinfo->si_code = u.si_code;
	kinfo->fields = u.fields;
	return 0;
}

/* Only to itself may a process send a siginfo that claims to come from
 * kill() or tkill() (si_code >= 0 or SI_TKILL), or from the kernel. */
static bool may_send_siginfo(const struct kernel_siginfo *kinfo, bool self)
{
	return self || (kinfo->si_code < 0 && kinfo->si_code != SI_TKILL);
}

/* The siginfo a pidfd_send_signal() caller gave: its si_signo must be
 * sig.  Linux: kernel/signal.c do_pidfd_send_signal(), its info part */
static int copy_pidfd_siginfo(struct kernel_siginfo *kinfo, int sig,
			      const void __user *info, bool self)
{
	int signo, err = copy_user_siginfo(kinfo, &signo, info);

	if (err)
		return err;
	if (signo != sig)
		return -EINVAL;
	return may_send_siginfo(kinfo, self) ? 0 : -EPERM;
}

/* sigqueue(3): sig with the caller's siginfo to a process, by the id of
 * any of its threads.  Linux: kernel/signal.c do_rt_sigqueueinfo(),
 * kill_proc_info() */
long sys_rt_sigqueueinfo(pid_t pid, int sig, const void __user *uinfo)
{
	struct kernel_siginfo kinfo;
	struct task_struct *t;
	int signo, err = copy_user_siginfo(&kinfo, &signo, uinfo);

	if (err)
		return err;
	if (!may_send_siginfo(&kinfo, pid == current->tgid))
		return -EPERM;
	t = pid > 0 ? find_task(pid) : NULL;
	if (!t)
		return -ESRCH;
	if (valid_signal(sig) && sig)
		group_send_sig_info(sig, &kinfo, t);
	put_task_struct(t);
	return valid_signal(sig) ? 0 : -EINVAL;
}

/* The same to one thread.  Linux: kernel/signal.c
 * do_rt_tgsigqueueinfo() */
long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig,
			   const void __user *uinfo)
{
	struct kernel_siginfo kinfo;
	int signo, err;

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	err = copy_user_siginfo(&kinfo, &signo, uinfo);
	if (err)
		return err;
	if (!may_send_siginfo(&kinfo, tid == current->pid))
		return -EPERM;
	return do_send_specific(tgid, tid, sig, &kinfo);
}

/* Linux: kernel/signal.c do_pidfd_send_signal() */
static int do_pidfd_send_signal(struct pid *pid, int sig,
				const void __user *info, unsigned int flags)
{
	struct kernel_siginfo kinfo = info_from_current(SI_USER);
	bool pgrp = flags & PIDFD_SIGNAL_PROCESS_GROUP;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	if (info) {
		ret = copy_pidfd_siginfo(&kinfo, sig, info,
					 pid->task == current && !pgrp);
		if (ret)
			return ret;
	}
	if (pgrp)
		return kill_pgrp_info(sig, &kinfo, pid->nr);
	if (!pid->task)
		return -ESRCH;
	if (sig)
		send_signal(sig, &kinfo, pid->task, flags & PIDFD_SIGNAL_THREAD ?
			    PIDTYPE_PID : PIDTYPE_TGID);
	return 0;
}

/*
 * Linux: kernel/signal.c SYSCALL_DEFINE4(pidfd_send_signal).
 * PIDFD_SIGNAL_THREAD signals the thread, _THREAD_GROUP (and no flag)
 * its process; _PROCESS_GROUP signals the group whose id is its pid.  A zombie takes the signal (nothing happens); once
 * reaped, ESRCH.
 */
long sys_pidfd_send_signal(int pidfd, int sig, void __user *info,
			   unsigned int flags)
{
	const unsigned int scopes = PIDFD_SIGNAL_THREAD |
		PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP;
	struct file *f;
	struct pid *pid;
	int ret;

	/* at most one scope: flags & (flags - 1) clears the lowest bit */
	if ((flags & ~scopes) || (flags & (flags - 1)))
		return -EINVAL;
	f = fget(pidfd);
	if (!f)
		return -EBADF;
	pid = pidfd_pid(f);
	ret = pid ? do_pidfd_send_signal(pid, sig, info, flags) : -EBADF;
	fput(f);
	return ret;
}
