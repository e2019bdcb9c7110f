/*
 * futex_ops.c - FUTEX_WAKE_OP, FUTEX_REQUEUE and FUTEX_CMP_REQUEUE with no
 * one waiting, and set_robust_list/get_robust_list: WAKE_OP's five
 * operations on *uaddr2 (with 12-bit signed and FUTEX_OP_OPARG_SHIFT
 * arguments), its ENOSYS for an unknown op (memory untouched) or
 * comparison (memory changed), and the errno of each bad argument; a
 * shared WAIT and WAKE_OP on copy-on-write memory after fork.
 * Waking and moving waiters is in futex_shared.c.
 */
#include <linux/futex.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static unsigned int w1, w2;

static long futex(void *uaddr, int op, unsigned int val, unsigned long val2,
		  void *uaddr2, unsigned int val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

/* WAKE_OP with encoded op on w2 = before; w2 must then be after. */
static void check_op(unsigned int op, unsigned int before, unsigned int after,
		     const char *what)
{
	w2 = before;
	CHECK_EQ(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2, op), 0, what);
	CHECK_HEX(w2, after, "... the new value");
}

static void test_wake_op(void)
{
	check_op(FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0), 9, 5,
		 "WAKE_OP SET 5");
	check_op(FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 0), 9, 12,
		 "WAKE_OP ADD 3");
	check_op(FUTEX_OP(FUTEX_OP_ADD, -1, FUTEX_OP_CMP_EQ, 0), 9, 8,
		 "WAKE_OP ADD -1 (oparg is 12-bit signed)");
	check_op(FUTEX_OP(FUTEX_OP_SET, -2048, FUTEX_OP_CMP_EQ, 0), 0,
		 0xfffff800, "WAKE_OP SET -2048, the lowest oparg");
	check_op(FUTEX_OP(FUTEX_OP_OR, 0x30, FUTEX_OP_CMP_EQ, 0), 0x101, 0x131,
		 "WAKE_OP OR 0x30");
	check_op(FUTEX_OP(FUTEX_OP_ANDN, 0x3, FUTEX_OP_CMP_EQ, 0), 0xff, 0xfc,
		 "WAKE_OP ANDN 3");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 0x5a5, FUTEX_OP_CMP_EQ, 0), 0xfff,
		 0xa5a, "WAKE_OP XOR 0x5a5");
	check_op(FUTEX_OP(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 4,
			  FUTEX_OP_CMP_EQ, 0), 0, 0x10,
		 "WAKE_OP SET 1 << 4 (FUTEX_OP_OPARG_SHIFT)");
	check_op(FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 31,
			  FUTEX_OP_CMP_EQ, 0), 1, 0x80000001,
		 "WAKE_OP OR 1 << 31");
	check_op(FUTEX_OP(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 33,
			  FUTEX_OP_CMP_EQ, 0), 0, 0x2,
		 "WAKE_OP SET 1 << 33: the shift is taken mod 32");
	check_op(FUTEX_OP(FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT, -1,
			  FUTEX_OP_CMP_EQ, 0), 1, 0x80000001,
		 "WAKE_OP ADD 1 << -1: mod 32, 1 << 31");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 1, FUTEX_OP_CMP_GT, -1), 2, 3,
		 "WAKE_OP with each comparison: XOR 1, CMP_GT");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 1, FUTEX_OP_CMP_GE, 0), 2, 3,
		 "... CMP_GE");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 1, FUTEX_OP_CMP_LE, 0), 2, 3,
		 "... CMP_LE");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 1, FUTEX_OP_CMP_LT, 0), 2, 3,
		 "... CMP_LT");
	check_op(FUTEX_OP(FUTEX_OP_XOR, 1, FUTEX_OP_CMP_NE, 0), 2, 3,
		 "... CMP_NE");
	CHECK_EQ(futex(&w1, FUTEX_WAKE_OP, -1, -1, &w2,
		       FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), 0,
		 "WAKE_OP with counts -1 (shared): 0, no EINVAL");
	CHECK_EQ(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w1,
		       FUTEX_OP(FUTEX_OP_SET, 7, FUTEX_OP_CMP_EQ, 0)), 0,
		 "WAKE_OP with uaddr2 == uaddr");
	CHECK_EQ(w1, 7, "... which it changes");
}

static void test_wake_op_errors(void)
{
	unsigned int *ro = mmap(NULL, 4096, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *c2 = (char *)&w2;
	int op;

	for (op = 5; op <= 7; op++) {
		w2 = 9;
		CHECK_ERR(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
				FUTEX_OP(op, 1, FUTEX_OP_CMP_EQ, 0)), ENOSYS,
			  "WAKE_OP with an unknown op (5, 6, 7): ENOSYS");
		CHECK_EQ(w2, 9, "... and *uaddr2 untouched");
	}
	w2 = 9;
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
			FUTEX_OP(FUTEX_OP_SET, 1, 6, 0)), ENOSYS,
		  "WAKE_OP with an unknown comparison (6): ENOSYS");
	CHECK_EQ(w2, 1, "... after the op was done");
	w2 = 9;
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP, 1, 1, &w2,
			FUTEX_OP(FUTEX_OP_ADD, 1, 15, 0)), ENOSYS,
		  "WAKE_OP with comparison 15: ENOSYS");
	CHECK_EQ(w2, 10, "... after the op was done");
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, c2 + 1,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EINVAL,
		  "WAKE_OP with an unaligned uaddr2: EINVAL");
	CHECK_ERR(futex((char *)&w1 + 2, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EINVAL,
		  "WAKE_OP with an unaligned uaddr: EINVAL");
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, NULL,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EFAULT,
		  "WAKE_OP_PRIVATE with uaddr2 NULL: EFAULT");
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP, 1, 1, NULL,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EFAULT,
		  "WAKE_OP (shared) with uaddr2 NULL: EFAULT");
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, ro,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EFAULT,
		  "WAKE_OP_PRIVATE on a read-only uaddr2: EFAULT");
	CHECK_EQ(*ro, 0, "... unchanged");
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP, 1, 1, ro,
			FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), EFAULT,
		  "WAKE_OP (shared) on a read-only uaddr2: EFAULT");
	CHECK_ERR(futex(bad_addr(0xffff800000000000UL), FUTEX_WAKE_OP_PRIVATE,
			1, 1, &w2, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ,
					     0)), EFAULT,
		  "WAKE_OP with a kernel uaddr: EFAULT");
	munmap(ro, 4096);
}

static void test_requeue(void)
{
	w1 = 3;
	CHECK_EQ(futex(&w1, FUTEX_REQUEUE_PRIVATE, 1, 1, &w2, 0), 0,
		 "REQUEUE with no waiters: 0");
	CHECK_EQ(futex(&w1, FUTEX_CMP_REQUEUE, 1, INT_MAX, &w2, 3), 0,
		 "CMP_REQUEUE with a matching value: 0");
	CHECK_ERR(futex(&w1, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &w2, 4), EAGAIN,
		  "CMP_REQUEUE with another value: EAGAIN");
	CHECK_ERR(futex(&w1, FUTEX_CMP_REQUEUE, -1, 1, &w2, 3), EINVAL,
		  "CMP_REQUEUE to wake -1: EINVAL");
	CHECK_ERR(futex(&w1, FUTEX_REQUEUE, 1, 0xffffffffUL, &w2, 0), EINVAL,
		  "REQUEUE to move 0xffffffff (-1 as an int): EINVAL");
	CHECK_EQ(futex(&w1, FUTEX_REQUEUE, 1, 0x100000000UL, &w2, 0), 0,
		 "REQUEUE to move 1 << 32: the upper half is dropped");
	CHECK_ERR(futex(NULL, FUTEX_CMP_REQUEUE, -1, 1, NULL, 3), EINVAL,
		  "... EINVAL before the addresses are looked at");
	CHECK_EQ(futex(&w1, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, NULL, 3), 0,
		 "CMP_REQUEUE_PRIVATE to NULL: 0 (a private key needs no page)");
	CHECK_ERR(futex(&w1, FUTEX_CMP_REQUEUE, 1, 1, NULL, 3), EFAULT,
		  "CMP_REQUEUE (shared) to NULL: EFAULT");
	CHECK_ERR(futex(&w1, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1,
			(char *)&w2 + 1, 4), EINVAL,
		  "CMP_REQUEUE to an unaligned uaddr2: EINVAL, before EAGAIN");
	CHECK_ERR(futex(NULL, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &w2, 3), EFAULT,
		  "CMP_REQUEUE_PRIVATE from NULL: EFAULT (the value is read)");
	CHECK_EQ(futex(NULL, FUTEX_REQUEUE_PRIVATE, 1, 1, &w2, 3), 0,
		 "REQUEUE_PRIVATE from NULL: 0 (nothing is read)");
	CHECK_ERR(futex(&w1, FUTEX_CMP_REQUEUE | FUTEX_CLOCK_REALTIME, 1, 1,
			&w2, 3), ENOSYS, "CMP_REQUEUE with CLOCK_REALTIME: ENOSYS");
}

static void test_robust_list(void)
{
	struct robust_list_head head = { { &head.list }, 0, NULL };
	void *got = NULL;
	size_t len = 0;

	CHECK_EQ(syscall(SYS_get_robust_list, 0, &got, &len), 0,
		 "get_robust_list of a fresh process");
	CHECK_EQ(got, NULL, "... no list");
	CHECK_EQ(len, sizeof(head), "... and the head's size, 24");
	CHECK_EQ(syscall(SYS_set_robust_list, &head, sizeof(head)), 0,
		 "set_robust_list");
	CHECK_EQ(syscall(SYS_get_robust_list, 0, &got, &len), 0,
		 "get_robust_list");
	CHECK(got == &head, "... gives the head back");
	got = NULL;
	CHECK_EQ(syscall(SYS_get_robust_list, getpid(), &got, &len), 0,
		 "get_robust_list by our own pid");
	CHECK(got == &head, "... the same head");
	CHECK_ERR(syscall(SYS_set_robust_list, &head, sizeof(head) + 1),
		  EINVAL, "set_robust_list with a wrong length: EINVAL");
	CHECK_EQ(syscall(SYS_set_robust_list, bad_addr(1), sizeof(head)), 0,
		 "set_robust_list of a bad pointer: 0 (read only at exit)");
	CHECK_ERR(syscall(SYS_get_robust_list, 0, NULL, &len), EFAULT,
		  "get_robust_list into NULL: EFAULT");
	CHECK_ERR(syscall(SYS_get_robust_list, 0, &got, bad_addr(1)), EFAULT,
		  "get_robust_list, its length into a bad pointer: EFAULT");
	CHECK_ERR(syscall(SYS_get_robust_list, INT_MAX, &got, &len), ESRCH,
		  "get_robust_list of no such pid: ESRCH");
	CHECK_ERR(syscall(SYS_get_robust_list, -1, &got, &len), ESRCH,
		  "get_robust_list of pid -1: ESRCH");
	CHECK_EQ(syscall(SYS_set_robust_list, NULL, sizeof(head)), 0,
		 "set_robust_list(NULL): no list");
}

/* In a child after fork, where w1 and w2 are copy-on-write: 0 if a
 * shared WAIT (zero timeout) and a shared WAKE_OP on them worked. */
static int cow_child(void)
{
	struct timespec zero = { 0, 0 };

	if (syscall(SYS_futex, &w1, FUTEX_WAIT, w1, &zero, NULL, 0) != -1 ||
	    errno != ETIMEDOUT)
		return 1;
	if (futex(&w1, FUTEX_WAKE_OP, 1, 1, &w2,
		  FUTEX_OP(FUTEX_OP_SET, 42, FUTEX_OP_CMP_EQ, 0)) != 0)
		return 2;
	return w2 == 42 ? 0 : 3;
}

static void test_cow(void)
{
	int st;

	w2 = 7;
	st = run_child(cow_child);
	CHECK(WIFEXITED(st), "a child after fork");
	CHECK_EQ(WEXITSTATUS(st), 0,
		 "... WAIT and WAKE_OP (shared) on its copy-on-write words");
	CHECK_EQ(w2, 7, "... the parent's word unchanged");
}

int main(void)
{
	test_wake_op();
	test_wake_op_errors();
	test_requeue();
	test_robust_list();
	test_cow();
	return test_done();
}
