/* fork, vfork, clone (fork-like flags only).  Linux: kernel/fork.c */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>


/* clone() flags of a plain fork, as glibc's fork() passes them. */
#define CSIGNAL 0xff			/* the signal sent to the parent at exit */
#define CLONE_PARENT_SETTID 0x00100000	/* write the child's pid in the parent */
#define CLONE_CHILD_CLEARTID 0x00200000	/* for threads: see sys_clone() */
#define CLONE_CHILD_SETTID 0x01000000	/* write the child's pid in the child */
#define CLONE_FORK_FLAGS (CSIGNAL | CLONE_PARENT_SETTID | \
			  CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)

/* Linux: kernel/fork.c kernel_clone() + copy_process() */
static long do_fork(unsigned long flags, int __user *ptid, int __user *ctid)
{
	struct task_struct *p;

	if (nr_threads >= max_threads)
		return -EAGAIN;
	p = alloc_task(current->comm);
	if (!p)
		return -ENOMEM;
	p->mm = mm_copy(current->mm);
	p->files = dup_fd(current->files);
	p->sighand = copy_sighand(current->sighand);
	if (!p->mm || !p->files || !p->sighand) {
		if (p->mm)
			mm_free(p->mm);
		if (p->files)
			put_files_struct(p->files);
		kfree(p->sighand);
		free_task(p);
		return -ENOMEM;
	}
	strlcpy(p->cwd, current->cwd, sizeof(p->cwd));
	p->umask = current->umask;
	p->blocked = current->blocked;
	p->rlim_nofile = current->rlim_nofile;
	p->sas_ss_sp = current->sas_ss_sp;	/* fork keeps the altstack */
	p->sas_ss_size = current->sas_ss_size;
	p->sas_ss_flags = current->sas_ss_flags;
	p->fs_base = current->fs_base;	/* the TLS block is copied with the memory */
	p->pgid = current->pgid;
	p->sid = current->sid;
	/* the child resumes from the same syscall, returning 0 */
	*p->tf = *current->tf;
	p->tf->rax = 0;
	fpu_save(&current->fpu);
	p->fpu = current->fpu;
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	/* as Linux, a fault writing the tid is ignored */
	if (flags & CLONE_CHILD_SETTID)
		mm_write(p->mm, (u64)ctid, &p->pid, sizeof(p->pid));
	if (flags & CLONE_PARENT_SETTID)
		put_user(p->pid, ptid);
	wake_up_process(p);
	return p->pid;
}

long sys_fork(void)
{
	return do_fork(0, NULL, NULL);
}

/* vfork's "parent waits until the child execs" is not needed for
 * correctness: a copied address space gives fork's semantics. */
long sys_vfork(void)
{
	return do_fork(0, NULL, NULL);
}

/*
 * clone() as a fork: what glibc's fork() passes (SIGCHLD with
 * CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID).  Threads (CLONE_VM and
 * the rest) are not supported: EINVAL.  CLONE_CHILD_CLEARTID only
 * matters for threads (Linux clears the tid at exit when the address
 * space is shared), so it is accepted and has no effect.
 */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       int __user *ctid, unsigned long tls)
{
	if ((flags & ~CLONE_FORK_FLAGS) || newsp)
		return -EINVAL;
	return do_fork(flags, ptid, ctid);
}
