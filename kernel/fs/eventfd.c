/*
 * eventfd: a file that is a 64-bit counter.  A write adds to it, a read
 * takes it all (or 1, with EFD_SEMAPHORE) and resets it; a read at 0 and
 * a write that would pass ULLONG_MAX - 1 wait, or fail with EAGAIN.
 * Event loops put one in epoll to be woken from elsewhere.
 * Linux: fs/eventfd.c.
 *
 * Wake-ups carry their key, as Linux's: a write wakes with EPOLLIN, a
 * read with EPOLLOUT, so ep_poll_callback queues only the epoll entries
 * that wait for that event (an EPOLLOUT|EPOLLET watcher is not woken by
 * writes).  Readers and writers sleeping in read/write wake on either key
 * and test their condition again.
 *
 * Locking: Linux takes ctx->wqh.lock around every change of count,
 * because eventfd_signal() may run in interrupt context.  Pollux has one
 * CPU, a kernel that is not preempted, and no kernel-side signallers, so
 * count only changes in a read or write of a task, never while another
 * one tests it; every sleep re-tests its condition after waking.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/seq_file.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/uio.h>
#include <uapi/errno.h>
#include <uapi/eventfd.h>

#define EFD_SHARED_FCNTL_FLAGS (O_CLOEXEC | O_NONBLOCK)
#define EFD_FLAGS_SET (EFD_SHARED_FCNTL_FLAGS | EFD_SEMAPHORE)
#define ULLONG_MAX (~0ULL)

/* Linux: fs/eventfd.c struct eventfd_ctx — no kref: only its one file
 * holds it (no in-kernel users such as KVM's irqfd take references) */
struct eventfd_ctx {
	wait_queue_head_t wqh;
	/*
	 * Every write(2) adds its value to count and wakes wqh; a read(2)
	 * returns count and resets it to zero (EFD_SEMAPHORE: returns 1
	 * and takes 1).  ULLONG_MAX itself is never reached from user
	 * space: Linux keeps it as the overflow mark of eventfd_signal().
	 */
	u64 count;
	unsigned int flags;	/* EFD_SEMAPHORE and the fcntl flags */
	int id;			/* eventfd-id in fdinfo */
	struct list_head id_link;	/* on eventfd_ids, in id order */
};

/* Live contexts in ascending id order: the ids in use. */
static LIST_HEAD(eventfd_ids);

/* Gives ctx the lowest id no live eventfd has.  Linux: lib/idr.c
 * ida_alloc() on eventfd_ida — a sorted list instead of a radix tree of
 * bitmaps, so an allocation walks the live eventfds */
static void eventfd_ida_alloc(struct eventfd_ctx *ctx)
{
	struct list_head *prev = &eventfd_ids;
	struct eventfd_ctx *c;
	int id = 0;

	list_for_each_entry(c, &eventfd_ids, id_link) {
		if (c->id != id)
			break;		/* a gap: id is free */
		id++;
		prev = &c->id_link;
	}
	ctx->id = id;
	list_add(&ctx->id_link, prev);
}

/* Linux: fs/eventfd.c eventfd_free_ctx() + ida_free() */
static void eventfd_free_ctx(struct eventfd_ctx *ctx)
{
	list_del(&ctx->id_link);
	kfree(ctx);
}

/* Linux: fs/eventfd.c eventfd_release() — without its
 * wake_up_poll(EPOLLHUP): that is for in-kernel waiters, which Pollux
 * has none of (read, write and poll hold a reference to the file, and
 * eventpoll_release() has already dropped the epoll entries) */
static int eventfd_release(struct inode *inode, struct file *file)
{
	eventfd_free_ctx(file->private_data);
	return 0;
}

/* Linux: fs/eventfd.c eventfd_poll() — only EPOLLIN and EPOLLOUT, never
 * RDNORM/WRNORM; EPOLLERR only at ULLONG_MAX, which users cannot reach */
static __poll_t eventfd_poll(struct file *file, poll_table *wait)
{
	struct eventfd_ctx *ctx = file->private_data;
	__poll_t events = 0;
	u64 count;

	/* Queue first, then read count: a write after the read still
	 * finds us on wqh and wakes us. */
	poll_wait(file, &ctx->wqh, wait);
	count = READ_ONCE(ctx->count);

	if (count > 0)
		events |= EPOLLIN;
	if (count == ULLONG_MAX)
		events |= EPOLLERR;
	if (ULLONG_MAX - 1 > count)
		events |= EPOLLOUT;
	return events;
}

/* What a read takes.  Linux: fs/eventfd.c eventfd_ctx_do_read() */
static void eventfd_ctx_do_read(struct eventfd_ctx *ctx, u64 *cnt)
{
	*cnt = ((ctx->flags & EFD_SEMAPHORE) && ctx->count) ? 1 : ctx->count;
	ctx->count -= *cnt;
}

/*
 * Linux: fs/eventfd.c eventfd_read().  The count is taken before it is
 * copied out, so a bad buffer loses it (EFAULT), as on Linux.  A readv
 * may spread the 8 bytes over several segments.
 */
static ssize_t eventfd_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	struct eventfd_ctx *ctx = file->private_data;
	u64 ucnt = 0;

	if (iov_iter_count(to) < sizeof(ucnt))
		return -EINVAL;
	if (!ctx->count) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, ctx->count))
			return -ERESTARTSYS;
	}
	eventfd_ctx_do_read(ctx, &ucnt);
	/* room was made: wake writers, and OUT (only) epoll watchers.
	 * Linux: wake_up_locked_poll(&ctx->wqh, EPOLLOUT) */
	if (waitqueue_active(&ctx->wqh))
		wake_up_poll(&ctx->wqh, EPOLLOUT);
	if (copy_to_iter(&ucnt, sizeof(ucnt), to) != sizeof(ucnt))
		return -EFAULT;
	return sizeof(ucnt);
}

/*
 * Linux: fs/eventfd.c eventfd_write() — a ->write, not ->write_iter, so
 * a writev hands it one segment at a time and each must be 8 bytes.
 * The sum must stay below ULLONG_MAX: "ULLONG_MAX - count > ucnt".
 */
static ssize_t eventfd_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 ucnt;

	if (count != sizeof(ucnt))
		return -EINVAL;
	if (copy_from_user(&ucnt, buf, sizeof(ucnt)))
		return -EFAULT;
	if (ucnt == ULLONG_MAX)
		return -EINVAL;
	if (ULLONG_MAX - ctx->count <= ucnt) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh,
					     ULLONG_MAX - ctx->count > ucnt))
			return -ERESTARTSYS;
	}
	ctx->count += ucnt;
	/* every write wakes, even of 0 or onto a readable count: edge-
	 * triggered IN watchers see each one.  Linux:
	 * wake_up_locked_poll(&ctx->wqh, EPOLLIN) */
	if (waitqueue_active(&ctx->wqh))
		wake_up_poll(&ctx->wqh, EPOLLIN);
	return sizeof(ucnt);
}

/* Linux: fs/eventfd.c eventfd_show_fdinfo() — after the generic lines */
static void eventfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventfd_ctx *ctx = f->private_data;

	seq_printf(m,
		   "eventfd-count: %16llx\n"
		   "eventfd-id: %d\n"
		   "eventfd-semaphore: %d\n",
		   (unsigned long long)ctx->count, ctx->id,
		   !!(ctx->flags & EFD_SEMAPHORE));
}

/* No ->ioctl: FIONREAD and the rest are ENOTTY, as on Linux.
 * Linux: fs/eventfd.c eventfd_fops */
static const struct file_operations eventfd_fops = {
	.show_fdinfo = eventfd_show_fdinfo,
	.release = eventfd_release,
	.poll = eventfd_poll,
	.read_iter = eventfd_read,
	.write = eventfd_write,
	.llseek = noop_llseek,
};

/* Linux: fs/eventfd.c do_eventfd() */
static int do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	_Static_assert(EFD_CLOEXEC == O_CLOEXEC, "EFD_CLOEXEC is O_CLOEXEC");
	_Static_assert(EFD_NONBLOCK == O_NONBLOCK, "EFD_NONBLOCK is O_NONBLOCK");

	if (flags & ~EFD_FLAGS_SET)
		return -EINVAL;

	ctx = kmalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags;
	eventfd_ida_alloc(ctx);

	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & EFD_SHARED_FCNTL_FLAGS));
	if (fd < 0)
		eventfd_free_ctx(ctx);
	return fd;
}

/* Linux: fs/eventfd.c SYSCALL_DEFINE2(eventfd2) */
long sys_eventfd2(unsigned int count, int flags)
{
	return do_eventfd(count, flags);
}

/* Linux: fs/eventfd.c SYSCALL_DEFINE1(eventfd) */
long sys_eventfd(unsigned int count)
{
	return do_eventfd(count, 0);
}
