/*
 * Making tasks: fork, vfork, clone and clone3.  The flags say what the
 * child shares with its parent instead of copying (CLONE_VM, FS, FILES,
 * SIGHAND) and whether it is a new process or a new thread of the
 * caller's (CLONE_THREAD).  Linux: kernel/fork.c
 */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/fs_struct.h>
#include <pollux/futex.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include <uapi/signal.h>

/* What kernel_clone() is asked to make.  Linux: struct kernel_clone_args */
struct kernel_clone_args {
	u64 flags;
	int exit_signal;
	int __user *parent_tid;
	int __user *child_tid;
	u64 stack;		/* the child's rsp, 0: the parent's */
	u64 tls;		/* CLONE_SETTLS: the child's fs base */
};

/* Linux: the flag checks at the top of kernel/fork.c copy_process() */
static int clone_flags_valid(u64 flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
	    (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	/* init is SIGNAL_UNKILLABLE: its siblings would have no parent */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & CLONE_DETACHED))
		return -EINVAL;
	/* Pollux has no namespaces, cgroups or pidfds from clone */
	if (flags & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS |
		     CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
		     CLONE_NEWNET | CLONE_NEWTIME | CLONE_INTO_CGROUP |
		     CLONE_PIDFD))
		return -EINVAL;
	return 0;
}

/* Linux: kernel/fork.c copy_mm() */
static int copy_mm(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_VM) {
		mmget(current->mm);
		p->mm = current->mm;
		return 0;
	}
	p->mm = mm_copy(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

/* Linux: kernel/fork.c copy_files() */
static int copy_files(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_FILES) {
		atomic_inc(&current->files->count);
		p->files = current->files;
		return 0;
	}
	p->files = dup_fd(current->files);
	return p->files ? 0 : -ENOMEM;
}

/* Linux: kernel/fork.c copy_fs() */
static int copy_fs(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_FS) {
		spin_lock(&current->fs->lock);	/* Linux: copy_fs() */
		current->fs->users++;
		spin_unlock(&current->fs->lock);
		p->fs = current->fs;
		return 0;
	}
	p->fs = copy_fs_struct(current->fs);
	return p->fs ? 0 : -ENOMEM;
}

/* Linux: kernel/fork.c copy_sighand() */
static int copy_sighand(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_SIGHAND) {
		refcount_inc(&current->sighand->count);
		p->sighand = current->sighand;
		return 0;
	}
	p->sighand = sighand_alloc(current->sighand);
	if (p->sighand && (flags & CLONE_CLEAR_SIGHAND))
		flush_signal_handlers(p);
	return p->sighand ? 0 : -ENOMEM;
}

/* A thread joins its group's; a process gets a new one (nothing
 * pending, no timer: POSIX).  Linux: kernel/fork.c copy_signal() */
static int copy_signal(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_THREAD) {
		p->signal = current->signal;
		refcount_inc(&p->signal->sigcnt);
	} else {
		p->signal = alloc_signal_struct();
		if (!p->signal)
			return -ENOMEM;
		refcount_set(&p->signal->sigcnt, 1);
		p->signal->rlim_nofile = current->signal->rlim_nofile;
	}
	return 0;
}

/* Drops what copy_process() took for p, when it fails. */
static void free_copied(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->files)
		put_files_struct(p->files);
	exit_fs(p);
	free_task(p);		/* and its sighand and signal */
}

/* The child's registers: the parent's, returning 0, on its own stack
 * and TLS if given.  Linux: arch/x86/kernel/process.c copy_thread() */
static void copy_thread(struct task_struct *p, struct kernel_clone_args *args)
{
	*p->tf = *current->tf;
	p->tf->rax = 0;
	if (args->stack)
		p->tf->rsp = args->stack;
	fpu_save(&current->fpu);
	p->fpu = current->fpu;
	p->fs_base = args->flags & CLONE_SETTLS ? args->tls : current->fs_base;
	p->gs_base = current->gs_base;
}

/* The per-thread state a child takes from the caller. */
static void copy_task_state(struct task_struct *p, u64 flags)
{
	p->blocked = current->blocked;
	p->pgid = current->pgid;
	p->sid = current->sid;
	/* a thread on its own stack gets no altstack; fork and vfork keep it.
	 * Linux: copy_process() */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		p->sas_ss_sp = current->sas_ss_sp;
		p->sas_ss_size = current->sas_ss_size;
		p->sas_ss_flags = current->sas_ss_flags;
	}
}

/* A new thread joins the caller's group and parent; a new process leads
 * its own, as a child of the caller (or of its parent: CLONE_PARENT).
 * The lists under tasklist_lock: the parent's exit on another CPU walks
 * its children, a wait4 reaps them.
 * Linux: the "CLONE_THREAD" part of copy_process() */
static void link_task(struct task_struct *p, struct kernel_clone_args *args)
{
	u64 flags = args->flags;
	struct signal_struct *sig = p->signal;
	unsigned long irqflags;

	spin_lock_irqsave(&tasklist_lock, irqflags);
	if (flags & CLONE_THREAD) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		p->parent = current->parent;
		p->exit_signal = -1;
	} else {
		p->tgid = p->pid;
		p->group_leader = p;
		p->parent = flags & CLONE_PARENT ? current->parent : current;
		p->exit_signal = flags & CLONE_PARENT ?
			current->group_leader->exit_signal : args->exit_signal;
		list_add_tail(&p->sibling, &p->parent->children);
		sig->curr_target = p;
	}
	spin_lock(&p->sighand->siglock);	/* see release_task() */
	list_add_tail(&p->thread_node, &sig->thread_head);
	sig->nr_threads++;
	atomic_inc(&sig->live);
	spin_unlock(&p->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
}

/* Linux: kernel/fork.c copy_process() */
static int copy_process(struct kernel_clone_args *args, struct task_struct **out)
{
	u64 flags = args->flags;
	struct task_struct *p;
	int err = clone_flags_valid(flags);

	if (err)
		return err;
	if (nr_threads >= max_threads)
		return -EAGAIN;
	p = alloc_task(current->comm);
	if (!p)
		return -ENOMEM;
	sched_fork(p);
	err = copy_files(flags, p);
	if (!err)
		err = copy_fs(flags, p);
	if (!err)
		err = copy_sighand(flags, p);
	if (!err)
		err = copy_signal(flags, p);
	if (!err)
		err = copy_mm(flags, p);
	if (err) {
		free_copied(p);
		return err;
	}
	copy_thread(p, args);
	copy_task_state(p, flags);
	link_task(p, args);
	*out = p;
	return 0;
}

/* The parent of a CLONE_VFORK child sleeps until the child has left
 * the shared address space (mm_release()), or until it is killed: then
 * it takes its stack's vfork_done back from the child under task_lock,
 * which complete_vfork_done() holds while it uses it.  The reference on
 * the child, taken by kernel_clone(), keeps it (and its lock) alive.
 * Linux: kernel/fork.c wait_for_vfork_done() */
static void wait_for_vfork_done(struct task_struct *child,
				struct vfork_done *vfork)
{
	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (READ_ONCE(vfork->done) || fatal_signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	task_lock(child);
	child->vfork_done = NULL;
	task_unlock(child);
	put_task_struct(child);
}

/* Once done is set the parent may return (its stack's vfork_done is
 * gone), exit and be freed: the waiter is read before, and a reference
 * on it is held across the wake (Linux's complete() holds the
 * completion's lock, which the waiter takes, across the wake instead).
 * Linux: kernel/fork.c complete_vfork_done() */
static void complete_vfork_done(struct task_struct *tsk)
{
	struct task_struct *waiter = NULL;
	struct vfork_done *vfork;

	task_lock(tsk);
	vfork = tsk->vfork_done;
	if (vfork) {
		tsk->vfork_done = NULL;
		waiter = get_task_struct(vfork->waiter);
		WRITE_ONCE(vfork->done, true);
	}
	task_unlock(tsk);
	if (waiter) {
		wake_up_process(waiter);
		put_task_struct(waiter);
	}
}

/* Linux: kernel/fork.c mm_release() */
static void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	/* a thread's exit tells a joiner: the tid word becomes 0 and one
	 * waiter on it wakes (only if someone else still uses the memory) */
	if (tsk->clear_child_tid) {
		if (atomic_read(&mm->mm_users) > 1 && !put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid,
				   FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
	complete_vfork_done(tsk);
}

void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exit_release(tsk);
	mm_release(tsk, mm);
}

void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exec_release(tsk);
	mm_release(tsk, mm);
}

/* Linux: kernel/fork.c kernel_clone() */
static long kernel_clone(struct kernel_clone_args *args)
{
	struct vfork_done vfork = { .done = false, .waiter = current };
	struct task_struct *p;
	int err = copy_process(args, &p);
	pid_t pid;

	if (err)
		return err;
	pid = p->pid;
	/* as Linux, a fault writing the tid is ignored (Linux writes
	 * set_child_tid as the child first runs: the same memory) */
	if (args->flags & CLONE_CHILD_SETTID) {
		p->set_child_tid = args->child_tid;
		mm_write(p->mm, (u64)p->set_child_tid, &pid, sizeof(pid));
	}
	if (args->flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(pid, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		p->vfork_done = &vfork;
		get_task_struct(p);	/* for wait_for_vfork_done() */
	}
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK)
		wait_for_vfork_done(p, &vfork);
	return pid;
}

long sys_fork(void)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

/* The child borrows the parent's memory and stack until it execs or
 * exits; the parent sleeps meanwhile.  Linux: SYSCALL_DEFINE0(vfork) */
long sys_vfork(void)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM, .exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/* x86-64's argument order.  The flags' upper half is ignored, their
 * low byte is the exit signal.  Linux: SYSCALL_DEFINE5(clone) */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       int __user *ctid, unsigned long tls)
{
	struct kernel_clone_args args = {
		.flags = (u32)flags & ~CSIGNAL, .exit_signal = flags & CSIGNAL,
		.parent_tid = ptid, .child_tid = ctid, .stack = newsp,
		.tls = tls,
	};

	return kernel_clone(&args);
}

/* The struct from a user of another version: a shorter one reads as
 * zero-filled, a longer one must be zeros past ours (E2BIG).
 * Linux: include/linux/uaccess.h copy_struct_from_user() */
static int copy_struct_from_user(void *dst, size_t ksize,
				 const void __user *src, size_t usize)
{
	memset(dst, 0, ksize);
	for (size_t i = ksize; i < usize; i++) {
		u8 c;

		if (get_user(c, (const u8 __user *)src + i))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	return copy_from_user(dst, src, MIN(ksize, usize)) ? -EFAULT : 0;
}

/* Linux: kernel/fork.c copy_clone_args_from_user() */
static int copy_clone_args_from_user(struct clone_args *args,
				     struct clone_args __user *uargs, size_t usize)
{
	int err;

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(args, sizeof(*args), uargs, usize);
	if (err)
		return err;
	/* Pollux cannot choose a child's pid: set_tid is refused */
	if (args->set_tid || args->set_tid_size)
		return -EINVAL;
	if ((args->exit_signal & ~(u64)CSIGNAL) || args->exit_signal > _NSIG)
		return -EINVAL;
	if ((args->flags & CLONE_INTO_CGROUP) &&
	    (args->cgroup > 0x7fffffff || usize < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	return 0;
}

/* Linux: kernel/fork.c clone3_args_valid(), clone3_stack_valid() */
static bool clone3_args_valid(const struct clone_args *a)
{
	if (a->flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return false;
	if (a->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((a->flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return false;
	if (!a->stack)
		return !a->stack_size;
	return a->stack_size &&
	       access_ok((void __user *)a->stack, a->stack_size);
}

/* The stack is given as its lowest address and size (the child's rsp
 * is their sum).  Linux: SYSCALL_DEFINE2(clone3) */
long sys_clone3(struct clone_args __user *uargs, size_t size)
{
	struct clone_args a;
	struct kernel_clone_args args;
	int err = copy_clone_args_from_user(&a, uargs, size);

	if (err)
		return err;
	if (!clone3_args_valid(&a))
		return -EINVAL;
	args = (struct kernel_clone_args) {
		.flags = a.flags, .exit_signal = a.exit_signal,
		.parent_tid = (int __user *)a.parent_tid,
		.child_tid = (int __user *)a.child_tid,
		.stack = a.stack ? a.stack + a.stack_size : 0, .tls = a.tls,
	};
	return kernel_clone(&args);
}
