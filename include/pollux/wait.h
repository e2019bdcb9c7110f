/*
 * Wait queues, as Linux's include/linux/wait.h: a wait_queue_head is a
 * list of wait_queue_entry, each carrying a callback.  wake_up() runs the
 * callbacks; the usual one (default_wake_function) makes a sleeping task
 * runnable, eventpoll's (ep_poll_callback) queues an epitem instead.  The
 * key passed to the callbacks is the event mask (EPOLLIN, ...) of the
 * wake-up, or NULL when unknown.  The mode is the sleep states to wake
 * (include/pollux/sched.h): wake_up() wakes TASK_NORMAL, interruptible and
 * uninterruptible sleepers; wake_up_interruptible() only tasks in
 * TASK_INTERRUPTIBLE, so a task in an uninterruptible sleep (mutex_lock)
 * on the same queue sleeps on.  Callbacks that wake no task
 * (ep_poll_callback) ignore the mode, as Linux's do.
 */
#ifndef POLLUX_WAIT_H
#define POLLUX_WAIT_H

#include <pollux/list.h>
#include <pollux/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE 0x01

struct wait_queue_entry {
	unsigned int flags;
	void *private;		/* the task to wake, for the default callback */
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

void __init_waitqueue_head(wait_queue_head_t *wq_head, const char *name,
			   struct lock_class_key *key);
/* A lock class per call site for the queue's lock, as spin_lock_init() */
#define init_waitqueue_head(wq_head)                                     \
	do {                                                             \
		static struct lock_class_key __key;                      \
		__init_waitqueue_head((wq_head), #wq_head, &__key);      \
	} while (0)
void add_wait_queue(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry);
void add_wait_queue_exclusive(wait_queue_head_t *wq_head,
			      wait_queue_entry_t *wq_entry);
void remove_wait_queue(wait_queue_head_t *wq_head,
		       wait_queue_entry_t *wq_entry);

int default_wake_function(wait_queue_entry_t *wq_entry, unsigned int mode,
			  int flags, void *key);
int autoremove_wake_function(wait_queue_entry_t *wq_entry, unsigned int mode,
			     int flags, void *key);

/* Linux: include/linux/wait.h init_waitqueue_entry() */
static inline void init_waitqueue_entry(wait_queue_entry_t *wq_entry,
					void *task)
{
	wq_entry->flags = 0;
	wq_entry->private = task;
	wq_entry->func = default_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/* Linux: include/linux/wait.h init_waitqueue_func_entry() */
static inline void init_waitqueue_func_entry(wait_queue_entry_t *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/* Runs the callbacks; stops after nr_exclusive exclusive entries woke. */
void __wake_up(wait_queue_head_t *wq_head, unsigned int mode,
	       int nr_exclusive, void *key);

/* One exclusive entry at most, WF_SYNC: the waker is about to sleep
 * (sched.c may run the wakee on the waker's CPU).  Linux:
 * kernel/sched/wait.c __wake_up_sync_key() */
void __wake_up_sync_key(wait_queue_head_t *wq_head, unsigned int mode,
			void *key);

/* The same, the caller holding wq_head->lock.  Linux: __wake_up_locked_key() */
void __wake_up_locked_key(wait_queue_head_t *wq_head, unsigned int mode,
			  void *key);

#define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_locked_poll(x, m) \
	__wake_up_locked_key(x, TASK_NORMAL, (void *)(unsigned long)(m))
#define wake_up_all(x) __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x) \
	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_poll(x, m) \
	__wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) \
	__wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))
#define wake_up_sync(x) __wake_up_sync_key(x, TASK_NORMAL, NULL)
#define wake_up_interruptible_sync_poll(x, m) \
	__wake_up_sync_key(x, TASK_INTERRUPTIBLE, (void *)(unsigned long)(m))

static inline bool waitqueue_active(wait_queue_head_t *wq_head)
{
	return !list_empty(&wq_head->head);
}

/* The sleep pattern: prepare_to_wait() queues us and marks us sleeping
 * before the condition is tested, so a wake-up between the test and
 * schedule() only makes schedule() return at once: none is lost. */
void prepare_to_wait(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry,
		     int state);
void prepare_to_wait_exclusive(wait_queue_head_t *wq_head,
			       wait_queue_entry_t *wq_entry, int state);
void finish_wait(wait_queue_head_t *wq_head, wait_queue_entry_t *wq_entry);

#define DEFINE_WAIT(name)                                        \
	wait_queue_entry_t name = {                              \
		.private = current,                              \
		.func = autoremove_wake_function,                \
		.entry = LIST_HEAD_INIT((name).entry),           \
	}

/*
 * Sleeps until cond is true; -ERESTARTSYS if a signal arrives first,
 * else 0.  Linux: wait_event_interruptible().
 */
#define wait_event_interruptible(wq_head, cond)                          \
	({                                                               \
		int __ret = 0;                                           \
		DEFINE_WAIT(__wait);                                     \
		for (;;) {                                               \
			prepare_to_wait(&(wq_head), &__wait,             \
					TASK_INTERRUPTIBLE);             \
			if (cond)                                        \
				break;                                   \
			if (signal_pending(current)) {                   \
				__ret = -ERESTARTSYS;                    \
				break;                                   \
			}                                                \
			schedule();                                      \
		}                                                        \
		finish_wait(&(wq_head), &__wait);                        \
		__ret;                                                   \
	})

#endif
