/* open, openat, creat, close, access, faccessat(2), chdir, getcwd, mkdir(at), unlink(at).
 * Linux: fs/open.c, fs/namei.c (do_mkdirat, do_unlinkat). */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/fs_struct.h>
#include <pollux/sched.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <uapi/errno.h>
#include <uapi/limits.h>

/* Copies a path from user space into a kmalloc'd buffer (kfree it).
 * Linux: fs/namei.c getname(). */
char *getname(const char __user *upath, int *err)
{
	char *path = kmalloc(PATH_MAX);
	long len;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(path, upath, PATH_MAX);
	*err = len < 0 ? (int)len : len == 0 ? -ENOENT :
	       len == PATH_MAX ? -ENAMETOOLONG : 0;
	if (*err) {
		kfree(path);
		return NULL;
	}
	return path;
}

/* Linux: fs/open.c do_sys_open() */
long sys_openat(int dfd, const char __user *upath, int flags, unsigned int mode)
{
	int err, fd;
	char *path = getname(upath, &err);
	struct file *f;

	if (!path)
		return err;
	flags |= O_LARGEFILE;	/* forced on 64-bit, as Linux's do_sys_open() */
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		err = fd;
		goto out;
	}
	f = filp_openat(dfd, path, flags, mode & ~current->fs->umask, &err);
	if (!f) {
		put_unused_fd(fd);
		goto out;
	}
	fd_install(fd, f);
	err = fd;
out:
	kfree(path);
	return err;
}

/* Linux: fs/open.c SYSCALL_DEFINE2(creat) */
long sys_creat(const char __user *path, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Linux: fs/open.c SYSCALL_DEFINE3(open) */
long sys_open(const char __user *path, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

/* Linux: fs/open.c SYSCALL_DEFINE1(close) */
long sys_close(unsigned int fd)
{
	return close_fd(fd);
}

/* Root may read and write anything; it may execute a directory or a
 * file with some x bit.  Linux: fs/namei.c generic_permission() with
 * CAP_DAC_OVERRIDE */
int may_access(struct inode *inode, int mask)
{
	if ((mask & MAY_EXEC) && !S_ISDIR(inode->i_mode) &&
	    !(inode->i_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return -EACCES;
	return 0;
}

/* Linux: fs/open.c do_faccessat() */
long sys_faccessat2(int dfd, const char __user *upath, int mode, int flags)
{
	int err;
	struct inode *inode;

	if (mode & ~7)		/* F_OK, R_OK, W_OK, X_OK */
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	inode = user_path_inode(dfd, upath, flags, &err);
	if (!inode)
		return err;
	/* Linux: inode_permission()'s IS_RDONLY(), do_faccessat()'s
	 * __mnt_is_readonly(): W_OK of a file or directory on a read-only
	 * mount (a device node stays writable) */
	if ((mode & MAY_WRITE) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)) &&
	    (err = mnt_want_write(inode)))
		return err;
	return may_access(inode, mode);
}

long sys_faccessat(int dfd, const char __user *path, int mode)
{
	return sys_faccessat2(dfd, path, mode, 0);
}

long sys_access(const char __user *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* /proc/PID is a directory outside the tree: the cwd, a path, becomes
 * its (with no last '/').  Whether path was one.
 * Linux: fs/open.c do_chdir() of a procfs directory */
static bool chdir_proc(const char *path)
{
	struct task_struct *t;
	size_t len = strlen(path);

	if (strncmp(path, "/proc/", 6) || !proc_dir(path, &t))
		return false;
	if (path[len - 1] == '/')	/* "/proc/1/" */
		len--;
	strlcpy(current->fs->cwd, path, MIN(len + 1, sizeof(current->fs->cwd)));
	return true;
}

/* Linux: fs/open.c SYSCALL_DEFINE1(chdir) — the cwd kept as a path */
long sys_chdir(const char __user *upath)
{
	int err;
	char *path = getname(upath, &err), *abs;
	const char *p;
	struct dentry *d;

	if (!path)
		return err;
	abs = proc_cwd_path(AT_FDCWD, path);
	p = abs ? abs : path;
	if (chdir_proc(p))
		err = 0;
	else if ((d = path_lookup(p, &err)))
		err = S_ISDIR(d->d_inode->i_mode) ?
		      d_path(d, current->fs->cwd, sizeof(current->fs->cwd)) : -ENOTDIR;
	kfree(abs);
	kfree(path);
	return err;
}

/* Linux: fs/d_path.c SYSCALL_DEFINE2(getcwd) */
long sys_getcwd(char __user *buf, unsigned long size)
{
	size_t len = strlen(current->fs->cwd) + 1;

	if (size < len)
		return -ERANGE;
	if (copy_to_user(buf, current->fs->cwd, len))
		return -EFAULT;
	return len;
}

/* Linux: fs/namei.c do_mkdirat() */
long sys_mkdirat(int dfd, const char __user *upath, unsigned int mode)
{
	int err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	mode &= 07777 & ~current->fs->umask;
	if (path_createat(dfd, path, S_IFDIR | mode, &err))
		err = 0;
	kfree(path);
	return err;
}

/* Linux: fs/namei.c SYSCALL_DEFINE2(mkdir) */
long sys_mkdir(const char __user *path, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

/* Unlinks the dentry; the inode lives on while files use it. */
int do_unlink(struct dentry *d, int flag)
{
	struct inode *inode = d->d_inode;

	if (d == root_dentry)
		return -EBUSY;
	if (S_ISDIR(inode->i_mode) && !(flag & AT_REMOVEDIR))
		return -EISDIR;
	if (!S_ISDIR(inode->i_mode) && (flag & AT_REMOVEDIR))
		return -ENOTDIR;
	if (d_mountpoint(d))
		return -EBUSY;
	if (S_ISDIR(inode->i_mode) && !list_empty(&inode->i_dentries))
		return -ENOTEMPTY;
	list_del(&d->d_child);
	/* a file's other hard links keep it; a directory has one name */
	inode->i_nlink = S_ISDIR(inode->i_mode) ? 0 : inode->i_nlink - 1;
	iput(inode);
	dput(d);
	return 0;
}

/* Linux: fs/namei.c SYSCALL_DEFINE3(unlinkat) */
long sys_unlinkat(int dfd, const char __user *upath, int flag)
{
	int err;
	char *path = getname(upath, &err);
	struct dentry *d;

	if (!path)
		return err;
	if (flag & ~AT_REMOVEDIR)
		err = -EINVAL;
	else if ((d = path_lookupat(dfd, path, &err)) &&
		 !(err = mnt_want_write(d->d_parent->d_inode)))
		err = do_unlink(d, flag);
	kfree(path);
	return err;
}

/* Linux: fs/namei.c SYSCALL_DEFINE1(rmdir) */
long sys_rmdir(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

/* Linux: fs/namei.c SYSCALL_DEFINE1(unlink) */
long sys_unlink(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}
