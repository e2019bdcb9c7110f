/*
 * mem.c - the user address space: brk growth and release, anonymous
 * mmap/munmap, and a fault on memory that is gone.
 *
 * brk is called raw (syscall) because the kernel's brk returns the new break
 * (or the old one on failure), unlike the libc wrapper.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL

extern char _end[];	/* end of bss, from the linker */

static unsigned long sys_brk(unsigned long addr)
{
	return syscall(__NR_brk, addr);
}

/* Touch addr in a child; return the child's raw wait status. */
static int touch_in_child(volatile char *addr)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		*addr = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void check_segv(int status, const char *what)
{
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11, what);
}

static void test_brk(void)
{
	unsigned long start = sys_brk(0);
	unsigned long top = start + 3 * PAGE;
	char *p = (char *)start;

	CHECK(start >= (unsigned long)_end, "initial break is above bss");
	CHECK_EQ(sys_brk(0), start, "brk(0) does not move the break");
	CHECK(sys_brk(top) == top, "brk grows by 3 pages");
	memset(p, 0xab, 3 * PAGE);
	CHECK_EQ(p[3 * PAGE - 1] & 0xff, 0xab, "grown heap is writable");
	CHECK(sys_brk(0xffff800000000000UL) == top,
	      "brk into the kernel half fails, returning the old break");
	CHECK(sys_brk(start) == start, "brk shrinks back");
	check_segv(touch_in_child((char *)((start + 2 * PAGE) & ~(PAGE - 1))),
		   "released heap page faults");
	CHECK(sys_brk(start + PAGE) == start + PAGE, "brk grows again");
	CHECK_EQ(p[PAGE - 1], 0, "regrown heap reads as zero");
	sys_brk(start);
}

static void test_mmap(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = 1;

	CHECK(p != MAP_FAILED, "anonymous mmap of 3 pages");
	CHECK_EQ((unsigned long)p % PAGE, 0, "mmap returns a page-aligned address");
	for (unsigned long i = 0; i < 3 * PAGE; i++)
		zero &= p[i] == 0;
	CHECK(zero, "fresh anonymous memory is zero");
	for (unsigned long i = 0; i < 3 * PAGE; i++)
		p[i] = (char)i;
	CHECK_EQ(p[2 * PAGE + 7], (char)(2 * PAGE + 7), "written bytes read back");
	CHECK_EQ(touch_in_child(p + PAGE), 0, "a child can write the mapping");
	CHECK_EQ(p[PAGE], (char)PAGE, "the child's write was to its own copy");
	CHECK_ERR(munmap(p + 1, PAGE), EINVAL, "munmap of an unaligned address");
	CHECK_EQ(munmap(p + PAGE, PAGE), 0, "munmap of the middle page");
	check_segv(touch_in_child(p + PAGE), "unmapped middle page faults");
	CHECK_EQ(touch_in_child(p + 2 * PAGE), 0, "the page after it still works");
	CHECK_EQ(munmap(p, 3 * PAGE), 0, "munmap of a range with a hole");
	check_segv(touch_in_child(p), "unmapped first page faults");
	CHECK_EQ(munmap(p, 3 * PAGE), 0, "munmap of nothing mapped succeeds");
}

static void test_mmap_errors(void)
{
	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		  EINVAL, "mmap of length 0");
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL,
		  "mmap without MAP_PRIVATE or MAP_SHARED");
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF,
		  "file mmap of fd -1");
	CHECK_ERR(munmap(NULL, 0), EINVAL, "munmap of length 0");
}

/* mprotect's prot: unknown bits and PROT_GROWSDOWN/UP (no mapping here
 * grows) are EINVAL, checked after the address and before the range. */
static void test_mprotect_prot(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_SEM), 0, "PROT_SEM is accepted");
	CHECK_ERR(mprotect(p, PAGE, 0x10), EINVAL, "prot 0x10 is unknown");
	CHECK_ERR(mprotect(p, PAGE, PROT_READ | PROT_GROWSDOWN), EINVAL,
		  "PROT_GROWSDOWN on a mapping that does not grow");
	CHECK_ERR(mprotect(p, PAGE, PROT_GROWSDOWN | PROT_GROWSUP), EINVAL,
		  "PROT_GROWSDOWN | PROT_GROWSUP");
	CHECK_EQ(mprotect(p, 0, 0x10), 0, "length 0: prot is not looked at");
	CHECK_ERR(mprotect(p + 1, PAGE, 0x10), EINVAL, "an unaligned address");
	munmap(p + PAGE, PAGE);
	CHECK_ERR(mprotect(p + PAGE, PAGE, 0x10), EINVAL, "unknown prot over a hole");
	CHECK_ERR(mprotect(p + PAGE, PAGE, PROT_GROWSDOWN), ENOMEM,
		  "PROT_GROWSDOWN over a hole");
	munmap(p, PAGE);
}

int main(void)
{
	test_brk();
	test_mmap();
	test_mmap_errors();
	test_mprotect_prot();
	return test_done();
}
