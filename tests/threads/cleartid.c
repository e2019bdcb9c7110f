/*
 * cleartid: the words the kernel writes for a thread's creator and its
 * joiner.  A raw clone thread with CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID: both tid words hold its
 * tid while it runs; at its exit the kernel zeroes the child word and
 * futex-wakes the joiner waiting there (what pthread_join rests on).
 * set_tid_address moves the word.  clone's EINVAL for flag combinations
 * Linux refuses, clone3's for a short or inconsistent struct.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#include "tt.h"

static volatile pid_t ptid, ctid, moved, go;
static volatile pid_t seen_tid, seen_ctid, seen_ptid, set_ret;

static int child(void *arg)
{
	(void)arg;
	seen_tid = tt_gettid();
	seen_ctid = ctid;
	seen_ptid = ptid;
	while (!go)
		syscall(SYS_futex, &go, FUTEX_WAIT, 0, NULL, NULL, 0);
	tt_until_waiters(&ctid, FUTEX_WAIT, 1);	/* the joiner sleeps there */
	return 0;
}

static int mover(void *arg)
{
	(void)arg;
	set_ret = syscall(SYS_set_tid_address, &moved);
	moved = set_ret;
	tt_until_waiters(&moved, FUTEX_WAIT, 1);
	return 0;
}

static long clone3_raw(uint64_t flags, uint64_t exit_signal, size_t size)
{
	uint64_t args[11] = { flags, 0, 0, 0, exit_signal };

	return syscall(SYS_clone3, args, size);
}

int main(void)
{
	char *stack = malloc(TT_STACK);
	pid_t tid;
	long r;

	tid = clone(child, stack + TT_STACK, TT_THREAD_FLAGS |
		    CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID, NULL, (pid_t *)&ptid, NULL,
		    (pid_t *)&ctid);
	CHECK(tid > 0 && tid != getpid(), "clone of a thread returns a new tid");
	CHECK_EQ(ptid, tid, "CLONE_PARENT_SETTID: the creator's word holds it");
	while (tid > 0 && !seen_tid)
		tt_sleep_ms(1);
	CHECK_EQ(seen_tid, tid, "the thread's gettid() is clone's return");
	CHECK_EQ(seen_ctid, tid, "CLONE_CHILD_SETTID: the child word holds it");
	CHECK_EQ(seen_ptid, tid, "... as the creator's, seen from the thread");
	go = 1;
	syscall(SYS_futex, &go, FUTEX_WAKE, 1, NULL, NULL, 0);
	r = syscall(SYS_futex, &ctid, FUTEX_WAIT, tid, NULL, NULL, 0);
	CHECK_EQ(r, 0, "the joiner's FUTEX_WAIT on the child word is woken at exit");
	CHECK_EQ(ctid, 0, "CLONE_CHILD_CLEARTID: the word is 0 after the exit");
	CHECK_EQ(ptid, tid, "the creator's word is left as it was");

	tid = tt_raw_thread(mover, NULL, &ctid);
	while (tid > 0 && !moved)
		tt_sleep_ms(1);
	r = tt_raw_join(&moved);
	CHECK_EQ(set_ret, tid, "set_tid_address returns the thread's tid");
	CHECK_EQ(r, 0, "... and at exit the kernel wakes a waiter on the new word");
	CHECK_EQ(moved, 0, "... which it zeroed");
	CHECK_EQ(ctid, tid, "the old word (CLONE_CHILD_SETTID) is left alone");

	CHECK_ERR(syscall(SYS_clone, CLONE_THREAD | CLONE_VM, stack, 0, 0, 0),
		  EINVAL, "clone CLONE_THREAD without CLONE_SIGHAND: EINVAL");
	CHECK_ERR(syscall(SYS_clone, CLONE_SIGHAND, stack, 0, 0, 0),
		  EINVAL, "clone CLONE_SIGHAND without CLONE_VM: EINVAL");
	CHECK_ERR(syscall(SYS_clone, CLONE_FS | CLONE_NEWNS, stack, 0, 0, 0),
		  EINVAL, "clone CLONE_FS with CLONE_NEWNS: EINVAL");
	CHECK_ERR(clone3_raw(CLONE_VM, SIGCHLD, 63), EINVAL,
		  "clone3 with a 63-byte struct: EINVAL");
	CHECK_ERR(clone3_raw(TT_THREAD_FLAGS, SIGCHLD, 88), EINVAL,
		  "clone3 CLONE_THREAD with an exit signal: EINVAL");
	CHECK_ERR(clone3_raw(CLONE_THREAD | CLONE_SIGHAND, 0, 88), EINVAL,
		  "clone3 CLONE_SIGHAND without CLONE_VM: EINVAL");
	CHECK_ERR(syscall(SYS_clone3, NULL, 88), EFAULT,
		  "clone3 of a NULL struct: EFAULT");
	return tt_done();
}
