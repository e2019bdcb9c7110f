/*
 * /proc/PID/fd (and /proc/self/fd): a directory with one entry per open
 * fd, named by its number, each a symbolic link whose target names the
 * file as Linux's d_path() does: the path it was opened by, or
 * "pipe:[ino]", "socket:[ino]", "anon_inode:[eventpoll]" for files with
 * none.  readlink() reads a target, stat() follows a link to its file,
 * lstat() sees the link; the listing is made at each getdents64 from the
 * task's fd table as it is then.  Opening a link (Linux reopens the
 * file) is not built: ENOENT.  /proc/PID/fdinfo lists the same numbers
 * as regular files (their text: proc.c fdinfo_open()).
 * Linux: fs/proc/fd.c, fs/proc/base.c proc_self_get_link(), fs/d_path.c.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

/* An fd directory's mode, as Linux's: fd dr-x------ (proc_fd_inode_operations),
 * fdinfo dr-xr-xr-x (proc_fdinfo_inode_operations) */
static umode_t proc_fd_dir_mode(bool fdinfo)
{
	return S_IFDIR | (fdinfo ? 0555 : 0500);
}

/* Is p name, with or without a last '/'? */
static bool is_dir_name(const char *p, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(p, name, n) && (!p[n] || !strcmp(p + n, "/"));
}

struct task_struct *proc_fd_dir(const char *path, bool *fdinfo)
{
	const char *p = path + strlen("/proc/");
	struct task_struct *t = proc_task(&p);

	if (!t)
		return NULL;
	*fdinfo = is_dir_name(p, "fdinfo");
	return *fdinfo || is_dir_name(p, "fd") ? t : NULL;
}

/* The name readlink() gives for f.  Linux: fs/d_path.c d_path(), with
 * the pseudo file systems' d_dname: anon_inodefs_dname() ("anon_inode:"
 * and the name), pipefs_dname() and sockfs_dname() (kept in f_name) */
static void file_d_path(struct file *f, char *buf, size_t size)
{
	if (f->f_dentry && !d_path(f->f_dentry, buf, size))
		return;
	if (f->f_name && f->f_name[0] == '[')
		snprintf(buf, size, "anon_inode:%s", f->f_name);
	else
		strlcpy(buf, f->f_name ? f->f_name : "", size);
}

/* proc_readfd_common() of t, which it holds: its fds as type entries */
static long proc_readfd_task(struct file *f, struct task_struct *t,
			     void __user *buf, size_t n, unsigned char type)
{
	size_t used = 0;
	long len = 0;
	char name[16];
	for (; f->f_pos < 2; f->f_pos++) {
		len = emit_dirent((char __user *)buf + used, n - used,
				  f->f_inode->i_ino, f->f_pos + 1,
				  f->f_pos ? ".." : ".", DT_DIR);
		if (len <= 0)
			goto out;
		used += len;
	}
	for (;; f->f_pos++) {
		unsigned int fd = f->f_pos - 2;
		struct file *file = fget_task_next(t, &fd);

		if (!file)
			break;
		fput(file);
		f->f_pos = fd + 2;
		snprintf(name, sizeof(name), "%u", fd);
		len = emit_dirent((char __user *)buf + used, n - used,
				  f->f_inode->i_ino, f->f_pos + 1, name, type);
		if (len <= 0)
			goto out;
		used += len;
	}
	return used;
out:
	/* a record that does not fit ends this call; alone, it is EINVAL */
	return used ? (long)used : (len ? len : -EINVAL);
}

/* getdents64: ".", "..", then each open fd at f_pos = fd + 2 (d_off:
 * the next position).  A task that has exited has no fds: ENOENT.
 * Linux: fs/proc/fd.c proc_readfd_common() */
static long proc_readfd_common(struct file *f, void __user *buf, size_t n,
			       unsigned char type)
{
	struct task_struct *t = find_task((pid_t)(long)f->private_data);
	long ret;

	if (!t)
		return -ENOENT;
	ret = READ_ONCE(t->files) ? proc_readfd_task(f, t, buf, n, type) :
	      -ENOENT;
	put_task_struct(t);
	return ret;
}

/* Linux: fs/proc/fd.c proc_readfd(): symbolic links */
static long proc_readfd(struct file *f, void __user *buf, size_t n)
{
	return proc_readfd_common(f, buf, n, DT_LNK);
}

/* Linux: fs/proc/fd.c proc_readfdinfo(): regular files */
static long proc_readfdinfo(struct file *f, void __user *buf, size_t n)
{
	return proc_readfd_common(f, buf, n, DT_REG);
}
/* Linux: fs/proc/fd.c proc_fd_operations (generic_file_llseek) */
loff_t proc_fd_llseek(struct file *f, loff_t offset, int whence)
{
	if (whence != SEEK_SET || offset < 0)
		return -EINVAL;
	return f->f_pos = offset;
}

static const struct file_operations proc_fd_operations = {
	.iterate = proc_readfd,
	.llseek = proc_fd_llseek,
};

/* Linux: fs/proc/fd.c proc_fdinfo_operations */
static const struct file_operations proc_fdinfo_operations = {
	.iterate = proc_readfdinfo,
	.llseek = proc_fd_llseek,
};

struct file *proc_fd_dir_open(struct task_struct *t, bool fdinfo, int flags,
			      int *err)
{
	return proc_dir_file(t, flags, fdinfo ? &proc_fdinfo_operations :
			     &proc_fd_operations, proc_fd_dir_mode(fdinfo), err);
}

/* A /proc directory of task t, listed by fops, its inode of mode mode:
 * one per open, freed with it, so that none outlives its use.
 * Linux: proc_pid_make_inode() */
struct file *proc_dir_file(struct task_struct *t, int flags,
			   const struct file_operations *fops, umode_t mode,
			   int *err)
{
	struct inode *inode;
	struct file *f;

	/* Linux: fs/namei.c may_open() */
	*err = (flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT) ?
	       -EISDIR : -ENOMEM;
	if (*err == -EISDIR)
		return NULL;
	inode = new_inode(mode);
	if (!inode)
		return NULL;
	f = alloc_file(inode, flags & (O_DIRECTORY | O_NONBLOCK), fops);
	iput(inode);		/* the file holds it now */
	if (!f)
		return NULL;
	f->private_data = (void *)(long)t->pid;
	*err = 0;
	return f;
}

struct file *proc_fd_file(const char *path, int *err)
{
	const char *p = path + strlen("/proc/");
	struct task_struct *t = proc_task(&p);
	struct file *f = NULL;
	unsigned long fd = 0;

	if (t && !strncmp(p, "fd/", 3) && p[3]) {
		for (p += 3; *p >= '0' && *p <= '9' && fd < (1UL << 31); p++)
			fd = fd * 10 + (*p - '0');
		if (!*p)
			f = fget_task(t, fd, NULL);
	}
	*err = f ? 0 : -ENOENT;
	return f;
}

/* Linux: fs/proc/fd.c proc_fd_link() and fs/proc/self.c
 * proc_self_get_link(); other /proc paths are not links (EINVAL) or
 * not there (ENOENT) */
int proc_readlink(const char *path, char *buf, size_t size)
{
	struct file *f;
	int err;

	if (!strcmp(path, "/proc/self")) {
		snprintf(buf, size, "%d", current->pid);
		return 0;
	}
	if (!strcmp(path, "/proc/mounts")) {
		strlcpy(buf, "self/mounts", size);
		return 0;
	}
	f = proc_fd_file(path, &err);
	if (!f)
		return err;
	file_d_path(f, buf, size);
	fput(f);
	return 0;
}

/* A link's mode: r-x for reading, -wx for writing, rwx for both, owner
 * only.  Linux: fs/proc/fd.c tid_fd_update_inode() */
static umode_t proc_fd_link_mode(struct file *f)
{
	umode_t mode = S_IFLNK;

	if (f->f_mode & FMODE_READ)
		mode |= S_IRUSR | S_IXUSR;
	if (f->f_mode & FMODE_WRITE)
		mode |= S_IWUSR | S_IXUSR;
	return mode;
}

/* /proc, /proc/PID and its task directories are directories, /proc/self
 * (not followed) a link.
 * An fd link followed is its file (Linux: proc_fd_link()); not followed,
 * it has the file's inode number here (Linux's has a /proc one).  The
 * inode comes with a reference: iput() it. */
/* Any other file of /proc (meminfo, PID/stat, ...): regular, of size 0,
 * r--r--r--, as Linux's (fs/proc/generic.c, proc_pid_make_inode()) */
static int proc_file_getattr(const char *path, struct inode **inode,
			     umode_t *mode)
{
	int err;
	struct file *f = proc_open(path, O_RDONLY, &err);

	if (!f)
		return err;
	fput(f);
	*mode = S_IFREG | 0444;
	*inode = new_inode(*mode);
	return *inode ? 0 : -ENOMEM;
}

int proc_fd_getattr(const char *path, bool follow, struct inode **inode,
		    umode_t *mode)
{
	struct task_struct *t;
	struct file *f;
	bool fdinfo;
	int err;

	if (!follow && !strcmp(path, "/proc/self")) {
		*mode = S_IFLNK | 0777;	/* Linux: proc_self_get_link() */
		*inode = new_inode(*mode);
		return *inode ? 0 : -ENOMEM;
	}
	if (proc_dir(path, &t) || !strcmp(path, "/proc/sys")) {
		*mode = S_IFDIR | 0555;	/* dr-xr-xr-x */
		*inode = new_inode(*mode);
		return *inode ? 0 : -ENOMEM;
	}
	if (proc_fd_dir(path, &fdinfo)) {
		*mode = proc_fd_dir_mode(fdinfo);
		*inode = new_inode(*mode);
		return *inode ? 0 : -ENOMEM;
	}
	f = proc_fd_file(path, &err);
	if (!f)
		return proc_file_getattr(path, inode, mode);
	*inode = f->f_inode;
	atomic_inc(&(*inode)->i_count);	/* Linux: igrab() */
	*mode = follow ? f->f_inode->i_mode : proc_fd_link_mode(f);
	fput(f);
	return 0;
}
