/*
 * ramfs: the in-memory filesystem that holds the whole tree (the initrd
 * unpacks into it; /tmp is writable).  A regular file's bytes live in
 * the page cache (mm/filemap.c), whole frames that mmap maps too; a
 * directory's entries are dentries on its inode's i_dentries list.
 * Linux: fs/ramfs/inode.c, fs/libfs.c (simple_* helpers).
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/mm.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/dirent.h>
#include <uapi/statfs.h>

static const struct file_operations ramfs_file_operations;
static const struct file_operations ramfs_dir_operations;

struct dentry *root_dentry;

/* A new name in dir for inode, taking the tree's reference on it (the
 * inode's, given by the caller).  Linux: fs/dcache.c d_alloc() + d_add() */
static struct dentry *d_alloc(struct dentry *dir, const char *name,
			      struct inode *inode)
{
	struct dentry *d = kmalloc(sizeof(*d));

	if (!d)
		return NULL;
	strlcpy(d->d_name, name, sizeof(d->d_name));
	d->d_inode = inode;
	atomic_set(&d->d_count, 1);		/* the tree's: dropped by unlink */
	d->d_magic = 0;
	d->d_flags = 0;
	d->d_parent = dir ? dget(dir) : d;
	if (dir)
		list_add_tail(&d->d_child, &dir->d_inode->i_dentries);
	else
		INIT_LIST_HEAD(&d->d_child);
	return d;
}

/* Creates name in dir with a fresh inode.  Linux: ramfs_mknod() */
struct dentry *ramfs_create(struct dentry *dir, const char *name,
			    umode_t mode)
{
	struct inode *inode = new_inode(mode);
	struct dentry *d;

	if (!inode)
		return NULL;
	inode->i_fop = S_ISDIR(mode) ? &ramfs_dir_operations :
				       &ramfs_file_operations;
	inode->i_dev = dir ? dir->d_inode->i_dev : 0;	/* a root: its mount's */
	d = d_alloc(dir, name, inode);
	if (!d)
		iput(inode);
	return d;
}

/* name in dir becomes another name of inode, a hard link (the initrd's,
 * as busybox's applets).  Linux: fs/libfs.c simple_link() */
struct dentry *ramfs_link(struct dentry *dir, const char *name,
			  struct inode *inode)
{
	struct dentry *d = d_alloc(dir, name, inode);

	if (d) {
		atomic_inc(&inode->i_count);
		inode->i_nlink++;
	}
	return d;
}

/*
 * Copies between a kernel or user buffer and the file's pages at pos:
 * the bytes copied, or -ENOMEM (writing into a hole there was no frame
 * for) or -EFAULT if none were.  A hole reads as zeros; copy's return is
 * the bytes it could not copy (a user buffer that runs into unmapped
 * memory), which ends the copy there.  Linux: the page loops of
 * mm/filemap.c filemap_read() and generic_perform_write().
 */
typedef size_t (*copy_fn)(void *page, void *buf, size_t n);

static ssize_t ramfs_copy(struct inode *inode, void *buf, size_t n,
			  loff_t pos, bool write, copy_fn copy)
{
	static char zeros[PAGE_SIZE];
	size_t done = 0;

	while (done < n) {
		unsigned long index = (pos + done) / PAGE_SIZE;
		size_t off = (pos + done) % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - off), left;
		u64 pa = write ? find_or_create_page(&inode->i_data, index) :
				 find_get_page(&inode->i_data, index);
		char *page = pa ? (char *)phys_to_virt(pa) : zeros;

		if (write && !pa)
			return done ? (ssize_t)done : -ENOMEM;
		left = copy(page + off, (char *)buf + done, chunk);
		done += chunk - left;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static size_t to_kernel(void *page, void *buf, size_t n)
{
	memcpy(buf, page, n);
	return 0;
}

static size_t from_kernel(void *page, void *buf, size_t n)
{
	memcpy(page, buf, n);
	return 0;
}

static size_t to_user(void *page, void *buf, size_t n)
{
	return copy_to_user((void __user *)buf, page, n);
}

static size_t from_user(void *page, void *buf, size_t n)
{
	return copy_from_user(page, (const void __user *)buf, n);
}

/* Kernel-side write, for the initrd. */
int ramfs_write_data(struct inode *inode, const void *data, size_t n,
		     loff_t pos)
{
	ssize_t ret = ramfs_copy(inode, (void *)data, n, pos, true, from_kernel);

	if (ret < (ssize_t)n)
		return ret < 0 ? ret : -ENOMEM;
	if (pos + (loff_t)n > inode->i_size)
		inode->i_size = pos + n;
	return 0;
}

/* Kernel-side read, for exec.  Linux: fs/read_write.c kernel_read() */
size_t ramfs_read_data(struct inode *inode, void *buf, size_t n, loff_t pos)
{
	if (pos >= inode->i_size)
		return 0;
	n = MIN(n, (size_t)(inode->i_size - pos));
	return ramfs_copy(inode, buf, n, pos, false, to_kernel);
}

/* truncate: a regular ramfs file grows with zeros (holes, which cost
 * nothing until written) or shrinks to size;
 * anything else (a device, a /proc file) is -EINVAL, as Linux's
 * vfs_truncate for a non-regular file.
 * Linux: fs/libfs.c simple_setattr() -> truncate_setsize() */
int ramfs_setsize(struct inode *inode, loff_t size)
{
	if (!S_ISREG(inode->i_mode) || inode->i_fop != &ramfs_file_operations)
		return -EINVAL;
	truncate_setsize(inode, size);
	return 0;
}

/* A buffer that runs into unmapped memory gets a short read or write of
 * the bytes before the hole, EFAULT only if none were copied.
 * Linux: mm/filemap.c filemap_read(), generic_perform_write() */
static ssize_t ramfs_read(struct file *f, char __user *buf, size_t n,
			  loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t ret;

	if (*pos >= inode->i_size)
		return 0;
	n = MIN(n, (size_t)(inode->i_size - *pos));
	ret = ramfs_copy(inode, (void *)buf, n, *pos, false, to_user);
	if (ret > 0)
		*pos += ret;
	return ret;
}

static ssize_t ramfs_write(struct file *f, const char __user *buf, size_t n,
			   loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t ret;

	/* O_APPEND moved *pos to the end: read_write.c append_pos() */
	ret = ramfs_copy(inode, (void *)buf, n, *pos, true, from_user);
	if (ret <= 0)
		return ret;
	*pos += ret;
	if (*pos > inode->i_size)
		inode->i_size = *pos;
	return ret;
}

/* Linux: mm/filemap.c generic_file_mmap(): the vma's faults find the
 * file's pages (filemap_fault), the only kind of fault Pollux has */
static int ramfs_mmap(struct file *f, struct vm_area_struct *vma)
{
	return 0;
}

/* Linux: fs/read_write.c generic_file_llseek() */
static loff_t ramfs_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->i_size; break;
	default: return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

static unsigned char dirent_type(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	default: return DT_UNKNOWN;
	}
}

/* Emits one linux_dirent64; 0 if it does not fit, else its length.
 * Linux: fs/readdir.c filldir64() */
long emit_dirent(char __user *buf, size_t room, u64 ino, loff_t next,
			const char *name, unsigned char type)
{
	char rec[sizeof(struct linux_dirent64) + 64];
	struct linux_dirent64 *de = (struct linux_dirent64 *)rec;
	size_t namelen = strlen(name);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) +
				 namelen + 1, 8);

	if (reclen > room)
		return 0;
	memset(rec, 0, reclen);
	de->d_ino = ino;
	de->d_off = next;
	de->d_reclen = reclen;
	de->d_type = type;
	memcpy(de->d_name, name, namelen);
	if (copy_to_user(buf, rec, reclen))
		return -EFAULT;
	return reclen;
}

/* getdents64: f_pos counts entries: 0 ".", 1 "..", then the children.
 * Linux: fs/libfs.c dcache_readdir() */
static long ramfs_iterate(struct file *f, void __user *buf, size_t n)
{
	struct dentry *dir = f->f_dentry, *d;
	size_t used = 0;
	loff_t i = 0;
	long len;

	if (dir->d_inode->i_nlink == 0)
		return -ENOENT;		/* removed: Linux's IS_DEADDIR */
	for (; f->f_pos < 2; f->f_pos++) {
		struct dentry *which = f->f_pos == 0 ? dir : dir->d_parent;

		len = emit_dirent((char *)buf + used, n - used,
				  which->d_inode->i_ino, f->f_pos + 1,
				  f->f_pos == 0 ? "." : "..", DT_DIR);
		if (len <= 0)
			return used ? (long)used : (len ? len : -EINVAL);
		used += len;
	}
	list_for_each_entry(d, &dir->d_inode->i_dentries, d_child) {
		if (i++ < f->f_pos - 2)
			continue;
		len = emit_dirent((char *)buf + used, n - used,
				  d->d_inode->i_ino, f->f_pos + 1, d->d_name,
				  dirent_type(d->d_inode->i_mode));
		if (len <= 0)
			return used ? (long)used : (len ? len : -EINVAL);
		used += len;
		f->f_pos++;
	}
	return used;
}

static const struct file_operations ramfs_file_operations = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = ramfs_llseek,
	.mmap = ramfs_mmap,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.fsync = noop_fsync,
};

static const struct file_operations ramfs_dir_operations = {
	.llseek = ramfs_llseek,
	.fsync = noop_fsync,
	.iterate = ramfs_iterate,
};

/* The root and the directories of the mounts made at boot.
 * Linux: init/do_mounts.c (rootfs) */
void vfs_init(void)
{
	root_dentry = ramfs_create(NULL, "/", S_IFDIR | 0755);
	root_dentry->d_magic = RAMFS_MAGIC;
	mnt_init();
}
