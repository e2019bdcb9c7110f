/* stat, fstat, lstat, newfstatat.  Linux: fs/stat.c */
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <uapi/errno.h>

/* The bytes an inode occupies: Pollux keeps no block count, so a regular
 * file's size rounded up to whole 512-byte blocks, anything else 0.
 * Linux: fs/stat.c inode_get_bytes() */
loff_t inode_get_bytes(struct inode *inode)
{
	return S_ISREG(inode->i_mode) ? (loff_t)ALIGN_UP((u64)inode->i_size, 512) : 0;
}

/* Linux: cp_new_stat() — mode is the inode's, or a /proc/PID/fd link's */
static int cp_new_stat(struct inode *inode, umode_t mode,
		       struct stat __user *ust)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	/* Linux's new_encode_dev() of 0:i_dev; inodes of no mount 1 */
	st.st_dev = inode->i_dev ? (inode->i_dev & 0xff) |
				   ((inode->i_dev & ~0xffU) << 12) : 1;
	st.st_ino = inode->i_ino;
	st.st_nlink = inode->i_nlink;
	st.st_mode = mode;
	st.st_uid = inode->i_uid;
	st.st_gid = inode->i_gid;
	st.st_rdev = inode->i_rdev;
	st.st_size = S_ISREG(inode->i_mode) ? inode->i_size : 0;
	st.st_blksize = PAGE_SIZE;
	st.st_blocks = inode_get_bytes(inode) / 512;
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

/* Linux: fs/stat.c SYSCALL_DEFINE2(newfstat) */
long sys_fstat(unsigned int fd, struct stat __user *st)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = cp_new_stat(f->f_inode, f->f_inode->i_mode, st);
	fput(f);
	return ret;
}

/* /proc's directories, /proc/PID/fd's links (stat() follows one to its
 * file, lstat() sees the link) and files. */
static int proc_fd_stat(const char *path, int flag, struct stat __user *st)
{
	struct inode *inode;
	umode_t mode;
	int err = proc_fd_getattr(path, !(flag & AT_SYMLINK_NOFOLLOW),
				  &inode, &mode);

	if (err)
		return err;
	err = cp_new_stat(inode, mode, st);
	iput(inode);
	return err;
}

long sys_newfstatat(int dfd, const char __user *upath, struct stat __user *st,
		    int flag)
{
	int err;
	char *path, *abs;
	const char *p;
	struct dentry *d;
	struct inode *inode;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	path = getname(upath, &err);
	if (!path) {
		/* "" with AT_EMPTY_PATH: dfd itself, or the cwd */
		inode = err == -ENOENT && (flag & AT_EMPTY_PATH) ?
			empty_path_inode(dfd, &err) : NULL;
		return inode ? cp_new_stat(inode, inode->i_mode, st) : err;
	}
	abs = proc_cwd_path(dfd, path);
	p = abs ? abs : path;
	if (!strncmp(p, "/proc/", 6) || !strcmp(p, "/proc"))
		err = proc_fd_stat(p, flag, st);
	else if ((d = path_lookupat(dfd, p, &err)))
		err = cp_new_stat(d->d_inode, d->d_inode->i_mode, st);
	kfree(abs);
	kfree(path);
	return err;
}

/* Linux: fs/stat.c SYSCALL_DEFINE2(newstat) */
long sys_stat(const char __user *path, struct stat __user *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, 0);
}

/* Linux: fs/stat.c SYSCALL_DEFINE2(newlstat) */
long sys_lstat(const char __user *path, struct stat __user *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* The target of a link under /proc into buf (not NUL-terminated, cut to
 * bufsiz, as Linux): its length, or -errno */
static int proc_do_readlink(const char *path, char __user *buf, int bufsiz)
{
	char target[256];
	int err = proc_readlink(path, target, sizeof(target));
	int len;

	if (err)
		return err;
	len = MIN((int)strlen(target), bufsiz);
	return copy_to_user(buf, target, len) ? -EFAULT : len;
}

/* Linux: fs/stat.c do_readlinkat() — the only symbolic links are
 * /proc's (/proc/self, /proc/PID/fd/N); any other path that exists
 * answers -EINVAL, "not a link". */
long sys_readlinkat(int dfd, const char __user *upath, char __user *buf,
		    int bufsiz)
{
	int err;
	char *path;

	if (bufsiz <= 0)
		return -EINVAL;
	path = getname(upath, &err);
	if (!path)
		return err;
	if (!strncmp(path, "/proc/", 6))
		err = proc_do_readlink(path, buf, bufsiz);
	else if (path_lookupat(dfd, path, &err))
		err = -EINVAL;
	kfree(path);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
