/*
 * poll, ppoll, select, pselect6.  Linux: fs/select.c.
 *
 * All four work alike: ask each file's ->poll for its mask, handing it a
 * poll_table whose _qproc (__pollwait) hangs one of our wait entries on
 * every wait queue the file names.  If nothing is ready, sleep until one
 * of those queues is woken (pollwake), the deadline passes or a signal
 * comes, and ask again; from the second pass on without the table, as
 * the entries are already in place.  poll_freewait takes them all down.
 *
 * Signals: an interrupted call returns -ERESTARTNOHAND, which delivery
 * turns into EINTR when a handler runs and into a restart otherwise.
 * Linux's poll returns -ERESTART_RESTARTBLOCK instead, to restart with
 * the time that was left; Pollux has no restart blocks, so a restarted
 * poll waits its whole timeout again (late, never early).
 */
#include <pollux/file.h>
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <pollux/syscalls.h>
#include <pollux/time.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/select.h>
#include <uapi/signal.h>
#include <uapi/time.h>

/* ------------------------------------------------------- the wait table */

/* Linux: include/linux/poll.h struct poll_table_entry */
struct poll_table_entry {
	struct file *filp;		/* held, so its queue outlives a close */
	__poll_t key;			/* the events this entry waits for */
	wait_queue_entry_t wait;
	wait_queue_head_t *wait_address;
};

#define N_INLINE_POLL_ENTRIES 16
#define POLL_TABLE_CHUNK_ENTRIES 31	/* 16 + 31 * 64 bytes: a kmalloc-2048 object */

/* More entries once the inline ones are used.  Linux: fs/select.c
 * struct poll_table_page (a page each; here a kmalloc'ed chunk) */
struct poll_table_page {
	struct poll_table_page *next;
	int nr;
	struct poll_table_entry entries[POLL_TABLE_CHUNK_ENTRIES];
};

/* Linux: include/linux/poll.h struct poll_wqueues */
struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	struct task_struct *polling_task;
	bool triggered;		/* a wake-up came since the last sleep */
	int error;		/* -ENOMEM if an entry could not be had */
	int inline_index;
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

/* Linux: fs/select.c pollwake() + __pollwake() */
static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync,
		    void *key)
{
	struct poll_table_entry *entry =
		container_of(wait, struct poll_table_entry, wait);
	struct poll_wqueues *pwq = wait->private;

	/* A keyed wake-up for events this entry does not want is none. */
	if (key && !((__poll_t)(unsigned long)key & entry->key))
		return 0;
	/* triggered is set before the wake-up, so poll_schedule_timeout
	 * either sees it or is made runnable again: none is lost. */
	pwq->triggered = true;
	return try_to_wake_up(pwq->polling_task, mode, sync);
}

/* Linux: fs/select.c poll_get_entry() */
static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table;

	if (p->inline_index < N_INLINE_POLL_ENTRIES)
		return p->inline_entries + p->inline_index++;
	if (!table || table->nr == POLL_TABLE_CHUNK_ENTRIES) {
		struct poll_table_page *new_table = kmalloc(sizeof(*new_table));

		if (!new_table) {
			p->error = -ENOMEM;
			return NULL;
		}
		new_table->next = table;
		new_table->nr = 0;
		p->table = table = new_table;
	}
	return &table->entries[table->nr++];
}

/* The _qproc: called by ->poll through poll_wait() for each of its
 * queues.  Linux: fs/select.c __pollwait() */
static void __pollwait(struct file *filp, wait_queue_head_t *wait_address,
		       poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wait_address;
	entry->key = p->_key;
	init_waitqueue_func_entry(&entry->wait, pollwake);
	entry->wait.private = pwq;
	add_wait_queue(wait_address, &entry->wait);
}

/* Linux: fs/select.c poll_initwait() */
static void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->polling_task = current;
	pwq->triggered = false;
	pwq->error = 0;
	pwq->table = NULL;
	pwq->inline_index = 0;
}

/* Linux: fs/select.c free_poll_entry() */
static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

/* Linux: fs/select.c poll_freewait() */
static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *p = pwq->table;

	for (int i = 0; i < pwq->inline_index; i++)
		free_poll_entry(pwq->inline_entries + i);
	while (p) {
		struct poll_table_page *old = p;

		for (int i = 0; i < p->nr; i++)
			free_poll_entry(&p->entries[i]);
		p = p->next;
		kfree(old);
	}
}

/* ------------------------------------------------------------ timeouts */

/*
 * A deadline is Linux's end_time: an absolute time on the monotonic
 * clock (include/pollux/time.h), which select turns back into the time
 * left.  0 means "do not wait" (a zero timeout); no deadline is a NULL
 * pointer.  Linux keeps a timespec64; a ktime_t is the same nanoseconds.
 */

/* Linux: fs/select.c poll_select_set_timeout() */
int poll_select_set_timeout(ktime_t *to, time64_t sec, long nsec)
{
	struct timespec ts = { sec, nsec };

	if (!timespec64_valid(&ts))
		return -EINVAL;
	if (!sec && !nsec)	/* optimize for the zero timeout value here */
		*to = 0;
	else	/* timespec64_add_safe(): past KTIME_MAX is forever */
		*to = ktime_add_safe(ktime_get(), timespec64_to_ktime(ts));
	return 0;
}

/* Sleeps until a queue we wait on is woken, a signal comes or the
 * deadline passes; false on the deadline.
 * Linux: fs/select.c poll_schedule_timeout() */
static bool poll_schedule_timeout(struct poll_wqueues *pwq,
				  const ktime_t *end_time)
{
	int rc = -EINTR;

	set_current_state(TASK_INTERRUPTIBLE);
	if (!pwq->triggered && !signal_pending(current))
		rc = schedule_hrtimeout(end_time);
	set_current_state(TASK_RUNNING);
	pwq->triggered = false;
	return rc != 0;
}

enum poll_time_type { PT_TIMEVAL, PT_TIMESPEC };

/* Ends select/pselect6/ppoll: puts back the signal mask and writes the
 * time left into the caller's timeout.  Linux: poll_select_finish() */
static long poll_select_finish(const ktime_t *end_time, void __user *p,
			       enum poll_time_type type, long ret)
{
	ktime_t now, rem;

	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (!p || !*end_time)	/* no timeout, or a zero one: no update */
		return ret;
	now = ktime_get();
	rem = ktime_after(*end_time, now) ? *end_time - now : 0;
	if (type == PT_TIMEVAL) {
		struct timeval rtv = { rem / NSEC_PER_SEC,
				       (rem % NSEC_PER_SEC) / NSEC_PER_USEC };

		if (!copy_to_user(p, &rtv, sizeof(rtv)))
			return ret;
	} else {
		struct timespec rts = { rem / NSEC_PER_SEC, rem % NSEC_PER_SEC };

		if (!copy_to_user(p, &rts, sizeof(rts)))
			return ret;
	}
	/* A timeout in read-only memory is left alone and is no error, but
	 * the call cannot be restarted with its time not updated. */
	return ret == -ERESTARTNOHAND ? -EINTR : ret;
}

/* ------------------------------------------------------------------ poll */

/* Linux: fs/select.c do_pollfd() */
static __poll_t do_pollfd(struct pollfd *pollfd, poll_table *pwait)
{
	struct fd f;
	__poll_t mask, filter;

	if (pollfd->fd < 0)
		return 0;
	f = fdget(pollfd->fd);
	if (!f.file)
		return EPOLLNVAL;
	/* ERR and HUP are reported whether asked for or not */
	filter = (unsigned short)pollfd->events | EPOLLERR | EPOLLHUP;
	pwait->_key = filter;
	mask = vfs_poll(f.file, pwait) & filter;
	fdput(f);
	return mask;
}

/* Linux: fs/select.c do_poll() */
static long do_poll(struct pollfd *fds, unsigned int nfds,
		    struct poll_wqueues *wait, const ktime_t *end_time)
{
	poll_table *pt = &wait->pt;
	bool timed_out = false;
	long count = 0;

	if (end_time && !*end_time) {	/* zero timeout: one pass, no queues */
		pt->_qproc = NULL;
		timed_out = true;
	}
	for (;;) {
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			/* Found one: we will not sleep, so queue no more. */
			if (fds[i].revents) {
				count++;
				pt->_qproc = NULL;
			}
		}
		/* Every queue has its entry now; later passes only look. */
		pt->_qproc = NULL;
		if (!count) {
			count = wait->error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || timed_out)
			break;
		if (!poll_schedule_timeout(wait, end_time))
			timed_out = true;
	}
	return count;
}

/* Linux: fs/select.c do_sys_poll() — revents go back even on error */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds,
			const ktime_t *end_time)
{
	struct poll_wqueues table;
	struct pollfd *fds = NULL;
	long fdcount;

	if (nfds > rlimit_nofile())
		return -EINVAL;
	if (nfds) {
		fds = kmalloc(nfds * sizeof(*fds));
		if (!fds)
			return -ENOMEM;
		if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
			kfree(fds);
			return -EFAULT;
		}
	}
	poll_initwait(&table);
	fdcount = do_poll(fds, nfds, &table, end_time);
	poll_freewait(&table);
	/* copy_from_user() has checked the range: one store per fd, as
	 * Linux's unsafe_put_user() loop */
	for (unsigned int i = 0; i < nfds; i++) {
		if (__put_user(fds[i].revents, &ufds[i].revents)) {
			fdcount = -EFAULT;
			break;
		}
	}
	kfree(fds);
	return fdcount;
}

/* Linux: fs/select.c sys_poll() — a negative timeout waits forever */
/* poll interrupted by a signal that ran no handler (a stop, say) goes on
 * through restart_syscall with the deadline it had: its timeout is not
 * restarted from the beginning.  Linux: fs/select.c do_restart_poll() */
static long do_restart_poll(struct restart_block *rb)
{
	ktime_t end_time = rb->expires;
	long ret = do_sys_poll(rb->ufds, rb->nfds,
			       rb->has_timeout ? &end_time : NULL);

	return ret == -ERESTARTNOHAND ? -ERESTART_RESTARTBLOCK : ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	struct restart_block *rb = &current->restart_block;
	ktime_t end_time, *to = NULL;
	long ret;

	if (timeout_msecs >= 0) {
		to = &end_time;
		poll_select_set_timeout(to, timeout_msecs / MSEC_PER_SEC,
					NSEC_PER_MSEC *
					(timeout_msecs % MSEC_PER_SEC));
	}
	ret = do_sys_poll(ufds, nfds, to);
	if (ret == -ERESTARTNOHAND) {
		rb->fn = do_restart_poll;
		rb->ufds = ufds;
		rb->nfds = nfds;
		rb->has_timeout = to != NULL;
		rb->expires = end_time;
		ret = -ERESTART_RESTARTBLOCK;
	}
	return ret;
}

/* ppoll's and pselect6's timeout: none (NULL), or a user timespec made
 * into the deadline *end_time, with *to pointing at it.  Linux: the
 * get_timespec64() + poll_select_set_timeout() pair in both callers */
static long get_timespec_timeout(struct timespec __user *tsp,
				 ktime_t *end_time, ktime_t **to)
{
	struct timespec ts;

	if (!tsp)
		return 0;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	*to = end_time;
	if (poll_select_set_timeout(end_time, ts.tv_sec, ts.tv_nsec))
		return -EINVAL;
	return 0;
}

/* Linux: fs/select.c sys_ppoll() */
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct timespec __user *tsp, const u64 __user *sigmask,
	       size_t sigsetsize)
{
	ktime_t end_time, *to = NULL;
	long ret;

	ret = get_timespec_timeout(tsp, &end_time, &to);
	if (ret)
		return ret;
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, to);
	return poll_select_finish(to, tsp, PT_TIMESPEC, ret);
}

/* ---------------------------------------------------------------- select */

#define BITS_PER_LONG 64
#define FDS_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define FDS_BYTES(nr) (FDS_LONGS(nr) * sizeof(long))

/* The three sets the caller gave and the three we hand back.
 * Linux: fs/select.c fd_set_bits */
typedef struct {
	unsigned long in[FDS_LONGS(FD_SETSIZE)];
	unsigned long out[FDS_LONGS(FD_SETSIZE)];
	unsigned long ex[FDS_LONGS(FD_SETSIZE)];
	unsigned long res_in[FDS_LONGS(FD_SETSIZE)];
	unsigned long res_out[FDS_LONGS(FD_SETSIZE)];
	unsigned long res_ex[FDS_LONGS(FD_SETSIZE)];
} fd_set_bits;

/* What each set means in poll terms.  Linux: fs/select.c */
#define POLLIN_SET (EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET (EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET (EPOLLPRI)

/* Linux: fs/select.c get_fd_set() — a NULL set reads as empty */
static int get_fd_set(unsigned long nr, void __user *ufdset,
		      unsigned long *fdset)
{
	if (ufdset)
		return copy_from_user(fdset, ufdset, FDS_BYTES(nr)) ?
			-EFAULT : 0;
	memset(fdset, 0, FDS_BYTES(nr));
	return 0;
}

/* Linux: fs/select.c set_fd_set() — the bytes not copied */
static unsigned long set_fd_set(unsigned long nr, void __user *ufdset,
				unsigned long *fdset)
{
	return ufdset ? copy_to_user(ufdset, fdset, FDS_BYTES(nr)) : 0;
}

static bool fd_in(const unsigned long *set, unsigned long fd)
{
	return set[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

/* One past the highest fd named in any set; -EBADF if a set names a
 * closed fd.  Linux: fs/select.c max_select_fd(), a word at a time. */
static int max_select_fd(unsigned long n, const fd_set_bits *fds)
{
	struct files_struct *files = current->files;
	int max = 0;

	spin_lock(&files->file_lock);
	for (unsigned long fd = 0; fd < n; fd++) {
		if (!fd_in(fds->in, fd) && !fd_in(fds->out, fd) &&
		    !fd_in(fds->ex, fd))
			continue;
		if (!files_lookup_fd_raw(files, fd)) {
			max = -EBADF;
			break;
		}
		max = fd + 1;
	}
	spin_unlock(&files->file_lock);
	return max;
}

/* Linux: fs/select.c select_poll_one() — an fd closed meanwhile gives
 * EPOLLNVAL, which is in no set */
static __poll_t select_poll_one(int fd, poll_table *wait, bool in, bool out)
{
	struct fd f = fdget(fd);
	__poll_t mask;

	if (!f.file)
		return EPOLLNVAL;
	wait->_key = POLLEX_SET;
	if (in)
		wait->_key |= POLLIN_SET;
	if (out)
		wait->_key |= POLLOUT_SET;
	mask = vfs_poll(f.file, wait);
	fdput(f);
	return mask;
}

/* Polls fd and sets its result bits; returns how many it set.
 * Linux: the body of do_select()'s inner loop */
static int select_one(int fd, fd_set_bits *fds, poll_table *wait)
{
	bool in = fd_in(fds->in, fd), out = fd_in(fds->out, fd);
	bool ex = fd_in(fds->ex, fd);
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);
	int word = fd / BITS_PER_LONG, count = 0;
	__poll_t mask;

	if (!in && !out && !ex)
		return 0;
	mask = select_poll_one(fd, wait, in, out);
	if ((mask & POLLIN_SET) && in) {
		fds->res_in[word] |= bit;
		count++;
	}
	if ((mask & POLLOUT_SET) && out) {
		fds->res_out[word] |= bit;
		count++;
	}
	if ((mask & POLLEX_SET) && ex) {
		fds->res_ex[word] |= bit;
		count++;
	}
	return count;
}

/* Linux: fs/select.c do_select() */
static long do_select(int n, fd_set_bits *fds, const ktime_t *end_time)
{
	struct poll_wqueues table;
	poll_table *wait;
	bool timed_out = false;
	long retval = max_select_fd(n, fds);

	if (retval < 0)
		return retval;
	n = retval;

	poll_initwait(&table);
	wait = &table.pt;
	if (end_time && !*end_time) {	/* zero timeout: one pass, no queues */
		wait->_qproc = NULL;
		timed_out = true;
	}
	retval = 0;
	for (;;) {
		for (int fd = 0; fd < n; fd++) {
			int found = select_one(fd, fds, wait);

			/* Found one: we will not sleep, so queue no more. */
			if (found) {
				retval += found;
				wait->_qproc = NULL;
			}
		}
		wait->_qproc = NULL;
		if (retval || timed_out || signal_pending(current))
			break;
		if (table.error) {
			retval = table.error;
			break;
		}
		if (!poll_schedule_timeout(&table, end_time))
			timed_out = true;
	}
	poll_freewait(&table);
	return retval;
}

/* Linux: fs/select.c core_sys_select() */
static long core_sys_select(int n, void __user *inp, void __user *outp,
			    void __user *exp, const ktime_t *end_time)
{
	fd_set_bits fds;
	long ret;

	if (n < 0)
		return -EINVAL;
	/* Linux clamps n to the fd table's size (max_fds): bits past it
	 * are neither read nor checked.  Pollux's sets are FD_SETSIZE
	 * bits on the stack, so fds from 1024 up cannot be selected. */
	if (n > (int)READ_ONCE(current->files->max_fds))	/* only grows */
		n = READ_ONCE(current->files->max_fds);
	if (n > FD_SETSIZE)
		n = FD_SETSIZE;
	if (get_fd_set(n, inp, fds.in) || get_fd_set(n, outp, fds.out) ||
	    get_fd_set(n, exp, fds.ex))
		return -EFAULT;
	memset(fds.res_in, 0, FDS_BYTES(n));
	memset(fds.res_out, 0, FDS_BYTES(n));
	memset(fds.res_ex, 0, FDS_BYTES(n));

	ret = do_select(n, &fds, end_time);
	if (ret < 0)
		return ret;
	if (!ret && signal_pending(current))
		return -ERESTARTNOHAND;
	if (set_fd_set(n, inp, fds.res_in) || set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		return -EFAULT;
	return ret;
}

/* Linux: fs/select.c kern_select() — a timeval, updated to the time left */
long sys_select(int n, void __user *inp, void __user *outp, void __user *exp,
		struct timeval __user *tvp)
{
	ktime_t end_time, *to = NULL;
	struct timeval tv;
	long ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		to = &end_time;
		if (poll_select_set_timeout(to,
				tv.tv_sec + tv.tv_usec / USEC_PER_SEC,
				(tv.tv_usec % USEC_PER_SEC) * NSEC_PER_USEC))
			return -EINVAL;
	}
	ret = core_sys_select(n, inp, outp, exp, to);
	return poll_select_finish(to, tvp, PT_TIMEVAL, ret);
}

/* pselect6's sixth argument: the mask and its size, packed because a
 * system call has only six registers.  Linux: struct sigset_argpack */
struct sigset_argpack {
	const u64 __user *p;
	size_t size;
};

/* Linux: fs/select.c sys_pselect6() + do_pselect() */
long sys_pselect6(int n, void __user *inp, void __user *outp, void __user *exp,
		  struct timespec __user *tsp, void __user *sig)
{
	struct sigset_argpack x = { NULL, 0 };
	ktime_t end_time, *to = NULL;
	long ret;

	if (sig && copy_from_user(&x, sig, sizeof(x)))
		return -EFAULT;
	ret = get_timespec_timeout(tsp, &end_time, &to);
	if (ret)
		return ret;
	ret = set_user_sigmask(x.p, x.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, to);
	return poll_select_finish(to, tsp, PT_TIMESPEC, ret);
}
