/*
 * An inode's attributes changed by path or fd: mode (chmod), owner
 * (chown), size (truncate) and times (utimensat: checked, not kept, as
 * Pollux keeps no timestamps).  Everyone is root, so no permission is
 * checked beyond what root itself is refused.
 * Linux: fs/open.c (chmod_common, chown_common, do_sys_truncate,
 * do_ftruncate), fs/attr.c (notify_change).
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/mm.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/time.h>

#define S_IALLUGO 07777

/* Linux: fs/open.c chmod_common() */
static int chmod_common(struct inode *inode, umode_t mode)
{
	int err = mnt_want_write(inode);

	if (err)
		return err;
	inode->i_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	return 0;
}

/* (unsigned int)-1 leaves an id as it is.  As Linux for a caller with
 * CAP_FSETID, a non-directory loses set-user-ID, and set-group-ID when
 * group-execute is set (without it the bit means mandatory locking).
 * Linux: fs/open.c chown_common(), fs/attr.c setattr_should_drop_sgid() */
static int chown_common(struct inode *inode, unsigned int user,
			unsigned int group)
{
	int err = mnt_want_write(inode);

	if (err)
		return err;
	if (user != (unsigned int)-1)
		inode->i_uid = user;
	if (group != (unsigned int)-1)
		inode->i_gid = group;
	if (!S_ISDIR(inode->i_mode)) {
		inode->i_mode &= ~S_ISUID;
		if (inode->i_mode & S_IXGRP)
			inode->i_mode &= ~S_ISGID;
	}
	return 0;
}

/* Linux: fs/open.c do_fchmodat() */
long sys_fchmodat(int dfd, const char __user *path, umode_t mode)
{
	int err;
	struct dentry *d = user_path_at(dfd, path, &err);

	return d ? chmod_common(d->d_inode, mode) : err;
}

long sys_chmod(const char __user *path, umode_t mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

/* Linux: fs/open.c SYSCALL_DEFINE2(fchmod) */
long sys_fchmod(unsigned int fd, umode_t mode)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chmod_common(f->f_inode, mode);
	fput(f);
	return err;
}

/* Linux: fs/open.c SYSCALL_DEFINE2(fchown) */
long sys_fchown(unsigned int fd, unsigned int user, unsigned int group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chown_common(f->f_inode, user, group);
	fput(f);
	return err;
}

/* No symbolic links: AT_SYMLINK_NOFOLLOW changes nothing.
 * Linux: fs/open.c do_fchownat() */
long sys_fchownat(int dfd, const char __user *upath, unsigned int user,
		  unsigned int group, int flag)
{
	int err;
	struct inode *inode;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	inode = user_path_inode(dfd, upath, flag, &err);
	return inode ? chown_common(inode, user, group) : err;
}

long sys_chown(const char __user *path, unsigned int user, unsigned int group)
{
	return sys_fchownat(AT_FDCWD, path, user, group, 0);
}

long sys_lchown(const char __user *path, unsigned int user, unsigned int group)
{
	return sys_fchownat(AT_FDCWD, path, user, group, AT_SYMLINK_NOFOLLOW);
}

/* Linux: fs/open.c vfs_truncate() + do_sys_truncate() */
long sys_truncate(const char __user *path, long length)
{
	int err;
	struct dentry *d;

	if (length < 0)
		return -EINVAL;
	d = user_path_at(AT_FDCWD, path, &err);
	if (!d)
		return err;
	if (S_ISDIR(d->d_inode->i_mode))
		return -EISDIR;
	err = mnt_want_write(d->d_inode);
	return err ? err : ramfs_setsize(d->d_inode, length);
}

/* Linux: fs/open.c do_ftruncate() — only a file open for writing */
long sys_ftruncate(unsigned int fd, long length)
{
	struct file *f;
	long ret;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = (f->f_mode & FMODE_WRITE) ? ramfs_setsize(f->f_inode, length) :
					  -EINVAL;
	fput(f);
	return ret;
}

#define UTIME_NOW ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

/* Linux: fs/utimes.c nsec_valid() */
static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW ||
	       (nsec >= 0 && nsec <= 999999999);
}

/* Linux: fs/utimes.c do_utimes() — a NULL path is the file open as
 * dfd (futimens).  Pollux keeps no times: the file is only found. */
long sys_utimensat(int dfd, const char __user *upath,
		   const struct timespec __user *utimes, int flags)
{
	struct timespec t[2];
	struct inode *inode;
	struct file *f;
	int err;

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	if (utimes && (!nsec_valid(t[0].tv_nsec) || !nsec_valid(t[1].tv_nsec)))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!upath) {
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = mnt_want_write(f->f_inode);
		fput(f);
		return err;
	}
	inode = user_path_inode(dfd, upath, flags, &err);
	return inode ? mnt_want_write(inode) : err;
}
