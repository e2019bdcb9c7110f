/*
 * An iov_iter walks the segments of a readv/writev (or the one segment of
 * a read/write), so a file's ->read_iter/->write_iter sees the whole call
 * at once: a pipe then writes up to PIPE_BUF bytes atomically however the
 * caller cut them, and wakes its readers once per call.
 * Linux: include/linux/uio.h — user iovecs only (ITER_IOVEC/ITER_UBUF), no
 * bvecs, kvecs or pipes.
 */
#ifndef POLLUX_UIO_H
#define POLLUX_UIO_H

#include <pollux/types.h>
#include <uapi/uio.h>

struct iov_iter {
	const struct iovec *iov;	/* kernel copy of the user's vector */
	unsigned long nr_segs;		/* segments left, iov[0] the current */
	size_t iov_offset;		/* bytes of iov[0] already done */
	size_t count;			/* bytes left in all of them */
};

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Linux: lib/iov_iter.c iov_iter_init() */
void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
/* Copy n bytes to/from the user segments and advance; fewer on a fault
 * (counted in whole segments' pieces).  Linux: _copy_to_iter(),
 * _copy_from_iter() */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i);
/*
 * Copies the user's vector of nr_segs iovecs into *iovp (kmalloc'd; the
 * caller kfrees it) and sets up i.  Returns the total length, capped at
 * MAX_RW_COUNT, or -EINVAL (too many segments, a negative length), -EFAULT
 * (the vector, or a segment outside user space), -ENOMEM.
 * Linux: lib/iov_iter.c import_iovec() (iovec_from_user + __import_iovec)
 */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned int nr_segs,
		     struct iovec **iovp, struct iov_iter *i);

#define MAX_RW_COUNT 0x7ffff000L	/* Linux's cap on one read/write */

#endif
