/*
 * mem_remap.c - madvise and mremap on anonymous memory, as musl's malloc
 * uses them (MADV_FREE for freed pages, mremap to resize a large block),
 * and their errors.
 *
 * Addresses are never compared with constants: a mapping's place differs
 * between Linux (top-down) and Pollux (bottom-up).  Where a test needs a
 * free range next to a mapping, it maps a bigger area and unmaps part.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL

static char *map(unsigned long pages)
{
	return mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static volatile char *touch_addr;

static int touch(void)
{
	*touch_addr = 1;
	return 0;
}

/* Writes to addr in a child; returns the child's raw wait status. */
static int touch_in_child(volatile char *addr)
{
	touch_addr = addr;
	return run_child(touch);
}

static void check_segv(volatile char *addr, const char *what)
{
	int status = touch_in_child(addr);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11, what);
}

static void test_madvise_errors(void)
{
	char *p = map(2);

	CHECK_ERR(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL,
		  "madvise of an unaligned address");
	CHECK_EQ(madvise(p, 0, MADV_DONTNEED), 0, "madvise of length 0");
	CHECK_ERR(madvise(p + 1, 0, MADV_DONTNEED), EINVAL,
		  "length 0 at an unaligned address");
	CHECK_ERR(madvise(p, PAGE, 12345), EINVAL, "unknown advice");
	CHECK_ERR(madvise(bad_addr(PAGE), PAGE, 12345), EINVAL,
		  "unknown advice is checked before the range");
	CHECK_ERR(madvise(p, -PAGE, MADV_DONTNEED), EINVAL,
		  "a length that wraps around");
	CHECK_ERR(madvise(bad_addr(0xffff800000000000UL), PAGE, MADV_DONTNEED),
		  ENOMEM, "a kernel address is not mapped");
	CHECK_ERR(madvise(bad_addr(PAGE), PAGE, MADV_NORMAL), ENOMEM,
		  "a hint on an unmapped page");
	munmap(p, 2 * PAGE);
}

static void test_madvise_dontneed(void)
{
	char *p = map(4);
	int status = -1;
	pid_t pid;

	memset(p, 7, 4 * PAGE);
	CHECK_EQ(madvise(p, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED one page");
	CHECK_EQ(p[0] + p[PAGE - 1], 0, "the page reads as zero again");
	CHECK_EQ(p[PAGE], 7, "the next page is untouched");
	CHECK_EQ(madvise(p, PAGE + 1, MADV_DONTNEED), 0,
		 "a length is rounded up to whole pages");
	CHECK_EQ(p[2 * PAGE - 1], 0, "so the second page is zero too");
	CHECK_EQ(p[2 * PAGE], 7, "and the third is not");

	pid = fork();
	if (pid == 0)
		_exit(madvise(p + 2 * PAGE, PAGE, MADV_DONTNEED) || p[2 * PAGE]);
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "a child's MADV_DONTNEED zeroes its copy");
	CHECK_EQ(p[2 * PAGE], 7, "not the parent's");

	munmap(p + PAGE, PAGE);
	memset(p, 7, PAGE);
	CHECK_ERR(madvise(p, 3 * PAGE, MADV_DONTNEED), ENOMEM,
		  "MADV_DONTNEED over a hole");
	CHECK_EQ(p[0] + p[2 * PAGE], 0, "the pages around the hole are zeroed");
	CHECK_ERR(madvise(p, 3 * PAGE, MADV_WILLNEED), ENOMEM,
		  "MADV_WILLNEED over a hole");

	p[3 * PAGE] = 5;
	mprotect(p + 3 * PAGE, PAGE, PROT_NONE);
	CHECK_EQ(madvise(p + 3 * PAGE, PAGE, MADV_DONTNEED), 0,
		 "MADV_DONTNEED on a PROT_NONE page");
	mprotect(p + 3 * PAGE, PAGE, PROT_READ);
	CHECK_EQ(p[3 * PAGE], 0, "it reads as zero once readable");
	munmap(p, 4 * PAGE);
}

static void test_madvise_hints(void)
{
	char *p = map(2);

	p[0] = 9;
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_FREE), 0, "MADV_FREE");
	p[0] = 10;
	CHECK_EQ(p[0], 10, "a page written after MADV_FREE keeps the write");
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_NORMAL), 0, "MADV_NORMAL");
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_RANDOM), 0, "MADV_RANDOM");
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_SEQUENTIAL), 0, "MADV_SEQUENTIAL");
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_WILLNEED), 0, "MADV_WILLNEED");
	munmap(p, 2 * PAGE);
}

static void test_mremap_errors(void)
{
	char *p = map(2);

	CHECK_ERR(mremap(p + 1, PAGE, PAGE, 0), EINVAL, "unaligned address");
	CHECK_ERR(mremap(p, PAGE, 0, MREMAP_MAYMOVE), EINVAL, "new length 0");
	CHECK_ERR(mremap(p, PAGE, PAGE, 0x10), EINVAL, "an unknown flag");
	CHECK_ERR(mremap(p, PAGE, PAGE, MREMAP_FIXED, p + 8 * PAGE), EINVAL,
		  "MREMAP_FIXED without MREMAP_MAYMOVE");
	CHECK_ERR(mremap(p, PAGE, 1UL << 47, MREMAP_MAYMOVE), EINVAL,
		  "a new length beyond user space");
	CHECK_ERR(mremap(p, 0, PAGE, MREMAP_MAYMOVE), EINVAL,
		  "old length 0 of a private mapping");
	CHECK_ERR(mremap(p, -PAGE, PAGE, 0), EINVAL,
		  "shrinking past user space");
	CHECK_ERR(mremap(bad_addr(PAGE), PAGE, 2 * PAGE, MREMAP_MAYMOVE),
		  EFAULT, "an unmapped address");
	CHECK_ERR(mremap(p, 8 * PAGE, 9 * PAGE, MREMAP_MAYMOVE), EFAULT,
		  "growing a range larger than the mapping");
	CHECK_ERR(mremap(p, PAGE, PAGE, MREMAP_FIXED | MREMAP_MAYMOVE, p),
		  EINVAL, "MREMAP_FIXED onto itself");
	CHECK_ERR(mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_FIXED | MREMAP_MAYMOVE,
			 p + PAGE), EINVAL, "MREMAP_FIXED onto an overlap");
	CHECK_ERR(mremap(p, PAGE, (1UL << 47) - PAGE, MREMAP_MAYMOVE), ENOMEM,
		  "no room for 128 TiB");
	munmap(p, 2 * PAGE);
}

static void test_mremap_resize(void)
{
	char *area = map(16), *p = area + 8 * PAGE, *q;

	/* [area, area + 16 pages): keep 3 pages at p, free the rest */
	munmap(area, 8 * PAGE);
	munmap(p + 3 * PAGE, 5 * PAGE);
	memset(p, 'a', 3 * PAGE);
	CHECK(mremap(p, 3 * PAGE, 3 * PAGE, 0) == p, "same size: same address");
	CHECK(mremap(p, 3 * PAGE, PAGE, 0) == p, "shrink in place");
	check_segv(p + PAGE, "the page cut off is gone");
	CHECK(mremap(p, PAGE, 4 * PAGE, 0) == p,
	      "grow in place into free pages");
	CHECK_EQ(p[PAGE - 1], 'a', "the old page keeps its contents");
	CHECK_EQ(p[PAGE] + p[4 * PAGE - 1], 0, "the new pages are zero");
	CHECK_ERR(mremap(p, 2 * PAGE, 3 * PAGE, 0), ENOMEM,
		  "grow in place where the mapping continues");

	p[0] = 'b';
	q = mremap(p, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && q != p, "MREMAP_MAYMOVE moves it");
	CHECK_EQ(q[0], 'b', "the moved page keeps its contents");
	CHECK_EQ(q[2 * PAGE], 0, "the added page is zero");
	check_segv(p, "the old address is gone");
	CHECK_EQ(touch_in_child(p + 2 * PAGE), 0,
		 "the rest of the old mapping stays");

	q[PAGE] = 'c';
	CHECK(mremap(q, 2 * PAGE, 2 * PAGE, MREMAP_FIXED | MREMAP_MAYMOVE, area)
	      == area, "MREMAP_FIXED moves to the given address");
	CHECK_EQ(area[PAGE], 'c', "with the contents");
	check_segv(q, "and the old address is gone");
	munmap(area, 16 * PAGE);
	munmap(q, 3 * PAGE);
}

/* A huge mmap that fails must not use up the address space for good. */
static void test_mmap_huge(void)
{
	char *p;

	mmap(NULL, 63UL << 40, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	mmap(NULL, 63UL << 40, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	p = map(1);
	CHECK(p != MAP_FAILED, "a small mmap after two huge ones");
	CHECK_EQ(touch_in_child(p), 0, "is usable");
}

int main(void)
{
	test_madvise_errors();
	test_madvise_dontneed();
	test_madvise_hints();
	test_mremap_errors();
	test_mremap_resize();
	test_mmap_huge();
	return test_done();
}
