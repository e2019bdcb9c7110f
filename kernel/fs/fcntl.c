/* dup, dup2, dup3, fcntl, ioctl, getdents64.  Linux: fs/fcntl.c, fs/file.c
 * (do_dup2, ksys_dup3), fs/ioctl.c, fs/readdir.c. */
#include <pollux/fs.h>
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/termios.h>
#include <uapi/errno.h>

int alloc_fd(unsigned int start, unsigned int flags);

/* Linux: ksys_dup3() */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit_nofile())
		return -EBADF;
	return do_dup2(oldfd, newfd, flags);
}

/* Linux: fs/file.c SYSCALL_DEFINE2(dup2) — dup2(fd, fd) returns fd if open */
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

/* Linux: f_dupfd() */
static long f_dupfd(unsigned int from, struct file *f, unsigned int flags)
{
	int fd;

	if (from >= rlimit_nofile())
		return -EINVAL;
	fd = alloc_fd(from, flags);
	if (fd >= 0)
		fd_install(fd, get_file(f));
	return fd;
}

/* Linux: fs/file.c SYSCALL_DEFINE1(dup) */
long sys_dup(unsigned int fd)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f_dupfd(0, f, 0);
	fput(f);
	return ret;
}

/* The f_flags F_SETFL may change; Linux: SETFL_MASK. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

/* Linux: fs/fcntl.c do_fcntl() — no locks, leases or owners */
static long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg,
		     struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(arg, f, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, f, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		/* ->fasync() sets FASYNC, where there is one (Linux: setfl()) */
		if (((arg ^ f->f_flags) & FASYNC) && f->f_op->fasync)
			f->f_op->fasync(fd, f, (arg & FASYNC) != 0);
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		return 0;
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* Linux: fs/fcntl.c SYSCALL_DEFINE3(fcntl) */
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

/* Linux: fs/fcntl.c fasync_helper(), for a file whose ->fasync has no
 * queue of its own to join: only the FASYNC flag changes. */
int fasync_helper(int fd, struct file *filp, int on)
{
	if (on)
		filp->f_flags |= FASYNC;
	else
		filp->f_flags &= ~FASYNC;
	return 0;
}

/* Linux: fs/ioctl.c ioctl_fionbio() */
static int ioctl_fionbio(struct file *filp, int __user *argp)
{
	int on;

	if (get_user(on, argp))
		return -EFAULT;
	if (on)
		filp->f_flags |= O_NONBLOCK;
	else
		filp->f_flags &= ~O_NONBLOCK;
	return 0;
}

/* Linux: fs/ioctl.c ioctl_fioasync() — a file without ->fasync (a regular
 * file, an epoll fd) cannot be switched on: ENOTTY */
static int ioctl_fioasync(unsigned int fd, struct file *filp, int __user *argp)
{
	int on, error = 0;

	if (get_user(on, argp))
		return -EFAULT;
	/* Did FASYNC state change? */
	if (((on ? FASYNC : 0) ^ filp->f_flags) & FASYNC)
		error = filp->f_op->fasync ? filp->f_op->fasync(fd, filp, on)
					   : -ENOTTY;
	return error < 0 ? error : 0;
}

/*
 * The ioctls every file has, before the file's own.  Returns
 * -ENOIOCTLCMD for the ones left to ->ioctl.
 * Linux: fs/ioctl.c do_vfs_ioctl() — no freeze/thaw, FIEMAP, FIGETBSZ,
 * FICLONE: Pollux has no block devices
 */
static long do_vfs_ioctl(struct file *filp, unsigned int fd, unsigned int cmd,
			 unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct inode *inode = filp->f_inode;

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, false);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(filp, argp);
	case FIOASYNC:
		return ioctl_fioasync(fd, filp, argp);
	case FIOQSIZE:
		if (S_ISDIR(inode->i_mode) || S_ISREG(inode->i_mode) ||
		    S_ISLNK(inode->i_mode)) {
			loff_t res = inode_get_bytes(inode);

			return copy_to_user(argp, &res, sizeof(res)) ? -EFAULT : 0;
		}
		return -ENOTTY;
	case FIONREAD:
		/* bytes left to read in a regular file; the others answer
		 * for themselves (pipes, ttys) */
		if (!S_ISREG(inode->i_mode))
			return -ENOIOCTLCMD;
		return put_user((int)(inode->i_size - filp->f_pos), (int __user *)argp);
	default:
		return -ENOIOCTLCMD;
	}
}

/* Linux: fs/ioctl.c SYSCALL_DEFINE3(ioctl) + vfs_ioctl() */
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_vfs_ioctl(f, fd, cmd, arg);
	if (ret == -ENOIOCTLCMD)
		ret = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return ret;
}

/* Linux: fs/readdir.c SYSCALL_DEFINE3(getdents64) */
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->iterate ? f->f_op->iterate(f, dirent, count) : -ENOTDIR;
	fput(f);
	return ret;
}
