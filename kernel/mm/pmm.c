/*
 * Physical frame allocator: one bit per 4 KiB frame below 4 GiB (the
 * direct map's reach).  Set = in use.  First-fit search from a hint, which
 * also gives contiguous runs for kernel stacks.  Linux has the buddy
 * allocator (mm/page_alloc.c); a bitmap is enough here and easy to read.
 *
 * A frame mapped into user space also has a reference count: how many
 * page-table entries map it (fork shares pages, copy-on-write or
 * MAP_SHARED, instead of copying them), plus one while it holds a
 * file's bytes in the page cache (filemap.c).  The count is 0 for every frame
 * the kernel uses for itself (page tables, slabs, stacks, pipe pages),
 * which are freed with free_pages() as before; a user page is freed by
 * its last put_page().  Linux keeps _refcount and _mapcount in struct
 * page; for an anonymous page with no other kernel reference, both say
 * this.
 * Pure bookkeeping on frame numbers: unit-tested on the host.
 */
#include <pollux/mm.h>

#define MAX_FRAMES (DIRECT_MAP_SIZE / PAGE_SIZE)

static u64 frame_bitmap[MAX_FRAMES / 64];
static u64 nframes;	/* frames below the highest usable address */
static u64 free_count, total_count;
static u64 search_hint;
static u32 page_refs[MAX_FRAMES];	/* per frame: user mappings of it */
static u64 user_pages;			/* frames whose count is not 0 */

static bool frame_used(u64 f) { return frame_bitmap[f / 64] & (1UL << (f % 64)); }
static void set_used(u64 f) { frame_bitmap[f / 64] |= 1UL << (f % 64); }
static void set_free(u64 f) { frame_bitmap[f / 64] &= ~(1UL << (f % 64)); }

/* Linux: mm/memblock.c (the idea: free the available ranges, then carve
 * out the reserved ones). */
void pmm_init(const struct mem_region *avail, int navail,
	      const struct mem_region *reserved, int nreserved)
{
	u64 f;

	for (f = 0; f < MAX_FRAMES / 64; f++)
		frame_bitmap[f] = ~0UL;
	for (f = 0; f < MAX_FRAMES; f++)
		page_refs[f] = 0;
	nframes = free_count = total_count = search_hint = user_pages = 0;
	for (int i = 0; i < navail; i++) {
		u64 start = ALIGN_UP(avail[i].start, PAGE_SIZE) / PAGE_SIZE;
		u64 end = MIN(avail[i].end, DIRECT_MAP_SIZE) / PAGE_SIZE;

		for (f = start; f < end; f++)
			if (frame_used(f)) {
				set_free(f);
				free_count++;
			}
		if (end > nframes)
			nframes = end;
	}
	for (int i = 0; i < nreserved; i++) {
		u64 start = reserved[i].start / PAGE_SIZE;
		u64 end = ALIGN_UP(reserved[i].end, PAGE_SIZE) / PAGE_SIZE;

		for (f = start; f < end && f < nframes; f++)
			if (!frame_used(f)) {
				set_used(f);
				free_count--;
			}
	}
	/* frame 0 stays reserved: alloc_pages() uses 0 to mean failure */
	if (nframes && !frame_used(0)) {
		set_used(0);
		free_count--;
	}
	total_count = free_count;
}

static bool run_is_free(u64 f, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (f + i >= nframes || frame_used(f + i))
			return false;
	return true;
}

static u64 find_run(u64 from, u64 to, unsigned int n)
{
	for (u64 f = from; f + n <= to; f++) {
		/* 64 frames in use are skipped at once: after a free far
		 * below the frontier, the search crosses all memory in use */
		if (f % 64 == 0 && frame_bitmap[f / 64] == ~0UL) {
			f += 63;
			continue;
		}
		if (run_is_free(f, n))
			return f;
	}
	return 0;
}

u64 alloc_pages(unsigned int n)
{
	u64 f;

	if (!n || n > free_count)
		return 0;
	f = find_run(search_hint, nframes, n);
	if (!f)
		f = find_run(1, nframes, n);
	if (!f)
		return 0;
	for (unsigned int i = 0; i < n; i++)
		set_used(f + i);
	free_count -= n;
	search_hint = f + n;
	return f * PAGE_SIZE;
}

void free_pages(u64 pa, unsigned int n)
{
	u64 f = pa / PAGE_SIZE;

	for (unsigned int i = 0; i < n; i++) {
		if (f + i >= nframes || !frame_used(f + i))
			continue;	/* double free: keep the count right */
		set_free(f + i);
		free_count++;
	}
	if (f < search_hint)
		search_hint = f;
}

u64 pmm_free_count(void) { return free_count; }
u64 pmm_total_count(void) { return total_count; }

/* Linux: include/linux/mm.h get_page() — one more mapping of frame pa,
 * which the caller allocated (the first get_page makes it a user page)
 * or already maps */
void get_page(u64 pa)
{
	if (!page_refs[pa / PAGE_SIZE]++)
		user_pages++;
}

/* Linux: include/linux/mm.h put_page() — one mapping fewer; the last
 * frees the frame */
void put_page(u64 pa)
{
	u32 *refs = &page_refs[pa / PAGE_SIZE];

	if (!*refs)
		return;		/* not a user page: a bug, keep the counts right */
	if (--*refs)
		return;
	user_pages--;
	free_pages(pa, 1);
}

/* Linux: include/linux/mm.h page_count() */
u32 page_count(u64 pa) { return page_refs[pa / PAGE_SIZE]; }
u64 pmm_user_pages(void) { return user_pages; }
