/*
 * mem_shared.c - MAP_SHARED|MAP_ANONYMOUS memory is one set of pages for
 * every process that inherits it by fork: a write on either side shows on
 * the other, in both directions, down a chain of forks, after either side
 * unmaps its view, through mprotect and mremap, and MADV_DONTNEED drops
 * only the caller's view (the data stays, as Linux keeps it in shmem).
 * A MAP_PRIVATE mapping beside it stays private.
 *
 * Parent and child take turns (lockstep_fork), so every check is
 * ordered; the child reports through its exit status.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL

static char *map_shared(unsigned long pages)
{
	return mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

/* Writes go both ways, on every page, and the private page beside the
 * shared ones does not. */
static void test_both_ways(void)
{
	char *s = map_shared(3), *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	strcpy(s, "before fork");
	strcpy(p, "private");
	pid = lockstep_fork();
	if (pid == 0) {
		int bad = strcmp(s, "before fork") != 0;

		strcpy(s + PAGE, "from the child");
		strcpy(p, "child's own");
		child_turn();
		bad |= (strcmp(s + 2 * PAGE, "from the parent") != 0) << 1;
		_exit(bad);
	}
	parent_turn();
	CHECK_STR(maps_perms(s), "rw-s", "/proc/self/maps: the shared mapping is rw-s");
	CHECK_STR(s + PAGE, "from the child", "the parent sees the child's write");
	CHECK_STR(p, "private", "a private page beside it stays the parent's");
	strcpy(s + 2 * PAGE, "from the parent");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "the child saw the data from before fork and the parent's write");
	munmap(s, 3 * PAGE);
	munmap(p, PAGE);
}

/* A grandchild's write reaches the grandparent. */
static void test_chain(void)
{
	int *s = (int *)map_shared(1);
	pid_t pid;

	s[0] = 1;
	pid = fork();

	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			s[1] = s[0] + 41;
			_exit(0);
		}
		waitpid(g, NULL, 0);
		s[2] = s[1] + 1;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	CHECK_EQ(s[1], 42, "a grandchild's write reaches the grandparent");
	CHECK_EQ(s[2], 43, "the child read the grandchild's write");
	munmap(s, PAGE);
}

/* One side unmaps its view; the other keeps the pages and their data. */
static void test_munmap(void)
{
	char *s = map_shared(2);
	pid_t pid;

	strcpy(s, "kept");
	pid = lockstep_fork();
	if (pid == 0) {
		munmap(s, 2 * PAGE);	/* the child's view goes */
		child_turn();
		_exit(0);
	}
	parent_turn();
	CHECK_STR(s, "kept", "the child's munmap leaves the parent's data");
	strcpy(s + PAGE, "still writable");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0, "the child exits after its munmap");

	strcpy(s, "second");
	pid = lockstep_fork();
	if (pid == 0) {
		child_turn();	/* the parent unmaps in its turn */
		strcpy(s + PAGE, "child after");
		_exit(strcmp(s, "second") != 0);
	}
	parent_turn();
	munmap(s, PAGE);	/* the parent keeps the second page only */
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "after the parent's munmap the child still has the data");
	CHECK_STR(s + PAGE, "child after",
		  "the page the parent kept still sees the child's write");
	munmap(s + PAGE, PAGE);
}

/* mprotect and a moving mremap keep the pages shared. */
static void test_mprotect_mremap(void)
{
	char *s = map_shared(2), *m;
	char *to = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);	/* a place of our own to move it to */
	pid_t pid;

	strcpy(s, "x");
	pid = lockstep_fork();
	if (pid == 0) {
		mprotect(s, 2 * PAGE, PROT_READ);
		mprotect(s, 2 * PAGE, PROT_READ | PROT_WRITE);
		strcpy(s, "after mprotect");
		child_turn();
		_exit(strcmp(s + PAGE, "moved") != 0);
	}
	parent_turn();
	CHECK_STR(s, "after mprotect", "a write after mprotect RO, RW is shared");
	m = mremap(s, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		   to);
	CHECK(m == to, "mremap moves the shared mapping");
	strcpy(m + PAGE, "moved");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0, "a write through the moved view is shared");
	CHECK_STR(m, "after mprotect", "the moved view keeps the data");
	munmap(m, 2 * PAGE);
}

/* MADV_DONTNEED on a shared anonymous page drops the caller's view of it;
 * the next touch finds the same data (Linux: shmem keeps it). */
static void test_dontneed(void)
{
	char *s = map_shared(1);
	pid_t pid;

	strcpy(s, "survives");
	CHECK_EQ(madvise(s, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED on shared memory");
	CHECK_STR(s, "survives", "the data is still there");
	pid = lockstep_fork();
	if (pid == 0) {
		madvise(s, PAGE, MADV_DONTNEED);
		strcpy(s, "child wrote");
		child_turn();
		_exit(0);
	}
	parent_turn();
	CHECK_STR(s, "child wrote", "the child's write after its MADV_DONTNEED is shared");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0, "the child exits");
	munmap(s, PAGE);
}

int main(void)
{
	test_both_ways();
	test_chain();
	test_munmap();
	test_mprotect_mremap();
	test_dontneed();
	return test_done();
}
