/*
 * kernel/mm/pmm.c fed by kernel/arch/multiboot2.c: a fake multiboot2
 * information block with QEMU's memory map (-m 128M) is parsed, the
 * frame allocator is initialised from it, and every frame it hands out is
 * checked against a model of the map: inside usable RAM, outside every
 * reserved range, never handed out twice, and the free count always
 * equal to "usable frames minus frames held".
 */
#include <pollux/mm.h>
#include <pollux/multiboot2.h>

#include "host.h"
#include "test.h"

/* The host has one thread: pmm.c's zone_lock need not be a lock here. */
struct spinlock;
unsigned long _spin_lock_irqsave(struct spinlock *lock) { return 0; }
void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags) { }

#define FRAMES (DIRECT_MAP_SIZE / PAGE_SIZE)	/* frames the pmm can reach */

/* ----------------------------------------------- the fake multiboot2 info */

static u8 mbi[1024] __aligned(8);
static u32 mbi_len;

/* Append a tag (header + payload), padded to 8 bytes as the spec says. */
static void put_tag(u32 type, const void *payload, u32 len)
{
	u32 hdr[2] = { type, 8 + len };

	host_memcpy(mbi + mbi_len, hdr, 8);
	if (len)
		host_memcpy(mbi + mbi_len + 8, payload, len);
	mbi_len = ALIGN_UP(mbi_len + 8 + len, 8);
}

struct mmap_entry {
	u64 base, length;
	u32 type, reserved;
};

/* What QEMU's BIOS reports for -m 128M (types: 1 RAM, 2 reserved), plus
 * RAM above 4 GiB, which the direct map cannot reach. */
static const struct mmap_entry qemu_map[] = {
	{ 0x0, 0x9fc00, 1, 0 },
	{ 0x9fc00, 0x400, 2, 0 },
	{ 0xf0000, 0x10000, 2, 0 },
	{ 0x100000, 0x7ee0000, 1, 0 },
	{ 0x7fe0000, 0x20000, 2, 0 },
	{ 0xfffc0000, 0x40000, 2, 0 },
	{ 0x100000000, 0x40000000, 1, 0 },
};

static void build_mbi(void)
{
	struct { u32 entry_size, entry_version; struct mmap_entry e[7]; } mmap;
	struct { u32 mod_start, mod_end; char name[8]; } module = {
		0x500000, 0x520800, "initrd"
	};
	const char cmdline[] = "quiet init=/bin/sh";

	mbi_len = 8;
	put_tag(1, cmdline, sizeof(cmdline));
	mmap.entry_size = sizeof(struct mmap_entry);
	mmap.entry_version = 0;
	host_memcpy(mmap.e, qemu_map, sizeof(qemu_map));
	put_tag(6, &mmap, sizeof(mmap));
	put_tag(3, &module, sizeof(module));
	put_tag(0, NULL, 0);
	host_memcpy(mbi, &mbi_len, 4);
}

static void test_parse(struct boot_info *bi)
{
	build_mbi();
	/* multiboot2_parse reads through phys_to_virt(pa) = pa + DIRECT_MAP:
	 * hand it the "physical" address that maps to our buffer. */
	multiboot2_parse((u64)mbi - DIRECT_MAP, bi);
	CHECK_STR(bi->cmdline, "quiet init=/bin/sh", "mb2: command line tag");
	CHECK_EQ(bi->navail, 3, "mb2: only type-1 (available) entries are kept");
	CHECK_HEX(bi->avail[1].start, 0x100000, "mb2: region start");
	CHECK_HEX(bi->avail[1].end, 0x7fe0000, "mb2: region end = base + length");
	CHECK_EQ(bi->nmodules, 1, "mb2: module tag");
	CHECK_HEX(bi->modules[0].end, 0x520800, "mb2: module end");
}

/* ------------------------------------------------- the model of the map */

static const struct mem_region *model_avail, *model_resv;
static int model_navail, model_nresv;
static bool held[FRAMES];	/* frames the test holds now */
static u64 nheld;

static bool overlaps(u64 start, u64 end, const struct mem_region *r)
{
	return start < r->end && r->start < end;
}

/* A frame the allocator may hand out: wholly in one usable region, below
 * the direct map's end, and touching no reserved range. */
static bool frame_usable(u64 f)
{
	u64 start = f * PAGE_SIZE, end = start + PAGE_SIZE;
	bool in = false;

	for (int i = 0; i < model_navail; i++)
		in |= model_avail[i].start <= start && end <= model_avail[i].end;
	for (int i = 0; i < model_nresv; i++)
		in &= !overlaps(start, end, &model_resv[i]);
	return in && end <= DIRECT_MAP_SIZE;
}

static u64 init(const struct mem_region *avail, int navail,
		const struct mem_region *resv, int nresv)
{
	u64 usable = 0;

	model_avail = avail;
	model_navail = navail;
	model_resv = resv;
	model_nresv = nresv;
	host_memset(held, 0, sizeof(held));
	nheld = 0;
	pmm_init(avail, navail, resv, nresv);
	for (u64 f = 0; f < FRAMES; f++)
		usable += frame_usable(f);
	return usable;
}

static char why[128];

static void bad(const char *what, u64 pa, unsigned int n)
{
	if (!why[0])
		host_snprintf(why, sizeof(why), "%s (pa %#lx, n %u)", what,
			      (unsigned long)pa, n);
}

static void check_table(const char *what)
{
	CHECK_STR(why[0] ? why : "none", "none", what);
	why[0] = '\0';
}

/* alloc_pages through the model: 0 or n fresh usable frames. */
static u64 take(unsigned int n)
{
	u64 pa = alloc_pages(n);

	if (!pa)
		return 0;
	if (pa % PAGE_SIZE)
		bad("unaligned", pa, n);
	for (u64 f = pa / PAGE_SIZE; f < pa / PAGE_SIZE + n; f++) {
		if (!frame_usable(f))
			bad("frame outside usable RAM", f * PAGE_SIZE, n);
		else if (held[f])
			bad("frame handed out twice", f * PAGE_SIZE, n);
		held[f] = true;
	}
	nheld += n;
	return pa;
}

static void give(u64 pa, unsigned int n)
{
	free_pages(pa, n);
	for (u64 f = pa / PAGE_SIZE; f < pa / PAGE_SIZE + n; f++)
		held[f] = false;
	nheld -= n;
}

/* ------------------------------------------------------------ the tests */

static void test_all_frames(const struct boot_info *bi)
{
	static u64 got[FRAMES];
	u64 usable, n = 0;
	/* What kmain reserves: frame 0, the kernel image, the initrd. */
	struct mem_region resv[] = {
		{ 0, PAGE_SIZE }, { 0x100000, 0x400000 }, bi->modules[0],
	};

	usable = init(bi->avail, bi->navail, resv, 3);
	CHECK_EQ(pmm_total_count(), usable, "total = usable frames of the map");
	CHECK_EQ(pmm_free_count(), usable, "all of them free after init");
	CHECK_EQ(alloc_pages(0), 0, "alloc_pages(0) fails");

	while ((got[n] = take(1)))
		n++;
	check_table("every frame: aligned, usable, handed out once");
	CHECK_EQ(n, usable, "alloc_pages(1) until it fails yields every frame");
	CHECK_EQ(pmm_free_count(), 0, "free count is then 0");
	for (u64 i = 0; i < n; i++)
		give(got[i], 1);
	CHECK_EQ(pmm_free_count(), usable, "freeing them all restores the count");
	CHECK_EQ(alloc_pages(usable), 0,
		 "a run as long as all RAM fails: RAM has holes");
	CHECK_EQ(pmm_free_count(), usable, "a failed alloc changes no count");
}

/* Random runs of 1-16 frames, taken and given back in random order. */
static void test_random_runs(const struct boot_info *bi)
{
	static struct { u64 pa; unsigned int n; } runs[4096];
	unsigned int seed = 12345, nruns = 0, miscount = 0;
	struct mem_region resv[] = { { 0, PAGE_SIZE }, { 0x100000, 0x400000 } };
	u64 usable = init(bi->avail, bi->navail, resv, 2);

	for (int op = 0; op < 3000; op++) {
		seed = seed * 1103515245 + 12345;
		if (nruns < 4096 && (nruns == 0 || (seed >> 16) % 3)) {
			unsigned int n = 1 + (seed >> 8) % 16;

			runs[nruns].n = n;
			if ((runs[nruns].pa = take(n)))
				nruns++;
		} else {
			unsigned int i = (seed >> 16) % nruns;

			give(runs[i].pa, runs[i].n);
			runs[i] = runs[--nruns];
		}
		miscount += pmm_free_count() != usable - nheld;
	}
	check_table("3000 random runs: usable frames, never two owners");
	CHECK_EQ(miscount, 0, "free count = usable - held after every operation");
}

static void test_edges(void)
{
	struct mem_region odd[] = { { 0x1800, 0x5800 } };
	struct mem_region holes[] = { { 0x1000, 0x3000 }, { 0x4000, 0x6000 } };
	struct mem_region low[] = { { 0, 0x3000 } };
	u64 pa;

	CHECK_EQ(init(odd, 1, NULL, 0), 3, "model: 3 whole frames in 0x1800-0x5800");
	CHECK_EQ(pmm_total_count(), 3, "partial frames at region edges are not used");
	while (take(1))
		;
	check_table("frames of an unaligned region lie inside it");

	init(holes, 2, NULL, 0);
	CHECK_EQ(take(3), 0, "no run of 3 frames across a hole");
	pa = take(2);
	CHECK(pa && take(2), "a run of 2 fits on each side of the hole");
	check_table("runs never straddle a hole");
	give(pa, 2);
	give(pa, 1);
	CHECK_EQ(pmm_free_count(), 2, "a double free does not inflate the count");

	/* Frame 0 is never handed out (0 means failure), so it must not be
	 * counted as free either, even when the map offers it. */
	init(low, 1, NULL, 0);
	while (take(1))
		;
	CHECK_EQ(pmm_free_count(), 0,
		 "frame 0 offered by the map: every counted frame can be had");
}

int main(void)
{
	static struct boot_info bi;

	test_parse(&bi);
	test_all_frames(&bi);
	test_random_runs(&bi);
	test_edges();
	return test_done();
}
