/*
 * Pipes.  Linux: fs/pipe.c.
 *
 * A pipe is a ring of page-sized buffers, PIPE_DEF_BUFFERS (64 KiB) at
 * first and as many as F_SETPIPE_SZ asks (a power of two), as in
 * Linux since 2.6.11: head is where the next buffer goes, tail the oldest
 * one, both free-running counters.  "Full" counts slots, not bytes: a
 * page that was partly read still holds its slot, and a small write is
 * merged into the last page only if it fits there whole.  A write of at
 * most PIPE_BUF (= PAGE_SIZE) bytes therefore lands in one page, which is
 * what makes it atomic; nothing else is needed.
 *
 * Locking, as Linux: pipe->mutex over the ring and the reader and writer
 * counts (read, write, release, F_SETPIPE_SZ, FIONREAD), dropped while
 * a reader or writer sleeps; every sleep re-checks the state.  Wake-ups
 * are made after the unlock.  Order: pipe->mutex > rd_wait/wr_wait locks.
 * pipe_poll reads head and tail without it (READ_ONCE), as Linux's.
 * Under preempt=full a writer preempted while merging into the last
 * buffer would otherwise race a reader that consumes that buffer.
 */
#include <pollux/fs.h>
#include <pollux/mutex.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/sysctl.h>
#include <pollux/uaccess.h>
#include <pollux/uio.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/termios.h>
#include <uapi/signal.h>

#define PIPE_DEF_BUFFERS 16
#define O_NOTIFICATION_PIPE O_EXCL	/* Linux: uapi/linux/watch_queue.h */

#define PIPE_BUF_FLAG_CAN_MERGE 0x1	/* later small writes may append */
#define PIPE_BUF_FLAG_PACKET 0x2	/* O_DIRECT: one read per buffer */

/* Linux: include/linux/pipe_fs_i.h struct pipe_buffer */
struct pipe_buffer {
	char *page;
	unsigned int offset, len;
	unsigned int flags;
};

/* Linux: include/linux/pipe_fs_i.h struct pipe_inode_info — no splice,
 * no watch queues */
struct pipe_inode_info {
	struct mutex mutex;		/* everything below but the wait queues */
	unsigned int head, tail;
	unsigned int max_usage;		/* slots usable: ring_size */
	unsigned int ring_size;		/* slots in bufs[], a power of two */
	unsigned int readers, writers;
	unsigned int files;		/* struct files still open on it */
	/* Set by the first poll: from then on every write wakes readers,
	 * which is what edge-triggered epoll users came to rely on. */
	bool poll_usage;
	wait_queue_head_t rd_wait, wr_wait;
	struct inode *inode;
	char name[24];			/* "pipe:[ino]", the files' f_name */
	struct pipe_buffer *bufs;
	/* The last page a read used up, kept for the next write: a ping-pong
	 * through the pipe allocates no page.  Linux: pipe->tmp_page */
	char *tmp_page;
};

/* Linux: fs/pipe.c pipe_max_size, /proc/sys/fs/pipe-max-size */
static long pipe_max_size = 1048576;

static const struct ctl_table fs_pipe_sysctls[] = {
	{ "pipe-max-size", &pipe_max_size, PAGE_SIZE, 1L << 31 },
	{ NULL },
};

static const struct file_operations pipefifo_fops;

static bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static bool pipe_full(unsigned int head, unsigned int tail,
		      unsigned int limit)
{
	return head - tail >= limit;
}

static struct pipe_buffer *pipe_buf(struct pipe_inode_info *pipe,
				    unsigned int slot)
{
	return &pipe->bufs[slot & (pipe->ring_size - 1)];
}

/* Linux: pipe_readable() — data, or no writer left to wait for */
static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return !pipe_empty(pipe->head, pipe->tail) || !pipe->writers;
}

/* Linux: pipe_writable() — room, or no reader left (the write fails) */
static bool pipe_writable(struct pipe_inode_info *pipe)
{
	return !pipe_full(pipe->head, pipe->tail, pipe->max_usage) ||
	       !pipe->readers;
}

/*
 * Linux: wait_event_interruptible_exclusive(), as pipe_read/pipe_write
 * use it.  Sleepers queue exclusively, so a wake-up runs one of them;
 * the one that runs wakes the next if something is left for it.
 */
static int pipe_wait_exclusive(wait_queue_head_t *wq,
			       struct pipe_inode_info *pipe,
			       bool (*ready)(struct pipe_inode_info *))
{
	DEFINE_WAIT(wait);
	int ret = 0;

	mutex_unlock(&pipe->mutex);
	for (;;) {
		prepare_to_wait_exclusive(wq, &wait, TASK_INTERRUPTIBLE);
		if (ready(pipe))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(wq, &wait);
	mutex_lock(&pipe->mutex);
	return ret;
}

/* Takes the oldest buffer off the ring once it is used up.
 * Linux: pipe_update_tail() + anon_pipe_buf_release() */
static void pipe_consume_tail(struct pipe_inode_info *pipe,
			      struct pipe_buffer *buf)
{
	if (!pipe->tmp_page)
		pipe->tmp_page = buf->page;
	else
		free_page(buf->page);
	buf->page = NULL;
	pipe->tail++;
}

/* Linux: fs/pipe.c anon_pipe_read() (pipe_read before 6.15): the whole
 * of a read or readv, so a readv never waits once it has bytes */
static ssize_t pipe_read(struct kiocb *iocb, struct iov_iter *to)
{
	size_t total_len = iov_iter_count(to);
	struct file *filp = iocb->ki_filp;
	struct pipe_inode_info *pipe = filp->private_data;
	bool wake_writer = false, wake_next_reader = false;
	ssize_t ret = 0;

	if (total_len == 0)	/* a null read succeeds */
		return 0;

	mutex_lock(&pipe->mutex);
	for (;;) {
		unsigned int head = pipe->head, tail = pipe->tail;

		if (!pipe_empty(head, tail)) {
			struct pipe_buffer *buf = pipe_buf(pipe, tail);
			size_t chars = MIN(buf->len, total_len);

			if (copy_to_iter(buf->page + buf->offset, chars, to) <
			    chars) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			ret += chars;
			buf->offset += chars;
			buf->len -= chars;
			/* a packet is read whole or its rest is dropped */
			if (buf->flags & PIPE_BUF_FLAG_PACKET) {
				total_len = chars;
				buf->len = 0;
			}
			if (!buf->len) {
				/* only a full pipe has writers to wake */
				wake_writer |= pipe_full(head, tail,
							 pipe->max_usage);
				pipe_consume_tail(pipe, buf);
			}
			total_len -= chars;
			if (!total_len)
				break;
			if (!pipe_empty(pipe->head, pipe->tail))
				continue;
		}

		if (!pipe->writers)
			break;		/* EOF, or what we have */
		if (ret)
			break;
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		/* Nothing read: writers we made room for must not wait for
		 * us while we wait for them. */
		if (wake_writer)
			wake_up_interruptible_sync_poll(&pipe->wr_wait,
							EPOLLOUT | EPOLLWRNORM);
		if (pipe_wait_exclusive(&pipe->rd_wait, pipe, pipe_readable)) {
			mutex_unlock(&pipe->mutex);
			return -ERESTARTSYS;
		}
		wake_writer = false;
		wake_next_reader = true;
	}
	if (pipe_empty(pipe->head, pipe->tail))
		wake_next_reader = false;
	mutex_unlock(&pipe->mutex);

	if (wake_writer)
		wake_up_interruptible_sync_poll(&pipe->wr_wait,
						EPOLLOUT | EPOLLWRNORM);
	if (wake_next_reader)
		wake_up_interruptible_sync_poll(&pipe->rd_wait,
						EPOLLIN | EPOLLRDNORM);
	return ret;
}

/* Appends to the last buffer when the whole of a small write fits there.
 * Returns the bytes merged (0 or chars) or -EFAULT.  Linux: the merge
 * step at the top of anon_pipe_write(). */
static ssize_t pipe_write_merge(struct pipe_inode_info *pipe,
				struct iov_iter *from, size_t chars)
{
	struct pipe_buffer *buf = pipe_buf(pipe, pipe->head - 1);
	unsigned int offset = buf->offset + buf->len;

	if (!(buf->flags & PIPE_BUF_FLAG_CAN_MERGE) ||
	    offset + chars > PAGE_SIZE)
		return 0;
	if (copy_from_iter(buf->page + offset, chars, from) < chars)
		return -EFAULT;
	buf->len += chars;
	return chars;
}

/* A page for a buffer: the spare page first, as Linux's
 * anon_pipe_get_page(), so that a ping-pong's one byte at a time takes
 * no new page; a new one comes zeroed (alloc_pages_zeroed() says why).
 * Readers only ever get the bytes written into it (pipe_read() copies
 * [offset, offset + len), a merge writes at offset + len). */
static char *pipe_alloc_page(struct pipe_inode_info *pipe)
{
	char *page = pipe->tmp_page;

	if (page) {
		pipe->tmp_page = NULL;
		return page;
	}
	return get_zeroed_page();
}

/* Fills a fresh page with up to PAGE_SIZE bytes and puts it at the head.
 * Returns the bytes taken or -errno.  Linux differs in one detail: it
 * claims the slot before copying and may leave an empty buffer behind
 * after a fault; here a fault leaves the ring untouched. */
static ssize_t pipe_write_page(struct pipe_inode_info *pipe, struct file *filp,
			       struct iov_iter *from)
{
	size_t chars = MIN(iov_iter_count(from), PAGE_SIZE);
	struct pipe_buffer *buf;
	char *page = pipe_alloc_page(pipe);

	if (!page)
		return -ENOMEM;
	if (copy_from_iter(page, chars, from) < chars) {
		free_page(page);
		return -EFAULT;
	}
	buf = pipe_buf(pipe, pipe->head);
	buf->page = page;
	buf->offset = 0;
	buf->len = chars;
	/* O_DIRECT on the write end: packet mode (Linux: is_packetized) */
	buf->flags = (filp->f_flags & O_DIRECT) ? PIPE_BUF_FLAG_PACKET
						: PIPE_BUF_FLAG_CAN_MERGE;
	pipe->head++;
	return chars;
}

/* Linux: fs/pipe.c anon_pipe_write() (pipe_write before 6.15): the whole
 * of a write or writev, so up to PIPE_BUF bytes go in atomically however
 * many segments carry them, and readers are woken once per call */
static ssize_t pipe_write(struct kiocb *iocb, struct iov_iter *from)
{
	size_t total_len = iov_iter_count(from);
	struct file *filp = iocb->ki_filp;
	struct pipe_inode_info *pipe = filp->private_data;
	bool was_empty, wake_next_writer = false;
	ssize_t ret = 0, chars;

	if (total_len == 0)	/* a null write succeeds */
		return 0;

	mutex_lock(&pipe->mutex);
	if (!pipe->readers) {
		mutex_unlock(&pipe->mutex);
		send_sig(SIGPIPE, current);
		return -EPIPE;
	}

	/* A write that is not a whole number of pages first tries to
	 * merge its odd part into the last buffer; that merges small
	 * writes and keeps the rest of a large one page-aligned. */
	was_empty = pipe_empty(pipe->head, pipe->tail);
	chars = total_len & (PAGE_SIZE - 1);
	if (chars && !was_empty) {
		ret = pipe_write_merge(pipe, from, chars);
		if (ret < 0 || (size_t)ret == total_len)
			goto out;
	}

	for (;;) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current);
			if (!ret)
				ret = -EPIPE;
			break;
		}

		if (!pipe_full(pipe->head, pipe->tail, pipe->max_usage)) {
			chars = pipe_write_page(pipe, filp, from);
			if (chars < 0) {
				if (!ret)
					ret = chars;
				break;
			}
			ret += chars;
			if ((size_t)ret == total_len)
				break;
			continue;
		}

		/* Full: wait for a reader to free a slot. */
		if (filp->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			if (!ret)
				ret = -ERESTARTSYS;
			break;
		}
		/* Readers must see what we wrote so far, or they would
		 * never make the room we are about to wait for. */
		if (was_empty)
			wake_up_interruptible_sync_poll(&pipe->rd_wait,
							EPOLLIN | EPOLLRDNORM);
		pipe_wait_exclusive(&pipe->wr_wait, pipe, pipe_writable);
		was_empty = pipe_empty(pipe->head, pipe->tail);
		wake_next_writer = true;
	}
out:
	if (pipe_full(pipe->head, pipe->tail, pipe->max_usage))
		wake_next_writer = false;
	mutex_unlock(&pipe->mutex);

	/* "Epoll nonsensically wants a wakeup whether the pipe was already
	 * empty or not" (Linux's comment): once the pipe has been polled,
	 * every write wakes readers, so EPOLLET users see each write. */
	if (was_empty || pipe->poll_usage)
		wake_up_interruptible_sync_poll(&pipe->rd_wait,
						EPOLLIN | EPOLLRDNORM);
	if (wake_next_writer)
		wake_up_interruptible_sync_poll(&pipe->wr_wait,
						EPOLLOUT | EPOLLWRNORM);
	return ret;
}

/* Linux: fs/pipe.c pipe_poll() */
static __poll_t pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = filp->private_data;
	unsigned int head, tail;
	__poll_t mask = 0;

	WRITE_ONCE(pipe->poll_usage, true);

	/* Queue first, then test: a change after the test still wakes us. */
	if (filp->f_mode & FMODE_READ)
		poll_wait(filp, &pipe->rd_wait, wait);
	if (filp->f_mode & FMODE_WRITE)
		poll_wait(filp, &pipe->wr_wait, wait);

	head = READ_ONCE(pipe->head);
	tail = READ_ONCE(pipe->tail);
	if (filp->f_mode & FMODE_READ) {
		if (!pipe_empty(head, tail))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!pipe->writers)
			mask |= EPOLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (!pipe_full(head, tail, pipe->max_usage))
			mask |= EPOLLOUT | EPOLLWRNORM;
		/* Linux reports ERR for a write end without readers. */
		if (!pipe->readers)
			mask |= EPOLLERR;
	}
	return mask;
}

/* FIONREAD: the bytes waiting in all buffers.  Linux: fs/pipe.c
 * pipe_ioctl() */
static long pipe_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = filp->private_data;
	unsigned int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&pipe->mutex);
	for (unsigned int tail = pipe->tail; !pipe_empty(pipe->head, tail); tail++)
		count += pipe_buf(pipe, tail)->len;
	mutex_unlock(&pipe->mutex);
	return put_user(count, (int __user *)arg);
}

/* Linux: fs/pipe.c free_pipe_info() */
static void free_pipe_info(struct pipe_inode_info *pipe)
{
	while (!pipe_empty(pipe->head, pipe->tail))
		pipe_consume_tail(pipe, pipe_buf(pipe, pipe->tail));
	if (pipe->tmp_page)
		free_page(pipe->tmp_page);
	pipe->inode->i_private = NULL;
	kfree(pipe->bufs);
	kfree(pipe);
}

/* Linux: fs/pipe.c pipe_release() + put_pipe_info() */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	bool last;

	mutex_lock(&pipe->mutex);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;

	/* The last reader or the last writer went, but not the other side:
	 * sleepers and pollers must see EOF/HUP or EPIPE/ERR.  Linux wakes
	 * with no key (wake_up_interruptible_all), so every epoll entry
	 * re-polls whatever it waits for. */
	if (!pipe->readers != !pipe->writers) {
		wake_up_interruptible_all(&pipe->rd_wait);
		wake_up_interruptible_all(&pipe->wr_wait);
	}
	last = --pipe->files == 0;
	mutex_unlock(&pipe->mutex);
	if (last)
		free_pipe_info(pipe);
	return 0;
}

/* Moves the buffers held into a ring of nr_slots, from slot 0; EBUSY if
 * they do not fit.  Linux: fs/pipe.c pipe_resize_ring() */
static int pipe_resize_ring(struct pipe_inode_info *pipe, unsigned int nr_slots)
{
	unsigned int n = pipe->head - pipe->tail;
	struct pipe_buffer *bufs;

	if (nr_slots < n)
		return -EBUSY;
	bufs = kzalloc(nr_slots * sizeof(*bufs));
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = *pipe_buf(pipe, pipe->tail + i);
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->tail = 0;
	pipe->head = n;
	pipe->ring_size = pipe->max_usage = nr_slots;
	wake_up_interruptible(&pipe->wr_wait);	/* there may be room now */
	return 0;
}

/* A size in whole pages, a power of two of them; 0 past 2^31.
 * Linux: fs/pipe.c round_pipe_size() */
static unsigned int round_pipe_size(unsigned long size)
{
	unsigned int pages = 1;

	if (size > (1UL << 31))
		return 0;
	while ((unsigned long)pages * PAGE_SIZE < size)
		pages <<= 1;
	return pages * PAGE_SIZE;
}

/* Past pipe-max-size only with CAP_SYS_RESOURCE, which Pollux's root
 * lacks as the test host's does.  Linux: fs/pipe.c pipe_set_size() */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long arg)
{
	unsigned int size = round_pipe_size(arg), nr_slots = size / PAGE_SIZE;
	int err;

	if (!nr_slots)
		return -EINVAL;
	if (nr_slots > pipe->max_usage && size > pipe_max_size)
		return -EPERM;
	mutex_lock(&pipe->mutex);
	err = pipe_resize_ring(pipe, nr_slots);
	mutex_unlock(&pipe->mutex);
	return err ? err : (long)(pipe->max_usage * PAGE_SIZE);
}

/* F_SETPIPE_SZ, F_GETPIPE_SZ; EBADF on anything but a pipe.
 * Linux: fs/pipe.c pipe_fcntl() */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file->private_data;

	if (file->f_op != &pipefifo_fops)
		return -EBADF;
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(pipe, arg);
	return (long)(pipe->max_usage * PAGE_SIZE);
}

/* Linux: fs/pipe.c init_pipe_fs() */
void pipe_init(void)
{
	register_sysctl("fs", fs_pipe_sysctls);
}

/* Linux: fs/pipe.c pipefifo_fops */
static const struct file_operations pipefifo_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.splice_write = iter_file_splice_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.fasync = fasync_helper,	/* Linux: pipe_fasync() */
	.release = pipe_release,
	.llseek = no_llseek,
};

/* Linux: fs/pipe.c alloc_pipe_info() */
static struct pipe_inode_info *alloc_pipe_info(struct inode *inode)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe));

	if (!pipe)
		return NULL;
	pipe->bufs = kzalloc(PIPE_DEF_BUFFERS * sizeof(*pipe->bufs));
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	mutex_init(&pipe->mutex);
	pipe->max_usage = pipe->ring_size = PIPE_DEF_BUFFERS;
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->inode = inode;
	snprintf(pipe->name, sizeof(pipe->name), "pipe:[%lu]", inode->i_ino);
	inode->i_private = pipe;
	return pipe;
}

/* Makes one end: a file on the pipe's inode.  Linux: alloc_file_pseudo()
 * and alloc_file_clone() in create_pipe_files() */
static struct file *pipe_file(struct pipe_inode_info *pipe, unsigned int flags)
{
	struct file *f = alloc_file(pipe->inode, flags, &pipefifo_fops);

	if (!f)
		return NULL;
	f->f_name = pipe->name;
	f->private_data = pipe;
	return f;
}

/*
 * Both ends of a new pipe: files[0] reads, files[1] writes.  The write end
 * alone keeps O_DIRECT (packet mode), as Linux's does.
 * Linux: fs/pipe.c create_pipe_files() + get_pipe_inode()
 */
static int create_pipe_files(struct file **files, int flags)
{
	struct inode *inode = new_inode(S_IFIFO | S_IRUSR | S_IWUSR);
	struct pipe_inode_info *pipe;
	int err = -ENOMEM;

	if (!inode)
		return -ENOMEM;
	inode->i_fop = &pipefifo_fops;
	pipe = alloc_pipe_info(inode);
	if (!pipe)
		goto out;
	files[1] = pipe_file(pipe, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
	if (!files[1]) {
		kfree(pipe->bufs);
		kfree(pipe);
		goto out;
	}
	files[0] = pipe_file(pipe, O_RDONLY | (flags & O_NONBLOCK));
	if (!files[0]) {
		/* release of the lone write end frees the pipe */
		pipe->readers = 0;
		pipe->files = 1;
		fput(files[1]);
		goto out;
	}
	err = 0;
out:
	iput(inode);	/* new_inode's reference; the files hold their own */
	return err;
}

/* Linux: fs/pipe.c __do_pipe_flags() */
static int __do_pipe_flags(int *fd, struct file **files, int flags)
{
	int error;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE))
		return -EINVAL;
	/* Notification pipes need watch queues; Linux built without
	 * CONFIG_WATCH_QUEUE answers the same. */
	if (flags & O_NOTIFICATION_PIPE)
		return -ENOPKG;

	error = create_pipe_files(files, flags);
	if (error)
		return error;
	fd[0] = get_unused_fd_flags(flags);
	if (fd[0] < 0) {
		error = fd[0];
		goto err_files;
	}
	fd[1] = get_unused_fd_flags(flags);
	if (fd[1] < 0) {
		error = fd[1];
		put_unused_fd(fd[0]);
		goto err_files;
	}
	return 0;

err_files:
	fput(files[0]);
	fput(files[1]);
	return error;
}

/* Linux: fs/pipe.c do_pipe2() — the fds are only installed once the
 * user's array took them, so a bad pointer leaves no fd behind. */
static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2];
	int error = __do_pipe_flags(fd, files, flags);

	if (error)
		return error;
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		fput(files[0]);
		fput(files[1]);
		put_unused_fd(fd[0]);
		put_unused_fd(fd[1]);
		return -EFAULT;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

/* Linux: fs/pipe.c SYSCALL_DEFINE2(pipe2) */
long sys_pipe2(int __user *fildes, int flags)
{
	return do_pipe2(fildes, flags);
}

/* Linux: fs/pipe.c SYSCALL_DEFINE1(pipe) */
long sys_pipe(int __user *fildes)
{
	return do_pipe2(fildes, 0);
}
