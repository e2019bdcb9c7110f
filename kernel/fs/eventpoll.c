/*
 * eventpoll: the epoll(7) interface.  Read it beside Linux 6.18's
 * fs/eventpoll.c: the structures, the function names and the order of the
 * checks are Linux's; each function names its counterpart and says what
 * was left out.
 *
 * The picture.  An epoll instance (struct eventpoll) keeps its interest
 * set in a red-black tree of epitems keyed by (struct file *, fd).  When
 * an item is added, the target's ->poll() is called with a poll_table
 * whose queue proc (ep_ptable_queue_proc) hangs an eppoll_entry on each
 * of the target's wait queues; that entry's callback is ep_poll_callback.
 * From then on, every wake_up() on the target runs ep_poll_callback, which
 * links the epitem on the instance's ready list (rdllist) and wakes the
 * tasks sleeping in epoll_wait (ep->wq) and the outer epoll instances or
 * poll()/select() callers that watch this instance (ep->poll_wait).
 * epoll_wait (ep_poll -> ep_send_events) takes the ready list, re-polls
 * each item for its current mask and copies the events out.
 *
 * Lock order, outermost first (Linux's; the lock checker,
 * kernel/locking/lockdep.c, holds the code to it):
 *   epnested_mutex  > ep->mtx > ep->lock > ep->wq.lock > runqueue_lock
 *   ep->mtx > file->f_lock (the watched file's f_ep_links and "dying")
 *   target's wait queue lock > ep->lock      (ep_poll_callback)
 *   ep->poll_wait.lock (nests n) > ep->lock of the epoll above > its
 *       poll_wait.lock (nests n + 1)         (ep_poll_safewake)
 *   epnested_mutex  serialises the loop checks of nested EPOLL_CTL_ADDs;
 *   ep->mtx         a sleeping mutex: the rb-tree, the items' masks, and a
 *                   harvest in progress (ep_send_events' copy to user
 *                   space may sleep, so it cannot hold a spinlock).  An
 *                   epoll polled from the one above takes its own ep->mtx
 *                   under the outer one: mutex_lock_nested() by depth;
 *   ep->lock        a ticket spinlock taken with interrupts off, for
 *                   rdllist and ovflist, because ep_poll_callback may run
 *                   in an interrupt handler (the serial IRQs).
 * ep_poll_callback takes only ep->lock: it never sleeps or allocates.
 *
 * Which races are live in Pollux, and where.  Tasks run on every CPU
 * once the per-CPU scheduler is in (docs/smp.md); before it they all run
 * on CPU 0, where preempt=full (docs/locking.md: the tick or a wake-up
 * switches tasks anywhere outside a spinlock) interleaves them as two
 * CPUs would, and preempt=none lets another task run only when this one
 * sleeps.  Below, "CPU 0" and "CPU 1" stand for any two CPUs, or for two
 * tasks that preempt each other on one:
 *   - ep->lock: CPU 1 runs ep_poll_callback (a pipe write; through
 *     ep_poll_safewake, the callbacks of the epolls watching this one)
 *     while CPU 0 is in task-side code of the same instance.  Callbacks
 *     from interrupts run on CPU 0, where the I/O APIC sends every IRQ
 *     and the timers expire (the serial line's RX and TX, the network
 *     card, a timerfd's expiry at CPU 0's tick): they race task-side
 *     code on every other CPU, and interrupt it on CPU 0.
 *   - ovflist: CPU 1's callback finds CPU 0 between ep_start_scan() and
 *     ep_done_scan() (ep_send_events, __ep_eventpoll_poll) and chains
 *     the item on ovflist.
 *   - ep->mtx and epnested_mutex: CPU 1's epoll_ctl, harvest or close
 *     waits while CPU 0 holds them; and with preempt=full a holder
 *     preempted on CPU 0 makes the next task wait.
 *   - "dying": CPU 1's eventpoll_release_file() waits for the ep->mtx
 *     that CPU 0 holds in ep_clear_and_put() (the epoll fd's last close).
 * /proc/pollux/epoll_stats counts the last three as they happen
 * (tests/threads/epoll_stress makes them happen).
 *
 * Left out: EPOLLWAKEUP (wakeup sources; the flag is always cleared, as on
 * a kernel without CONFIG_PM_SLEEP), busy polling, io_uring's
 * EPOLL_URING_WAKE, the per-user (rather than global) watch count, and
 * RCU: its readers here (the nested-path walks of f_ep_links under
 * epnested_mutex, a POLLFREE wake-up on CPU 1 racing
 * ep_remove_wait_queue() on CPU 0) are not protected by it in Pollux.
 */
#include <pollux/eventpoll.h>
#include <pollux/sysctl.h>
#include <pollux/file.h>
#include <pollux/fs.h>
#include <pollux/poll.h>
#include <pollux/wait.h>
#include <pollux/mutex.h>
#include <pollux/spinlock.h>
#include <pollux/refcount.h>
#include <pollux/rbtree.h>
#include <pollux/seq_file.h>
#include <pollux/list.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/time.h>
#include <pollux/irq.h>
#include <pollux/kernel.h>
#include <pollux/uaccess.h>
#include <pollux/printk.h>
#include <pollux/string.h>
#include <pollux/trace.h>
#include <pollux/syscalls.h>
#include <uapi/epoll.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/time.h>

/* Epoll private bits inside the event mask: they say how an item is
 * watched and are never reported to user space. */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)

#define EPOLLINOUT_BITS (EPOLLIN | EPOLLOUT)

/* The only bits EPOLLEXCLUSIVE may be combined with. */
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | \
				EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

/* Maximum number of nesting allowed inside epoll sets */
#define EP_MAX_NESTS 4

#define EP_MAX_EVENTS (0x7fffffff / sizeof(struct epoll_event))

/* "Not on ovflist" for epi->next, and "no harvest running" for
 * ep->ovflist (NULL there means "a harvest runs, the list is empty"). */
#define EP_UNACTIVE_PTR ((void *)-1L)

#define EP_ITEM_COST (sizeof(struct epitem) + sizeof(struct eppoll_entry))

/* The rb-tree key: an fd number alone is not enough (a dup has another
 * number but the same file), nor a file alone (both dups may be added). */
struct epoll_filefd {
	struct file *file;
	int fd;
} __packed;

/* Wait structure used by the poll hooks: one per wait queue of the
 * target that its ->poll() registered (a pipe has one, a tty two). */
struct eppoll_entry {
	/* List header used to link this structure to the "struct epitem" */
	struct eppoll_entry *next;

	/* The "base" pointer is set to the container "struct epitem" */
	struct epitem *base;

	/* Wait queue item that will be linked to the target file wait
	 * queue head; its func is ep_poll_callback. */
	wait_queue_entry_t wait;

	/* The wait queue head that linked the "wait" wait queue item */
	wait_queue_head_t *whead;
};

/*
 * Each file descriptor added to the eventpoll interface will have an
 * entry of this type linked to the "rbr" RB tree.
 * Avoid increasing the size of this struct, there can be many thousands
 * of these on a server and we do not want this to take another cache line.
 */
struct epitem {
	/* RB tree node used to link this structure to the eventpoll RB tree */
	struct rb_node rbn;

	/* List header used to link this structure to the eventpoll ready list */
	struct list_head rdllink;

	/* Works together "struct eventpoll"->ovflist in keeping the
	 * single linked chain of items. */
	struct epitem *next;

	/* The file descriptor information this item refers to */
	struct epoll_filefd ffd;

	/* Set under the file's f_lock by eventpoll_release_file() before
	 * it waits for ep->mtx: the file is going away and that function
	 * will remove the item, so ep_clear_and_put() (the epoll fd's last
	 * close, holding ep->mtx on another CPU) must leave it alone. */
	bool dying;

	/* List containing poll wait queues */
	struct eppoll_entry *pwqlist;

	/* The "container" of this item */
	struct eventpoll *ep;

	/* List header used to link this item to the "struct file" items
	 * list (file->f_ep_links; Linux: file->f_ep) */
	struct list_head fllink;

	/* The structure that describe the interested events and the source fd */
	struct epoll_event event;
};

/*
 * This structure is stored inside the "private_data" member of the file
 * structure and represents the main data structure for the eventpoll
 * interface.
 */
struct eventpoll {
	/* Protects the RB tree, the items' masks and a harvest in progress */
	struct mutex mtx;

	/* Wait queue used by sys_epoll_wait() */
	wait_queue_head_t wq;

	/* Wait queue used by file->poll(): outer epolls, poll(), select() */
	wait_queue_head_t poll_wait;

	/* List of ready file descriptors */
	struct list_head rdllist;

	/* Lock which protects rdllist and ovflist (interrupts off) */
	spinlock_t lock;

	/* RB tree root used to store monitored fd structs */
	struct rb_root_cached rbr;

	/*
	 * This is a single linked list that chains all the "struct epitem"
	 * that happened while transferring ready events to userspace w/out
	 * holding ->lock.
	 */
	struct epitem *ovflist;

	/* The file that owns this instance ("[eventpoll]") */
	struct file *file;

	/* used to optimize loop detection check */
	u64 gen;
	int loop_check_depth;

	/* The file's reference plus one per epitem: the last put frees */
	refcount_t refcount;

	/* The wake-up nesting level while ep_poll_safewake() holds
	 * poll_wait.lock (the lock checker's subclass) */
	u8 nests;

	/* EPIOCSPARAMS' busy-poll settings: kept and reported back by
	 * EPIOCGPARAMS, never used (Pollux has no network devices) */
	u32 busy_poll_usecs;
	u16 busy_poll_budget;
	bool prefer_busy_poll;
};

/* Hands the epitem to ep_ptable_queue_proc through the poll_table. */
struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

static struct kmem_cache *epi_cache;	/* struct epitem */
static struct kmem_cache *pwq_cache;	/* struct eppoll_entry */

/* Linux counts watches per user; Pollux has one user, so one counter. */
static long max_user_watches;
static long epoll_watches;

/* Used to check for epoll file descriptor inclusion loops */
static struct mutex epnested_mutex;
static u64 loop_check_gen;
/*
 * List of files with newly added links, where we may need to limit the
 * number of emanating paths, linked through file->f_tfile_llink, each
 * holding a reference: while the check waits for an ep->mtx, a file
 * closed meanwhile on another CPU stays valid.  Protected by
 * epnested_mutex.
 */
static LIST_HEAD(tfile_check_list);
/* Used in ep_loop_check_proc(): the instance being inserted into */
static struct eventpoll *inserting_into;

static const struct file_operations eventpoll_fops;

/* ---------------------------------------------------------------- trace */

/* "trace=epoll" on the kernel command line (include/pollux/trace.h): a
 * log line per insert, remove, callback, sleep, wake-up and harvest. */
#define ep_trace(fmt, ...) trace(TRACE_EPOLL, "epoll", fmt, ##__VA_ARGS__)

/* Who runs this code: "irq" in an interrupt handler, else comm/pid. */
static const char *ep_waker(char *buf, size_t size)
{
	if (in_interrupt())
		return "irq";
	snprintf(buf, size, "%s/%d", current->comm, current->pid);
	return buf;
}

/* ---------------------------------------------------------------- stats */

/*
 * How often the paths that only concurrency reaches were taken, for
 * /proc/pollux/epoll_stats (Pollux-only: Linux has no such file; make
 * test's epoll_stress stage reads it to show these paths do run):
 *   ovflist            ep_poll_callback found a harvest in progress and
 *                      chained the item on ep->ovflist;
 *   mtx_contended      ep->mtx was held by another task when one came to
 *                      take it (mutex_is_locked() just before mutex_lock());
 *   dying              __ep_remove() left an item to the concurrent
 *                      eventpoll_release_file() of its file;
 *   exclusive_wakeups  an EPOLLEXCLUSIVE item's callback woke a task in
 *                      epoll_wait and so ended the target's wake-up.
 */
static struct {
	atomic_long_t ovflist, mtx_contended, dying, exclusive_wakeups;
} ep_stats;

int ep_stats_show(struct seq_file *m)
{
	seq_printf(m, "ovflist %ld\nmtx_contended %ld\ndying %ld\n"
		   "exclusive_wakeups %ld\n",
		   atomic_long_read(&ep_stats.ovflist),
		   atomic_long_read(&ep_stats.mtx_contended),
		   atomic_long_read(&ep_stats.dying),
		   atomic_long_read(&ep_stats.exclusive_wakeups));
	return 0;
}

/* mutex_lock_nested(&ep->mtx, depth), counting the times another task
 * held it (inlined: the lock checker records the caller's address). */
static __always_inline void ep_mtx_lock(struct eventpoll *ep, int depth)
{
	if (mutex_is_locked(&ep->mtx))
		atomic_long_inc(&ep_stats.mtx_contended);
	mutex_lock_nested(&ep->mtx, depth);
}

/* ---------------------------------------------------------------- helpers */

/* Linux: fs/eventpoll.c is_file_epoll() */
static inline bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* Linux: fs/eventpoll.c ep_set_ffd() */
static inline void ep_set_ffd(struct epoll_filefd *ffd, struct file *file,
			      int fd)
{
	ffd->file = file;
	ffd->fd = fd;
}

/* Linux: fs/eventpoll.c ep_cmp_ffd() — the file address first, then fd */
static inline int ep_cmp_ffd(const struct epoll_filefd *p1,
			     const struct epoll_filefd *p2)
{
	return (p1->file > p2->file ? +1 :
		(p1->file < p2->file ? -1 : p1->fd - p2->fd));
}

/* Tells us if the item is currently linked (on rdllist or a txlist) */
static inline bool ep_is_linked(struct epitem *epi)
{
	return !list_empty(&epi->rdllink);
}

static inline struct eppoll_entry *ep_pwq_from_wait(wait_queue_entry_t *p)
{
	return container_of(p, struct eppoll_entry, wait);
}

/* Get the "struct epitem" from a wait queue pointer */
static inline struct epitem *ep_item_from_wait(wait_queue_entry_t *p)
{
	return ep_pwq_from_wait(p)->base;
}

/* Linux: fs/eventpoll.c ep_events_available() — ready items, or a
 * harvest in progress that may leave some (ovflist is active). */
static inline int ep_events_available(struct eventpoll *ep)
{
	return !list_empty(&ep->rdllist) ||
		READ_ONCE(ep->ovflist) != EP_UNACTIVE_PTR;
}

/* Linux: fs/eventpoll.c ep_op_has_event() — only DEL takes no event */
static inline bool ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/*
 * Wakes the epolls and poll()ers watching this one.  The wake-up runs
 * their ep_poll_callback, which wakes the next level's poll_wait: locks
 * of one class (ep->poll_wait.lock) nested up to EP_MAX_NESTS deep.  Each
 * level takes its lock as the lock checker's subclass "nests", one more
 * than the level that woke it (epi: the item whose callback runs us, NULL
 * from task context).  Linux: fs/eventpoll.c ep_poll_safewake() (the
 * CONFIG_DEBUG_LOCK_ALLOC one)
 */
static void ep_poll_safewake(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;
	u8 nests = 0;

	if (epi) {
		if (is_file_epoll(epi->ffd.file))
			nests = ((struct eventpoll *)
				 epi->ffd.file->private_data)->nests;
		else
			nests = 1;
	}
	spin_lock_irqsave_nested(&ep->poll_wait.lock, flags, nests);
	ep->nests = nests + 1;
	wake_up_locked_poll(&ep->poll_wait, EPOLLIN);
	ep->nests = 0;
	spin_unlock_irqrestore(&ep->poll_wait.lock, flags);
}

/* ---------------------------------------------------------------- poll hooks */

/* Linux: fs/eventpoll.c ep_remove_wait_queue() — whead is NULL once a
 * POLLFREE wake-up (ep_poll_callback) has unhooked the entry: the queue
 * is gone.  No RCU: a POLLFREE wake-up on CPU 1 between the test and the
 * removal on CPU 0 is not excluded (Linux: smp_load_acquire under
 * rcu_read_lock, the queue freed after a grace period).  The acquire
 * pairs with the callback's release of NULL. */
static void ep_remove_wait_queue(struct eppoll_entry *pwq)
{
	wait_queue_head_t *whead = __atomic_load_n(&pwq->whead, __ATOMIC_ACQUIRE);

	if (whead)
		remove_wait_queue(whead, &pwq->wait);
}

/*
 * This function unregisters poll callbacks from the associated file
 * descriptor.  Must be called with "mtx" held.
 * Linux: fs/eventpoll.c ep_unregister_pollwait()
 */
static void ep_unregister_pollwait(struct eventpoll *ep, struct epitem *epi)
{
	struct eppoll_entry **p = &epi->pwqlist;
	struct eppoll_entry *pwq;

	while ((pwq = *p) != NULL) {
		*p = pwq->next;
		ep_remove_wait_queue(pwq);
		kmem_cache_free(pwq_cache, pwq);
	}
}

/* ---------------------------------------------------------------- scans */

/*
 * ep_start_scan/ep_done_scan bracket every walk of the ready list that
 * must drop ep->lock (to poll a file or copy to user space).  Start
 * steals rdllist into the caller's txlist and activates ovflist, so that
 * callbacks arriving meanwhile (a pipe write on CPU 1 while this scan
 * runs on CPU 0, or an interrupt on CPU 0) chain their items there instead
 * of touching a list the caller walks without the lock.  Done puts it all back.  The caller
 * holds ep->mtx, so only one scan runs at a time.
 * Linux: fs/eventpoll.c ep_start_scan() (ep_scan_ready_list before 5.11)
 */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	spin_lock_irq(&ep->lock);
	list_splice_init(&ep->rdllist, txlist);
	WRITE_ONCE(ep->ovflist, NULL);
	spin_unlock_irq(&ep->lock);
}

/* Linux: fs/eventpoll.c ep_done_scan() — the resulting ready list is
 * [txlist leftovers][ovflist items, FIFO][items re-queued by the scan] */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	struct epitem *epi, *nepi;

	spin_lock_irq(&ep->lock);
	/*
	 * During the time we spent inside the scan, some other events might
	 * have been queued by the poll callback (on CPU 1 while we scanned
	 * on CPU 0, or by an interrupt on CPU 0).  We re-insert them inside
	 * the main ready-list here.
	 */
	for (nepi = READ_ONCE(ep->ovflist); (epi = nepi) != NULL;
	     nepi = epi->next, epi->next = EP_UNACTIVE_PTR) {
		/*
		 * An item still on the txlist is put back by the splice
		 * below; only the others need linking.  ovflist is LIFO, so
		 * adding each at the head gives FIFO order again.
		 */
		if (!ep_is_linked(epi))
			list_add(&epi->rdllink, &ep->rdllist);
	}
	/* From now on callbacks queue on rdllist again. */
	WRITE_ONCE(ep->ovflist, EP_UNACTIVE_PTR);

	/* Quickly re-inject items left on "txlist". */
	list_splice_init(txlist, &ep->rdllist);

	/* One waiter was woken for what we took; pass what is left on to
	 * the next (epoll_wait sleepers are exclusive). */
	if (!list_empty(&ep->rdllist) && waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	spin_unlock_irq(&ep->lock);
}

/* ---------------------------------------------------------------- lifetime */

/* Linux: fs/eventpoll.c ep_get() */
static void ep_get(struct eventpoll *ep)
{
	refcount_inc(&ep->refcount);
}

/* Linux: fs/eventpoll.c ep_refcount_dec_and_test() */
static bool ep_refcount_dec_and_test(struct eventpoll *ep)
{
	return refcount_dec_and_test(&ep->refcount);
}

/* Linux: fs/eventpoll.c ep_free() — plain kfree, no RCU grace period */
static void ep_free(struct eventpoll *ep)
{
	kfree(ep);
}

/*
 * Removes a "struct epitem" from the eventpoll RB tree and deallocates
 * all the associated resources.  Must be called with "mtx" held.  If the
 * item is dying (eventpoll_release_file() is about to remove it) and
 * force is false, only its poll hooks go.  Returns true if it was
 * removed: the caller then drops the reference the item held on ep.
 * Linux: fs/eventpoll.c __ep_remove() — a list_head instead of the hlist
 * behind file->f_ep
 */
static bool __ep_remove(struct eventpoll *ep, struct epitem *epi, bool force)
{
	struct file *file = epi->ffd.file;
	unsigned long flags;

	/* Removes poll wait queue hooks: no callback can reach epi now. */
	ep_unregister_pollwait(ep, epi);

	/*
	 * CPU 0 closes this epoll fd (ep_clear_and_put) while CPU 1 drops
	 * the watched file's last reference: eventpoll_release_file() on
	 * CPU 1 marked the item dying under f_lock and now waits for the
	 * ep->mtx we hold.  It will free the item; we must not.
	 */
	spin_lock(&file->f_lock);
	if (epi->dying && !force) {
		spin_unlock(&file->f_lock);
		atomic_long_inc(&ep_stats.dying);
		return false;
	}
	list_del_init(&epi->fllink);
	spin_unlock(&file->f_lock);

	rb_erase_cached(&epi->rbn, &ep->rbr);

	spin_lock_irqsave(&ep->lock, flags);
	if (ep_is_linked(epi))
		list_del_init(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);

	ep_trace("ep_remove ep=%p tfd=%d", ep, epi->ffd.fd);
	kmem_cache_free(epi_cache, epi);
	epoll_watches--;
	return true;
}

/* Linux: fs/eventpoll.c ep_remove_safe() — for callers that own another
 * reference to ep, so the item's reference is never the last one */
static void ep_remove_safe(struct eventpoll *ep, struct epitem *epi)
{
	if (__ep_remove(ep, epi, false))
		BUG_ON(ep_refcount_dec_and_test(ep));
}

/*
 * The epoll file's last close: wake its poll()ers, unhook and free every
 * item, drop the file's reference to ep.
 * Linux: fs/eventpoll.c ep_clear_and_put() (ep_free before 6.4)
 */
static void ep_clear_and_put(struct eventpoll *ep)
{
	struct rb_node *rbp, *next;
	struct epitem *epi;
	bool dispose;

	/* We need to release all tasks waiting for these file */
	if (waitqueue_active(&ep->poll_wait))
		ep_poll_safewake(ep, NULL);

	/* We need to lock this because we could be hit by
	 * eventpoll_release_file(): a watched file's last fput on CPU 1. */
	ep_mtx_lock(ep, 0);

	/* Unhook everything first, so no callback (a write on CPU 1, an
	 * interrupt on CPU 0) runs during the frees. */
	for (rbp = rb_first_cached(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		epi = rb_entry(rbp, struct epitem, rbn);
		ep_unregister_pollwait(ep, epi);
	}

	/*
	 * Walks through the whole tree and try to free each "struct epitem".
	 * ep_remove_safe() leaves an item whose file is being released
	 * concurrently: eventpoll_release_file() removes it, and the
	 * reference that item holds keeps ep alive until then.  (This
	 * close on CPU 0, that file's last fput on CPU 1: epoll_stats'
	 * "dying".)
	 */
	for (rbp = rb_first_cached(&ep->rbr); rbp; rbp = next) {
		next = rb_next(rbp);
		epi = rb_entry(rbp, struct epitem, rbn);
		ep_remove_safe(ep, epi);
	}

	mutex_unlock(&ep->mtx);

	/*
	 * The file's reference goes after the unlock (Linux drops it
	 * before, and frees with kfree_rcu).  CPU 1's
	 * eventpoll_release_file() may be waiting for this ep->mtx to
	 * remove a dying item: it takes the mutex as soon as our unlock
	 * clears the owner, while our mutex_unlock() still wakes the
	 * mutex's wait queue inside *ep.  Had we dropped our reference
	 * first, its put would be the last and free ep under that wake-up
	 * (a panic epoll_stress found at -smp 4).  Each side puts only
	 * after its own unlock is done, so the last put comes after both.
	 */
	dispose = ep_refcount_dec_and_test(ep);
	if (dispose)
		ep_free(ep);
}

/* Linux: fs/eventpoll.c ep_eventpoll_release() */
static int ep_eventpoll_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;

	if (ep)
		ep_clear_and_put(ep);
	return 0;
}

/*
 * Called by the VFS (eventpoll_release) when the last reference to a
 * watched file goes: remove it from every epoll instance.  Marking the
 * item "dying" (under f_lock, which __ep_remove() tests it under) before
 * waiting for ep->mtx keeps a concurrent ep_clear_and_put() -- the epoll
 * fd's last close on another CPU, holding ep->mtx -- from freeing it
 * under us; the item's reference on ep keeps ep itself alive.
 * Linux: fs/eventpoll.c eventpoll_release_file()
 */
void eventpoll_release_file(struct file *file)
{
	struct eventpoll *ep;
	struct epitem *epi;
	bool dispose;

	for (;;) {
		spin_lock(&file->f_lock);
		if (list_empty(&file->f_ep_links)) {
			spin_unlock(&file->f_lock);
			return;
		}
		epi = list_first_entry(&file->f_ep_links, struct epitem, fllink);
		epi->dying = true;
		spin_unlock(&file->f_lock);

		/* ep access is safe as we still own a reference to the ep
		 * struct (the item's) */
		ep = epi->ep;
		ep_mtx_lock(ep, 0);
		dispose = __ep_remove(ep, epi, true);
		mutex_unlock(&ep->mtx);

		if (dispose && ep_refcount_dec_and_test(ep))
			ep_free(ep);
	}
}

/* ---------------------------------------------------------------- polling */

static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait,
				    int depth);

/*
 * The item's current events: the target's ->poll() masked by the events
 * the user asked for (plus ERR and HUP, always in the mask).  With pt's
 * queue proc set, this also hooks ep_poll_callback into the target.
 * Linux: fs/eventpoll.c ep_item_poll() — no file reference taken: the
 * caller holds ep->mtx, which the file's release (eventpoll_release_file
 * on another CPU) must take before the file can be freed.  A file whose
 * last reference is already gone (f_count 0: its release waits for our
 * ep->mtx on CPU 1) counts as "poll didn't happen", as Linux's failed
 * epi_fget().
 */
static __poll_t ep_item_poll(const struct epitem *epi, poll_table *pt,
			     int depth)
{
	struct file *file = epi->ffd.file;
	__poll_t res;

	if (!atomic_long_read(&file->f_count))
		return 0;

	pt->_key = epi->event.events;
	if (!is_file_epoll(file))
		res = vfs_poll(file, pt);
	else
		res = __ep_eventpoll_poll(file, pt, depth);
	return res & epi->event.events;
}

/*
 * ->poll of an epoll file: readable (EPOLLIN | EPOLLRDNORM) when at least
 * one ready item really polls ready.  Items that do not are dropped from
 * the ready list; the others stay, so polling never consumes events (ET
 * items included).
 * Linux: fs/eventpoll.c __ep_eventpoll_poll()
 */
static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait,
				    int depth)
{
	struct eventpoll *ep = file->private_data;
	LIST_HEAD(txlist);
	struct epitem *epi, *tmp;
	poll_table pt;
	__poll_t res = 0;

	init_poll_funcptr(&pt, NULL);

	/* Insert inside our poll wait queue */
	poll_wait(file, &ep->poll_wait, wait);

	/*
	 * Proceed to find out if wanted events are really available inside
	 * the ready list.  Each nesting level's ep->mtx is a lock class of
	 * its own (depth), as Linux's mutex_lock_nested().
	 */
	ep_mtx_lock(ep, depth);
	ep_start_scan(ep, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		if (ep_item_poll(epi, &pt, depth + 1)) {
			res = EPOLLIN | EPOLLRDNORM;
			break;
		}
		/* Queued by a callback but not ready as far as the caller's
		 * events go: drop it. */
		list_del_init(&epi->rdllink);
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

/* Linux: fs/eventpoll.c ep_eventpoll_poll() */
static __poll_t ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	return __ep_eventpoll_poll(file, wait, 0);
}

/*
 * The tfd: lines of /proc/PID/fdinfo/N, one per item in rb-tree order, in
 * Linux's exact format; seq_read_all() runs this again with more room
 * until all of them fit.  Linux: fs/eventpoll.c ep_show_fdinfo() — sdev
 * is 0: Pollux has no superblocks (Linux prints inode->i_sb->s_dev).
 */
static void ep_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct rb_node *rbp;

	ep_mtx_lock(ep, 0);
	for (rbp = rb_first_cached(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);
		struct inode *inode = epi->ffd.file->f_inode;

		seq_printf(m, "tfd: %8d events: %8x data: %16llx "
			   " pos:%lli ino:%lx sdev:%x\n",
			   epi->ffd.fd, epi->event.events,
			   (unsigned long long)epi->event.data,
			   (long long)epi->ffd.file->f_pos,
			   inode->i_ino, 0u);
		if (seq_has_overflowed(m))
			break;
	}
	mutex_unlock(&ep->mtx);
}

#define NAPI_POLL_WEIGHT 64	/* Linux: include/linux/netdevice.h */

/*
 * EPIOCSPARAMS checks in Linux's order: the pad byte, the time (at most
 * S32_MAX microseconds), prefer_busy_poll (0 or 1), then a budget above
 * NAPI_POLL_WEIGHT, which needs CAP_NET_ADMIN -- every Pollux process is
 * root and has it.  EPIOCGPARAMS returns what was set.
 * Linux: fs/eventpoll.c ep_eventpoll_bp_ioctl() (CONFIG_NET_RX_BUSY_POLL)
 */
static long ep_eventpoll_bp_ioctl(struct file *file, unsigned int cmd,
				  unsigned long arg)
{
	struct eventpoll *ep = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct epoll_params epoll_params;

	switch (cmd) {
	case EPIOCSPARAMS:
		if (copy_from_user(&epoll_params, uarg, sizeof(epoll_params)))
			return -EFAULT;
		/* pad byte must be zero */
		if (epoll_params.__pad)
			return -EINVAL;
		if (epoll_params.busy_poll_usecs > S32_MAX)
			return -EINVAL;
		if (epoll_params.prefer_busy_poll > 1)
			return -EINVAL;
		ep->busy_poll_usecs = epoll_params.busy_poll_usecs;
		ep->busy_poll_budget = epoll_params.busy_poll_budget;
		ep->prefer_busy_poll = epoll_params.prefer_busy_poll;
		return 0;
	default:	/* EPIOCGPARAMS */
		memset(&epoll_params, 0, sizeof(epoll_params));
		epoll_params.busy_poll_usecs = ep->busy_poll_usecs;
		epoll_params.busy_poll_budget = ep->busy_poll_budget;
		epoll_params.prefer_busy_poll = ep->prefer_busy_poll;
		return copy_to_user(uarg, &epoll_params, sizeof(epoll_params)) ?
			-EFAULT : 0;
	}
}

/* Any other ioctl on an epoll fd is EINVAL, not ENOTTY (FIONREAD
 * included; the generic FIONBIO, FIOCLEX... come first).
 * Linux: fs/eventpoll.c ep_eventpoll_ioctl() */
static long ep_eventpoll_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	switch (cmd) {
	case EPIOCSPARAMS:
	case EPIOCGPARAMS:
		return ep_eventpoll_bp_ioctl(file, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* File callbacks that implement the eventpoll file behaviour: no read,
 * no write (both EINVAL).  Linux: fs/eventpoll.c eventpoll_fops */
static const struct file_operations eventpoll_fops = {
	.show_fdinfo = ep_show_fdinfo,
	.release = ep_eventpoll_release,
	.poll = ep_eventpoll_poll,
	.llseek = noop_llseek,
	.ioctl = ep_eventpoll_ioctl,
};

/* ---------------------------------------------------------------- creation */

/* Linux: fs/eventpoll.c ep_alloc() — no user struct to take */
static int ep_alloc(struct eventpoll **pep)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep));

	if (!ep)
		return -ENOMEM;

	mutex_init(&ep->mtx);
	spin_lock_init(&ep->lock);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	ep->rbr = RB_ROOT_CACHED;
	ep->ovflist = EP_UNACTIVE_PTR;
	refcount_set(&ep->refcount, 1);

	*pep = ep;
	return 0;
}

/*
 * Where an item that is not in the tree goes: the link to fill, its
 * parent, and whether it becomes the leftmost.  ep_find() records it on
 * a miss, and ep_insert() links the new item there without a second
 * walk down the tree (Linux walks twice: ep_find(), then
 * ep_rbtree_insert()).  Valid while ep->mtx stays held.
 */
struct ep_rb_link {
	struct rb_node *parent, **link;
	bool leftmost;
};

/*
 * Search the file inside the eventpoll tree.  The RB tree operations are
 * protected by the "mtx" mutex, and ep_find() must be called with "mtx"
 * held.  Linux: fs/eventpoll.c ep_find() — and, on a miss, where the
 * item would go (*where)
 */
static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd,
			      struct ep_rb_link *where)
{
	struct rb_node **p = &ep->rbr.rb_root.rb_node, *parent = NULL;
	bool leftmost = true;
	struct epoll_filefd ffd;

	ep_set_ffd(&ffd, file, fd);
	while (*p) {
		struct epitem *epi = rb_entry(*p, struct epitem, rbn);
		int kcmp = ep_cmp_ffd(&ffd, &epi->ffd);

		parent = *p;
		if (kcmp > 0) {
			p = &parent->rb_right;
			leftmost = false;
		} else if (kcmp < 0) {
			p = &parent->rb_left;
		} else {
			return epi;
		}
	}
	*where = (struct ep_rb_link){ parent, p, leftmost };
	return NULL;
}

/* Linux: fs/eventpoll.c ep_rbtree_insert() — at the place ep_find()
 * found for it */
static void ep_rbtree_insert(struct eventpoll *ep, struct epitem *epi,
			     const struct ep_rb_link *where)
{
	rb_link_node(&epi->rbn, where->parent, where->link);
	rb_insert_color_cached(&epi->rbn, &ep->rbr, where->leftmost);
}

/* ---------------------------------------------------------------- callbacks */

/*
 * This is the callback that is passed to the wait queue wakeup
 * mechanism.  It is called by the stored file descriptors when they have
 * events to report; it may run in interrupt context, so it takes only
 * ep->lock (interrupts off) and never sleeps or allocates.
 *
 * Its return value matters to __wake_up() only for EPOLLEXCLUSIVE items
 * (hooked with add_wait_queue_exclusive): 1 counts as "an exclusive
 * waiter was woken" and ends the wake-up; 0 lets it go on to the next
 * epoll instance.  An exclusive item reports 1 only when this instance
 * had a task in epoll_wait to wake and the wake-up's IN/OUT part is one
 * the item asked for.
 * A sync wake-up (the waker about to sleep: a pipe's) stays one for the
 * task in epoll_wait, which the scheduler may then run on the waker's
 * CPU (docs/smp.md).
 * Linux: fs/eventpoll.c ep_poll_callback() — no wakeup sources
 */
static int ep_poll_callback(wait_queue_entry_t *wait, unsigned int mode,
			    int sync, void *key)
{
	struct epitem *epi = ep_item_from_wait(wait);
	struct eventpoll *ep = epi->ep;
	__poll_t pollflags = (__poll_t)(unsigned long)key;
	unsigned long flags;
	int pwake = 0, ewake = 0;
	char who[TASK_COMM_LEN + 12];

	spin_lock_irqsave(&ep->lock, flags);

	/*
	 * If the event mask does not contain any poll(2) event, we consider
	 * the descriptor to be disabled: EPOLLONESHOT disarmed it after an
	 * event, until the next EPOLL_CTL_MOD.
	 */
	if (!(epi->event.events & ~EP_PRIVATE_BITS))
		goto out_unlock;

	/* A key of 0 means "unknown": queue it and let the harvest re-poll. */
	if (pollflags && !(pollflags & epi->event.events))
		goto out_unlock;

	ep_trace("ep_poll_callback ep=%p tfd=%d key=0x%x by %s", ep,
		 epi->ffd.fd, pollflags, ep_waker(who, sizeof(who)));

	/*
	 * If we are transferring events to userspace, we can hold no locks
	 * (because we're accessing user memory).  All the events that happen
	 * during that period of time are chained in ep->ovflist and requeued
	 * later on by ep_done_scan().  In Pollux: this callback on CPU 1
	 * (a pipe write; an interrupt's always runs on CPU 0) while a task on
	 * CPU 0 is inside ep_send_events() or __ep_eventpoll_poll(), between
	 * ep_start_scan() and ep_done_scan(); on one CPU, the same with that
	 * task preempted there (preempt=full) or interrupted.
	 */
	if (READ_ONCE(ep->ovflist) != EP_UNACTIVE_PTR) {
		atomic_long_inc(&ep_stats.ovflist);
		if (epi->next == EP_UNACTIVE_PTR) {
			epi->next = READ_ONCE(ep->ovflist);
			WRITE_ONCE(ep->ovflist, epi);
		}
	} else if (!ep_is_linked(epi)) {
		/* In the usual case, add event to ready list. */
		list_add_tail(&epi->rdllink, &ep->rdllist);
	}

	/*
	 * Wake up ( if active ) both the eventpoll wait list and the ->poll()
	 * wait list.
	 */
	if (waitqueue_active(&ep->wq)) {
		if (epi->event.events & EPOLLEXCLUSIVE) {
			switch (pollflags & EPOLLINOUT_BITS) {
			case EPOLLIN:
				if (epi->event.events & EPOLLIN)
					ewake = 1;
				break;
			case EPOLLOUT:
				if (epi->event.events & EPOLLOUT)
					ewake = 1;
				break;
			case 0:
				ewake = 1;
				break;
			}
			if (ewake)
				atomic_long_inc(&ep_stats.exclusive_wakeups);
		}
		if (sync)
			wake_up_sync(&ep->wq);
		else
			wake_up(&ep->wq);
	}
	if (waitqueue_active(&ep->poll_wait))
		pwake++;

out_unlock:
	spin_unlock_irqrestore(&ep->lock, flags);

	/* We have to call this outside the lock */
	if (pwake)
		ep_poll_safewake(ep, epi);

	if (!(epi->event.events & EPOLLEXCLUSIVE))
		ewake = 1;

	/*
	 * The queue is being freed (signalfd_cleanup: the last thread of a
	 * process exits on CPU 1): unhook from it now, and tell
	 * ep_remove_wait_queue() there is nothing left to remove.  That
	 * function may run on CPU 0 at the same moment (EPOLL_CTL_DEL, the
	 * epoll fd's close) and call remove_wait_queue() after us: the
	 * entry is left self-linked (list_del_init) so that a second
	 * removal is harmless, and whead is published last, with release
	 * order.  Linux: smp_store_release(&...->whead, NULL)
	 */
	if (pollflags & POLLFREE) {
		list_del_init(&wait->entry);
		__atomic_store_n(&ep_pwq_from_wait(wait)->whead, NULL, __ATOMIC_RELEASE);
	}
	return ewake;
}

/*
 * This is the callback that is used to add our wait queue to the target
 * file wakeup lists: the target's ->poll() calls it through poll_wait()
 * once per wait queue.  An allocation failure is reported by clearing
 * epq->epi; ep_insert() then fails with ENOMEM.
 * Linux: fs/eventpoll.c ep_ptable_queue_proc()
 */
static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead,
				 poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq;

	if (!epi)	/* an earlier allocation has failed */
		return;

	pwq = kmem_cache_alloc(pwq_cache);
	if (!pwq) {
		epq->epi = NULL;
		return;
	}

	init_waitqueue_func_entry(&pwq->wait, ep_poll_callback);
	pwq->whead = whead;
	pwq->base = epi;
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	pwq->next = epi->pwqlist;
	epi->pwqlist = pwq;
}

/* ---------------------------------------------------------------- paths */

/*
 * A file watched through many nested epoll instances makes each of its
 * wake-ups run a callback per path.  These are the number of paths of
 * length 1 to 5 (index 0 to 4) that we are allowing to emanate from a
 * single file of interest; paths of length 1 are not limited.
 */
#define PATH_ARR_SIZE 5
static const int path_limits[PATH_ARR_SIZE] = { 1000, 500, 100, 50, 10 };
static int path_count[PATH_ARR_SIZE];

/* Linux: fs/eventpoll.c path_count_inc() */
static int path_count_inc(int nests)
{
	/* Allow an arbitrary number of depth 1 paths */
	if (nests == 0)
		return 0;

	if (++path_count[nests] > path_limits[nests])
		return -1;
	return 0;
}

/* Puts a file on tfile_check_list, unless it is there already.
 * Linux: fs/eventpoll.c list_file() — a reference on the file where
 * Linux (6.x) keeps the epitems_head alive; Linux 5.11 did the same. */
static void list_file(struct file *file)
{
	if (list_empty(&file->f_tfile_llink)) {
		get_file(file);
		list_add(&file->f_tfile_llink, &tfile_check_list);
	}
}

/* Linux: fs/eventpoll.c clear_tfile_check_list() */
static void clear_tfile_check_list(void)
{
	while (!list_empty(&tfile_check_list)) {
		struct file *file = list_first_entry(&tfile_check_list,
						     struct file, f_tfile_llink);

		list_del_init(&file->f_tfile_llink);
		fput(file);
	}
}

/* Linux: fs/eventpoll.c path_count_init() */
static void path_count_init(void)
{
	int i;

	for (i = 0; i < PATH_ARR_SIZE; i++)
		path_count[i] = 0;
}

/*
 * Count the paths upwards from the epitems on refs (a file's
 * f_ep_links): through each item's instance, the items that watch that
 * instance's file, and so on to an instance nobody watches.  Not
 * memoised: the path limits end the walk early.
 * Linux: fs/eventpoll.c reverse_path_check_proc() — no RCU
 */
static int reverse_path_check_proc(struct list_head *refs, int depth)
{
	int error = 0;
	struct epitem *epi;

	if (depth > EP_MAX_NESTS) /* too deep nesting */
		return -1;

	list_for_each_entry(epi, refs, fllink) {
		struct list_head *up = &epi->ep->file->f_ep_links;

		if (list_empty(up))
			error = path_count_inc(depth);
		else
			error = reverse_path_check_proc(up, depth + 1);
		if (error != 0)
			break;
	}
	return error;
}

/*
 * The tfile_check_list is the list of files which have links that are
 * proposed to be newly added (ep_loop_check_proc() and ep_insert() put
 * them there, each once).  We need to make sure that those added links
 * don't add too many paths such that we will spend all our time waking
 * up eventpoll objects.  Returns 0, or -1 for too many paths.  Called
 * with epnested_mutex held.
 * Linux: fs/eventpoll.c reverse_path_check()
 */
static int reverse_path_check(void)
{
	struct file *file;

	list_for_each_entry(file, &tfile_check_list, f_tfile_llink) {
		int error;

		path_count_init();
		error = reverse_path_check_proc(&file->f_ep_links, 0);
		if (error)
			return error;
	}
	return 0;
}

/* ---------------------------------------------------------------- ctl */

/*
 * Puts a ready item on the ready list (unless it is there already) and
 * wakes the epoll_wait sleepers; returns 1 when the instance's own
 * pollers (a watching epoll, poll()) must be woken too, which the caller
 * does outside the lock with ep_poll_safewake().  Linux repeats this block
 * in ep_insert() and ep_modify(); Pollux writes it once.
 */
static int ep_add_ready(struct eventpoll *ep, struct epitem *epi)
{
	int pwake = 0;

	spin_lock_irq(&ep->lock);
	if (!ep_is_linked(epi)) {
		list_add_tail(&epi->rdllink, &ep->rdllist);

		/* Notify waiting tasks that events are available */
		if (waitqueue_active(&ep->wq))
			wake_up(&ep->wq);
		if (waitqueue_active(&ep->poll_wait))
			pwake++;
	}
	spin_unlock_irq(&ep->lock);
	return pwake;
}

/*
 * Must be called with "mtx" held.  Builds the item, links it on the
 * target's f_ep_links and into the tree, then polls the target once with
 * ep_ptable_queue_proc (hooking ep_poll_callback into its wait queues);
 * a target that is already ready goes straight onto the ready list.
 * full_check: the ADD involves nesting, so count the wake-up paths.
 * Linux: fs/eventpoll.c ep_insert() — a global watch count, no wakeup
 * source
 */
static int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
		     struct file *tfile, int fd, const struct ep_rb_link *where,
		     int full_check)
{
	int pwake = 0;
	__poll_t revents;
	struct epitem *epi;
	struct ep_pqueue epq;

	if (epoll_watches >= max_user_watches)
		return -ENOSPC;
	epoll_watches++;

	epi = kmem_cache_zalloc(epi_cache);
	if (!epi) {
		epoll_watches--;
		return -ENOMEM;
	}

	/* Item initialization follow here ... */
	INIT_LIST_HEAD(&epi->rdllink);
	epi->ep = ep;
	ep_set_ffd(&epi->ffd, tfile, fd);
	epi->event = *event;
	epi->next = EP_UNACTIVE_PTR;

	/* Add the current item to the list of active epoll hook for this
	 * file (Linux: attach_epitem).  f_lock: another epoll instance may
	 * add or remove an item of the same file on another CPU, under
	 * its own ep->mtx. */
	spin_lock(&tfile->f_lock);
	list_add(&epi->fllink, &tfile->f_ep_links);
	spin_unlock(&tfile->f_lock);

	/* Add the current item to the RB tree.  All RB tree operations are
	 * protected by "mtx", and ep_insert() is called with "mtx" held. */
	ep_rbtree_insert(ep, epi, where);

	/* The item's reference: the error path below can't lead to ep_free()
	 * as the ep file itself still holds one. */
	ep_get(ep);

	ep_trace("ep_insert ep=%p tfd=%d events=0x%x data=0x%llx", ep, fd,
		 epi->event.events, (unsigned long long)epi->event.data);

	/* A nested ADD: tfile gains the new paths (an epoll tfile's files
	 * were listed by ep_loop_check_proc()). */
	if (full_check && !is_file_epoll(tfile))
		list_file(tfile);

	/* now check if we've created too many backpaths */
	if (full_check && reverse_path_check()) {
		ep_remove_safe(ep, epi);
		return -EINVAL;
	}

	/* Initialize the poll table using the queue callback */
	epq.epi = epi;
	init_poll_funcptr(&epq.pt, ep_ptable_queue_proc);

	/*
	 * Attach the item to the poll hooks and get current event bits.
	 * After this the poll callback can start hitting the new item.
	 */
	revents = ep_item_poll(epi, &epq.pt, 1);

	/* A wait queue entry allocation failed: undo it all. */
	if (!epq.epi) {
		ep_remove_safe(ep, epi);
		return -ENOMEM;
	}

	/* If the file is already "ready" we drop it inside the ready list */
	if (revents)
		pwake = ep_add_ready(ep, epi);

	/* We have to call this outside the lock */
	if (pwake)
		ep_poll_safewake(ep, NULL);

	return 0;
}

/*
 * Modify the interest event mask by dropping an event if the new mask
 * has a match in the current file status.  Must be called with "mtx"
 * held.  Linux: fs/eventpoll.c ep_modify() — no wakeup source
 */
static int ep_modify(struct eventpoll *ep, struct epitem *epi,
		     const struct epoll_event *event)
{
	int pwake = 0;
	poll_table pt;

	init_poll_funcptr(&pt, NULL);

	/*
	 * Set the new event interest mask before calling f_op->poll();
	 * otherwise we might miss an event that happens between the
	 * f_op->poll() call and the new event set registering.
	 */
	epi->event.events = event->events;
	epi->event.data = event->data;	/* protected by mtx */

	/*
	 * Linux's smp_mb(): the store of the mask above must be visible
	 * before ->poll() reads the file's state.  It pairs with the
	 * wait-queue and ep->lock of the writer: a re-arming MOD on CPU 0
	 * and a pipe write on CPU 1 -- either the callback on CPU 1 sees
	 * the new mask, or our poll sees the byte (x86 may otherwise let
	 * our load pass our store, and both miss: a lost ONESHOT event).
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	/*
	 * Get current event bits.  If the item is "hot" and it is not
	 * registered inside the ready list, push it inside.
	 */
	if (ep_item_poll(epi, &pt, 1))
		pwake = ep_add_ready(ep, epi);

	/* We have to call this outside the lock */
	if (pwake)
		ep_poll_safewake(ep, NULL);

	return 0;
}

/* ---------------------------------------------------------------- wait */

/* Linux: include/linux/eventpoll.h epoll_put_uevent() — two stores, the
 * range checked once for the whole array (ep_check_params); returns the
 * next slot, or NULL on a fault */
static struct epoll_event __user *
epoll_put_uevent(__poll_t revents, u64 data, struct epoll_event __user *uevent)
{
	/* struct epoll_event is packed: data is at offset 4, unaligned */
	u8 __user *p = (u8 __user *)uevent;
	u32 __user *uev = (u32 __user *)(p + offsetof(struct epoll_event, events));
	u64 __user *udata = (u64 __user *)(p + offsetof(struct epoll_event, data));

	if (__put_user(revents, uev) || __put_user(data, udata))
		return NULL;
	return uevent + 1;
}

/*
 * Harvest: up to maxevents ready items are re-polled and copied out.
 * An item that polls 0 now is dropped; a LT item goes back to the tail of
 * the ready list (so the next epoll_wait polls it again), an ET item
 * does not, an ONESHOT item is disarmed.  A fault puts the item back at
 * the head and returns -EFAULT, or the count copied before it.
 * Linux: fs/eventpoll.c ep_send_events() — no wakeup sources
 */
static int ep_send_events(struct eventpoll *ep,
			  struct epoll_event __user *events, int maxevents)
{
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	poll_table pt;
	int res = 0;

	/* A fatal signal (Linux: fatal_signal_pending()) ends the wait at
	 * once, before more events are found and fetched. */
	if (fatal_signal_pending(current))
		return -EINTR;

	init_poll_funcptr(&pt, NULL);

	ep_mtx_lock(ep, 0);
	ep_start_scan(ep, &txlist);

	/*
	 * We can loop without lock because we are passed a task private
	 * list.  Items cannot vanish during the loop we are holding ep->mtx:
	 * an EPOLL_CTL_DEL on CPU 1, or a watched file's last close there
	 * (eventpoll_release_file), waits for it.
	 */
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		__poll_t revents;

		if (res >= maxevents)
			break;

		list_del_init(&epi->rdllink);

		/*
		 * If the event mask intersect the caller-requested one,
		 * deliver the event to userspace.  Again, we are holding
		 * ep->mtx, so no operations coming from userspace can change
		 * the item.
		 */
		revents = ep_item_poll(epi, &pt, 1);
		if (!revents)
			continue;

		events = epoll_put_uevent(revents, epi->event.data, events);
		if (!events) {
			list_add(&epi->rdllink, &txlist);
			if (!res)
				res = -EFAULT;
			break;
		}
		ep_trace("ep_send_events ep=%p tfd=%d revents=0x%x data=0x%llx",
			 ep, epi->ffd.fd, revents,
			 (unsigned long long)epi->event.data);
		res++;
		if (epi->event.events & EPOLLONESHOT) {
			epi->event.events &= EP_PRIVATE_BITS;
		} else if (!(epi->event.events & EPOLLET)) {
			/*
			 * Level Trigger: insert back inside the ready list, so
			 * that the next epoll_wait() checks the events again.
			 * No one else inserts into ep->rdllist now: epoll_ctl
			 * callers on other CPUs wait for ep->mtx, and the
			 * poll callback (a write on CPU 1, an interrupt)
			 * queues on ep->ovflist.
			 */
			list_add_tail(&epi->rdllink, &ep->rdllist);
		}
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);

	return res;
}

/*
 * The wait entry of a task in epoll_wait: wake it, and always unlink the
 * entry, so the next wake-up goes to the next (exclusive) waiter and
 * ep_poll can tell from an empty entry that it was woken by the queue.
 * Linux: fs/eventpoll.c ep_autoremove_wake_function()
 */
static int ep_autoremove_wake_function(wait_queue_entry_t *wq_entry,
				       unsigned int mode, int sync, void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	list_del_init(&wq_entry->entry);
	return ret;
}

/* Is time left before the deadline *to (NULL: none)?
 * Linux: fs/eventpoll.c ep_schedule_timeout() */
static int ep_schedule_timeout(ktime_t *to)
{
	if (to)
		return ktime_after(*to, ktime_get());
	else
		return 1;
}

/*
 * Retrieves ready events, and delivers them to the caller-supplied event
 * buffer.  timeout is a deadline on the monotonic clock: NULL blocks
 * until events arrive, a zero one never sleeps.  Events take priority
 * over a timeout and over a pending signal.
 * Linux: fs/eventpoll.c ep_poll() — a ktime_t deadline for the
 * timespec64 one, no slack, no busy polling
 */
static int ep_poll(struct eventpoll *ep, struct epoll_event __user *events,
		   int maxevents, const ktime_t *timeout)
{
	int res, eavail, timed_out = 0;
	ktime_t expires, *to = NULL;
	wait_queue_entry_t wait;

	if (timeout && *timeout) {
		to = &expires;
		*to = *timeout;
	} else if (timeout) {
		/* Nonblocking: skip the wait queue loop altogether. */
		timed_out = 1;
	}

	/*
	 * This call is racy: we may or may not see events that are being
	 * added to the ready list (by a callback: a write on CPU 1, an
	 * interrupt on CPU 0).  For a non-zero
	 * timeout the check is repeated under the lock below; with a zero
	 * timeout the caller by definition has to check again anyway.
	 */
	eavail = ep_events_available(ep);

	while (1) {
		if (eavail) {
			res = ep_send_events(ep, events, maxevents);
			if (res)
				return res;
		}

		if (timed_out)
			return 0;

		if (signal_pending(current))
			return -EINTR;

		/*
		 * A fresh entry each round, exclusive: a wake-up of ep->wq
		 * wakes one epoll_wait caller, which passes any leftovers on
		 * (ep_done_scan), and the entry unlinks itself on wake-up.
		 */
		init_waitqueue_entry(&wait, current);
		wait.func = ep_autoremove_wake_function;

		spin_lock_irq(&ep->lock);
		/*
		 * No wake-up is lost: we are marked sleeping before the final
		 * check, and ep_poll_callback tests waitqueue_active() under
		 * the same lock.  A callback before the check is seen by the
		 * check; one after it finds us on ep->wq and makes us
		 * runnable, so the schedule() below returns at once.  (That
		 * callback: a write on CPU 1, or an interrupt here, between
		 * the unlock and schedule().)  Both
		 * lists are tested because a harvest (ep_start/done_scan)
		 * briefly leaves rdllist empty while ovflist holds events.
		 */
		set_current_state(TASK_INTERRUPTIBLE);
		eavail = ep_events_available(ep);
		if (!eavail)
			add_wait_queue_exclusive(&ep->wq, &wait);
		spin_unlock_irq(&ep->lock);

		if (!eavail) {
			ep_trace("ep_poll sleep ep=%p %s/%d", ep,
				 current->comm, current->pid);
			timed_out = !ep_schedule_timeout(to) ||
				!schedule_hrtimeout(to);
			ep_trace("ep_poll wake ep=%p %s/%d%s", ep,
				 current->comm, current->pid,
				 timed_out ? " (timed out)" : "");
		}
		set_current_state(TASK_RUNNING);

		/*
		 * We were woken up, thus go and try to harvest some events.
		 * If timed out and still on the wait queue, recheck eavail
		 * carefully under lock, below.
		 */
		eavail = 1;

		if (!list_empty(&wait.entry)) {
			spin_lock_irq(&ep->lock);
			/*
			 * If the thread timed out and is not on the wait queue,
			 * it means that the thread was woken up after its
			 * timeout expired before it could reacquire the lock
			 * (a callback on CPU 1, or an interrupt on CPU 0,
			 * between the expiry and the spin_lock_irq above).
			 * Thus, when wait.entry is empty, it needs to harvest
			 * events.
			 */
			if (timed_out)
				eavail = list_empty(&wait.entry);
			remove_wait_queue(&ep->wq, &wait);
			spin_unlock_irq(&ep->lock);
		}
	}
}

/* ---------------------------------------------------------------- nesting */

/*
 * Verify that adding an epoll file @ep inside another epoll file does not
 * create closed loops, and determine the depth of the subtree starting at
 * @ep.  Returns that depth, or EP_MAX_NESTS + 1 if we found a loop or
 * went too deep.  Instances already visited in this check (ep->gen ==
 * loop_check_gen) answer from their cached depth, so each instance is
 * walked once however many ways lead to it, and each file below is put
 * on tfile_check_list once: the whole check is linear in the graph.
 * Linux: fs/eventpoll.c ep_loop_check_proc()
 */
static int ep_loop_check_proc(struct eventpoll *ep, int depth)
{
	int result = 0;
	struct rb_node *rbp;
	struct epitem *epi;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;

	ep_mtx_lock(ep, depth + 1);
	ep->gen = loop_check_gen;
	for (rbp = rb_first_cached(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		epi = rb_entry(rbp, struct epitem, rbn);
		if (is_file_epoll(epi->ffd.file)) {
			struct eventpoll *ep_tovisit = epi->ffd.file->private_data;

			/* EP_MAX_NESTS + 1, not INT_MAX: the "+ 1" of the
			 * callers must not overflow (Linux fixed the same). */
			if (ep_tovisit == inserting_into || depth > EP_MAX_NESTS)
				result = EP_MAX_NESTS + 1;
			else
				result = MAX(result,
					     ep_loop_check_proc(ep_tovisit,
								depth + 1) + 1);
			if (result > EP_MAX_NESTS)
				break;
		} else {
			/*
			 * If we've reached a file that is not associated with
			 * an ep, then we need to check if the newly added
			 * links are going to add too many wakeup paths.  We do
			 * this by adding it to the tfile_check_list, if it's
			 * not already there, and calling reverse_path_check()
			 * during ep_insert().
			 */
			list_file(epi->ffd.file);
		}
	}
	ep->loop_check_depth = result;
	mutex_unlock(&ep->mtx);

	return result;
}

/*
 * Determine depth of @ep when traversed upwards: through the epitems
 * that watch its file, to the instances that hold them.
 * Linux: fs/eventpoll.c ep_get_upwards_depth_proc() — ep->file's
 * f_ep_links is Linux's ep->refs; no RCU
 */
static int ep_get_upwards_depth_proc(struct eventpoll *ep, int depth)
{
	int result = 0;
	struct epitem *epi;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	list_for_each_entry(epi, &ep->file->f_ep_links, fllink)
		result = MAX(result,
			     ep_get_upwards_depth_proc(epi->ep, depth + 1) + 1);
	ep->gen = loop_check_gen;
	ep->loop_check_depth = result;
	return result;
}

/*
 * Performs a check to verify that adding an epoll file (@to) into another
 * epoll file (@ep) does not create closed loops or too deep chains: the
 * depth below @to, plus one, plus the depth above @ep, must stay within
 * EP_MAX_NESTS (at most 5 instances in any chain).  Returns 0 if it is
 * fine, -1 otherwise.  Called with epnested_mutex held.
 * Linux: fs/eventpoll.c ep_loop_check() (6.17+)
 */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int depth, upwards_depth;

	inserting_into = ep;
	/* Check how deep down we can get from @to, and whether it is
	 * possible to loop up to @ep. */
	depth = ep_loop_check_proc(to, 0);
	if (depth > EP_MAX_NESTS)
		return -1;
	/* Check how far up we can go from @ep. */
	upwards_depth = ep_get_upwards_depth_proc(ep, 0);

	return (depth + 1 + upwards_depth > EP_MAX_NESTS) ? -1 : 0;
}

/* ---------------------------------------------------------------- syscalls */

/* Open an eventpoll file descriptor.
 * Linux: fs/eventpoll.c do_epoll_create() */
static int do_epoll_create(int flags)
{
	int error, fd;
	struct eventpoll *ep = NULL;
	struct file *file;

	_Static_assert(EPOLL_CLOEXEC == O_CLOEXEC, "EPOLL_CLOEXEC is O_CLOEXEC");

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	/* Create the internal data structure ("struct eventpoll"). */
	error = ep_alloc(&ep);
	if (error < 0)
		return error;
	/* Creates all the items needed to setup an eventpoll file.  That
	 * is, a file structure and a free file descriptor. */
	fd = get_unused_fd_flags(O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0) {
		error = fd;
		goto out_free_ep;
	}
	file = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep,
				  O_RDWR | (flags & O_CLOEXEC));
	if (!file) {
		error = -ENOMEM;
		goto out_free_fd;
	}
	ep->file = file;
	fd_install(fd, file);
	return fd;

out_free_fd:
	put_unused_fd(fd);
out_free_ep:
	ep_clear_and_put(ep);
	return error;
}

/* Linux: fs/eventpoll.c SYSCALL_DEFINE1(epoll_create1) */
long sys_epoll_create1(int flags)
{
	return do_epoll_create(flags);
}

/* Linux: fs/eventpoll.c SYSCALL_DEFINE1(epoll_create) — size is only
 * checked to be positive, as the man page promises */
long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;

	return do_epoll_create(0);
}

/* Linux: fs/eventpoll.c ep_take_care_of_epollwakeup() — the
 * !CONFIG_PM_SLEEP version: the flag is always dropped (as on the
 * reference host, even for root) */
static inline void ep_take_care_of_epollwakeup(struct epoll_event *epev)
{
	epev->events &= ~EPOLLWAKEUP;
}

/*
 * The checks in Linux's order (the first failing one wins): EBADF for
 * epfd, then fd; EPERM for a target without ->poll; EINVAL for epfd ==
 * fd, epfd not an epoll file, or a misused EPOLLEXCLUSIVE; ELOOP from the
 * loop check; then the op itself (EEXIST, ENOENT, EINVAL for an unknown
 * op).  Linux: fs/eventpoll.c do_epoll_ctl() — no nonblocking
 * (io_uring) variant
 */
static int do_epoll_ctl(int epfd, int op, int fd, struct epoll_event *epds)
{
	int error;
	int full_check = 0;
	struct fd f, tf;
	struct eventpoll *ep;
	struct epitem *epi;
	struct ep_rb_link where;

	error = -EBADF;
	f = fdget(epfd);
	if (!f.file)
		goto error_return;

	/* Get the "struct file *" for the target file */
	tf = fdget(fd);
	if (!tf.file)
		goto error_fput;

	/* The target file descriptor must support poll */
	error = -EPERM;
	if (!file_can_poll(tf.file))
		goto error_tgt_fput;

	/* Check if EPOLLWAKEUP is allowed */
	if (ep_op_has_event(op))
		ep_take_care_of_epollwakeup(epds);

	/*
	 * We have to check that the file structure underneath the file
	 * descriptor the user passed to us _is_ an eventpoll file.  And also
	 * we do not permit adding an epoll file descriptor inside itself.
	 */
	error = -EINVAL;
	if (f.file == tf.file || !is_file_epoll(f.file))
		goto error_tgt_fput;

	/*
	 * epoll adds to the wakeup queue at EPOLL_CTL_ADD time only, so
	 * EPOLLEXCLUSIVE is not allowed for a EPOLL_CTL_MOD operation.  Also,
	 * we do not currently supported nested exclusive wakeups.
	 */
	if (ep_op_has_event(op) && (epds->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			goto error_tgt_fput;
		if (op == EPOLL_CTL_ADD && (is_file_epoll(tf.file) ||
				(epds->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			goto error_tgt_fput;
	}

	/* At this point it is safe to assume that the "private_data"
	 * contains our own data structure. */
	ep = f.file->private_data;

	/*
	 * When we insert an epoll file descriptor inside another epoll file
	 * descriptor, there is the chance of creating closed loops, which
	 * are better be handled here, than in more critical paths.  The
	 * global epnested_mutex keeps two such ADDs, on CPU 0 and CPU 1,
	 * from building a loop in parallel (A into B here, B into A
	 * there); it ranks above ep->mtx, hence the unlock and relock.
	 */
	ep_mtx_lock(ep, 0);
	if (op == EPOLL_CTL_ADD) {
		if (!list_empty(&f.file->f_ep_links) || ep->gen == loop_check_gen ||
		    is_file_epoll(tf.file)) {
			mutex_unlock(&ep->mtx);
			mutex_lock(&epnested_mutex);
			loop_check_gen++;
			full_check = 1;
			if (is_file_epoll(tf.file)) {
				error = -ELOOP;
				if (ep_loop_check(ep, tf.file->private_data) != 0)
					goto error_tgt_fput;
			}
			ep_mtx_lock(ep, 0);
		}
	}

	/*
	 * Try to lookup the file inside our RB tree.  Since we grabbed "mtx"
	 * above, we can be sure to be able to use the item looked up by
	 * ep_find() till we release the mutex.
	 */
	epi = ep_find(ep, tf.file, fd, &where);

	error = -EINVAL;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (!epi) {
			epds->events |= EPOLLERR | EPOLLHUP;
			error = ep_insert(ep, epds, tf.file, fd, &where,
					  full_check);
		} else {
			error = -EEXIST;
		}
		break;
	case EPOLL_CTL_DEL:
		if (epi) {
			/* The eventpoll itself is still alive: the refcount
			 * can't go to zero here. */
			ep_remove_safe(ep, epi);
			error = 0;
		} else {
			error = -ENOENT;
		}
		break;
	case EPOLL_CTL_MOD:
		if (epi) {
			if (!(epi->event.events & EPOLLEXCLUSIVE)) {
				epds->events |= EPOLLERR | EPOLLHUP;
				error = ep_modify(ep, epi, epds);
			}
		} else {
			error = -ENOENT;
		}
		break;
	}
	mutex_unlock(&ep->mtx);

error_tgt_fput:
	if (full_check) {
		clear_tfile_check_list();
		loop_check_gen++;
		mutex_unlock(&epnested_mutex);
	}
	fdput(tf);
error_fput:
	fdput(f);
error_return:
	return error;
}

/*
 * The following function implements the controller interface for the
 * eventpoll file that enables the insertion/removal/change of file
 * descriptors inside the interest set.  The event is copied first, so a
 * bad pointer is EFAULT whatever else is wrong; DEL never reads it.
 * Linux: fs/eventpoll.c SYSCALL_DEFINE4(epoll_ctl)
 */
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event)
{
	struct epoll_event epds;

	if (ep_op_has_event(op) &&
	    copy_from_user(&epds, event, sizeof(struct epoll_event)))
		return -EFAULT;

	return do_epoll_ctl(epfd, op, fd, &epds);
}

/* Linux: fs/eventpoll.c ep_check_params() (6.15+): called after the epfd
 * lookup, so a bad epfd is EBADF before any other error */
static int ep_check_params(struct file *file, struct epoll_event __user *evs,
			   int maxevents)
{
	/* The maximum number of event must be greater than zero */
	if (maxevents <= 0 || (size_t)maxevents > EP_MAX_EVENTS)
		return -EINVAL;

	/* Verify that the area passed by the user is writeable (the range
	 * only: a fault is found, and reported, while copying) */
	if (!access_ok(evs, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;

	/* We have to check that the file structure underneath the fd the
	 * user passed to us _is_ an eventpoll file. */
	if (!is_file_epoll(file))
		return -EINVAL;

	return 0;
}

/*
 * Implement the event wait interface for the eventpoll file.  It is the
 * kernel part of the user space epoll_wait(2).
 * Linux: fs/eventpoll.c do_epoll_wait()
 */
static int do_epoll_wait(int epfd, struct epoll_event __user *events,
			 int maxevents, const ktime_t *to)
{
	struct fd f;
	int ret;

	/* Get the "struct file *" for the eventpoll file */
	f = fdget(epfd);
	if (!f.file)
		return -EBADF;

	ret = ep_check_params(f.file, events, maxevents);
	if (!ret)
		ret = ep_poll(f.file->private_data, events, maxevents, to);
	fdput(f);
	return ret;
}

/* Linux: fs/eventpoll.c do_epoll_pwait() */
static int do_epoll_pwait(int epfd, struct epoll_event __user *events,
			  int maxevents, const ktime_t *to,
			  const u64 __user *sigmask, size_t sigsetsize)
{
	int error;

	/* If the caller wants a certain signal mask to be set during the
	 * wait, we apply it here. */
	error = set_user_sigmask(sigmask, sigsetsize);
	if (error)
		return error;

	error = do_epoll_wait(epfd, events, maxevents, to);

	restore_saved_sigmask_unless(error == -EINTR);

	return error;
}

/* epoll_wait's milliseconds as a deadline: negative is forever (NULL),
 * 0 no wait.  Linux: fs/eventpoll.c ep_timeout_to_timespec() */
static ktime_t *ep_timeout_to_timespec(ktime_t *to, long ms)
{
	if (ms < 0)
		return NULL;
	poll_select_set_timeout(to, ms / MSEC_PER_SEC,
				NSEC_PER_MSEC * (ms % MSEC_PER_SEC));
	return to;
}

/* Linux: fs/eventpoll.c SYSCALL_DEFINE4(epoll_wait) */
long sys_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents,
		    int timeout)
{
	ktime_t to;

	return do_epoll_wait(epfd, events, maxevents,
			     ep_timeout_to_timespec(&to, timeout));
}

/* Implement the event wait interface for the eventpoll file, with the
 * signal mask swapped in for the wait.
 * Linux: fs/eventpoll.c SYSCALL_DEFINE6(epoll_pwait) */
long sys_epoll_pwait(int epfd, struct epoll_event __user *events,
		     int maxevents, int timeout, const u64 __user *sigmask,
		     size_t sigsetsize)
{
	ktime_t to;

	return do_epoll_pwait(epfd, events, maxevents,
			      ep_timeout_to_timespec(&to, timeout),
			      sigmask, sigsetsize);
}

/* The timespec is read and checked first (EFAULT, EINVAL), before the
 * sigmask and the epfd; NULL blocks until events arrive.
 * Linux: fs/eventpoll.c SYSCALL_DEFINE6(epoll_pwait2) */
long sys_epoll_pwait2(int epfd, struct epoll_event __user *events,
		      int maxevents, const struct timespec __user *timeout,
		      const u64 __user *sigmask, size_t sigsetsize)
{
	ktime_t end_time, *to = NULL;

	if (timeout) {
		struct timespec ts;

		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		to = &end_time;
		if (poll_select_set_timeout(to, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}

	return do_epoll_pwait(epfd, events, maxevents, to,
			      sigmask, sigsetsize);
}

/* ---------------------------------------------------------------- init */

/* /proc/sys/fs/epoll/max_user_watches.  Linux: fs/eventpoll.c epoll_table */
static const struct ctl_table epoll_table[] = {
	{ "max_user_watches", &max_user_watches, 0, LONG_MAX },
	{ NULL },
};

/* Linux: fs/eventpoll.c eventpoll_init() + epoll_sysctls_init() */
void eventpoll_init(void)
{
	/*
	 * Allows top 4% of lomem to be allocated for epoll watches (per
	 * user).  Every page is "lowmem" here: the kernel maps all of it.
	 */
	max_user_watches = ((pmm_total_count() / 25) << PAGE_SHIFT) /
		EP_ITEM_COST;

	/* Keep an epitem within two 64-byte cache lines on 64-bit. */
	_Static_assert(sizeof(struct epitem) <= 128, "struct epitem > 128 bytes");

	mutex_init(&epnested_mutex);
	epi_cache = kmem_cache_create("eventpoll_epi", sizeof(struct epitem));
	pwq_cache = kmem_cache_create("eventpoll_pwq",
				      sizeof(struct eppoll_entry));
	register_sysctl("fs/epoll", epoll_table);

	printk("eventpoll: max_user_watches %ld (epitem %zu + eppoll_entry %zu bytes)%s\n",
	       max_user_watches, sizeof(struct epitem),
	       sizeof(struct eppoll_entry),
	       trace_on(TRACE_EPOLL) ? ", trace on" : "");
}
