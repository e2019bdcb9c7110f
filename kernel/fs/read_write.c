/* read, write, lseek, readv, writev.  Linux: fs/read_write.c */
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <pollux/mm.h>
#include <pollux/uio.h>

/* A read(2) or write(2) on a file that only has ->read_iter/->write_iter:
 * one segment.  Linux: fs/read_write.c new_sync_read(), new_sync_write() */
static ssize_t new_sync_rw(struct file *f, char __user *buf, size_t n,
			   bool write)
{
	struct iovec iov = { .iov_base = buf, .iov_len = n };
	struct kiocb kiocb = { .ki_filp = f, .ki_pos = f->f_pos };
	struct iov_iter iter;
	ssize_t ret;

	iov_iter_init(&iter, &iov, 1, n);
	ret = write ? f->f_op->write_iter(&kiocb, &iter)
		    : f->f_op->read_iter(&kiocb, &iter);
	f->f_pos = kiocb.ki_pos;
	return ret;
}

/* Linux: vfs_read() */
static ssize_t vfs_read(struct file *f, char __user *buf, size_t n)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read && !f->f_op->read_iter)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	n = MIN(n, (size_t)MAX_RW_COUNT);
	if (f->f_op->read)
		return f->f_op->read(f, buf, n, &f->f_pos);
	return new_sync_rw(f, buf, n, false);
}

/* Linux: vfs_write() */
static ssize_t vfs_write(struct file *f, const char __user *buf, size_t n)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write && !f->f_op->write_iter)
		return -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	n = MIN(n, (size_t)MAX_RW_COUNT);
	if (f->f_op->write)
		return f->f_op->write(f, buf, n, &f->f_pos);
	return new_sync_rw(f, (char __user *)buf, n, true);
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

/* A readv/writev on a file without ->read_iter/->write_iter: one call
 * per segment; a short transfer ends the loop, an error after some bytes
 * returns the bytes.  Linux: fs/read_write.c do_loop_readv_writev() */
static ssize_t do_loop_readv_writev(struct file *f, struct iov_iter *iter,
				    bool write)
{
	ssize_t ret = 0;

	for (; iter->nr_segs; iter->iov++, iter->nr_segs--) {
		struct iovec iov = *iter->iov;
		ssize_t n;

		n = write ? f->f_op->write(f, iov.iov_base, iov.iov_len, &f->f_pos)
			  : f->f_op->read(f, iov.iov_base, iov.iov_len, &f->f_pos);
		if (n < 0) {
			if (!ret)
				ret = n;
			break;
		}
		ret += n;
		if ((size_t)n != iov.iov_len)
			break;
	}
	return ret;
}

/* Linux: fs/read_write.c vfs_readv()/vfs_writev(): EBADF for the wrong
 * access mode, EINVAL without the operation, then the vector's errors;
 * a zero total returns 0 without calling the file. */
static ssize_t vfs_iov(struct file *f, const struct iovec __user *uvec,
		       unsigned int vlen, bool write)
{
	const struct file_operations *fop = f->f_op;
	struct iovec *iov;
	struct iov_iter iter;
	ssize_t ret;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !fop->write && !fop->write_iter : !fop->read && !fop->read_iter)
		return -EINVAL;
	ret = import_iovec(uvec, vlen, &iov, &iter);
	if (ret <= 0) {
		kfree(iov);
		return ret;
	}
	if (write ? fop->write_iter != NULL : fop->read_iter != NULL) {
		struct kiocb kiocb = { .ki_filp = f, .ki_pos = f->f_pos };

		ret = write ? fop->write_iter(&kiocb, &iter)
			    : fop->read_iter(&kiocb, &iter);
		f->f_pos = kiocb.ki_pos;
	} else {
		ret = do_loop_readv_writev(f, &iter, write);
	}
	kfree(iov);
	return ret;
}

/* Linux: fs/read_write.c do_readv()/do_writev().  import_iovec() takes
 * the count as an unsigned int: of the system call's unsigned long, the
 * high half is dropped (2^32 + 1 is one iovec). */
static long do_iov(unsigned long fd, const struct iovec __user *uvec,
		   unsigned int vlen, bool write)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_iov(f, uvec, vlen, write);
	fput(f);
	return ret;
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
