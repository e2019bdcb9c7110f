/*
 * The alternate signal stack: sigaltstack(2), and the tests the frame
 * code makes (is sp on it?).  Linux: kernel/signal.c do_sigaltstack(),
 * include/linux/sched/signal.h on_sig_stack(), sas_ss_flags().
 */
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* Whether sp lies on current's alternate stack (which grows down from
 * sas_ss_sp + sas_ss_size).  Linux: include/linux/sched/signal.h */
bool on_sig_stack(u64 sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

int sas_ss_flags(u64 sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* sp is the user stack pointer: the altstack cannot change under a
 * handler running on it.  Linux: kernel/signal.c do_sigaltstack() */
int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp)
{
	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void *)current->sas_ss_sp;
		oss->ss_size = current->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) |
				(current->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int mode = ss->ss_flags & ~SS_FLAG_BITS;
		u64 ss_sp = (u64)ss->ss_sp, ss_size = ss->ss_size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE)
			ss_sp = ss_size = 0;
		else if (ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		current->sas_ss_sp = ss_sp;
		current->sas_ss_size = ss_size;
		current->sas_ss_flags = ss->ss_flags;
	}
	return 0;
}

/* Linux: kernel/signal.c SYSCALL_DEFINE2(sigaltstack) */
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, &old, current->tf->rsp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}
