/*
 * rename, renameat, renameat2: moving a dentry to another name or
 * directory, replacing or exchanging with what is there; link, linkat:
 * another name for a file.
 * Linux: fs/namei.c do_renameat2(), vfs_rename(), do_linkat(); fs/libfs.c
 * simple_rename(), simple_link() (ramfs's).
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Whether a is d or one of its ancestors. */
static bool is_subdir(struct dentry *d, struct dentry *a)
{
	for (; d != root_dentry; d = d->d_parent)
		if (d == a)
			return true;
	return a == root_dentry;
}

/* Takes d out of its directory and puts it in dir as name. */
static void d_move(struct dentry *d, struct dentry *dir, const char *name)
{
	list_del(&d->d_child);
	strlcpy(d->d_name, name, sizeof(d->d_name));
	dput(d->d_parent);	/* still in the tree: not freed */
	d->d_parent = dget(dir);
	list_add_tail(&d->d_child, &dir->d_inode->i_dentries);
}

/* What moving source over target (NULL: none) needs: for a
 * replacement, matching types; neither a mount point; a replaced
 * directory empty.  Linux: fs/namei.c vfs_rename()'s may_delete(),
 * is_local_mountpoint(), then simple_rename()'s simple_empty() */
static int may_replace(struct dentry *source, struct dentry *target,
		       unsigned int flags)
{
	bool dir = S_ISDIR(source->d_inode->i_mode);
	bool replace = target && !(flags & RENAME_EXCHANGE);

	if (replace && dir && !S_ISDIR(target->d_inode->i_mode))
		return -ENOTDIR;
	if (replace && !dir && S_ISDIR(target->d_inode->i_mode))
		return -EISDIR;
	if (d_mountpoint(source) || (target && d_mountpoint(target)))
		return -EBUSY;
	if (replace && dir && !list_empty(&target->d_inode->i_dentries))
		return -ENOTEMPTY;
	return 0;
}

static int do_rename(struct path_parent *o, struct path_parent *n,
		     unsigned int flags)
{
	struct dentry *old = o->child, *new = n->child;
	char name[sizeof(old->d_name)];
	int err;

	if (!old)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && new)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !new)
		return -ENOENT;
	if (is_subdir(n->dir, old))	/* into itself */
		return -EINVAL;
	if (new && is_subdir(o->dir, new))
		return -ENOTEMPTY;
	if (old == new)
		return 0;
	err = may_replace(old, new, flags);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		strlcpy(name, old->d_name, sizeof(name));
		d_move(old, n->dir, n->last);
		d_move(new, o->dir, name);
		return 0;
	}
	if (new)
		do_unlink(new, S_ISDIR(new->d_inode->i_mode) ? AT_REMOVEDIR : 0);
	d_move(old, n->dir, n->last);
	return 0;
}

/* Linux: fs/namei.c do_renameat2() */
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	struct path_parent o = { 0 }, n = { 0 };
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)	/* for overlayfs; ramfs has none */
		return -EINVAL;
	err = path_parentat(olddfd, oldname, &o);
	if (!err)
		err = path_parentat(newdfd, newname, &n);
	if (!err && d_mount(o.dir) != d_mount(n.dir))
		err = -EXDEV;
	else if (!err && (!o.normal || !n.normal))
		err = (flags & RENAME_NOREPLACE) && o.normal ? -EEXIST : -EBUSY;
	else if (!err && !(err = mnt_want_write(o.dir->d_inode)))
		err = do_rename(&o, &n, flags);
	kfree(o.path);
	kfree(n.path);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* Linux: fs/namei.c do_linkat() + vfs_link() — no symbolic links to
 * follow; a directory cannot have two names (EPERM) */
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags)
{
	struct path_parent n = { 0 };
	struct dentry *old;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	old = user_path_at(olddfd, oldname, &err);
	if (!old)
		return err;
	err = path_parentat(newdfd, newname, &n);
	if (!err && (n.child || !n.normal))
		err = -EEXIST;
	else if (!err && d_mount(old) != d_mount(n.dir))
		err = -EXDEV;
	else if (!err && !(err = mnt_want_write(n.dir->d_inode)) &&
		 S_ISDIR(old->d_inode->i_mode))
		err = -EPERM;
	else if (!err && !ramfs_link(n.dir, n.last, old->d_inode))
		err = -ENOMEM;
	kfree(n.path);
	return err;
}

/* Linux: fs/namei.c SYSCALL_DEFINE2(link) */
long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
