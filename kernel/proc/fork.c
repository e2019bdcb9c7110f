/* fork, vfork, clone (fork-like flags only).  Linux: kernel/fork.c */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <uapi/errno.h>
#include <uapi/signal.h>


/* Linux: kernel/fork.c kernel_clone() + copy_process() */
static long do_fork(void)
{
	struct task_struct *p = alloc_task(current->comm);

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
	p->blocked = current->blocked;
	p->rlim_nofile = current->rlim_nofile;
	p->pgid = current->pgid;
	p->sid = current->sid;
	/* the child resumes from the same syscall, returning 0 */
	*p->tf = *current->tf;
	p->tf->rax = 0;
	fpu_save(&current->fpu);
	p->fpu = current->fpu;
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	wake_up_process(p);
	return p->pid;
}

long sys_fork(void)
{
	return do_fork();
}

/* vfork's "parent waits until the child execs" is not needed for
 * correctness: a copied address space gives fork's semantics. */
long sys_vfork(void)
{
	return do_fork();
}

/* Only what libc's fork() passes: clone(SIGCHLD, 0, ...). Threads are
 * not supported. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       int __user *ctid, unsigned long tls)
{
	if ((flags & ~0xffUL) || newsp)
		return -EINVAL;
	return do_fork();
}
