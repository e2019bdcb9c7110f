/*
 * read, write, lseek, readv, writev, and their forms at an offset:
 * pread64, pwrite64, preadv, pwritev, preadv2, pwritev2.  One path for
 * all: the system call picks the position (f_pos, or the offset of a
 * file that takes one), vfs_rw()/vfs_iov() check the file and the
 * range, do_iter_rw() calls the file.  Linux: fs/read_write.c
 */
#include <pollux/file.h>
#include <pollux/fs.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <pollux/mm.h>
#include <pollux/uio.h>

/* Linux: fs/read_write.c rw_verify_area() (no unsigned-offset files) */
int rw_verify_area(struct file *f, const loff_t *pos, size_t count)
{
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (pos && (*pos < 0 || (loff_t)((u64)*pos + count) < 0))
		return -EINVAL;
	return 0;
}

/*
 * Where a call reads or writes: f_pos (ppos NULL), else the caller's
 * offset if the file takes one (FMODE_PREAD/FMODE_PWRITE), else NULL:
 * ESPIPE.  Linux: the FMODE_PREAD tests of ksys_pread64(), do_preadv()
 */
static loff_t *rw_pos(struct file *f, loff_t *ppos, bool write)
{
	if (!ppos)
		return &f->f_pos;
	return (f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) ? ppos : NULL;
}

/* EBADF for the wrong access mode, EINVAL without the operation (EISDIR
 * for reading a directory: Linux's generic_read_dir()).
 * Linux: the FMODE_READ and FMODE_CAN_READ tests of vfs_read()/vfs_write() */
static int rw_may(struct file *f, bool write)
{
	const struct file_operations *fop = f->f_op;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !fop->write && !fop->write_iter : !fop->read && !fop->read_iter)
		return !write && S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	return 0;
}

/*
 * The RWF_ flags of a preadv2/pwritev2.  Unknown bits are EOPNOTSUPP,
 * APPEND with NOAPPEND EINVAL.  No Pollux file can promise not to block
 * (FMODE_NOWAIT), an untorn write (FMODE_CAN_ATOMIC_WRITE) or uncached
 * I/O (FOP_DONTCACHE): EOPNOTSUPP, as Linux's tmpfs and procfs answer.
 * HIPRI, DSYNC, SYNC change nothing in memory; NOSIGNAL is taken but a
 * pipe or socket still sends SIGPIPE.
 * Linux: include/linux/fs.h kiocb_set_rw_flags()
 */
static int rw_flags_check(__kernel_rwf_t flags)
{
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	if ((flags & RWF_APPEND) && (flags & RWF_NOAPPEND))
		return -EINVAL;
	if (flags & (RWF_NOWAIT | RWF_ATOMIC | RWF_DONTCACHE))
		return -EOPNOTSUPP;
	return 0;
}

/* An appending write to a regular file starts at its end: O_APPEND or
 * RWF_APPEND, unless RWF_NOAPPEND; a pwrite's offset too (pwrite(2),
 * BUGS).  Linux: iocb_flags()' IOCB_APPEND, generic_write_checks_count() */
static void append_pos(struct file *f, loff_t *pos, __kernel_rwf_t flags)
{
	bool append = (f->f_flags & O_APPEND) || (flags & RWF_APPEND);

	if (append && !(flags & RWF_NOAPPEND) && S_ISREG(f->f_inode->i_mode))
		*pos = f->f_inode->i_size;
}

/* A file with only ->read/->write: one call per segment; a short
 * transfer ends the loop, an error after some bytes returns the bytes.
 * Linux: fs/read_write.c do_loop_readv_writev() (which takes only
 * RWF_HIPRI: Linux's tmpfs has ->read_iter, so Pollux's ramfs takes them
 * all) */
static ssize_t do_loop_readv_writev(struct file *f, struct iov_iter *iter,
				    loff_t *pos, bool write)
{
	ssize_t ret = 0;

	for (; iter->nr_segs; iter->iov++, iter->nr_segs--) {
		struct iovec iov = *iter->iov;
		ssize_t n;

		n = write ? f->f_op->write(f, iov.iov_base, iov.iov_len, pos)
			  : f->f_op->read(f, iov.iov_base, iov.iov_len, pos);
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

/* The call itself: ->read_iter/->write_iter get it all at once.
 * Linux: fs/read_write.c do_iter_readv_writev(), new_sync_read() */
static ssize_t do_iter_rw(struct file *f, struct iov_iter *iter, loff_t *pos,
			  __kernel_rwf_t flags, bool write)
{
	const struct file_operations *fop = f->f_op;
	struct kiocb kiocb = { .ki_filp = f };
	ssize_t ret;

	if (write)
		append_pos(f, pos, flags);
	if (!(write ? fop->write_iter : fop->read_iter))
		return do_loop_readv_writev(f, iter, pos, write);
	kiocb.ki_pos = *pos;
	ret = write ? fop->write_iter(&kiocb, iter) : fop->read_iter(&kiocb, iter);
	*pos = kiocb.ki_pos;
	return ret;
}

/* A read(2) or write(2) at *pos.  Linux: fs/read_write.c vfs_read(),
 * vfs_write() */
static ssize_t vfs_rw(struct file *f, char __user *buf, size_t n, loff_t *pos,
		      bool write)
{
	struct iovec iov = { .iov_base = buf };
	struct iov_iter iter;
	ssize_t ret = rw_may(f, write);

	if (ret)
		return ret;
	if (!access_ok(buf, n))
		return -EFAULT;
	ret = rw_verify_area(f, pos, n);
	if (ret)
		return ret;
	iov.iov_len = n = MIN(n, (size_t)MAX_RW_COUNT);
	iov_iter_init(&iter, &iov, 1, n);
	return do_iter_rw(f, &iter, pos, 0, write);
}

/* Out of line, as Linux's (exported there): a backtrace through read or
 * write shows them (tests/gdb/write.gdb, docs/syscall.md). */
__noinline ssize_t vfs_read(struct file *f, char __user *buf, size_t n,
			    loff_t *pos)
{
	return vfs_rw(f, buf, n, pos, false);
}

__noinline ssize_t vfs_write(struct file *f, const char __user *buf,
			     size_t n, loff_t *pos)
{
	return vfs_rw(f, (char __user *)buf, n, pos, true);
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

/* Linux: fs/read_write.c vfs_readv()/vfs_writev(): the file's checks,
 * then the vector's errors; a zero total returns 0 without checking the
 * range or the flags, or calling the file. */
static ssize_t vfs_iov(struct file *f, const struct iovec __user *uvec,
		       unsigned int vlen, loff_t *pos, __kernel_rwf_t flags,
		       bool write)
{
	struct iovec *iov;
	struct iov_iter iter;
	ssize_t ret = rw_may(f, write);

	if (ret)
		return ret;
	ret = import_iovec(uvec, vlen, &iov, &iter);
	if (ret > 0)
		ret = rw_verify_area(f, pos, ret);
	if (!ret && iov_iter_count(&iter))
		ret = rw_flags_check(flags);
	if (!ret && iov_iter_count(&iter))
		ret = do_iter_rw(f, &iter, pos, flags, write);
	kfree(iov);
	return ret;
}

/* What a call of the family was given: a buffer (read, pread64...) or
 * a vector (readv, preadv, preadv2...), the RWF_ flags, the direction. */
struct rw_call {
	const void __user *p;		/* the buffer, or the iovec array */
	unsigned long n;		/* its bytes, or its iovecs */
	bool vec, write;
	__kernel_rwf_t flags;
};

/*
 * Every call of the family: a negative offset is EINVAL before the fd
 * is looked at; ppos NULL is at f_pos.  import_iovec() takes a vector's
 * count as an unsigned int: of the system call's unsigned long, the high
 * half is dropped (2^32 + 1 is one iovec).
 * Linux: fs/read_write.c ksys_read(), ksys_pread64(), do_readv(),
 * do_preadv() and their write twins
 */
static long ksys_rw(unsigned long fd, const struct rw_call *c, loff_t *ppos)
{
	struct fd fd_f;
	struct file *f;
	loff_t *pos;
	long ret;

	if (ppos && *ppos < 0)
		return -EINVAL;
	fd_f = fdget(fd);
	f = fd_f.file;
	if (!f)
		return -EBADF;
	pos = rw_pos(f, ppos, c->write);
	if (!pos)
		ret = -ESPIPE;
	else if (c->vec)
		ret = vfs_iov(f, c->p, c->n, pos, c->flags, c->write);
	else if (c->write)
		ret = vfs_write(f, c->p, c->n, pos);
	else
		ret = vfs_read(f, (char __user *)c->p, c->n, pos);
	fdput(fd_f);
	return ret;
}

/* Linux: fs/read_write.c SYSCALL_DEFINE3(read) */
long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	return ksys_rw(fd, &(struct rw_call){ .p = buf, .n = count }, NULL);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE3(write) */
long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	return ksys_rw(fd, &(struct rw_call){ .p = buf, .n = count,
					      .write = true }, NULL);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE4(pread64) */
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	return ksys_rw(fd, &(struct rw_call){ .p = buf, .n = count }, &pos);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE4(pwrite64) */
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  loff_t pos)
{
	return ksys_rw(fd, &(struct rw_call){ .p = buf, .n = count,
					      .write = true }, &pos);
}

/* The vector calls, at f_pos (ppos NULL) or at *ppos. */
static long do_iov(unsigned long fd, const struct iovec __user *vec,
		   unsigned long vlen, loff_t *ppos, __kernel_rwf_t flags,
		   bool write)
{
	return ksys_rw(fd, &(struct rw_call){ .p = vec, .n = vlen, .vec = true,
					      .write = write, .flags = flags },
		       ppos);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE3(readv) */
long sys_readv(unsigned long fd, const struct iovec __user *vec,
	       unsigned long vlen)
{
	return do_iov(fd, vec, vlen, NULL, 0, false);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE3(writev) */
long sys_writev(unsigned long fd, const struct iovec __user *vec,
		unsigned long vlen)
{
	return do_iov(fd, vec, vlen, NULL, 0, true);
}

/*
 * The offset comes as two halves for 32-bit callers; on x86-64 the low
 * one holds it all, and Linux's pos_from_hilo() shifts the high one out
 * entirely: the list gives preadv/pwritev no pos_h.  preadv2/pwritev2
 * take offset -1 as f_pos (as readv/writev).
 */
static long do_iov_at(unsigned long fd, const struct iovec __user *vec,
		      unsigned long vlen, unsigned long pos_l, bool v2,
		      __kernel_rwf_t flags, bool write)
{
	loff_t pos = (loff_t)pos_l;

	return do_iov(fd, vec, vlen, v2 && pos == -1 ? NULL : &pos, flags,
		      write);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE5(preadv) */
long sys_preadv(unsigned long fd, const struct iovec __user *vec,
		unsigned long vlen, unsigned long pos_l)
{
	return do_iov_at(fd, vec, vlen, pos_l, false, 0, false);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE5(pwritev) */
long sys_pwritev(unsigned long fd, const struct iovec __user *vec,
		 unsigned long vlen, unsigned long pos_l)
{
	return do_iov_at(fd, vec, vlen, pos_l, false, 0, true);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE6(preadv2) */
long sys_preadv2(unsigned long fd, const struct iovec __user *vec,
		 unsigned long vlen, unsigned long pos_l, unsigned long pos_h,
		 __kernel_rwf_t flags)
{
	return do_iov_at(fd, vec, vlen, pos_l, true, flags, false);
}

/* Linux: fs/read_write.c SYSCALL_DEFINE6(pwritev2) */
long sys_pwritev2(unsigned long fd, const struct iovec __user *vec,
		  unsigned long vlen, unsigned long pos_l, unsigned long pos_h,
		  __kernel_rwf_t flags)
{
	return do_iov_at(fd, vec, vlen, pos_l, true, flags, true);
}
