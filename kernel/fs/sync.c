/*
 * sync, syncfs, fsync, fdatasync.  Every Pollux file system lives in
 * memory: there is nothing to write back, so these only check their fd,
 * as Linux's tmpfs answers them.  Linux: fs/sync.c
 */
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <uapi/errno.h>

/* Linux: fs/libfs.c noop_fsync() */
int noop_fsync(struct file *f, int datasync)
{
	return 0;
}

/* Linux: fs/sync.c SYSCALL_DEFINE0(sync) */
long sys_sync(void)
{
	return 0;
}

/* Any open fd names a file system (a pipe's, a socket's too).
 * Linux: fs/sync.c SYSCALL_DEFINE1(syncfs) */
long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* EINVAL for a file without ->fsync: a pipe, a socket, a device, a
 * procfs or anon-inode file.  Linux: fs/sync.c do_fsync(),
 * vfs_fsync_range() */
static long do_fsync(unsigned int fd, int datasync)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->fsync ? f->f_op->fsync(f, datasync) : -EINVAL;
	fput(f);
	return ret;
}

/* Linux: fs/sync.c SYSCALL_DEFINE1(fsync) */
long sys_fsync(unsigned int fd)
{
	return do_fsync(fd, 0);
}

/* Linux: fs/sync.c SYSCALL_DEFINE1(fdatasync) */
long sys_fdatasync(unsigned int fd)
{
	return do_fsync(fd, 1);
}
