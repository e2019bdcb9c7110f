/*
 * Signals, the sending side: the per-process actions, generation
 * (send_sig_info and what a signal does when it is sent), the parent's
 * SIGCHLD, signals a task cannot refuse (force_sig), and kill, tkill,
 * tgkill.  (A CPU fault's siginfo is made in kernel/arch/traps.c.)  Delivery
 * is in signal_deliver.c, job control in jobctl.c, the mask and action
 * system calls in signal_sys.c, the alternate stack in sigaltstack.c,
 * the x86 frame and sigreturn in kernel/arch/signal.c.
 * Linux: kernel/signal.c (generation half).
 */
#include <pollux/fs.h>
#include <pollux/pid.h>
#include <pollux/signal.h>
#include <pollux/signalfd.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/pidfd.h>
#include <uapi/wait.h>

struct sighand *copy_sighand(struct sighand *old)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (!sh)
		return NULL;
	if (old)
		memcpy(sh->action, old->action, sizeof(sh->action));
	/* a child starts with no timer armed (POSIX) */
	INIT_LIST_HEAD(&sh->real_timer.entry);
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

/* execve: handled signals go back to default; ignored stay ignored. */
void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct kernel_sigaction *ka = &t->sighand->action[i];

		if (ka->sa_handler != SIG_IGN)
			memset(ka, 0, sizeof(*ka));
	}
}

bool sig_ignored(struct task_struct *t, int sig)
{
	__sighandler_t h = t->sighand->action[sig - 1].sa_handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && (SIG_KERNEL_IGNORE_MASK & sigmask(sig)));
}

/*
 * What sending sig does before (and whether or not) it is queued: a stop
 * signal cancels a pending SIGCONT; SIGCONT cancels pending stops and
 * resumes a stopped task at once, even if it is blocked or ignored.
 * Linux: kernel/signal.c prepare_signal()
 */
static void prepare_signal(int sig, struct task_struct *t)
{
	if (SIG_KERNEL_STOP_MASK & sigmask(sig)) {
		t->sigpending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		t->sigpending &= ~SIG_KERNEL_STOP_MASK;
		if (t->state == TASK_STOPPED) {
			t->jobctl = (t->jobctl & ~JOBCTL_STOP_REPORT) |
				    JOBCTL_CONT_REPORT;
			do_notify_parent_cldstop(t, CLD_CONTINUED, SIGCONT);
			wake_up_state(t, TASK_STOPPED);
		}
	}
}

/* Linux: send_signal_locked() (its signalfd_notify() too) +
 * signal_wake_up(); interrupts are off because the timer interrupt sends
 * SIGALRM. */
void send_sig_info(int sig, const struct kernel_siginfo *info,
		   struct task_struct *t)
{
	unsigned long flags = local_irq_save();

	prepare_signal(sig, t);
	/* an ignored, unblocked signal is dropped at once, as Linux does;
	 * one already pending keeps its siginfo (legacy_queue()) */
	if (!(sig_ignored(t, sig) && !(t->blocked & sigmask(sig))) &&
	    !(t->sigpending & sigmask(sig))) {
		t->sighand->info[sig - 1] = *info;
		signalfd_notify(t, sig);
		t->sigpending |= sigmask(sig);
		if (t->state == TASK_INTERRUPTIBLE && signal_pending(t))
			wake_up_process(t);
		if (sig == SIGKILL)	/* a stopped task must wake to die */
			wake_up_state(t, TASK_STOPPED);
	}
	local_irq_restore(flags);
}

/* The siginfo of a signal current sends by itself (kill, SIGPIPE). */
static struct kernel_siginfo info_from_current(int code)
{
	struct kernel_siginfo info = { .si_code = code };

	info.fields.proc.pid = current->pid;
	info.fields.proc.uid = 0;	/* everyone is root */
	return info;
}

void send_sig(int sig, struct task_struct *t)
{
	struct kernel_siginfo info = info_from_current(SI_USER);

	send_sig_info(sig, &info, t);
}

/*
 * tsk->exit_code is a wait status: the exit code in bits 8-15, or the
 * killing signal in bits 0-6.  A parent that ignores SIGCHLD, or set
 * SA_NOCLDWAIT, will not wait: true tells do_exit() to reap tsk itself
 * (autoreap); SIG_IGN also means no signal.  Linux: kernel/signal.c
 * do_notify_parent()
 */
bool do_notify_parent(struct task_struct *tsk)
{
	struct kernel_siginfo info = { .si_code = CLD_EXITED };
	struct kernel_sigaction *ka = &tsk->parent->sighand->action[SIGCHLD - 1];
	int status = tsk->exit_code;

	info.fields.proc.pid = tsk->pid;
	if (WIFEXITED(status)) {
		info.fields.proc.status = WEXITSTATUS(status);
	} else {
		info.si_code = CLD_KILLED;
		info.fields.proc.status = WTERMSIG(status);
	}
	if (ka->sa_handler != SIG_IGN)
		send_sig_info(SIGCHLD, &info, tsk->parent);
	return ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT);
}

/*
 * A signal current cannot refuse (a fault, a bad sigreturn): blocked or
 * ignored, it would be lost or loop, so it is unblocked and its action
 * reset to the default, as Linux does.  Linux: kernel/signal.c
 * force_sig_info_to_task()
 */
void force_sig_info(int sig, const struct kernel_siginfo *info)
{
	struct kernel_sigaction *ka = &current->sighand->action[sig - 1];

	if ((current->blocked & sigmask(sig)) || ka->sa_handler == SIG_IGN) {
		current->blocked &= ~sigmask(sig);
		ka->sa_handler = SIG_DFL;
	}
	/* its own siginfo replaces that of a pending kill */
	current->sigpending &= ~sigmask(sig);
	send_sig_info(sig, info, current);
}

/* Linux: kernel/signal.c force_sig() */
void force_sig(int sig)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	force_sig_info(sig, &info);
}


static bool valid_signal(int sig)
{
	return sig >= 0 && sig <= _NSIG;
}

/* sig 0 sends nothing: it only asks whether the target exists. */
static void send_from_current(int sig, int code, struct task_struct *t)
{
	struct kernel_siginfo info = info_from_current(code);

	if (sig)
		send_sig_info(sig, &info, t);
}

/*
 * pid > 0: that process (a zombie too, until it is reaped); 0: the
 * caller's process group; -1: every process but init and the caller;
 * < -1: the process group -pid.
 * Linux: kernel/signal.c kill_something_info()
 */
static bool kill_matches(struct task_struct *t, pid_t pid)
{
	if (pid > 0)
		return t->pid == pid;
	if (pid == 0)
		return t->pgid == current->pgid;
	if (pid < -1)
		return t->pgid == -pid;
	return t->pid != 1 && t != current;
}

/* sig (none if 0) to every member of a process group, zombies too
 * until they are reaped; 0 or -ESRCH.  Linux: kernel/signal.c
 * __kill_pgrp_info() */
static int kill_pgrp_info(int sig, struct kernel_siginfo *info, pid_t pgrp)
{
	struct task_struct *t;
	int found = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0 || t->state == TASK_DEAD || t->pgid != pgrp)
			continue;
		found++;
		if (sig)
			send_sig_info(sig, info, t);
	}
	return found ? 0 : -ESRCH;
}

/* A signal from the kernel to every member of a process group (the tty's
 * ^C, ^\, an orphaned group's SIGHUP).  Linux: kernel/signal.c kill_pgrp() */
int kill_pgrp(pid_t pgrp, int sig)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	return kill_pgrp_info(sig, &info, pgrp);
}

long sys_kill(pid_t pid, int sig)
{
	struct task_struct *t;
	int found = 0;

	if (!valid_signal(sig))
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0 || t->state == TASK_DEAD || !kill_matches(t, pid))
			continue;
		found++;
		send_from_current(sig, SI_USER, t);
	}
	return found ? 0 : -ESRCH;
}

/* One thread per process: a thread id is a pid, and its thread group
 * id too; tgid 0 matches any.  Linux: kernel/signal.c do_tkill() */
static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *t;

	if (!valid_signal(sig) || tid <= 0)
		return -EINVAL;
	t = find_task(tid);
	if (!t || (tgid && tgid != tid))
		return -ESRCH;
	send_from_current(sig, SI_TKILL, t);
	return 0;
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

/*
 * The siginfo a pidfd_send_signal() caller gave: its si_signo must be
 * sig, and only to itself may a process send one that claims to come
 * from kill() or tkill() (si_code >= 0 or SI_TKILL).
 * Linux: kernel/signal.c do_pidfd_send_signal(), its info part
 */
static int copy_pidfd_siginfo(struct kernel_siginfo *kinfo, int sig,
			      const void __user *info, bool self)
{
	struct siginfo u;

	if (copy_from_user(&u, info, sizeof(u)))
		return -EFAULT;
	if (u.si_signo != sig)
		return -EINVAL;
	if (!self && (u.si_code >= 0 || u.si_code == SI_TKILL))
		return -EPERM;
	kinfo->si_code = u.si_code;
	kinfo->fields = u.fields;
	return 0;
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
		send_sig_info(sig, &kinfo, pid->task);
	return 0;
}

/*
 * Linux: kernel/signal.c SYSCALL_DEFINE4(pidfd_send_signal).  One
 * thread per process: PIDFD_SIGNAL_THREAD and _THREAD_GROUP (and no
 * flag) all signal the process; _PROCESS_GROUP signals the group whose
 * id is its pid.  A zombie takes the signal (nothing happens); once
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
