/*
 * kstat.h - the kernel's memory counters, as a leak check reads them.
 *
 * Pollux's /proc/meminfo and /proc/slabinfo have Linux's formats; this
 * reads the figures that must come back to their baseline once a
 * workload's processes have exited (procps's meminfo/slabinfo readers,
 * cut down):
 *   - for every kmem_cache, active_objs (objects in use);
 *   - pages in use outside the slabs: MemTotal - MemFree - Slab (page
 *     tables, user pages, kernel stacks, pipe pages, large kmallocs);
 *   - of those, the user pages: AnonPages (each frame once, however many
 *     processes share it after fork; a frame whose reference count
 *     never drops to 0 stays here).
 * Slab itself is not compared: a cache keeps the pages it has grown
 * (and the kernel-stack area keeps its page tables: docs/robustness.md).
 * On Linux the same calls work (as root) but the figures move on their
 * own, so only Pollux's tests compare them.
 */
#ifndef KSTAT_H
#define KSTAT_H

#define KSTAT_MAX_CACHES 64

struct kstat_cache {
	char name[32];
	long active;	/* active_objs: objects in use */
	long total;	/* num_objs: objects in the cache's slabs */
};

struct kstat {
	long mem_total_kb, mem_free_kb, anon_kb, slab_kb;
	int ncaches;
	struct kstat_cache cache[KSTAT_MAX_CACHES];
};

/* Reads both files; 0, or -1 with errno set. */
int kstat_read(struct kstat *ks);

/* MemTotal - MemFree - Slab, in kB: memory in use outside the slabs. */
long kstat_pages_kb(const struct kstat *ks);

/* Prints the figures to fd: pages in use, Slab, and every cache. */
void kstat_print(int fd, const struct kstat *ks);

/* Prints to fd one line per counter that differs between before and
 * after ("kstat: filp 12 -> 13"); returns how many differ. */
int kstat_diff(int fd, const struct kstat *before, const struct kstat *after);

#endif
