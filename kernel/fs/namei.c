/*
 * Path lookup in the ramfs tree and opening by path.
 * Linux: fs/namei.c (path_lookupat, do_filp_open), much reduced: no
 * symlinks; "." and ".." are handled here, and mount points crossed.
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/fs_struct.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <uapi/limits.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

/* Linux: fs/dcache.c d_lookup(), plus "." and ".." (follow_dotdot);
 * a name with something mounted on it is that mount's root
 * (follow_mount); ".." from a mount's root is the covered directory's
 * parent, its d_parent */
static struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d;

	if (len == 1 && name[0] == '.')
		return dir;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return dir->d_parent;
	list_for_each_entry(d, &dir->d_inode->i_dentries, d_child)
		if (strlen(d->d_name) == len && !memcmp(d->d_name, name, len))
			return follow_mount(d);
	return NULL;
}

/* A directory that has been removed: it is empty and nothing can be
 * created in it (Linux: IS_DEADDIR, -ENOENT); its ".." still works. */
static bool d_dead(struct dentry *d)
{
	return S_ISDIR(d->d_inode->i_mode) && d->d_inode->i_nlink == 0;
}

/*
 * Walks path from d.  Returns the dentry, or NULL with *err set; when
 * only the last component is missing, *parent (if given) is its
 * directory and *last its name, for O_CREAT and mkdir.
 */
static struct dentry *walk_path(struct dentry *d, const char *p, int *err,
				struct dentry **parent, const char **last)
{
	while (d) {
		const char *end;
		struct dentry *next;

		while (*p == '/')
			p++;
		if (!*p)
			return d;
		if (!S_ISDIR(d->d_inode->i_mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		if (end - p >= (long)sizeof(d->d_name)) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		next = d_lookup(d, p, end - p);
		if (!next) {
			*err = -ENOENT;
			if (parent && !strchr(end, '/') ) {
				*parent = d;
				*last = p;
			}
			return NULL;
		}
		d = next;
		p = end;
	}
	return NULL;
}

/*
 * Where path starts: /, the cwd (kept as a path), or the directory open
 * as dfd; NULL with *err (EBADF, ENOTDIR, or the cwd's lookup error).
 * Linux: fs/namei.c path_init()
 */
static struct dentry *path_init(int dfd, const char *path, int *err)
{
	struct file *f;

	if (!*path) {
		*err = -ENOENT;
		return NULL;
	}
	if (*path == '/')
		return root_dentry;
	if (dfd == AT_FDCWD)
		return walk_path(root_dentry, current->fs->cwd, err, NULL, NULL);
	f = files_lookup_fd_raw(current->files, dfd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (!f->f_dentry || !S_ISDIR(f->f_inode->i_mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	return f->f_dentry;
}

/*
 * For rename: the directory path's last component is in, that name and
 * what it names now (NULL if nothing).  pp->path is the kmalloc'd copy
 * the name points into (kfree it, even on error).
 * Linux: fs/namei.c filename_parentat() + lookup_one_qstr_excl()
 */
int path_parentat(int dfd, const char __user *upath, struct path_parent *pp)
{
	int err = 0;
	char *path = getname(upath, &err), *slash;
	size_t len;

	pp->path = path;
	if (!path)
		return err;
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = 0;
	slash = strrchr(path, '/');
	pp->last = slash ? slash + 1 : path;
	if (!slash)
		pp->dir = path_init(dfd, path, &err);
	else if (slash == path)
		pp->dir = root_dentry;
	else
		*slash = 0, pp->dir = path_lookupat(dfd, path, &err);
	if (!pp->dir)
		return err;
	if (!S_ISDIR(pp->dir->d_inode->i_mode))
		return -ENOTDIR;
	if (d_dead(pp->dir))
		return -ENOENT;
	len = strlen(pp->last);
	if (len >= sizeof(pp->dir->d_name))
		return -ENAMETOOLONG;
	pp->normal = len && strcmp(pp->last, ".") && strcmp(pp->last, "..");
	pp->child = pp->normal ? d_lookup(pp->dir, pp->last, len) : NULL;
	return 0;
}

/* Linux: fs/namei.c filename_lookup() */
struct dentry *path_lookupat(int dfd, const char *path, int *err)
{
	return walk_path(path_init(dfd, path, err), path, err, NULL, NULL);
}

/* Linux: fs/namei.c kern_path() */
struct dentry *path_lookup(const char *path, int *err)
{
	return path_lookupat(AT_FDCWD, path, err);
}

/* Linux: fs/namei.c user_path_at() */
struct dentry *user_path_at(int dfd, const char __user *upath, int *err)
{
	char *path = getname(upath, err);
	struct dentry *d;

	if (!path)
		return NULL;
	d = path_lookupat(dfd, path, err);
	kfree(path);
	return d;
}

/* What "" with AT_EMPTY_PATH names: the file open as dfd, or the cwd.
 * Linux: fs/namei.c path_init() with LOOKUP_EMPTY */
struct inode *empty_path_inode(int dfd, int *err)
{
	struct dentry *d;
	struct file *f;

	if (dfd == AT_FDCWD) {
		d = path_lookup(current->fs->cwd, err);
		return d ? d->d_inode : NULL;
	}
	f = files_lookup_fd_raw(current->files, dfd);
	if (!f)
		*err = -EBADF;
	return f ? f->f_inode : NULL;
}

/* The inode (dfd, upath) names, "" meaning dfd itself if flags has
 * AT_EMPTY_PATH.  Linux: fs/namei.c user_path_at() */
struct inode *user_path_inode(int dfd, const char __user *upath, int flags,
			      int *err)
{
	char *path = getname(upath, err);
	struct dentry *d;

	if (!path)
		return *err == -ENOENT && (flags & AT_EMPTY_PATH) ?
		       empty_path_inode(dfd, err) : NULL;
	d = path_lookupat(dfd, path, err);
	kfree(path);
	return d ? d->d_inode : NULL;
}

/* Creates the missing last component of path; mode includes the type
 * (the caller has applied the umask).
 * Linux: fs/namei.c filename_create() + vfs_create()/vfs_mkdir() */
struct dentry *path_createat(int dfd, const char *path, umode_t mode, int *err)
{
	struct dentry *parent = NULL, *d;
	const char *last = NULL;

	d = walk_path(path_init(dfd, path, err), path, err, &parent, &last);
	if (d) {
		*err = -EEXIST;
		return NULL;
	}
	if (!parent)
		return NULL;
	/* nothing is made in procfs: its names are its own */
	if (d_dead(parent) || parent->d_magic == PROC_SUPER_MAGIC) {
		*err = -ENOENT;
		return NULL;
	}
	*err = mnt_want_write(parent->d_inode);
	if (*err)
		return NULL;
	d = ramfs_create(parent, last, mode);
	if (!d)
		*err = -ENOMEM;
	return d;
}

struct dentry *path_create(const char *path, umode_t mode, int *err)
{
	return path_createat(AT_FDCWD, path, mode, err);
}

/* Linux: fs/namei.c may_open() — types only, no permissions (all root) */
static int may_open(struct dentry *d, int flags)
{
	umode_t mode = d->d_inode->i_mode;

	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
		return -EISDIR;
	/* a bound AF_UNIX socket's node: connect to it, never open it
	 * (Linux: bad_sock_fops' sock_no_open()) */
	if (S_ISSOCK(mode))
		return -ENXIO;
	return 0;
}

/* /proc's files are not in the tree: they are found by their absolute
 * path (proc_open).  From a cwd under /proc (top does chdir("/proc"),
 * then opens "stat"), a relative path is made absolute, its leading
 * "./" and "../" taken off the cwd: kmalloc'd, or NULL when the cwd is
 * not under /proc or path is absolute.
 * Linux: fs/namei.c path_init() from current->fs->pwd */
char *proc_cwd_path(int dfd, const char *path)
{
	const char *cwd = current->fs->cwd;
	char *abs, *slash;

	if (*path == '/' || dfd != AT_FDCWD || strncmp(cwd, "/proc", 5) ||
	    (cwd[5] && cwd[5] != '/') || !(abs = kmalloc(PATH_MAX)))
		return NULL;
	strlcpy(abs, cwd, PATH_MAX);
	for (;;) {
		if (path[0] == '.' && (path[1] == '/' || !path[1])) {
			path += 1;
		} else if (path[0] == '.' && path[1] == '.' &&
			   (path[2] == '/' || !path[2])) {
			slash = strrchr(abs, '/');
			slash[slash == abs] = '\0';	/* "/proc/1" -> "/proc" -> "/" */
			path += 2;
		} else {
			break;
		}
		while (*path == '/')
			path++;
	}
	if (*path)
		snprintf(abs + strlen(abs), PATH_MAX - strlen(abs), "%s%s",
			 strcmp(abs, "/") ? "/" : "", path);
	return abs;
}

/* mode is the new file's, the umask already applied.
 * Linux: fs/namei.c do_filp_open() */
struct file *filp_openat(int dfd, const char *path, int flags, umode_t mode,
			 int *err)
{
	struct dentry *d;
	struct inode *inode;
	struct file *f;
	char *abs = proc_cwd_path(dfd, path);

	if (abs) {
		f = filp_openat(AT_FDCWD, abs, flags, mode, err);
		kfree(abs);
		return f;
	}
	if (!strncmp(path, "/proc/", 6) || !strcmp(path, "/proc"))
		return proc_open(path, flags, err);
	d = path_lookupat(dfd, path, err);

	if (d && (flags & O_CREAT) && (flags & O_EXCL)) {
		*err = -EEXIST;
		return NULL;
	}
	if (!d && (flags & O_CREAT) && *err == -ENOENT)
		d = path_createat(dfd, path, S_IFREG | (mode & 07777), err);
	if (!d)
		return NULL;
	*err = may_open(d, flags);
	inode = d->d_inode;
	/* Linux: do_open()'s and do_dentry_open()'s mnt_want_write() */
	if (!*err && S_ISREG(inode->i_mode) &&
	    ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		*err = mnt_want_write(inode);
	if (*err)
		return NULL;
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) &&
	    (flags & O_ACCMODE) != O_RDONLY)
		inode->i_size = 0;
	f = alloc_file(inode, flags & ~O_CLOEXEC, inode->i_fop);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	f->f_dentry = dget(d);
	f->f_mode |= FMODE_PREAD | FMODE_PWRITE;	/* Linux: do_dentry_open() */
	*err = f->f_op->open ? f->f_op->open(inode, f) : 0;
	if (*err) {
		fput(f);
		return NULL;
	}
	/* ->open saw them (a tty, O_NOCTTY); Linux: do_dentry_open() */
	f->f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	return f;
}

/* Linux: fs/open.c filp_open() */
struct file *filp_open(const char *path, int flags, umode_t mode, int *err)
{
	return filp_openat(AT_FDCWD, path, flags, mode, err);
}

/* Linux: fs/char_dev.c + mknod: a device node under /dev */
void register_chrdev(const char *name, unsigned int rdev,
		     const struct file_operations *fops)
{
	int err;
	struct dentry *dev = path_lookup("/dev", &err);
	struct dentry *d = ramfs_create(dev, name, S_IFCHR | 0666);

	if (d) {
		d->d_inode->i_rdev = rdev;
		d->d_inode->i_fop = fops;
	}
}

/* Linux: fs/d_path.c d_path().  A mount on "/" has a root named "/"
 * (no other name has a '/'): it ends the path as the root does. */
int d_path(struct dentry *d, char *buf, size_t size)
{
	char tmp[256];
	size_t pos = sizeof(tmp) - 1;

	tmp[pos] = 0;
	for (; d != root_dentry && strcmp(d->d_name, "/"); d = d->d_parent) {
		size_t len = strlen(d->d_name);

		if (len + 1 > pos)
			return -ENAMETOOLONG;
		pos -= len;
		memcpy(tmp + pos, d->d_name, len);
		tmp[--pos] = '/';
	}
	if (pos == sizeof(tmp) - 1)
		tmp[--pos] = '/';
	if (sizeof(tmp) - pos > size)
		return -ENAMETOOLONG;
	strlcpy(buf, tmp + pos, size);
	return 0;
}
