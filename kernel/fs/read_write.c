/* read, write, lseek, readv, writev.  Linux: fs/read_write.c */
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/uio.h>

#define MAX_RW_COUNT 0x7ffff000L	/* Linux's cap on one read/write */

/* Linux: vfs_read() */
static ssize_t vfs_read(struct file *f, char __user *buf, size_t n)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	return f->f_op->read(f, buf, MIN(n, (size_t)MAX_RW_COUNT), &f->f_pos);
}

/* Linux: vfs_write() */
static ssize_t vfs_write(struct file *f, const char __user *buf, size_t n)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	return f->f_op->write(f, buf, MIN(n, (size_t)MAX_RW_COUNT), &f->f_pos);
}

/* Linux: fs/read_write.c ksys_read() */
long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_read(f, buf, count);
	fput(f);
	return ret;
}

/* Linux: fs/read_write.c ksys_write() */
long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_write(f, buf, count);
	fput(f);
	return ret;
}

/* Linux: fs/read_write.c ksys_lseek() */
long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (whence > SEEK_END)
		ret = -EINVAL;
	else if (!f->f_op->llseek)
		ret = -ESPIPE;
	else
		ret = f->f_op->llseek(f, offset, whence);
	fput(f);
	return ret;
}

#define UIO_MAXIOV 1024

/* Linux: do_readv()/do_writev() through import_iovec(), one segment at a
 * time; a short transfer ends the loop as Linux's does.  import_iovec()
 * takes the count as an unsigned int: of the system call's unsigned long,
 * the high half is dropped (2^32 + 1 is one iovec). */
static long do_iov(unsigned long fd, const struct iovec __user *uvec,
		   unsigned int vlen, bool write)
{
	struct file *f;
	long total = 0;

	f = fget(fd);
	if (!f)
		return -EBADF;
	if (vlen > UIO_MAXIOV) {	/* after the fd, as Linux */
		fput(f);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < vlen; i++) {
		struct iovec iov;
		ssize_t n;

		if (copy_from_user(&iov, &uvec[i], sizeof(iov))) {
			total = total ? total : -EFAULT;
			break;
		}
		if ((long)iov.iov_len < 0) {
			total = total ? total : -EINVAL;
			break;
		}
		n = write ? vfs_write(f, iov.iov_base, iov.iov_len) :
			    vfs_read(f, iov.iov_base, iov.iov_len);
		if (n < 0) {
			total = total ? total : n;
			break;
		}
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	fput(f);
	return total;
}

long sys_readv(unsigned long fd, const struct iovec __user *vec,
	       unsigned long vlen)
{
	return do_iov(fd, vec, vlen, false);
}

long sys_writev(unsigned long fd, const struct iovec __user *vec,
		unsigned long vlen)
{
	return do_iov(fd, vec, vlen, true);
}
