/*
 * procfs_vm.c - the memory lines of /proc/self/status, as relations
 * Linux shows (the numbers themselves depend on the layout): VmPeak and
 * VmHWM are the peaks of VmSize and VmRSS, so they grow with them and
 * stay when memory is unmapped; touching N fresh pages adds N pages to
 * VmRSS; a file mapping counts in VmSize at once and in VmRSS page by
 * page as it is touched; VmPTE counts the page tables: one page in an
 * empty 512 GiB region needs three (a PUD, a PMD and a PTE table).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)
#define NPAGES 256

static char text[8192];

struct vm {
	long peak, size, hwm, rss, pte;
};

static long kb(const char *name)
{
	const char *line = line_of(text, name, 0);

	return *line ? atol(line + strlen(name)) : -1;
}

static struct vm vm_now(void)
{
	read_text("/proc/self/status", text, sizeof(text));
	return (struct vm){ kb("VmPeak:"), kb("VmSize:"), kb("VmHWM:"),
			    kb("VmRSS:"), kb("VmPTE:") };
}

static long max(long a, long b) { return a > b ? a : b; }

static void test_peaks(void)
{
	struct vm v0 = vm_now(), v1, v2;
	char *m;

	CHECK(v0.peak >= v0.size && v0.size > 0, "VmPeak >= VmSize");
	CHECK(v0.hwm >= v0.rss && v0.rss > 0, "VmHWM >= VmRSS");
	m = mmap(NULL, NPAGES * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < NPAGES; i++)
		m[i * PAGE] = 1;
	v1 = vm_now();
	CHECK_EQ(v1.size - v0.size, NPAGES * 4, "256 pages mapped: VmSize +1024 kB");
	CHECK_EQ(v1.rss - v0.rss, NPAGES * 4, "and touched: VmRSS +1024 kB");
	CHECK_EQ(v1.peak, max(v0.peak, v1.size), "VmPeak: the larger of the old peak and VmSize");
	CHECK_EQ(v1.hwm, max(v0.hwm, v1.rss), "VmHWM: the larger of the old mark and VmRSS");
	munmap(m, NPAGES * PAGE);
	v2 = vm_now();
	CHECK_EQ(v2.size, v0.size, "munmap: VmSize as before");
	CHECK_EQ(v2.rss, v0.rss, "munmap: VmRSS as before");
	CHECK_EQ(v2.peak, v1.peak, "munmap: VmPeak stays");
	/* Linux takes the mark from its per-CPU counters' sum so far,
	 * which may lag a few dozen pages behind VmRSS */
	CHECK(v2.hwm > v2.rss + NPAGES * 4 / 2,
	      "munmap: VmHWM keeps the peak, far above VmRSS");
}

/* Written pages of a MAP_SHARED file mapping (a write fault maps that
 * page alone: no fault-around). */
static void test_file(void)
{
	char path[64];
	int fd;
	struct vm v0, v1, v2;
	char *m;

	snprintf(path, sizeof(path), "/tmp/procfs_vm.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ftruncate(fd, 8 * PAGE);
	v0 = vm_now();
	m = mmap(NULL, 8 * PAGE, RW, MAP_SHARED, fd, 0);
	v1 = vm_now();
	CHECK_EQ(v1.size - v0.size, 32, "a file mapping of 8 pages: VmSize +32 kB");
	CHECK_EQ(v1.rss, v0.rss, "untouched: VmRSS as before");
	m[0] = 1;
	m[5 * PAGE] = 1;
	v2 = vm_now();
	CHECK_EQ(v2.rss - v1.rss, 8, "two pages written: VmRSS +8 kB");
	munmap(m, 8 * PAGE);
	close(fd);
	unlink(path);
}

static void test_pte(void)
{
	struct vm v0 = vm_now(), v1;
	char *m = mmap((void *)0x300000000000UL, PAGE, RW,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(m != MAP_FAILED, "map a page at 48 TiB");
	m[0] = 1;
	v1 = vm_now();
	CHECK(v0.pte > 0, "VmPTE > 0");
	CHECK_EQ(v1.pte - v0.pte, 12, "touched: VmPTE +12 kB (three tables)");
	munmap(m, PAGE);
}

int main(void)
{
	/* the first check writes the test framework's data: its pages,
	 * and the status buffer's, are resident from here on */
	CHECK(vm_now().size > 0, "/proc/self/status has VmSize");
	test_peaks();
	test_file();
	test_pte();
	return test_done();
}
