/*
 * mem_cow.c - private memory after fork: parent and child each see their
 * own writes, whether the CPU writes (user mode) or the kernel does
 * (read(2) from a pipe, pipe(2)'s fds, wait4's status: copy_to_user and
 * put_user), down a chain of forks, through mprotect, brk and
 * MADV_DONTNEED; a read-only page stays read-only.  In Pollux, it also
 * checks the copy is lazy (copy-on-write): fork of 4 MiB of written
 * memory takes far less than 4 MiB, the child's writes take it.  Linux
 * does that too, but its free memory moves on its own, so the check is
 * made only in Pollux (uname's release says "pollux"); the line printed
 * is the same on both.
 *
 * Parent and child take turns (lockstep_fork); the child reports
 * through its exit status.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL

static char *map_private(unsigned long pages, int prot)
{
	return mmap(NULL, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static char *map_rw(unsigned long pages)
{
	return map_private(pages, PROT_READ | PROT_WRITE);
}

/* Both write the same page and another, in turns; each keeps its own. */
static void test_own_writes(void)
{
	char *p = map_rw(2);
	pid_t pid;

	strcpy(p, "before");
	strcpy(p + PAGE, "second");
	pid = lockstep_fork();
	if (pid == 0) {
		int bad = strcmp(p, "before") != 0;

		strcpy(p, "child");
		child_turn();
		bad |= (strcmp(p, "child") != 0) << 1;
		bad |= (strcmp(p + PAGE, "second") != 0) << 2;
		_exit(bad);
	}
	parent_turn();
	CHECK_STR(maps_perms(p), "rw-p",
		  "/proc/self/maps: still rw-p, copy-on-write or not");
	CHECK_STR(p, "before", "the child's write is not the parent's");
	strcpy(p, "parent");
	strcpy(p + PAGE, "parent too");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "the child saw the old data, then only its own writes");
	CHECK_STR(p, "parent", "the parent keeps its own write");
	munmap(p, 2 * PAGE);
}

/* The kernel writes into copy-on-write memory, each on a page of its
 * own: read(2) from a pipe, pipe(2)'s two fds, wait4's status. */
static void test_kernel_writes(void)
{
	char *p = map_rw(3);
	int *fds = (int *)(p + PAGE), *status = (int *)(p + 2 * PAGE);
	int data[2];
	pid_t pid;

	strcpy(p, "old");
	fds[0] = fds[1] = -5;
	pipe(data);
	pid = lockstep_fork();
	if (pid == 0) {
		int bad = read(data[0], p, 8) != 8 || memcmp(p, "by read", 8);
		pid_t g;

		bad |= (pipe(fds) != 0 || fds[0] < 0) << 1;
		if ((g = fork()) == 0)
			_exit(7);
		bad |= (waitpid(g, status, 0) != g || !WIFEXITED(*status) ||
			WEXITSTATUS(*status) != 7) << 2;
		child_turn();
		bad |= (strcmp(p, "by read") != 0) << 3;
		_exit(bad);
	}
	write(data[1], "by read", 8);
	parent_turn();
	CHECK_STR(p, "old", "read(2) in the child did not write the parent's page");
	CHECK(fds[0] == -5 && fds[1] == -5 && *status == 0,
	      "nor did pipe(2) and wait4 in the child");
	CHECK_EQ(read(data[0], p, 0), 0, "a read of 0 bytes into it");
	write(data[1], "parent!", 8);
	CHECK_EQ(read(data[0], p, 8), 8, "the parent's read(2) into its copy-on-write page");
	CHECK_STR(p, "parent!", "reads the parent's data");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "the child's kernel writes landed in its own copy only");
	close(data[0]);
	close(data[1]);
	munmap(p, 3 * PAGE);
}

/* parent -> child -> grandchild, each writing the same byte. */
static void test_chain(void)
{
	volatile char *p = map_rw(1);
	pid_t pid;
	int status = -1;

	p[0] = 'P';
	pid = fork();
	if (pid == 0) {
		pid_t g;
		int gs = -1;

		p[0] = 'C';
		if ((g = fork()) == 0)
			_exit(p[0] == 'C' && (p[0] = 'G') == 'G' ? 0 : 1);
		waitpid(g, &gs, 0);
		_exit(gs == 0 && p[0] == 'C' ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the grandchild saw the child's byte; its own did not reach the child");
	CHECK_EQ(p[0], 'P', "the parent's byte is its own");
	munmap((void *)p, PAGE);
}

/* mprotect RO then RW after fork keeps the page private; so does a trip
 * through PROT_NONE. */
static void test_mprotect(void)
{
	char *p = map_rw(2);
	pid_t pid;

	memset(p, 'o', 2 * PAGE);
	if ((pid = lockstep_fork()) == 0) {
		child_turn();
		_exit(p[0] != 'o' || p[PAGE] != 'o');
	}
	parent_turn();
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0, "mprotect PROT_READ");
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0, "back to RW");
	CHECK_EQ(mprotect(p + PAGE, PAGE, PROT_NONE), 0, "mprotect PROT_NONE");
	CHECK_EQ(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), 0, "back to RW");
	p[0] = p[PAGE] = 'x';
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0, "the child still reads the old data");
	munmap(p, 2 * PAGE);
}

/* A read-only private page stays read-only in the child: a write is
 * SIGSEGV, read(2) into it EFAULT. */
static void test_read_only(void)
{
	char *p = map_private(1, PROT_READ);
	int data[2], status = -1;
	pid_t pid;

	pipe(data);
	write(data[1], "x", 1);
	pid = fork();
	if (pid == 0) {
		if (read(data[0], p, 1) != -1 || errno != EFAULT)
			_exit(1);
		*(volatile char *)p = 1;
		_exit(2);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11,
	      "read(2) into a read-only page is EFAULT, a write SIGSEGV");
	close(data[0]);
	close(data[1]);
	munmap(p, PAGE);
}

static unsigned long sys_brk(unsigned long addr)
{
	return syscall(__NR_brk, addr);
}

/* The heap and the stack are private too; the child may move its break. */
static void test_brk_stack(void)
{
	unsigned long start = sys_brk(0);
	char *heap = (char *)start;
	volatile char on_stack[64] = "stack";
	pid_t pid;

	sys_brk(start + 2 * PAGE);
	strcpy(heap, "heap");
	pid = lockstep_fork();
	if (pid == 0) {
		int bad = strcmp(heap, "heap") != 0;

		heap[0] = 'H';
		on_stack[0] = 'S';
		bad |= (sys_brk(start + 8 * PAGE) != start + 8 * PAGE) << 1;
		heap[6 * PAGE] = 1;
		child_turn();
		_exit(bad | (heap[0] != 'H') << 2 | (on_stack[0] != 'S') << 3);
	}
	parent_turn();
	CHECK_STR(heap, "heap", "the child's heap write is its own");
	CHECK_EQ(on_stack[0], 's', "so is its stack write");
	heap[0] = 'h';
	on_stack[0] = 'z';
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0, "the child kept its writes and grew its heap");
	sys_brk(start);
}

/* MADV_DONTNEED in the child zeroes the child's page, not the parent's. */
static void test_dontneed(void)
{
	char *p = map_rw(1);
	int status = -1;
	pid_t pid;

	p[0] = 5;
	pid = fork();
	if (pid == 0) {
		madvise(p, PAGE, MADV_DONTNEED);
		_exit(p[0]);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child's MADV_DONTNEED gives it a zero page");
	CHECK_EQ(p[0], 5, "the parent's page keeps its data");
	munmap(p, PAGE);
}

static int on_pollux(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "pollux");
}

/* MemFree in kB, from /proc/meminfo. */
static long mem_free_kb(void)
{
	static char text[4096];

	if (read_text("/proc/meminfo", text, sizeof(text)) < 0)
		return -1;
	return atol(line_of(text, "MemFree:", 0) + 9);
}

#define LAZY_PAGES 1024	/* 4 MiB */

/* Pollux only: fork copies nothing, the child's writes copy each page. */
static void test_lazy(void)
{
	char *p = map_rw(LAZY_PAGES);
	int pollux = on_pollux(), status = -1;
	long before;
	pid_t pid;

	memset(p, 1, LAZY_PAGES * PAGE);
	before = pollux ? mem_free_kb() : 0;
	pid = fork();
	if (pid == 0) {
		long forked = pollux ? mem_free_kb() : 0, written;

		for (unsigned long i = 0; i < LAZY_PAGES; i++)
			p[i * PAGE] = 2;
		written = pollux ? mem_free_kb() : 0;
		_exit(pollux ? (before - forked >= 1024) |
			       (forked - written < 4096) << 1 : 0);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && (WEXITSTATUS(status) & 1) == 0,
	      "fork of 4 MiB of written memory takes less than 1 MiB");
	CHECK(WIFEXITED(status) && (WEXITSTATUS(status) & 2) == 0,
	      "the child's writes to it take 4 MiB");
	CHECK_EQ(p[PAGE], 1, "and do not reach the parent");
	munmap(p, LAZY_PAGES * PAGE);
}

int main(void)
{
	test_own_writes();
	test_kernel_writes();
	test_chain();
	test_mprotect();
	test_read_only();
	test_brk_stack();
	test_dontneed();
	test_lazy();
	return test_done();
}
