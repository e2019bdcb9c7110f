/*
 * The system calls: futex(2), and set_robust_list/get_robust_list, which
 * name the list of robust locks a thread holds (walked by core.c when it
 * exits or execs).  The PI operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI,
 * LOCK_PI2, WAIT_REQUEUE_PI, CMP_REQUEUE_PI) are not built: ENOSYS, as
 * for an unknown command.
 * Linux: kernel/futex/syscalls.c
 */
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include "futex.h"

/* Linux: kernel/futex/syscalls.c SYSCALL_DEFINE2(set_robust_list) */
long sys_set_robust_list(void __user *head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* Every task may read every other's: Pollux has one user (Linux checks
 * ptrace_may_access(), EPERM).
 * Linux: kernel/futex/syscalls.c SYSCALL_DEFINE3(get_robust_list) */
long sys_get_robust_list(int pid, void __user *__user *head_ptr,
			 size_t __user *len_ptr)
{
	struct task_struct *p = pid ? find_task(pid) : get_task_struct(current);
	struct robust_list_head __user *head;

	if (!p)
		return -ESRCH;
	head = p->robust_list;
	put_task_struct(p);
	if (put_user(sizeof(struct robust_list_head), len_ptr))
		return -EFAULT;
	return put_user((void __user *)head, head_ptr);
}

/* Linux: kernel/futex/syscalls.c do_futex() */
static long do_futex(u32 __user *uaddr, int op, u32 val, ktime_t *timeout,
		     u32 __user *uaddr2, u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = 0;

	if (!(op & FUTEX_PRIVATE_FLAG))
		flags |= FLAGS_SHARED;
	if (op & FUTEX_CLOCK_REALTIME) {
		flags |= FLAGS_CLOCKRT;
		if (cmd != FUTEX_WAIT_BITSET)	/* and the PI ops Linux has */
			return -ENOSYS;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, timeout, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, val, val2, val3);
	}
	return -ENOSYS;
}

/* The commands that take a timeout (the others read utime as a count).
 * Linux: kernel/futex/syscalls.c futex_cmd_has_timeout() */
static bool futex_cmd_has_timeout(u32 cmd)
{
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAIT_REQUEUE_PI:
		return true;
	}
	return false;
}

/*
 * The deadline on the monotonic clock: FUTEX_WAIT's timeout is relative,
 * the others' absolute, on CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.  A
 * wall-clock time is turned into a monotonic one once, as in
 * clock_nanosleep: a clock_settime during the wait does not move it
 * (Linux's does).  Linux: kernel/futex/syscalls.c futex_init_timeout()
 */
static int futex_init_timeout(u32 cmd, u32 op, struct timespec *ts,
			      ktime_t *t)
{
	if (!timespec64_valid(ts))
		return -EINVAL;
	*t = timespec64_to_ktime(*ts);
	if (cmd == FUTEX_WAIT)
		*t = ktime_add_safe(ktime_get(), *t);
	else if (op & FUTEX_CLOCK_REALTIME)
		*t -= ktime_get_real() - ktime_get();
	return 0;
}

/* Linux: kernel/futex/syscalls.c SYSCALL_DEFINE6(futex) */
long sys_futex(u32 __user *uaddr, int op, u32 val,
	       const struct timespec __user *utime, u32 __user *uaddr2,
	       u32 val3)
{
	int ret, cmd = op & FUTEX_CMD_MASK;
	ktime_t t, *tp = NULL;
	struct timespec ts;

	if (utime && futex_cmd_has_timeout(cmd)) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		ret = futex_init_timeout(cmd, op, &ts, &t);
		if (ret)
			return ret;
		tp = &t;
	}
	return do_futex(uaddr, op, val, tp, uaddr2, (unsigned long)utime, val3);
}
