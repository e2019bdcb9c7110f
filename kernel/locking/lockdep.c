/*
 * The lock checker, in the spirit of Linux's lockdep (docs/locking.md).
 *
 * Every lock has a class (pollux/lockdep.h): all the locks initialised at
 * one call site, or one static lock.  Each task keeps the locks it holds
 * (current->held_locks, with where each was taken).  When a task takes a
 * lock of class B while the last lock it took before is of class A, the
 * checker records the dependency A -> B ("B is taken under A"), once, with
 * both places.  Before recording A -> B it looks for a path B -> ... -> A
 * among the dependencies already seen: if there is one, two tasks (or two
 * CPUs) that follow the two orders can deadlock, even if they never have
 * yet -- "possible circular locking dependency detected", with both
 * chains.  The checker also reports:
 *   - a lock of a class already held (recursive locking), a lock released
 *     that is not held (bad unlock balance);
 *   - a class taken in a hardirq handler and, elsewhere, with interrupts
 *     on ("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage"): the
 *     interrupt can arrive while the lock is held on this CPU;
 *   - a sleep in atomic context: might_sleep() (mutex_lock...) with a
 *     spinlock held or interrupts off, schedule() with a preempt count;
 *   - a lock still held, or a preempt count, on the way back to user mode.
 * As Linux, it stops after its first report (debug_locks off): what it
 * learnt may be wrong from there on.
 *
 * Left out (Linux has them): read/write locks, softirq states, the chain
 * hash cache (each new pair is checked against the graph instead), the
 * "irq-safe -> irq-unsafe" order check, locks held when interrupts are
 * enabled later, lock statistics.
 *
 * Its own data (classes, graph) is under graph_lock, taken with
 * interrupts off; the held_locks of a task are only touched by that task
 * (and by the interrupt handlers that run on it, interrupts off).
 * Linux: kernel/locking/lockdep.c
 */
#include <pollux/lockdep.h>
#include <pollux/sched.h>
#include <pollux/printk.h>
#include <pollux/ksyms.h>
#include <pollux/kernel.h>
#include <pollux/string.h>

#define MAX_LOCKDEP_KEYS 256	/* classes */
#define MAX_LOCKDEP_ENTRIES 2048	/* dependencies whose places we keep */

/* class->usage bits.  Linux: LOCK_USED_IN_HARDIRQ, LOCK_ENABLED_HARDIRQ */
enum { USED_IN_HARDIRQ, ENABLED_HARDIRQ, NR_USAGE };
static const char *const usage_str[NR_USAGE] = { "IN-HARDIRQ-W",
						 "HARDIRQ-ON-W" };

struct lock_class {
	const void *key;		/* the lock_class_key, or a static lock */
	int subclass;
	const char *name;
	unsigned int usage;
	struct lock_trace usage_trace[NR_USAGE];	/* first such use */
};

/* A dependency prev -> next: where prev was held and next taken. */
struct lock_list {
	u16 prev, next;
	struct lock_trace prev_trace, next_trace;
};

bool debug_locks = true;
int lockdep_reports;

/* The boot option lockdep.prove_locking=0 turns the checker off, for
 * figures without its cost (make bench, tools/profile): each lock then
 * costs a test (pollux/spinlock.h).  Linux: the prove_locking parameter */
void lockdep_setup(const char *prove_locking)
{
	if (prove_locking && !strcmp(prove_locking, "0")) {
		debug_locks = false;
		printk("lockdep: off (lockdep.prove_locking=0)\n");
	}
}
/* Until kmain turns interrupts on, nothing can sleep or preempt: no
 * might_sleep() report.  Linux: early_boot_irqs_disabled */
bool early_boot_irqs_disabled = true;

static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static int nr_lock_classes;
/* lock_after[a] has bit b: b has been taken with a held */
static u64 lock_after[MAX_LOCKDEP_KEYS][MAX_LOCKDEP_KEYS / 64];
static struct lock_list list_entries[MAX_LOCKDEP_ENTRIES];
static int nr_list_entries;
static int graph_lock_word;

static void graph_lock(void)
{
	while (__atomic_exchange_n(&graph_lock_word, 1, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
}

static void graph_unlock(void)
{
	__atomic_store_n(&graph_lock_word, 0, __ATOMIC_RELEASE);
}

/* Linux: lib/debug_locks.c debug_locks_off() */
static void debug_locks_off(void)
{
	debug_locks = false;
	lockdep_reports++;
}

/* ---------------------------------------------------------------- traces */

/*
 * The return addresses from ip (the caller of spin_lock(), mutex_lock()...)
 * up the frame-pointer chain.  Linux: kernel/stacktrace.c
 * stack_trace_save()
 */
static void save_trace(struct lock_trace *t, unsigned long ip)
{
	u64 *rbp = __builtin_frame_address(0);
	int n = 0;
	bool found = !ip;

	for (int i = 0; i < LOCK_TRACE_DEPTH; i++)
		t->ip[i] = 0;
	if (ip)
		t->ip[n++] = ip;
	for (int depth = 0; depth < 32 && n < LOCK_TRACE_DEPTH; depth++) {
		if ((u64)rbp < KERNEL_SPACE_START || ((u64)rbp & 7))
			break;
		if (rbp[1] < KERNEL_SPACE_START)
			break;
		if (found)
			t->ip[n++] = rbp[1];
		else if (rbp[1] == ip)
			found = true;	/* from here on, ip's callers */
		rbp = (u64 *)rbp[0];
	}
}

static void print_ip_sym(const char *indent, u64 ip)
{
	u64 off;
	const char *name = ksym_lookup(ip, &off);

	printk("%s%s+0x%lx\n", indent, name ? name : "?", name ? off : 0);
}

static void print_trace(const struct lock_trace *t)
{
	for (int i = 0; i < LOCK_TRACE_DEPTH && t->ip[i]; i++)
		print_ip_sym("       ", t->ip[i]);
}

/* The whole chain of callers, without the checker's own frames. */
static void print_backtrace(void)
{
	u64 *rbp = __builtin_frame_address(0);

	printk("stack backtrace:\n");
	for (int depth = 0; depth < 24; depth++) {
		if ((u64)rbp < KERNEL_SPACE_START || ((u64)rbp & 7) ||
		    rbp[1] < KERNEL_SPACE_START)
			break;
		if (depth >= 2)
			print_ip_sym("       ", rbp[1]);
		rbp = (u64 *)rbp[0];
	}
}

static void print_lock_name(struct lock_class *class)
{
	if (class->subclass)
		printk("(%s/%d)", class->name, class->subclass);
	else
		printk("(%s)", class->name);
}

static void print_held_lock(int i, struct held_lock *hl)
{
	u64 off;
	const char *name = ksym_lookup(hl->trace.ip[0], &off);

	printk(" #%d: ", i);
	print_lock_name(hl->class);
	printk(", at: %s+0x%lx\n", name ? name : "?", name ? off : 0);
}

/* Linux: kernel/locking/lockdep.c lockdep_print_held_locks() */
void lockdep_print_held_locks(struct task_struct *t)
{
	if (!t->lockdep_depth) {
		printk("no locks held by %s/%d.\n", t->comm, t->pid);
		return;
	}
	printk("%d lock%s held by %s/%d:\n", t->lockdep_depth,
	       t->lockdep_depth > 1 ? "s" : "", t->comm, t->pid);
	for (int i = 0; i < t->lockdep_depth; i++)
		print_held_lock(i, &t->held_locks[i]);
}

static void print_header(const char *what)
{
	printk("\n======================================================\n");
	printk("%s\n", what);
	printk("------------------------------------------------------\n");
}

/* --------------------------------------------------------------- classes */

void lockdep_init_map(struct lockdep_map *map, const char *name,
		      const struct lock_class_key *key)
{
	map->key = key;
	map->name = name;
	map->class_cache = NULL;
}

/* The class of map's lock at subclass, made on first use.
 * Linux: register_lock_class() */
static struct lock_class *lookup_class(struct lockdep_map *map, int subclass)
{
	const void *key = map->key ? (const void *)map->key : map;
	struct lock_class *class;

	if (!subclass && map->class_cache)
		return map->class_cache;
	if (!map->name) {
		print_header("BUG: lock used before its init (no lock class)");
		print_backtrace();
		debug_locks_off();
		return NULL;
	}
	for (int i = 0; i < nr_lock_classes; i++) {
		class = &lock_classes[i];
		if (class->key == key && class->subclass == subclass)
			goto found;
	}
	if (nr_lock_classes == MAX_LOCKDEP_KEYS) {
		printk("BUG: MAX_LOCKDEP_KEYS too low!\n");
		debug_locks_off();
		return NULL;
	}
	class = &lock_classes[nr_lock_classes++];
	class->key = key;
	class->subclass = subclass;
	class->name = map->name;
found:
	if (!subclass)
		map->class_cache = class;
	return class;
}

static int class_id(struct lock_class *class)
{
	return class - lock_classes;
}

/* ------------------------------------------------------------ irq usage */

static void print_usage_bug(struct held_lock *hl, int prev_bit, int new_bit,
			    bool irqs_were_on)
{
	struct task_struct *curr = current;

	print_header("WARNING: inconsistent lock state");
	printk("inconsistent {%s} -> {%s} usage.\n", usage_str[prev_bit],
	       usage_str[new_bit]);
	printk("%s/%d [HC%d[%d]:HE%d] takes:\n", curr->comm, curr->pid,
	       !!in_hardirq(), in_hardirq() >> 16, irqs_were_on);
	print_held_lock(curr->lockdep_depth, hl);
	printk("{%s} state was registered at:\n", usage_str[prev_bit]);
	print_trace(&hl->class->usage_trace[prev_bit]);
	printk("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n       ----\n  lock(%s);\n", hl->class->name);
	printk("  <Interrupt>\n    lock(%s);\n\n *** DEADLOCK ***\n\n",
	       hl->class->name);
	lockdep_print_held_locks(curr);
	print_backtrace();
}

/* A class taken in a hardirq handler must never be taken with
 * interrupts on.  Linux: mark_lock(), valid_state() */
static bool mark_irq_usage(struct held_lock *hl, bool irqs_were_on)
{
	struct lock_class *class = hl->class;
	int bit, other;

	if (hl->hardirq)
		bit = USED_IN_HARDIRQ, other = ENABLED_HARDIRQ;
	else if (irqs_were_on)
		bit = ENABLED_HARDIRQ, other = USED_IN_HARDIRQ;
	else
		return true;
	if (class->usage & (1 << other)) {
		print_usage_bug(hl, other, bit, irqs_were_on);
		return false;
	}
	if (!(class->usage & (1 << bit))) {
		class->usage |= 1 << bit;
		class->usage_trace[bit] = hl->trace;
	}
	return true;
}

/* ----------------------------------------------------- the order graph */

static bool after(int a, int b)
{
	return lock_after[a][b / 64] & (1UL << (b % 64));
}

/* The path from class from to class to, as class ids in path[0..n]
 * (path[0] = from, path[n] = to); n, or 0 if there is none.
 * Linux: check_noncircular() (a breadth-first search) */
static int find_path(int from, int to, u16 *path)
{
	static s16 parent[MAX_LOCKDEP_KEYS];
	static u16 queue[MAX_LOCKDEP_KEYS];
	int head = 0, tail = 0, n = 0;

	for (int i = 0; i < nr_lock_classes; i++)
		parent[i] = -1;
	parent[from] = from;
	queue[tail++] = from;
	while (head < tail && parent[to] < 0) {
		int c = queue[head++];

		for (int d = 0; d < nr_lock_classes; d++)
			if (parent[d] < 0 && after(c, d)) {
				parent[d] = c;
				queue[tail++] = d;
			}
	}
	if (parent[to] < 0)
		return 0;
	for (int c = to; c != from; c = parent[c])
		n++;
	for (int c = to, i = n; i >= 0; c = parent[c], i--)
		path[i] = c;
	return n;
}

static struct lock_list *find_entry(int prev, int next)
{
	for (int i = 0; i < nr_list_entries; i++)
		if (list_entries[i].prev == prev && list_entries[i].next == next)
			return &list_entries[i];
	return NULL;
}

/*
 * prev is held and next is being taken, but next -> ... -> prev was seen
 * before (path): print both chains and the scenario, as Linux's
 * print_circular_bug().
 */
static void print_circular_bug(struct held_lock *prev, struct held_lock *next,
			       u16 *path, int n)
{
	struct task_struct *curr = current;
	struct lock_class *parent = &lock_classes[path[n - 1]];

	print_header("WARNING: possible circular locking dependency detected");
	printk("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
	print_held_lock(curr->lockdep_depth, next);
	printk("\nbut task is already holding lock:\n");
	for (int i = 0; i < curr->lockdep_depth; i++)
		if (&curr->held_locks[i] == prev)
			print_held_lock(i, prev);
	printk("\nwhich lock already depends on the new lock.\n\n");
	printk("the existing dependency chain (in reverse order) is:\n");
	for (int i = n; i >= 1; i--) {
		struct lock_list *e = find_entry(path[i - 1], path[i]);

		printk("\n-> #%d ", i);
		print_lock_name(&lock_classes[path[i]]);
		printk(":\n");
		if (e)
			print_trace(&e->next_trace);
		if (i == 1) {
			printk("\n-> #0 ");
			print_lock_name(&lock_classes[path[0]]);
			printk(":\n");
			if (e)
				print_trace(&e->prev_trace);
		}
	}
	printk("\nother info that might help us debug this:\n\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0                    CPU1\n");
	printk("       ----                    ----\n");
	printk("  lock(%s);\n", prev->class->name);
	printk("                               lock(%s);\n", parent->name);
	printk("                               lock(%s);\n", prev->class->name);
	printk("  lock(%s);\n\n *** DEADLOCK ***\n\n", next->class->name);
	lockdep_print_held_locks(curr);
	print_backtrace();
}

/* Linux: check_prev_add() */
static bool check_prev_add(struct held_lock *prev, struct held_lock *next)
{
	int a = class_id(prev->class), b = class_id(next->class), n;
	u16 path[MAX_LOCKDEP_KEYS];
	struct lock_list *e;

	if (a == b || after(a, b))
		return true;
	n = find_path(b, a, path);
	if (n) {
		print_circular_bug(prev, next, path, n);
		return false;
	}
	lock_after[a][b / 64] |= 1UL << (b % 64);
	if (nr_list_entries < MAX_LOCKDEP_ENTRIES) {
		e = &list_entries[nr_list_entries++];
		e->prev = a;
		e->next = b;
		e->prev_trace = prev->trace;
		e->next_trace = next->trace;
	}
	return true;
}

/*
 * The new lock depends on the locks held in the same context (an
 * interrupt handler's locks do not depend on those of the code it
 * interrupted): the last one, and any trylocks above it (a trylock adds
 * no order of its own).  The ones below were linked to that one when it
 * was taken.  Linux: check_prevs_add()
 */
static bool check_prevs_add(struct task_struct *curr, struct held_lock *next)
{
	for (int i = curr->lockdep_depth - 1; i >= 0; i--) {
		struct held_lock *prev = &curr->held_locks[i];

		if (prev->hardirq != next->hardirq)
			break;
		if (!check_prev_add(prev, next))
			return false;
		if (!prev->trylock)
			break;
	}
	return true;
}

/* A class already held: a deadlock on one lock, or two of one class
 * without a subclass to order them.  Linux: check_deadlock() */
static bool check_deadlock(struct task_struct *curr, struct held_lock *next)
{
	for (int i = 0; i < curr->lockdep_depth; i++) {
		struct held_lock *prev = &curr->held_locks[i];

		if (prev->class != next->class)
			continue;
		print_header("WARNING: possible recursive locking detected");
		printk("%s/%d is trying to acquire lock:\n", curr->comm,
		       curr->pid);
		print_held_lock(curr->lockdep_depth, next);
		printk("\nbut task is already holding lock:\n");
		print_held_lock(i, prev);
		printk("\n *** DEADLOCK ***\n\n May be due to missing lock "
		       "nesting notation\n\n");
		lockdep_print_held_locks(curr);
		print_backtrace();
		return false;
	}
	return true;
}

static void __lock_acquire(struct lockdep_map *map, int subclass,
			   bool trylock, bool irqs_were_on, unsigned long ip)
{
	struct task_struct *curr = current;
	struct lock_class *class = lookup_class(map, subclass);
	struct held_lock *hl;

	if (!class)
		return;
	if (curr->lockdep_depth == MAX_LOCK_DEPTH) {
		printk("BUG: MAX_LOCK_DEPTH too low!\n");
		debug_locks_off();
		return;
	}
	hl = &curr->held_locks[curr->lockdep_depth];
	hl->instance = map;
	hl->class = class;
	hl->hardirq = in_hardirq() != 0;
	hl->trylock = trylock;
	save_trace(&hl->trace, ip);
	if (!mark_irq_usage(hl, irqs_were_on) ||
	    (!trylock && !check_deadlock(curr, hl)) ||
	    (!trylock && !check_prevs_add(curr, hl))) {
		debug_locks_off();
		return;
	}
	curr->lockdep_depth++;
}

/* Linux: kernel/locking/lockdep.c lock_acquire() */
void lock_acquire(struct lockdep_map *map, int subclass, bool trylock,
		  unsigned long ip)
{
	unsigned long flags;

	if (!debug_locks || current->lockdep_recursion)
		return;
	flags = local_irq_save();
	current->lockdep_recursion++;
	graph_lock();
	__lock_acquire(map, subclass, trylock, flags & X86_EFLAGS_IF, ip);
	graph_unlock();
	current->lockdep_recursion--;
	local_irq_restore(flags);
}

static void print_unlock_imbalance(struct lockdep_map *map, unsigned long ip)
{
	struct task_struct *curr = current;

	print_header("WARNING: bad unlock balance detected!");
	printk("%s/%d is trying to release lock (%s) at:\n", curr->comm,
	       curr->pid, map->name);
	print_ip_sym("", ip);
	printk("but there are no more locks to release!\n\n");
	lockdep_print_held_locks(curr);
	print_backtrace();
}

/* Locks may be released in any order.  Linux: lock_release() */
void lock_release(struct lockdep_map *map, unsigned long ip)
{
	struct task_struct *curr = current;
	unsigned long flags;
	int i;

	if (!debug_locks || curr->lockdep_recursion)
		return;
	flags = local_irq_save();
	for (i = curr->lockdep_depth - 1; i >= 0; i--)
		if (curr->held_locks[i].instance == map)
			break;
	if (i < 0) {
		print_unlock_imbalance(map, ip);
		debug_locks_off();
	} else {
		curr->lockdep_depth--;
		for (; i < curr->lockdep_depth; i++)
			curr->held_locks[i] = curr->held_locks[i + 1];
	}
	local_irq_restore(flags);
}

bool lock_is_held(const struct lockdep_map *map)
{
	for (int i = 0; i < current->lockdep_depth; i++)
		if (current->held_locks[i].instance == map)
			return true;
	return false;
}

void __lockdep_assert_failed(const char *what, const char *file, int line)
{
	print_header("WARNING: lock not held");
	printk("%s is not held at %s:%d\n", what, file, line);
	lockdep_print_held_locks(current);
	print_backtrace();
	debug_locks_off();
}

/* ------------------------------------------------------ sleeping checks */

/* Linux: kernel/sched/core.c __might_sleep(), __might_resched() */
void __might_sleep(const char *file, int line)
{
	struct task_struct *curr = current;

	if ((!in_atomic() && !irqs_disabled()) || early_boot_irqs_disabled ||
	    !debug_locks)
		return;
	print_header("BUG: sleeping function called from invalid context");
	printk("at %s:%d\n", file, line);
	printk("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), curr->pid, curr->comm);
	printk("preempt_count: %x\n", preempt_count());
	lockdep_print_held_locks(curr);
	print_backtrace();
	debug_locks_off();
}

/* Linux: kernel/sched/core.c schedule_debug(), __schedule_bug() */
void __lockdep_schedule_check(void)
{
	struct task_struct *curr = current;

	if (!in_atomic() || !debug_locks)
		return;
	print_header("BUG: scheduling while atomic");
	printk("BUG: scheduling while atomic: %s/%d/0x%08x\n", curr->comm,
	       curr->pid, preempt_count());
	lockdep_print_held_locks(curr);
	print_backtrace();
	debug_locks_off();
}

/* On the way back to user mode nothing may be held.
 * Linux: kernel/locking/lockdep.c lockdep_sys_exit() */
void __lockdep_sys_exit(void)
{
	struct task_struct *curr = current;

	if ((!curr->lockdep_depth && !preempt_count()) || !debug_locks)
		return;
	print_header("WARNING: lock held when returning to user space!");
	printk("%s/%d is leaving the kernel with preempt_count %x and "
	       "locks still held!\n", curr->comm, curr->pid, preempt_count());
	lockdep_print_held_locks(curr);
	print_backtrace();
	debug_locks_off();
}

/* Forget every class and order, and current's held locks: the lock
 * checker's self-test runs each case from scratch.  Linux:
 * lib/locking-selftest.c reset_locks(), lockdep_reset() */
void lockdep_reset(void)
{
	unsigned long flags = local_irq_save();

	for (int i = 0; i < nr_lock_classes; i++)
		for (int j = 0; j < MAX_LOCKDEP_KEYS / 64; j++)
			lock_after[i][j] = 0;
	for (int i = 0; i < nr_lock_classes; i++)
		lock_classes[i].usage = 0;
	nr_list_entries = 0;
	current->lockdep_depth = 0;
	debug_locks = true;
	local_irq_restore(flags);
}
