/*
 * The scheduler's system calls: yield, the CPU affinity mask, and which
 * CPU the caller runs on.  A mask is one long (NR_CPUS <= 64), as Linux's
 * cpumask_size() is on a machine of up to 64 CPUs.
 * Linux: kernel/sched/syscalls.c, kernel/sys.c getcpu
 */
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/kernel.h>
#include <uapi/errno.h>
#include "sched.h"

/* Linux: kernel/sched/syscalls.c do_sched_yield() */
long sys_sched_yield(void)
{
	unsigned long flags = local_irq_save();

	schedstat_inc(cpu_rq(smp_processor_id())->yld_count);
	local_irq_restore(flags);
	schedule();
	return 0;
}

/* The task a pid names, the caller for 0, referenced (put_task_struct
 * it).  Linux: find_process_by_pid() + get_task_struct() */
static struct task_struct *find_process_by_pid(pid_t pid)
{
	return pid ? find_task(pid) : get_task_struct(current);
}

/*
 * A shorter mask is zero-extended, a longer one's bytes past the first
 * long are not read.  Linux: kernel/sched/syscalls.c get_user_cpu_mask()
 */
long sys_sched_setaffinity(pid_t pid, unsigned int len,
			   const unsigned long __user *user_mask)
{
	unsigned long mask = 0;
	struct task_struct *p;
	long ret;

	if (copy_from_user(&mask, user_mask, MIN(len, sizeof(mask))))
		return -EFAULT;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	/* Linux keeps the CPUs of the mask that the cpuset allows: the
	 * online ones; none is EINVAL */
	ret = set_cpus_allowed_ptr(p, mask & cpu_online_mask);
	put_task_struct(p);
	return ret;
}

/* Linux: kernel/sched/syscalls.c SYSCALL_DEFINE3(sched_getaffinity) —
 * the size of the mask written is the answer; musl's
 * sysconf(_SC_NPROCESSORS_ONLN) counts its bits. */
long sys_sched_getaffinity(pid_t pid, unsigned int len,
			   unsigned long __user *user_mask)
{
	struct task_struct *p;

	if (len * 8 < (unsigned int)nr_cpu_ids || (len & (sizeof(long) - 1)))
		return -EINVAL;
	unsigned long mask;

	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	mask = READ_ONCE(p->cpus_allowed) & cpu_online_mask;
	put_task_struct(p);
	if (put_user(mask, user_mask))
		return -EFAULT;
	return sizeof(long);
}

/* The CPU the caller runs on (by the time it reads it, maybe another:
 * a hint, as Linux's raw_smp_processor_id()), and its NUMA node (one
 * node).  Both are written if both can be.
 * Linux: kernel/sys.c SYSCALL_DEFINE3(getcpu) */
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep,
		void __user *unused)
{
	int err = 0;

	if (cpup)
		err |= put_user(smp_processor_id(), cpup);
	if (nodep)
		err |= put_user(0, nodep);
	return err ? -EFAULT : 0;
}
