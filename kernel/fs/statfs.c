/*
 * statfs, fstatfs: which file system a file is on.  Pollux keeps no
 * block or inode counts (the files live in the page cache, with no
 * limit), so those are 0, as Linux's ramfs reports them.
 * Linux: fs/statfs.c, fs/libfs.c simple_statfs()
 */
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <uapi/errno.h>
#include <uapi/limits.h>
#include <uapi/statfs.h>

/* A file opened by path is on its tree's mount; the others are on
 * Linux's internal file systems, told apart by the inode's type. */
static unsigned long file_magic(struct file *f)
{
	if (f->f_dentry)
		return d_mount(f->f_dentry)->d_magic;
	if (is_proc_file(f))
		return PROC_SUPER_MAGIC;
	if (S_ISFIFO(f->f_inode->i_mode))
		return PIPEFS_MAGIC;
	if (S_ISSOCK(f->f_inode->i_mode))
		return SOCKFS_MAGIC;
	return ANON_INODE_FS_MAGIC;
}

/* Linux: fs/libfs.c simple_statfs(), fs/statfs.c do_statfs_native() */
static int do_statfs(unsigned long magic, struct statfs __user *ubuf)
{
	struct statfs buf;

	memset(&buf, 0, sizeof(buf));
	buf.f_type = magic;
	buf.f_bsize = PAGE_SIZE;
	buf.f_frsize = PAGE_SIZE;
	buf.f_namelen = NAME_MAX;
	buf.f_flags = ST_VALID;
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

/* Only /proc's mount point is in the tree: its paths are recognised by
 * name, as filp_openat() does. */
static bool is_proc_path(const char *path)
{
	return !strcmp(path, "/proc") || !strncmp(path, "/proc/", 6);
}

/* Linux: fs/statfs.c SYSCALL_DEFINE2(statfs) */
long sys_statfs(const char __user *upath, struct statfs __user *buf)
{
	int err;
	char *path = getname(upath, &err);
	struct dentry *d;

	if (!path)
		return err;
	if (is_proc_path(path))
		err = do_statfs(PROC_SUPER_MAGIC, buf);
	else if ((d = path_lookup(path, &err)))
		err = do_statfs(d_mount(d)->d_magic, buf);
	kfree(path);
	return err;
}

/* Linux: fs/statfs.c SYSCALL_DEFINE2(fstatfs) */
long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_statfs(file_magic(f), buf);
	fput(f);
	return ret;
}
