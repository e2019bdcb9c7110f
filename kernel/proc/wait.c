/* Wait queues.  Linux: kernel/sched/wait.c, core.c default_wake_function().
 * All list changes happen under the queue's lock with interrupts off,
 * since an interrupt handler (serial RX) may wake the same queue.
 * Lock order: wq_head->lock > what the callbacks take: p->pi_lock and rq->lock
 * (default_wake_function), ep->lock (ep_poll_callback). */
#include <pollux/wait.h>
#include <pollux/sched.h>

void __init_waitqueue_head(wait_queue_head_t *wq_head, const char *name,
			   struct lock_class_key *key)
{
	__spin_lock_init(&wq_head->lock, name, key);
	INIT_LIST_HEAD(&wq_head->head);
}

void add_wait_queue(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* Exclusive waiters go at the tail, so the non-exclusive ones before them
 * are all woken first (Linux's rule). */
void add_wait_queue_exclusive(wait_queue_head_t *wq_head,
			      wait_queue_entry_t *wq_entry)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add_tail(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void remove_wait_queue(wait_queue_head_t *wq_head,
		       wait_queue_entry_t *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	list_del_init(&wq_entry->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* Wakes the entry's task if it sleeps in one of the states in mode. */
int default_wake_function(wait_queue_entry_t *wq_entry, unsigned int mode,
			  int flags, void *key)
{
	return try_to_wake_up(wq_entry->private, mode, flags);
}

int autoremove_wake_function(wait_queue_entry_t *wq_entry, unsigned int mode,
			     int flags, void *key)
{
	int ret = default_wake_function(wq_entry, mode, flags, key);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

/* Inlined in each caller, whose nr_exclusive and wake_flags are
 * constants.  Linux: kernel/sched/wait.c __wake_up_common() */
static __always_inline void __wake_up_common(wait_queue_head_t *wq_head,
		unsigned int mode, int nr_exclusive, int wake_flags, void *key)
{
	wait_queue_entry_t *curr, *next;

	lockdep_assert_held(&wq_head->lock);
	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		int ret = curr->func(curr, mode, wake_flags, key);

		if (ret < 0)
			break;
		if (ret && (curr->flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

/* Linux: kernel/sched/wait.c __wake_up_common_lock() */
static __always_inline void __wake_up_common_lock(wait_queue_head_t *wq_head,
		unsigned int mode, int nr_exclusive, int wake_flags, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__wake_up_common(wq_head, mode, nr_exclusive, wake_flags, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void __wake_up(wait_queue_head_t *wq_head, unsigned int mode,
	       int nr_exclusive, void *key)
{
	__wake_up_common_lock(wq_head, mode, nr_exclusive, 0, key);
}

void __wake_up_sync_key(wait_queue_head_t *wq_head, unsigned int mode,
			void *key)
{
	__wake_up_common_lock(wq_head, mode, 1, WF_SYNC, key);
}

/* Linux: kernel/sched/wait.c __wake_up_locked_key() */
void __wake_up_locked_key(wait_queue_head_t *wq_head, unsigned int mode,
			  void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

static void __prepare_to_wait(wait_queue_head_t *wq_head,
			      wait_queue_entry_t *wq_entry, int state,
			      bool exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry)) {
		if (exclusive) {
			wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&wq_entry->entry, &wq_head->head);
		} else {
			wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&wq_entry->entry, &wq_head->head);
		}
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void prepare_to_wait(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry,
		     int state)
{
	__prepare_to_wait(wq_head, wq_entry, state, false);
}

void prepare_to_wait_exclusive(wait_queue_head_t *wq_head,
			       wait_queue_entry_t *wq_entry, int state)
{
	__prepare_to_wait(wq_head, wq_entry, state, true);
}

void finish_wait(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry)
{
	set_current_state(TASK_RUNNING);
	remove_wait_queue(wq_head, wq_entry);
}
