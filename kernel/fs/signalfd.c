/*
 * signalfd: a file that reads the caller's pending signals.  A read
 * dequeues those in the file's mask (the lowest first), each as a
 * 128-byte struct signalfd_siginfo; poll reports EPOLLIN while one is
 * pending.  The signals are normally blocked too, so they wait for the
 * read instead of a handler.  Linux: fs/signalfd.c.
 *
 * The file holds only a mask: the signals are the *reading or polling*
 * task's, not its creator's (after fork, the child's signalfd reads the
 * child's signals).  So readers and pollers wait on that task's
 * sighand->signalfd_wqh, which signal generation wakes
 * (signalfd_notify() in send_sig_info()), and an epoll entry on it
 * unhooks itself when the task is reaped (signalfd_cleanup(), POLLFREE).
 *
 * Locking: Linux takes sighand->siglock around the mask and the pending
 * set.  Pollux has one CPU and a kernel that is not preempted; only the
 * timer interrupt sends signals (SIGALRM), and a sleeper queues itself
 * before it tests, so none is missed.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/signalfd.h>
#include <pollux/string.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/uio.h>
#include <uapi/errno.h>
#include <uapi/signalfd.h>

/* Linux: fs/signalfd.c struct signalfd_ctx — Linux keeps the complement
 * (a "blocked"-style mask for its dequeue_signal); Pollux's
 * dequeue_signal takes the signals wanted, so this is the user's mask
 * less SIGKILL and SIGSTOP. */
struct signalfd_ctx {
	u64 sigmask;
};

/* Linux: fs/signalfd.c signalfd_release() */
static int signalfd_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* Linux: fs/signalfd.c signalfd_poll() — current's pending signals,
 * whoever created the file */
static __poll_t signalfd_poll(struct file *file, poll_table *wait)
{
	struct signalfd_ctx *ctx = file->private_data;

	poll_wait(file, &current->sighand->signalfd_wqh, wait);
	return (task_pending(current) & ctx->sigmask) ? EPOLLIN : 0;
}

/*
 * The fields Linux copies for the siginfo's layout (siginfo_layout()):
 * a si_code between SI_USER and SI_KERNEL is the signal's own (Pollux
 * makes those only for SIGCHLD and the CPU faults); any other is a
 * sender's pid and uid.  Linux: fs/signalfd.c signalfd_copyinfo()
 */
static int signalfd_copyinfo(struct iov_iter *to, const struct siginfo *info)
{
	struct signalfd_siginfo new;
	bool own_code = info->si_code > SI_USER && info->si_code < SI_KERNEL;

	_Static_assert(sizeof(new) == 128, "Linux's signalfd_siginfo");
	memset(&new, 0, sizeof(new));
	new.ssi_signo = info->si_signo;
	new.ssi_errno = info->si_errno;
	new.ssi_code = info->si_code;
	if (!own_code) {			/* SIL_KILL, SIL_RT */
		new.ssi_pid = info->fields.proc.pid;
		new.ssi_uid = info->fields.proc.uid;
	} else if (info->si_signo == SIGCHLD) {	/* SIL_CHLD, no utime/stime */
		new.ssi_pid = info->fields.proc.pid;
		new.ssi_uid = info->fields.proc.uid;
		new.ssi_status = info->fields.proc.status;
	} else {				/* SIL_FAULT */
		new.ssi_addr = info->fields.addr;
	}
	if (copy_to_iter(&new, sizeof(new), to) != sizeof(new))
		return -EFAULT;
	return sizeof(new);
}

/* One signal of ctx's mask, waiting for it unless nonblock: its number,
 * -EAGAIN, or -ERESTARTSYS for a signal outside the mask (unblocked).
 * Linux: fs/signalfd.c signalfd_dequeue() */
static ssize_t signalfd_dequeue(struct signalfd_ctx *ctx,
				struct siginfo *info, bool nonblock)
{
	int sig = dequeue_signal(ctx->sigmask, info);

	if (sig || nonblock)
		return sig ? sig : -EAGAIN;
	if (wait_event_interruptible(current->sighand->signalfd_wqh,
				     (sig = dequeue_signal(ctx->sigmask, info))))
		return -ERESTARTSYS;
	return sig;
}

/*
 * As many signals as the buffer holds whole, at least one; only the
 * first may wait.  A fault after some were read returns those.
 * Linux: fs/signalfd.c signalfd_read_iter()
 */
static ssize_t signalfd_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	struct signalfd_ctx *ctx = file->private_data;
	size_t count = iov_iter_count(to) / sizeof(struct signalfd_siginfo);
	bool nonblock = file->f_flags & O_NONBLOCK;
	ssize_t ret, total = 0;
	struct siginfo info;

	if (!count)
		return -EINVAL;
	do {
		ret = signalfd_dequeue(ctx, &info, nonblock);
		if (ret <= 0)
			break;
		ret = signalfd_copyinfo(to, &info);
		if (ret < 0)
			break;
		total += ret;
		nonblock = true;
	} while (--count);
	return total ? total : ret;
}

/* Linux: fs/signalfd.c signalfd_show_fdinfo() — render_sigset_t() of
 * the mask, 16 hex digits, after the generic lines */
static void signalfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;

	seq_printf(m, "sigmask:\t%016llx\n", (unsigned long long)ctx->sigmask);
}

/* Linux: fs/signalfd.c signalfd_fops */
static const struct file_operations signalfd_fops = {
	.show_fdinfo = signalfd_show_fdinfo,
	.release = signalfd_release,
	.poll = signalfd_poll,
	.read_iter = signalfd_read_iter,
	.llseek = noop_llseek,
};

/* A new mask for the signalfd at ufd.  Linux: the ufd != -1 half of
 * fs/signalfd.c do_signalfd4() */
static int signalfd_set_mask(int ufd, u64 mask)
{
	struct file *f = fget(ufd);
	int ret = ufd;

	if (!f)
		return -EBADF;
	if (f->f_op != &signalfd_fops) {
		ret = -EINVAL;
	} else {
		((struct signalfd_ctx *)f->private_data)->sigmask = mask;
		/* a signal pending already may now be readable */
		wake_up(&current->sighand->signalfd_wqh);
	}
	fput(f);
	return ret;
}

/* Linux: fs/signalfd.c do_signalfd4() */
static int do_signalfd4(int ufd, u64 mask, int flags)
{
	struct signalfd_ctx *ctx;
	int fd;

	_Static_assert(SFD_CLOEXEC == O_CLOEXEC, "SFD_CLOEXEC is O_CLOEXEC");
	_Static_assert(SFD_NONBLOCK == O_NONBLOCK, "SFD_NONBLOCK is O_NONBLOCK");

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	mask &= ~UNBLOCKABLE;	/* SIGKILL and SIGSTOP are never read */
	if (ufd != -1)
		return signalfd_set_mask(ufd, mask);

	ctx = kmalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->sigmask = mask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx,
			      O_RDWR | (flags & (O_CLOEXEC | O_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* The size is checked before the mask is read, the flags after.
 * Linux: fs/signalfd.c SYSCALL_DEFINE4(signalfd4) */
long sys_signalfd4(int ufd, const kernel_sigset_t __user *user_mask,
		   size_t sizemask, int flags)
{
	kernel_sigset_t mask;

	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	return do_signalfd4(ufd, mask, flags);
}

/* Linux: fs/signalfd.c SYSCALL_DEFINE3(signalfd) */
long sys_signalfd(int ufd, const kernel_sigset_t __user *user_mask,
		  size_t sizemask)
{
	return sys_signalfd4(ufd, user_mask, sizemask, 0);
}
