/*
 * sendfile: bytes from one file to another without passing through user
 * space.  Linux moves the in file's pages through a pipe
 * (do_splice_direct(): ->splice_read fills an internal pipe, the actor's
 * ->splice_write empties it; to a pipe, splice_file_to_pipe() fills the
 * out pipe itself).  Pollux copies a page at a time through a kernel
 * buffer, with the files' own ->read and ->write: the ->splice_read and
 * ->splice_write of a file that has them are copy_splice_read() and
 * iter_file_splice_write() below, which let those take a kernel address.
 * Linux: fs/read_write.c do_sendfile(), fs/splice.c
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/uio.h>
#include <uapi/epoll.h>
#include <uapi/errno.h>

/* n bytes of in at *pos into the kernel buffer buf.
 * Linux: fs/splice.c copy_splice_read() (into a pipe's pages) */
ssize_t copy_splice_read(struct file *in, loff_t *pos, void *buf, size_t n)
{
	ssize_t ret;

	uaccess_kernel_begin();
	ret = vfs_read(in, (char __user *)buf, n, pos);
	uaccess_kernel_end();
	return ret;
}

/* n bytes of the kernel buffer buf to out at *pos.
 * Linux: fs/splice.c iter_file_splice_write() (from a pipe's pages) */
ssize_t iter_file_splice_write(struct file *out, const void *buf, size_t n,
			       loff_t *pos)
{
	ssize_t ret;

	uaccess_kernel_begin();
	ret = vfs_write(out, (const char __user *)buf, n, pos);
	uaccess_kernel_end();
	return ret;
}

/* Whether the pipe out has a free slot, as its poll says (EPOLLOUT). */
static bool pipe_has_room(struct file *out)
{
	return vfs_poll(out, NULL) & EPOLLOUT;
}

/*
 * The checks before any byte moves: 1 to go on, 0 for nothing to move,
 * or an errno.  To a pipe (Linux: splice_file_to_pipe()), a full one
 * with O_NONBLOCK is EAGAIN even for 0 bytes.  To anything else (Linux:
 * do_splice_direct_actor(), splice_direct_to_actor()), an O_APPEND out
 * is EINVAL, and so is an in that cannot seek ("we don't want to
 * randomly drop data for eg socket -> socket splicing": bytes read and
 * not written are read again).  Then a file without ->splice_read or
 * ->splice_write is EINVAL (Linux: warn_unsupported()).
 */
static int sendfile_checks(struct file *in, struct file *out,
			   loff_t *out_pos, size_t count)
{
	const struct file_operations *ifop = in->f_op;
	int ret;

	if (S_ISFIFO(out->f_inode->i_mode)) {
		if ((out->f_flags & O_NONBLOCK) && !pipe_has_room(out))
			return -EAGAIN;
	} else {
		ret = rw_verify_area(out, out_pos, count);
		if (ret)
			return ret;
		if (out->f_flags & O_APPEND)
			return -EINVAL;
		if (!ifop->llseek || ifop->llseek == no_llseek)
			return -EINVAL;
	}
	if (!count)
		return 0;
	if (!ifop->splice_read || !out->f_op->splice_write)
		return -EINVAL;
	return 1;
}

/*
 * Up to len bytes from in at *ppos to out at *opos, a page at a time.
 * Returns the bytes written, or the first error if none were; *ppos
 * ends after the bytes written (a short write rewinds it).  To a pipe,
 * it stops once the pipe is full or a read comes short (Linux reads
 * once, what fits in the free slots).
 * Linux: fs/splice.c splice_direct_to_actor()
 */
static ssize_t do_splice_direct(struct file *in, loff_t *ppos,
				struct file *out, loff_t *opos, size_t len)
{
	bool to_pipe = S_ISFIFO(out->f_inode->i_mode);
	char *buf = kmalloc(PAGE_SIZE);
	ssize_t ret = 0;

	if (!buf)
		return -ENOMEM;
	while (len && !(ret && to_pipe && !pipe_has_room(out))) {
		size_t want = MIN(len, PAGE_SIZE);
		loff_t prev = *ppos;
		ssize_t n, w;

		n = in->f_op->splice_read(in, ppos, buf, want);
		if (n <= 0) {
			ret = ret ? ret : n;
			break;
		}
		w = out->f_op->splice_write(out, buf, n, opos);
		*ppos = prev + MAX(w, 0);
		if (w <= 0) {
			ret = ret ? ret : w;
			break;
		}
		ret += w;
		len -= w;
		/* to a pipe, Linux reads once: a short read (a socket with no
		 * more queued) must not become a wait for more */
		if (w < n || (to_pipe && (size_t)n < want))
			break;
	}
	kfree(buf);
	return ret;
}

/* Linux: fs/read_write.c do_sendfile(): in's position is *ppos if
 * given (the file must take offsets: ESPIPE), else its f_pos; count is
 * checked against it, then capped at MAX_RW_COUNT. */
static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in = fget(in_fd), *out = NULL;
	loff_t pos, out_pos;
	long ret = -EBADF;

	if (!in || !(in->f_mode & FMODE_READ))
		goto out;
	ret = -ESPIPE;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		goto out;
	pos = ppos ? *ppos : in->f_pos;
	ret = rw_verify_area(in, &pos, count);
	if (ret)
		goto out;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	out = fget(out_fd);
	ret = -EBADF;
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out;
	out_pos = out->f_pos;
	ret = sendfile_checks(in, out, &out_pos, count);
	if (ret > 0)
		ret = do_splice_direct(in, &pos, out, &out_pos, count);
	if (ret > 0) {
		out->f_pos = out_pos;
		if (ppos)
			*ppos = pos;
		else
			in->f_pos = pos;
	}
out:
	if (out)
		fput(out);
	if (in)
		fput(in);
	return ret;
}

/* The offset is read before any fd is looked at (EFAULT) and written
 * back whatever happened (EFAULT then, even after bytes moved).
 * Linux: fs/read_write.c SYSCALL_DEFINE4(sendfile64) */
long sys_sendfile(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count);
	if (put_user(pos, offset))
		return -EFAULT;
	return ret;
}
