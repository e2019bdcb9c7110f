/*
 * msync.c - msync(2)'s arguments as Linux checks them: MS_ASYNC,
 * MS_SYNC and MS_INVALIDATE (alone or with one of the others) and no
 * flag at all are accepted on file and anonymous mappings; an unknown
 * flag, MS_ASYNC with MS_SYNC, or an address not on a page boundary is
 * EINVAL; a range with an unmapped page in it (or wrapping around) is
 * ENOMEM; a length of 0 is nothing to do.  After msync the file holds
 * what was stored in the mapping.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	char path[64], buf[8] = { 0 };
	int fd;
	char *m, *a;

	snprintf(path, sizeof(path), "/tmp/msync.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ftruncate(fd, 3 * PAGE);
	m = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);
	a = mmap(NULL, PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memcpy(m + PAGE, "synced", 6);
	CHECK_EQ(msync(m, 3 * PAGE, MS_SYNC), 0, "MS_SYNC");
	lseek(fd, PAGE, SEEK_SET);
	read(fd, buf, 6);
	CHECK_STR(buf, "synced", "the file holds the store");
	CHECK_EQ(msync(m, 3 * PAGE, MS_ASYNC), 0, "MS_ASYNC");
	CHECK_EQ(msync(m, PAGE, MS_INVALIDATE), 0, "MS_INVALIDATE");
	CHECK_EQ(msync(m, PAGE, MS_SYNC | MS_INVALIDATE), 0, "MS_SYNC|MS_INVALIDATE");
	CHECK_EQ(msync(m, PAGE, MS_ASYNC | MS_INVALIDATE), 0, "MS_ASYNC|MS_INVALIDATE");
	CHECK_EQ(msync(m, PAGE, 0), 0, "no flag");
	CHECK_EQ(msync(m + PAGE, 100, MS_SYNC), 0, "a part, the length not page-rounded");
	CHECK_EQ(msync(a, PAGE, MS_SYNC), 0, "an anonymous mapping");
	CHECK_EQ(msync(m, 0, MS_SYNC), 0, "length 0");
	CHECK_ERR(msync(m, PAGE, MS_ASYNC | MS_SYNC), EINVAL, "MS_ASYNC|MS_SYNC: EINVAL");
	CHECK_ERR(msync(m, PAGE, 8), EINVAL, "an unknown flag: EINVAL");
	CHECK_ERR(msync(m, PAGE, -1), EINVAL, "all flags: EINVAL");
	CHECK_ERR(msync(m + 1, PAGE, MS_SYNC), EINVAL, "an address inside a page: EINVAL");
	CHECK_ERR(msync(m + 1, 0, MS_SYNC), EINVAL, "the same with length 0: EINVAL");
	munmap(m + PAGE, PAGE);
	CHECK_ERR(msync(m, 3 * PAGE, MS_SYNC), ENOMEM, "a hole in the range: ENOMEM");
	CHECK_ERR(msync(m + PAGE, PAGE, MS_SYNC), ENOMEM, "only a hole: ENOMEM");
	CHECK_EQ(msync(m + 2 * PAGE, PAGE, MS_SYNC), 0, "the page after the hole");
	CHECK_ERR(msync(m, -PAGE, MS_SYNC), ENOMEM, "a range that wraps: ENOMEM");
	CHECK_ERR(msync(bad_addr(0x7ffffffff0000000UL), PAGE, MS_SYNC), ENOMEM,
		  "nothing mapped there: ENOMEM");
	CHECK_ERR(msync(bad_addr(0xffff800000000000UL), PAGE, MS_SYNC), ENOMEM,
		  "a kernel address: ENOMEM");
	munmap(m, 3 * PAGE);
	munmap(a, PAGE);
	close(fd);
	unlink(path);
	return test_done();
}
