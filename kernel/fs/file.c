/*
 * Open file descriptions and inodes: allocation and reference counting.
 * The last fput of a file releases it: eventpoll forgets it first
 * (eventpoll_release), then the file's own ->release runs.
 * Linux: fs/file_table.c (alloc_file, fput/__fput), fs/inode.c.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/eventpoll.h>
#include <uapi/errno.h>

static unsigned long last_ino;
static struct kmem_cache *filp_cachep, *inode_cachep;

/* Linux: fs/file_table.c files_init() + fs/inode.c inode_init() */
void files_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file));
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode));
}

/* Linux: fs/inode.c new_inode() */
struct inode *new_inode(umode_t mode)
{
	struct inode *inode = kmem_cache_zalloc(inode_cachep);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_ino = ++last_ino;
	inode->i_nlink = 1;
	atomic_set(&inode->i_count, 1);
	INIT_LIST_HEAD(&inode->i_dentries);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	mutex_init(&inode->i_data.i_mmap_rwsem);
	return inode;
}

/* Linux: fs/inode.c iput() — no cache: the last reference frees it */
void iput(struct inode *inode)
{
	if (!atomic_dec_and_test(&inode->i_count))
		return;
	truncate_inode_pages(&inode->i_data, 0);
	kmem_cache_free(inode_cachep, inode);
}

struct dentry *dget(struct dentry *d)
{
	atomic_inc(&d->d_count);
	return d;
}

/* The last reference to an unlinked dentry frees it: an open directory
 * (a dfd, getdents) outlives its rmdir.  Each dentry holds its parent,
 * so a removed directory's ".." stays valid, as in Linux. */
void dput(struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	if (!atomic_dec_and_test(&d->d_count))
		return;
	kfree(d);
	if (parent != d)
		dput(parent);
}

/* Linux: fs/file_table.c alloc_file() */
struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kmem_cache_zalloc(filp_cachep);

	if (!f)
		return NULL;
	f->f_op = fop;
	f->f_inode = inode;
	atomic_inc(&inode->i_count);
	f->f_flags = flags;
	switch (flags & O_ACCMODE) {
	case O_RDONLY: f->f_mode = FMODE_READ; break;
	case O_WRONLY: f->f_mode = FMODE_WRITE; break;
	default: f->f_mode = FMODE_READ | FMODE_WRITE; break;
	}
	atomic_long_set(&f->f_count, 1);
	INIT_LIST_HEAD(&f->f_ep_links);
	spin_lock_init(&f->f_lock);
	INIT_LIST_HEAD(&f->f_tfile_llink);
	return f;
}

/* Linux: fs/file_table.c fput() + __fput() */
void fput(struct file *f)
{
	if (!atomic_long_dec_and_test(&f->f_count))
		return;
	/* epoll sets watching f drop it: epoll(7)'s "last close" rule */
	if (!list_empty(&f->f_ep_links))
		eventpoll_release(f);
	if (f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_dentry)
		dput(f->f_dentry);
	iput(f->f_inode);
	kmem_cache_free(filp_cachep, f);
}

/* Linux: fs/read_write.c no_llseek() (removed in 6.12; ESPIPE as there) */
loff_t no_llseek(struct file *f, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* Linux: fs/read_write.c noop_llseek() — lseek succeeds, nothing moves */
loff_t noop_llseek(struct file *f, loff_t offset, int whence)
{
	return f->f_pos;
}
