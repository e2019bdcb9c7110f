/* futex(2) operations and robust-list records (Linux:
 * include/uapi/linux/futex.h).  A futex is an aligned u32 in user memory;
 * see docs/futex.md. */
#ifndef _UAPI_FUTEX_H
#define _UAPI_FUTEX_H

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* removed in 2.6.26: ENOSYS */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6	/* the PI ops: not built, ENOSYS */
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128	/* only this process's threads meet */
#define FUTEX_CLOCK_REALTIME	256	/* the timeout is on CLOCK_REALTIME */
#define FUTEX_CMD_MASK		~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE	(FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE	(FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

/* A robust lock's entry in the owner's list; the futex word is at
 * futex_offset bytes from it. */
struct robust_list {
	struct robust_list *next;
};

/* The list's head, one per thread (set_robust_list).  list_op_pending:
 * the lock being taken or released right now, not yet (or no longer)
 * on the list. */
struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

/* The futex word of a robust (or PI) lock: the owner's TID, and */
#define FUTEX_WAITERS		0x80000000	/* someone sleeps on it */
#define FUTEX_OWNER_DIED	0x40000000	/* the owner died holding it */
#define FUTEX_TID_MASK		0x3fffffff

/* How many entries the kernel walks at most (a loop in the list). */
#define ROBUST_LIST_LIMIT	2048

/* WAIT_BITSET/WAKE_BITSET: the bitset that matches every waiter */
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* FUTEX_WAKE_OP's val3: op and cmp, each with a 12-bit signed argument.
 * *uaddr2 = *uaddr2 OP oparg; wake on uaddr2 too if old CMP cmparg. */
#define FUTEX_OP_SET		0	/* uaddr2 = oparg */
#define FUTEX_OP_ADD		1	/* uaddr2 += oparg */
#define FUTEX_OP_OR		2	/* uaddr2 |= oparg */
#define FUTEX_OP_ANDN		3	/* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR		4	/* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT	8	/* op flag: use 1 << oparg */

#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

#define FUTEX_OP(op, oparg, cmp, cmparg)				\
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) |		\
	 (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

#endif
