/* Walking the user segments of a read/write/readv/writev.
 * Linux: lib/iov_iter.c (the ITER_IOVEC case only). */
#include <pollux/uio.h>
#include <pollux/mm.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

/* Linux: iov_iter_init() */
void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	i->iov = iov;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

/* One step of a copy: the user address and length of what is left of the
 * current segment (skipping empty ones), at most n bytes. */
static size_t iter_chunk(struct iov_iter *i, size_t n, char __user **base)
{
	while (i->nr_segs && i->iov_offset == i->iov->iov_len) {
		i->iov++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
	if (!i->nr_segs)
		return 0;
	*base = (char __user *)i->iov->iov_base + i->iov_offset;
	return MIN(n, i->iov->iov_len - i->iov_offset);
}

static void iter_advance(struct iov_iter *i, size_t n)
{
	i->iov_offset += n;
	i->count -= n;
}

/*
 * Copies up to n bytes between kbuf and the user segments, advancing the
 * iterator.  A fault ends the copy at the start of the segment that
 * faulted (Linux also counts the bytes of that segment that made it;
 * every caller here treats a short copy as EFAULT, so none sees it).
 * Linux: lib/iov_iter.c iterate_and_advance()
 */
static size_t copy_iter(void *kbuf, size_t n, struct iov_iter *i, bool to_user)
{
	size_t done = 0, len;
	char __user *base;

	n = MIN(n, i->count);
	while (done < n && (len = iter_chunk(i, n - done, &base))) {
		char *k = (char *)kbuf + done;

		if (to_user ? copy_to_user(base, k, len) : copy_from_user(k, base, len))
			break;
		iter_advance(i, len);
		done += len;
	}
	return done;
}

/* Linux: _copy_to_iter() */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	return copy_iter((void *)from, n, i, true);
}

/* Linux: _copy_from_iter() */
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	return copy_iter(to, n, i, false);
}

/* Linux: lib/iov_iter.c import_iovec() -> iovec_from_user() +
 * __import_iovec(): the vector is read in order, a fault (EFAULT) or a
 * negative length (EINVAL) ending it; then a segment outside user space
 * is EFAULT, and the total is capped at MAX_RW_COUNT by shortening the
 * segment that crosses it. */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned int nr_segs,
		     struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov;
	size_t total = 0;
	unsigned long seg;

	*iovp = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc(MAX(nr_segs, 1U) * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	for (seg = 0; seg < nr_segs; seg++) {
		int err = copy_from_user(&iov[seg], &uvec[seg], sizeof(*iov)) ?
			  -EFAULT : (ssize_t)iov[seg].iov_len < 0 ? -EINVAL : 0;

		if (err) {
			kfree(iov);
			return err;
		}
	}
	for (seg = 0; seg < nr_segs; seg++) {
		size_t len = iov[seg].iov_len;

		if (!access_ok(iov[seg].iov_base, len)) {
			kfree(iov);
			return -EFAULT;
		}
		if (len > MAX_RW_COUNT - total)
			iov[seg].iov_len = len = MAX_RW_COUNT - total;
		total += len;
	}
	iov_iter_init(i, iov, nr_segs, total);
	*iovp = iov;
	return total;
}
