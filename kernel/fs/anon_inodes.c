/* Files with no path (epoll instances, ...), all sharing one inode, as
 * Linux does; the name is kept for /proc fdinfo and pollux-files.
 * Linux: fs/anon_inodes.c */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

static struct inode *anon_inode;

/* Linux: anon_inode_getfile() */
struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *f;

	if (!anon_inode) {
		/* Linux's anon inode: mode 0600, no file type bits */
		anon_inode = new_inode(S_IRUSR | S_IWUSR);
		if (!anon_inode)
			return NULL;
	}
	f = alloc_file(anon_inode, flags & (O_ACCMODE | O_NONBLOCK), fops);
	if (!f)
		return NULL;
	f->f_name = name;
	f->private_data = priv;
	return f;
}

/* Linux: anon_inode_getfd() */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags)
{
	int fd = get_unused_fd_flags(flags);
	struct file *f;

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv, flags);
	if (!f) {
		put_unused_fd(fd);
		return -ENOMEM;
	}
	fd_install(fd, f);
	return fd;
}
