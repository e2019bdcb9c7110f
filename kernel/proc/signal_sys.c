/*
 * The system calls on a process's own signal state: actions
 * (rt_sigaction), the blocked mask (rt_sigprocmask and the temporary
 * masks of sigsuspend, epoll_pwait, ppoll, pselect6), pending signals
 * (rt_sigpending, rt_sigtimedwait), and waiting for one (pause).
 * Linux: kernel/signal.c (the system calls).
 */
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/time.h>
#include <uapi/errno.h>
#include <uapi/time.h>

/* The new action is in place before the old one is copied out: a bad
 * oact is EFAULT with the new action installed, as in Linux.
 * Linux: kernel/signal.c SYSCALL_DEFINE4(rt_sigaction), do_sigaction() */
long sys_rt_sigaction(int sig, const struct kernel_sigaction __user *act,
		      struct kernel_sigaction __user *oact, size_t sigsetsize)
{
	struct kernel_sigaction new, old, *ka;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (act && (UNBLOCKABLE & sigmask(sig))))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	old = *ka;
	if (act) {
		new.sa_mask &= ~UNBLOCKABLE;
		*ka = new;
		/* setting SIG_IGN discards a pending instance, in every
		 * thread (POSIX) */
		if (sig_ignored(current, sig)) {
			spin_lock_irq(&current->sighand->siglock);
			flush_group_mask(current, sigmask(sig));
			spin_unlock_irq(&current->sighand->siglock);
		}
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* A new mask for this thread; signals for the process that it now
 * blocks go to a thread that does not.  Linux: kernel/signal.c
 * set_current_blocked(), __set_task_blocked() */
static void set_current_blocked(u64 new)
{
	new &= ~UNBLOCKABLE;
	spin_lock_irq(&current->sighand->siglock);	/* the threads */
	retarget_shared_pending(current, new & ~current->blocked);
	current->blocked = new;
	spin_unlock_irq(&current->sighand->siglock);
}

long sys_rt_sigprocmask(int how, const u64 __user *set, u64 __user *oset,
			size_t sigsetsize)
{
	u64 new, old = current->blocked;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: new = old | new; break;
		case SIG_UNBLOCK: new = old & ~new; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
		set_current_blocked(new);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(u64 __user *set, size_t sigsetsize)
{
	u64 pending = task_pending(current) & current->blocked;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	return copy_to_user(set, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Sleeps until a signal the current mask lets through is pending. */
static void sleep_until_signal(void)
{
	for (;;) {
		/* state before the test: a signal in between still wakes us */
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* The mask is a temporary one, as epoll_pwait's: the handler runs
 * under it, sigreturn restores the old.  Linux: kernel/signal.c
 * sigsuspend() */
long sys_rt_sigsuspend(const u64 __user *umask, size_t sigsetsize)
{
	int err;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	err = umask ? set_user_sigmask(umask, sigsetsize) : -EFAULT;
	if (err)
		return err;
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* Linux: kernel/signal.c sys_pause() */
long sys_pause(void)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/*
 * epoll_pwait, ppoll and pselect6 sleep with the caller's mask in place
 * of the blocked set: blocked becomes *umask, the old mask waits in
 * saved_sigmask (SIGKILL and SIGSTOP stay unblockable).
 * Linux: kernel/signal.c set_user_sigmask()
 */
int set_user_sigmask(const u64 __user *umask, size_t sigsetsize)
{
	u64 kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(kmask);
	return 0;
}

/*
 * After the wait.  Interrupted: the mask stays until the signal is
 * delivered (its handler runs under the temporary mask; handle_signal() puts
 * saved_sigmask in the frame, so sigreturn restores it).  Otherwise it
 * is restored at once, so a signal unblocked only by the temporary mask
 * stays pending.  Linux: include/linux/sched/signal.h
 * restore_saved_sigmask_unless()
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->restore_sigmask)
		return;
	current->restore_sigmask = false;
	current->blocked = current->saved_sigmask;
}

/*
 * Waits for one of the signals in *uthese without running a handler:
 * they are unblocked only while we sleep, so one arriving wakes us and
 * is then taken off the queue here.  Any other signal ends the wait with
 * EINTR; the timeout with EAGAIN.  Linux: kernel/signal.c
 * do_sigtimedwait()
 */
long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize)
{
	struct siginfo info;
	struct timespec ts;
	ktime_t expires, *to = NULL;
	u64 these, saved;
	int sig;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (!timespec64_valid(&ts))
			return -EINVAL;
		/* a deadline, as every other timeout (include/pollux/time.h) */
		expires = ktime_add_safe(ktime_get(), timespec64_to_ktime(ts));
		to = &expires;
	}
	sig = dequeue_signal(these, &info);
	/* a zero timeout polls: no sleep (Linux: if (!timeout) -EAGAIN) */
	if (!sig && !(uts && !ts.tv_sec && !ts.tv_nsec)) {
		saved = current->blocked;
		current->blocked &= ~these;
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule_hrtimeout(to);
		set_current_state(TASK_RUNNING);
		current->blocked = saved;
		sig = dequeue_signal(these, &info);
	}
	if (!sig)
		return signal_pending(current) ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
