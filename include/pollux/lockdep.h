/*
 * The lock checker (kernel/locking/lockdep.c, docs/locking.md), in the
 * spirit of Linux's lockdep.  Every lock belongs to a class: the locks
 * initialised at one spin_lock_init()/mutex_init() call site (the address
 * of a static lock_class_key that the macro declares there), or one
 * statically initialised lock (DEFINE_SPINLOCK, DEFINE_MUTEX).  The
 * checker learns, at run time, which classes are taken while which
 * others are held, and reports the first order that could deadlock.
 * Linux: include/linux/lockdep.h, include/linux/lockdep_types.h
 */
#ifndef POLLUX_LOCKDEP_H
#define POLLUX_LOCKDEP_H

#include <pollux/types.h>

#define MAX_LOCKDEP_SUBCLASSES 8
#define MAX_LOCK_DEPTH 12	/* locks one task may hold at once */
#define LOCK_TRACE_DEPTH 4	/* return addresses kept per acquisition */

struct lock_class;
struct task_struct;

/* One per init site or static lock; never freed: its address is the
 * class's identity. */
struct lock_class_key {
	char unused;
};

/* In every lock: which class, and a cache of the class's entry. */
struct lockdep_map {
	const struct lock_class_key *key;	/* NULL: the lock is its own key */
	const char *name;
	struct lock_class *class_cache;		/* subclass 0's */
};

#define STATIC_LOCKDEP_MAP_INIT(lockname) { .key = NULL, .name = lockname }

struct lock_trace {
	u64 ip[LOCK_TRACE_DEPTH];
};

/* An entry of current->held_locks.  Linux: struct held_lock */
struct held_lock {
	struct lockdep_map *instance;
	struct lock_class *class;
	struct lock_trace trace;	/* where it was taken */
	bool hardirq;			/* taken in a hardirq handler */
	bool trylock;
};

void lockdep_init_map(struct lockdep_map *map, const char *name,
		      const struct lock_class_key *key);
/* ip: the caller of spin_lock()/mutex_lock(), for the reports. */
void lock_acquire(struct lockdep_map *map, int subclass, bool trylock,
		  unsigned long ip);
void lock_release(struct lockdep_map *map, unsigned long ip);
/* Whether current holds the lock.  Linux: lockdep_is_held() */
bool lock_is_held(const struct lockdep_map *map);

/* The reports that are not about lock order (kernel/locking/lockdep.c);
 * the inline wrappers below cost a test of debug_locks when it is off. */
void __lockdep_schedule_check(void);		/* schedule(): atomic? */
void __might_sleep(const char *file, int line);
void __lockdep_sys_exit(void);			/* no lock back to user mode */
void lockdep_print_held_locks(struct task_struct *t);
/* For the lock checker's own self-test: forget what was learnt. */
void lockdep_reset(void);
/* How many reports (0 across make test): /proc/lockdep_stats */
extern int lockdep_reports;
/* lockdep.prove_locking=0 on the command line: the checker off */
void lockdep_setup(const char *prove_locking);
extern bool debug_locks;
extern bool early_boot_irqs_disabled;	/* until kmain's local_irq_enable() */

/* Linux: include/linux/kernel.h might_sleep(): the caller may sleep, so
 * it must not be in atomic context nor have interrupts off. */
#define might_sleep() \
	do { if (unlikely(debug_locks)) __might_sleep(__FILE__, __LINE__); } while (0)

static inline void lockdep_schedule_check(void)
{
	if (unlikely(debug_locks))
		__lockdep_schedule_check();
}

static inline void lockdep_sys_exit(void)
{
	if (unlikely(debug_locks))
		__lockdep_sys_exit();
}

#define lockdep_assert_held(l) \
	do { if (debug_locks && !lock_is_held(&(l)->dep_map)) \
		__lockdep_assert_failed(#l, __FILE__, __LINE__); } while (0)
void __lockdep_assert_failed(const char *what, const char *file, int line);

#endif
