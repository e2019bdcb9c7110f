/*
 * mount(2), umount2(2) and the mount list.  A mount is a struct mount
 * in init_mnt_ns.list; its root is a dentry of its own whose d_parent is
 * the covered directory's parent and whose d_name is that directory's,
 * so ".." from a mount root and d_path() cross it like any directory;
 * the covered dentry is marked DCACHE_MOUNTED and follow_mount() steps
 * from it to the root.  Each change bumps the namespace's event counter
 * and wakes /proc/PID/mounts' pollers (mounts_poll, kernel/fs/proc.c).
 * Linux: fs/namespace.c.
 */
#include <pollux/mount.h>
#include <pollux/fs_struct.h>
#include <pollux/mutex.h>
#include <pollux/spinlock.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/mm.h>
#include <pollux/kernel.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

struct mnt_namespace init_mnt_ns;
/* Held by mount, umount and /proc's readers of the list.  Linux:
 * namespace_sem, an rw_semaphore (a mutex here: no rwsem yet) */
static struct mutex namespace_sem;
static u64 event;	/* Linux: fs/namespace.c event, all namespaces' */
/* Guards the list and DCACHE_MOUNTED for the lookups, which do not
 * take namespace_sem; writers hold both.  Linux: mount_lock (a seqlock
 * its lookups read under RCU) */
static DEFINE_SPINLOCK(mount_lock);

void namespace_lock(void)
{
	mutex_lock(&namespace_sem);
}

void namespace_unlock(void)
{
	mutex_unlock(&namespace_sem);
}

/* Linux: fs/namespace.c touch_mnt_namespace() */
static void touch_mnt_namespace(struct mnt_namespace *ns)
{
	ns->event = ++event;
	wake_up_interruptible(&ns->poll);
}

/* The mount whose root is root.  Linux: real_mount(path->mnt) */
struct mount *mount_of_root(struct dentry *root)
{
	struct mount *m, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(m, &init_mnt_ns.list, mnt_list)
		if (m->mnt.mnt_root == root)
			found = m;
	spin_unlock_irqrestore(&mount_lock, flags);
	return found;
}

int mnt_want_write(struct inode *inode)
{
	struct mount *m;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(m, &init_mnt_ns.list, mnt_list)
		if (inode->i_dev && m->sb.s_dev == inode->i_dev &&
		    ((m->mnt.mnt_flags & MNT_READONLY) ||
		     (m->sb.s_flags & SB_RDONLY)))
			ret = -EROFS;
	spin_unlock_irqrestore(&mount_lock, flags);
	return ret;
}

/* The mount on d (one at most: a second one goes on the first's root),
 * mount_lock held.  Linux: fs/namespace.c __lookup_mnt() */
static struct mount *__lookup_mnt(struct dentry *d)
{
	struct mount *m;

	list_for_each_entry(m, &init_mnt_ns.list, mnt_list)
		if (m->mnt_mountpoint == d && m != init_mnt_ns.root)
			return m;
	return NULL;
}

struct dentry *follow_mount(struct dentry *d)
{
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	while (d->d_flags & DCACHE_MOUNTED)
		d = __lookup_mnt(d)->mnt.mnt_root;
	spin_unlock_irqrestore(&mount_lock, flags);
	return d;
}

/* The smallest id no mount has.  Linux: mnt_alloc_id(), an IDA */
static int mnt_alloc_id(void)
{
	struct mount *m;
	int id = 1;

again:
	list_for_each_entry(m, &init_mnt_ns.list, mnt_list) {
		if (m->mnt_id == id) {
			id++;
			goto again;
		}
	}
	return id;
}

/* A new mount of type with its root directory, not yet in the tree.
 * Linux: vfs_create_mount() + the file system's fill_super() */
static struct mount *alloc_mount(const struct file_system_type *type)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->sb.s_type = type;
	m->sb.s_mode = type->root_mode;
	m->sb.s_max_blocks = m->sb.s_max_inodes = -1;
	m->mnt.mnt_sb = &m->sb;
	INIT_LIST_HEAD(&m->mnt_list);
	return m;
}

/* Linux: fs/namespace.c free_vfsmnt() */
static void free_mount(struct mount *m)
{
	kfree(m->mnt_devname);
	kfree(m);
}

/* The root directory, made once the options are known (mode=). */
static int mount_make_root(struct mount *m, struct dentry *mp)
{
	struct dentry *root = ramfs_create(NULL, mp->d_name,
					   S_IFDIR | m->sb.s_mode);

	if (!root)
		return -ENOMEM;
	root->d_magic = m->sb.s_type->magic;
	root->d_parent = dget(mp->d_parent);
	m->mnt.mnt_root = root;
	return 0;
}

/* Puts m on mp, in the mount that mp is in.  Linux: fs/namespace.c
 * graft_tree() -> attach_recursive_mnt() -> commit_tree() */
static void attach_mnt(struct mount *m, struct dentry *mp)
{
	unsigned long flags;

	m->mnt_mountpoint = mp;
	m->mnt_parent = mount_of_root(d_mount(mp));
	m->mnt_id = mnt_alloc_id();
	m->sb.s_dev = m->mnt_id;
	m->mnt.mnt_root->d_inode->i_dev = m->sb.s_dev;
	spin_lock_irqsave(&mount_lock, flags);
	mp->d_flags |= DCACHE_MOUNTED;
	list_add_tail(&m->mnt_list, &init_mnt_ns.list);
	spin_unlock_irqrestore(&mount_lock, flags);
	touch_mnt_namespace(&init_mnt_ns);
}

/*
 * Empties a detached mount's tree: every name goes, as if unlinked
 * leaf first; a file still open keeps its dentry and inode, as an
 * unlinked one does.  Linux: kill_litter_super() -> d_genocide()
 */
static void kill_litter_super(struct dentry *root)
{
	struct dentry *d = root, *parent;

	for (;;) {
		while (S_ISDIR(d->d_inode->i_mode) &&
		       !list_empty(&d->d_inode->i_dentries))
			d = list_first_entry(&d->d_inode->i_dentries,
					     struct dentry, d_child);
		if (d == root)
			break;
		parent = d->d_parent;
		do_unlink(d, S_ISDIR(d->d_inode->i_mode) ? AT_REMOVEDIR : 0);
		d = parent;
	}
	root->d_inode->i_nlink = 0;	/* an open fd of it: a dead directory */
	iput(root->d_inode);
	dput(root);
}

/* Takes m out of the tree and frees it.  Linux: umount_tree() for one
 * mount, then mntput()'s cleanup_mnt() */
static void umount_one(struct mount *m)
{
	struct dentry *mp = m->mnt_mountpoint;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	list_del(&m->mnt_list);
	if (!__lookup_mnt(mp))
		mp->d_flags &= ~DCACHE_MOUNTED;
	spin_unlock_irqrestore(&mount_lock, flags);
	touch_mnt_namespace(&init_mnt_ns);
	kill_litter_super(m->mnt.mnt_root);
	free_mount(m);
}

/* Whether m is a or below it */
static bool mnt_is_below(struct mount *m, struct mount *a)
{
	for (; m != init_mnt_ns.root; m = m->mnt_parent)
		if (m == a)
			return true;
	return a == init_mnt_ns.root;
}

/* The last mount below m (mounted after it), or NULL */
static struct mount *last_below(struct mount *m)
{
	struct mount *p, *last = NULL;

	list_for_each_entry(p, &init_mnt_ns.list, mnt_list)
		if (p != m && mnt_is_below(p, m))
			last = p;
	return last;
}

/* m and every mount below it, the later (deeper) first.
 * Linux: umount_tree() */
static void umount_tree(struct mount *m)
{
	struct mount *p;

	while ((p = last_below(m)))
		umount_one(p);
	umount_one(m);
}

/* Whether d is inside the tree of root */
static bool d_is_below(struct dentry *d, struct dentry *root)
{
	for (; d != root_dentry; d = d->d_parent)
		if (d == root)
			return true;
	return false;
}

/* The dentry after d in a preorder walk of root's tree, or NULL */
static struct dentry *d_walk_next(struct dentry *d, struct dentry *root)
{
	if (S_ISDIR(d->d_inode->i_mode) && !list_empty(&d->d_inode->i_dentries))
		return list_first_entry(&d->d_inode->i_dentries, struct dentry,
					d_child);
	for (; d != root; d = d->d_parent)
		if (d->d_child.next != &d->d_parent->d_inode->i_dentries)
			return list_next_entry(d, d_child);
	return NULL;
}

/* Whether some dentry of root's tree is used beyond the tree's own
 * references (one each, and one per child): an open file, a bound
 * socket, a mount below; or something is mounted on one. */
static bool tree_busy(struct dentry *root)
{
	struct dentry *d, *child;
	int expect;

	for (d = root; d; d = d_walk_next(d, root)) {
		if (d->d_flags & DCACHE_MOUNTED)
			return true;
		expect = 1;
		list_for_each_entry(child, &d->d_inode->i_dentries, d_child)
			expect++;
		if (atomic_read(&d->d_count) > expect)
			return true;
	}
	return false;
}

/* Whether some task's cwd is in m.  Linux: the cwd's path holds a
 * reference on its mount (mnt_get_count() in propagate_mount_busy()) */
static bool cwd_busy(struct mount *m)
{
	struct task_struct *t;
	struct dentry *d;
	int err;

	list_for_each_entry(t, &task_list, tasks) {
		if (!t->fs)
			continue;
		d = path_lookup(t->fs->cwd, &err);
		if (d && d_is_below(d, m->mnt.mnt_root))
			return true;
	}
	return false;
}

/* Linux: fs/pnode.c propagate_mount_busy() (no propagation here) */
static bool mount_busy(struct mount *m)
{
	return tree_busy(m->mnt.mnt_root) || cwd_busy(m);
}

/* Linux: fs/namespace.c do_umount(), namespace_sem held */
static int do_umount(struct mount *m, int flags)
{
	if (flags & MNT_EXPIRE) {
		if (m == init_mnt_ns.root || (flags & (MNT_FORCE | MNT_DETACH)))
			return -EINVAL;
		if (mount_busy(m))
			return -EBUSY;
		if (!m->mnt_expiry_mark) {
			m->mnt_expiry_mark = true;
			return -EAGAIN;
		}
	}
	/* Linux remounts the root read-only instead, EBUSY while a file
	 * of it is open for writing; Pollux has no remount */
	if (m == init_mnt_ns.root)
		return flags & MNT_DETACH ? -EINVAL : -EBUSY;
	if (flags & MNT_DETACH) {
		umount_tree(m);
		return 0;
	}
	if (mount_busy(m))
		return -EBUSY;
	umount_one(m);
	return 0;
}

/* Linux: fs/namespace.c can_umount() + path_umount() */
static int path_umount(struct dentry *d, int flags)
{
	struct mount *m;
	int err = -EINVAL;

	namespace_lock();
	m = d->d_magic ? mount_of_root(d) : NULL;
	if (m && !(m->mnt.mnt_flags & MNT_LOCKED))
		err = do_umount(m, flags);
	namespace_unlock();
	return err;
}

/* Linux: fs/namespace.c ksys_umount(); UMOUNT_NOFOLLOW changes
 * nothing: Pollux has no symbolic links in its tree */
long sys_umount2(char __user *name, int flags)
{
	struct dentry *d;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	d = user_path_at(AT_FDCWD, name, &err);
	return d ? path_umount(d, flags) : err;
}

/* The per-mount flags of mount(2)'s flags.  Linux: path_mount() */
static int mnt_flags_of(unsigned long flags)
{
	int mnt_flags = flags & MS_NOATIME ? 0 : MNT_RELATIME;

	if (flags & MS_NOSUID)
		mnt_flags |= MNT_NOSUID;
	if (flags & MS_NODEV)
		mnt_flags |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		mnt_flags |= MNT_NOEXEC;
	if (flags & MS_NOATIME)
		mnt_flags |= MNT_NOATIME;
	if (flags & MS_NODIRATIME)
		mnt_flags |= MNT_NODIRATIME;
	if (flags & MS_STRICTATIME)
		mnt_flags &= ~(MNT_RELATIME | MNT_NOATIME);
	if (flags & MS_RDONLY)
		mnt_flags |= MNT_READONLY;
	if (flags & MS_NOSYMFOLLOW)
		mnt_flags |= MNT_NOSYMFOLLOW;
	return mnt_flags;
}

/* Linux: fs/namespace.c do_new_mount(), namespace_sem held */
static int do_new_mount(struct dentry *mp, const char *fstype,
			unsigned long sb_flags, int mnt_flags,
			const char *name, char *data)
{
	const struct file_system_type *type;
	struct mount *m;
	int err;

	if (!fstype)
		return -EINVAL;
	type = get_fs_type(fstype);
	if (!type)
		return -ENODEV;
	m = alloc_mount(type);
	if (!m)
		return -ENOMEM;
	m->sb.s_flags = sb_flags;
	m->mnt.mnt_flags = mnt_flags;
	err = parse_monolithic_mount_data(&m->sb, data);
	if (!err && name && !(m->mnt_devname = kstrdup(name)))
		err = -ENOMEM;
	/* Linux: graft_tree()'s d_is_dir() check */
	if (!err && !S_ISDIR(mp->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err)
		err = mount_make_root(m, mp);
	if (err) {
		free_mount(m);
		return err;
	}
	attach_mnt(m, mp);
	return 0;
}

/* MS_PRIVATE and the other propagation types: every mount is private
 * here, so only the checks.  Linux: fs/namespace.c do_change_type() */
static int do_change_type(struct dentry *d, unsigned long flags)
{
	unsigned long type = flags & ~MS_REC & ~MS_SILENT;

	if (!d->d_magic)
		return -EINVAL;
	if (type != MS_SHARED && type != MS_PRIVATE && type != MS_SLAVE &&
	    type != MS_UNBINDABLE)
		return -EINVAL;
	return 0;
}

/* Linux: fs/namespace.c path_mount().  MS_REMOUNT, MS_BIND and MS_MOVE
 * are not built (EINVAL): see docs/vfs.md */
static int path_mount(const char *dev_name, struct dentry *mp,
		      const char *type, unsigned long flags, char *data)
{
	unsigned long sb_flags;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOUSER)
		return -EINVAL;
	sb_flags = flags & (SB_RDONLY | SB_SYNCHRONOUS | SB_MANDLOCK |
			    SB_DIRSYNC | SB_LAZYTIME);
	if (flags & (MS_REMOUNT | MS_BIND))
		return -EINVAL;
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return do_change_type(mp, flags);
	if (flags & MS_MOVE)
		return -EINVAL;
	namespace_lock();
	err = do_new_mount(mp, type, sb_flags, mnt_flags_of(flags), dev_name,
			   data);
	namespace_unlock();
	return err;
}

/* A string argument of mount(2): NULL stays NULL; *err for a bad
 * pointer or one of a page or more.  Linux: copy_mount_string() */
static char *copy_mount_string(const char __user *s, int *err)
{
	char *k;
	long len;

	*err = 0;
	if (!s)
		return NULL;
	k = kmalloc(PAGE_SIZE);
	if (!k) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(k, s, PAGE_SIZE);
	*err = len < 0 ? (int)len : len == PAGE_SIZE ? -EINVAL : 0;
	if (*err) {
		kfree(k);
		return NULL;
	}
	return k;
}

/* Up to a page of options, as much as can be read; EFAULT if none,
 * NULL for none given.  Linux: fs/namespace.c copy_mount_options() */
static char *copy_mount_options(const void __user *data, int *err)
{
	size_t done;
	char *copy;

	*err = 0;
	if (!data)
		return NULL;
	copy = kzalloc(PAGE_SIZE);
	if (!copy) {
		*err = -ENOMEM;
		return NULL;
	}
	done = PAGE_SIZE - copy_from_user(copy, data, PAGE_SIZE);
	while (done < PAGE_SIZE &&
	       !get_user(copy[done], (const char __user *)data + done))
		done++;
	if (!done) {
		kfree(copy);
		*err = -EFAULT;
		return NULL;
	}
	copy[PAGE_SIZE - 1] = '\0';
	return copy;
}

/* Linux: fs/namespace.c SYSCALL_DEFINE5(mount) + do_mount() */
long sys_mount(char __user *dev_name, char __user *dir_name,
	       char __user *type, unsigned long flags, void __user *data)
{
	char *ktype, *kdev = NULL, *options = NULL;
	struct dentry *mp = NULL;
	int err;

	ktype = copy_mount_string(type, &err);
	if (!err)
		kdev = copy_mount_string(dev_name, &err);
	if (!err)
		options = copy_mount_options(data, &err);
	if (!err)
		mp = user_path_at(AT_FDCWD, dir_name, &err);
	if (mp)
		err = path_mount(kdev, mp, ktype, flags, options);
	kfree(options);
	kfree(kdev);
	kfree(ktype);
	return err;
}

/* A mount at boot, on a directory made for it.  Linux: init_mount() */
static void init_mount(const char *path, const struct file_system_type *type,
		       const char *dev_name, const char *data, int mnt_flags)
{
	int err;
	struct dentry *mp = path_lookup(path, &err);
	char options[32];

	if (!mp)
		mp = path_create(path, S_IFDIR | 0755, &err);
	strlcpy(options, data, sizeof(options));
	if (!mp || do_new_mount(mp, type->name, 0, mnt_flags, dev_name,
				options))
		panic("cannot mount %s on %s", type->name, path);
}

/* Linux: fs/namespace.c mnt_init() + init_mount_tree(); then what
 * Linux's devtmpfs and an init system mount */
void mnt_init(void)
{
	struct mount *root = alloc_mount(&rootfs_fs_type);

	mutex_init(&namespace_sem);
	INIT_LIST_HEAD(&init_mnt_ns.list);
	init_waitqueue_head(&init_mnt_ns.poll);
	if (!root)
		panic("no memory for the root mount");
	root->mnt.mnt_root = root_dentry;
	root->mnt_parent = root;
	root->mnt_mountpoint = root_dentry;
	root->mnt_devname = kstrdup("rootfs");
	root->mnt_id = root->sb.s_dev = root_dentry->d_inode->i_dev = 1;
	list_add_tail(&root->mnt_list, &init_mnt_ns.list);
	init_mnt_ns.root = root;

	init_mount("/dev", &tmpfs_fs_type, "tmpfs", "mode=755", MNT_RELATIME);
	init_mount("/dev/shm", &tmpfs_fs_type, "tmpfs", "", MNT_RELATIME);
	init_mount("/tmp", &tmpfs_fs_type, "tmpfs", "", MNT_RELATIME);
	init_mount("/proc", &proc_fs_type, "proc", "", MNT_RELATIME);
	/* procfs is served by path (kernel/fs/proc.c): /proc stays */
	mount_of_root(path_lookup("/proc", &(int){0}))->mnt.mnt_flags |=
		MNT_LOCKED;
}
