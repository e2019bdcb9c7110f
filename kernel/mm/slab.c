/*
 * Kernel heap.  A kmem_cache hands out fixed-size objects carved from
 * whole pages and keeps freed ones on a free list (Linux: mm/slab_common.c
 * and SLUB, minus page reclaim: pages stay in their cache once used).
 * Each CPU keeps a few free objects of each cache of its own (struct
 * kmem_cache_cpu), so that most allocations and frees take no lock.  kmalloc() picks a power-of-two cache; larger
 * requests take whole pages.  As in Linux, kmem_cache_alloc() and
 * kmalloc() hand out the object as they find it (poisoned with slab
 * debugging on, old data or whatever the page held with it off);
 * kmem_cache_zalloc() and kzalloc() zero it.
 *
 * With slab debugging on (the slub_debug boot option, on by default in
 * this build: see slab_debug.c) each object carries redzones, a poison
 * pattern while free and who allocated and freed it; a use after free or
 * an overrun is reported when the object is next allocated or freed.
 */
#include <pollux/mm.h>
#include <pollux/string.h>
#include <pollux/spinlock.h>
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include "slab.h"

static struct kmem_cache caches[MAX_CACHES];
static int ncaches;

/* Linux: mm/slab_common.c kmem_cache_create() */
struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *c;

	if (ncaches == MAX_CACHES)
		panic("kmem_cache_create(%s): more than %d caches", name,
		      MAX_CACHES);
	c = &caches[ncaches++];
	c->name = name;
	c->object_size = size;
	spin_lock_init(&c->list_lock);
	c->debug = slab_debug_enabled();
	if (c->debug) {
		/* [red_left | object | redzone | free pointer | tracks] */
		c->inuse = ALIGN_UP(size, 8);
		c->offset = c->inuse + REDZONE_SIZE;
		c->size = ALIGN_UP(RED_LEFT_PAD + c->offset + sizeof(void *) +
				   2 * sizeof(struct slab_track), SLAB_ALIGN);
	} else {
		/* the free pointer overlays the free object */
		c->inuse = ALIGN_UP(MAX(size, sizeof(void *)), 8);
		c->offset = 0;
		c->size = ALIGN_UP(c->inuse, SLAB_ALIGN);
	}
	c->objperslab = PAGE_SIZE / c->size;
	return c;
}

/* A slot is the object plus its debug metadata; the object follows the
 * left redzone. */
static void *slot_object(struct kmem_cache *c, u8 *slot)
{
	return c->debug ? slot + RED_LEFT_PAD : slot;
}

static void **free_pointer(struct kmem_cache *c, void *object)
{
	return (void **)((u8 *)object + c->offset);
}

/* A new page's objects go on the freelist last first, so that they are
 * handed out in address order, as SLUB's are (without
 * CONFIG_SLAB_FREELIST_RANDOM).  The page comes zeroed (alloc_pages_zeroed()
 * says why), objects freed and taken again are not.  Linux:
 * mm/slub.c allocate_slab() */
static bool cache_grow(struct kmem_cache *c)
{
	u8 *page = get_zeroed_page();

	if (!page)
		return false;
	c->pages++;
	c->total += c->objperslab;
	for (size_t i = c->objperslab; i-- > 0;) {
		void *object = slot_object(c, page + i * c->size);

		if (c->debug)
			slab_debug_init_object(c, object);
		*free_pointer(c, object) = c->freelist;
		c->freelist = object;
	}
	return true;
}

/* The last of the first n objects of list (n >= 1, list that long or
 * ending sooner): where a batch is cut off. */
static void *batch_end(struct kmem_cache *c, void *list, unsigned int *n)
{
	unsigned int i = 1;

	while (i < *n && *free_pointer(c, list)) {
		list = *free_pointer(c, list);
		i++;
	}
	*n = i;
	return list;
}

/* The first object of this CPU's list, which is not empty */
static __always_inline void *cpu_cache_pop(struct kmem_cache *c,
					   struct kmem_cache_cpu *kc)
{
	void *object = kc->freelist;

	kc->freelist = *free_pointer(c, object);
	kc->avail--;
	kc->active++;
	return object;
}

/* This CPU's list is empty: it takes the first CPU_CACHE_BATCH objects
 * of the cache's (grown if empty), in their order, so that a new page's
 * still go out in address order; then the first is ours.  NULL if
 * memory is out.  Interrupts are off.
 * Linux: mm/slab.c cache_alloc_refill() */
static __noinline void *cache_alloc_refill(struct kmem_cache *c,
					   struct kmem_cache_cpu *kc)
{
	unsigned int n = CPU_CACHE_BATCH;
	void *last;

	spin_lock(&c->list_lock);
	if (c->freelist || cache_grow(c)) {
		last = batch_end(c, c->freelist, &n);
		kc->freelist = c->freelist;
		kc->avail = n;
		c->freelist = *free_pointer(c, last);
		*free_pointer(c, last) = NULL;
	}
	spin_unlock(&c->list_lock);
	return kc->freelist ? cpu_cache_pop(c, kc) : NULL;
}

/* Gives the first CPU_CACHE_BATCH of this CPU's objects back to the
 * cache's list, so that objects freed on one CPU and allocated on
 * another do not pile up on the first.  Interrupts are off.
 * Linux: mm/slab.c cache_flusharray() */
static __noinline void cpu_cache_flush(struct kmem_cache *c,
				       struct kmem_cache_cpu *kc)
{
	unsigned int n = CPU_CACHE_BATCH;
	void *first = kc->freelist, *last = batch_end(c, first, &n);

	kc->freelist = *free_pointer(c, last);
	kc->avail -= n;
	spin_lock(&c->list_lock);
	*free_pointer(c, last) = c->freelist;
	c->freelist = first;
	spin_unlock(&c->list_lock);
}

/* The first free object of this CPU's list, refilled if empty; NULL if
 * memory is out.  Linux: mm/slab.c ____cache_alloc() */
static __always_inline void *freelist_pop(struct kmem_cache *c)
{
	unsigned long flags = local_irq_save();
	struct kmem_cache_cpu *kc = &c->cpu_cache[smp_processor_id()];
	void *object = likely(kc->freelist) ? cpu_cache_pop(c, kc) :
					      cache_alloc_refill(c, kc);

	local_irq_restore(flags);
	return object;
}

/* The checks come after the object is off the freelist (it is ours
 * alone); the object keeps its poison, as in Linux.  Out of line, so that
 * the fast path saves no registers for the call. */
static __attribute__((noinline)) void *slab_alloc_debug(struct kmem_cache *c,
							void *caller)
{
	void *object = freelist_pop(c);

	if (object)
		slab_debug_alloc(c, object, caller);
	return object;
}

/* init: zero the object (Linux: __GFP_ZERO, in slab_post_alloc_hook()).
 * Linux: mm/slub.c slab_alloc_node() (inlined into its callers, as
 * Linux's is: the fast path is a handful of instructions) */
static __always_inline void *slab_alloc(struct kmem_cache *c, void *caller,
					bool init)
{
	void *object = c->debug ? slab_alloc_debug(c, caller) : freelist_pop(c);

	if (object && init)
		memset(object, 0, c->object_size);
	return object;
}

/* Onto this CPU's list.  Linux: mm/slab.c ___cache_free() */
static __always_inline void slab_free(struct kmem_cache *c, void *object)
{
	unsigned long flags = local_irq_save();
	struct kmem_cache_cpu *kc = &c->cpu_cache[smp_processor_id()];

	if (unlikely(kc->avail == CPU_CACHE_LIMIT))
		cpu_cache_flush(c, kc);
	*free_pointer(c, object) = kc->freelist;
	kc->freelist = object;
	kc->avail++;
	kc->active--;
	local_irq_restore(flags);
}

/* The checks come before the object is on the freelist again.  Out of
 * line, so that the fast path saves no registers for the call. */
static __attribute__((noinline)) void slab_free_debug(struct kmem_cache *c,
						      void *object,
						      void *caller)
{
	slab_debug_free(c, object, caller);
	slab_free(c, object);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	return slab_alloc(c, __builtin_return_address(0), false);
}

/* Linux: include/linux/slab.h kmem_cache_zalloc() */
void *kmem_cache_zalloc(struct kmem_cache *c)
{
	return slab_alloc(c, __builtin_return_address(0), true);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	if (c->debug)
		slab_free_debug(c, obj, __builtin_return_address(0));
	else
		slab_free(c, obj);
}

/*
 * kmalloc: a 16-byte header before each object says where it came from
 * and, for a cache object, how many bytes were asked for, so that slab
 * debugging can redzone the rest of the object (Linux: SLUB's kmalloc
 * redzone, orig_size).
 */
struct kmalloc_header {
	struct kmem_cache *cache;	/* NULL: whole pages */
	u64 size;			/* bytes asked for, or pages */
};

static struct kmem_cache *kmalloc_caches[7];	/* 32 .. 2048 bytes */

static struct kmem_cache *kmalloc_cache(size_t total)
{
	static const char *const names[] = {
		"kmalloc-32", "kmalloc-64", "kmalloc-128", "kmalloc-256",
		"kmalloc-512", "kmalloc-1024", "kmalloc-2048",
	};
	int i = 0;

	while ((32UL << i) < total)
		i++;
	if (i >= 7)	/* a 4096-byte object would waste the page header */
		return NULL;
	if (!kmalloc_caches[i]) {
		kmalloc_caches[i] = kmem_cache_create(names[i], 32UL << i);
		/* kfree reads the header of a freed object too, to find
		 * its cache and report a double free: leave it unpoisoned */
		kmalloc_caches[i]->poison_offset = sizeof(struct kmalloc_header);
	}
	return kmalloc_caches[i];
}

static bool is_kmalloc_cache(struct kmem_cache *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		if (c == kmalloc_caches[i])
			return true;
	return false;
}

/* Linux: mm/slub.c __do_kmalloc_node() / kmalloc_large() */
static __always_inline void *__do_kmalloc(size_t size, bool init,
					  void *caller)
{
	size_t total = size + sizeof(struct kmalloc_header);
	struct kmem_cache *c = size < PAGE_SIZE ? kmalloc_cache(total) : NULL;
	struct kmalloc_header *h;

	if (c) {
		h = slab_alloc(c, caller, init);
		if (!h)
			return NULL;
		h->cache = c;
		h->size = size;
		if (c->debug)
			slab_debug_kmalloc_redzone(c, h, total);
	} else {
		u64 n = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;

		h = total > size ? alloc_pages_zeroed(n) : NULL;
		if (!h)
			return NULL;
		h->cache = NULL;
		h->size = n;
	}
	return h + 1;
}

void *kmalloc(size_t size)
{
	return __do_kmalloc(size, false, __builtin_return_address(0));
}

/* Linux: include/linux/slab.h kzalloc() */
void *kzalloc(size_t size)
{
	return __do_kmalloc(size, true, __builtin_return_address(0));
}

/* Linux: mm/slub.c kfree() */
void kfree(void *p)
{
	struct kmalloc_header *h;

	if (!p)
		return;
	h = (struct kmalloc_header *)p - 1;
	if (!h->cache) {
		free_pages(virt_to_phys(h), h->size);
		return;
	}
	if (!h->cache->debug) {
		slab_free(h->cache, h);
		return;
	}
	if (!is_kmalloc_cache(h->cache))
		panic("kfree(%p): not a kmalloc object, or its header was "
		      "overwritten (cache pointer %p)", p, h->cache);
	slab_debug_check_kmalloc(h->cache, h, h->size + sizeof(*h),
				 __builtin_return_address(0));
	slab_free_debug(h->cache, h, __builtin_return_address(0));
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/*
 * The frames the kernel keeps writing to (kernel stacks, slab pages, pipe
 * buffers, large kmallocs, page tables) come zeroed from here; a
 * copy-on-write copy fills its frame whole at once and takes it from
 * alloc_pages().  Linux zeroes every page when booted with
 * init_on_alloc=1, its default in Debian's kernels
 * (CONFIG_INIT_ON_ALLOC_DEFAULT_ON).  Here it matters under QEMU's TCG:
 * a frame that code ran from (GRUB's before the kernel booted, or a
 * process's text since) keeps that code's translations, and until every
 * byte has been written each store to the frame takes QEMU's
 * self-modifying-code path.  A kernel stack, slab or pipe buffer left
 * on such a frame made the pairs benchmark run at a fifth of its speed
 * in some boots (docs/benchmarks.md, "Independent pairs").  Linux:
 * mm/page_alloc.c want_init_on_alloc(), kernel_init_pages()
 */
void *alloc_pages_zeroed(unsigned int n)
{
	u64 pa = alloc_pages(n);
	void *va;

	if (!pa)
		return NULL;
	va = phys_to_virt(pa);
	memset(va, 0, (size_t)n * PAGE_SIZE);
	return va;
}

void *get_zeroed_page(void)
{
	return alloc_pages_zeroed(1);
}

void free_page(void *va)
{
	free_pages(virt_to_phys(va), 1);
}

/* Pages held by all caches: /proc/meminfo's Slab line. */
u64 slab_pages(void)
{
	u64 n = 0;

	for (int i = 0; i < ncaches; i++)
		n += caches[i].pages;
	return n;
}

/* Objects handed out and not freed: the CPUs' counts summed, each read
 * as it is (an allocation on another CPU meanwhile may or may not be
 * seen, as in Linux's /proc/slabinfo). */
static long cache_active(struct kmem_cache *c)
{
	long n = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += READ_ONCE(c->cpu_cache[cpu].active);
	return n;
}

/* Linux: mm/slub.c get_slabinfo() + mm/slab_common.c slab_show() */
size_t slabinfo_show(char *buf, size_t n)
{
	size_t len = snprintf(buf, n, "slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		"<sharedfactor> : slabdata <active_slabs> <num_slabs> "
		"<sharedavail>\n");

	for (int i = 0; i < ncaches && len < n; i++) {
		struct kmem_cache *c = &caches[i];

		len += snprintf(buf + len, n - len,
			"%-17s %6ld %6zu %6zu %4zu %4d : tunables %4d %4d %4d"
			" : slabdata %6zu %6zu %6d\n", c->name, cache_active(c),
			c->total, c->size, c->objperslab, 1, CPU_CACHE_LIMIT,
			CPU_CACHE_BATCH, 0, c->pages, c->pages, 0);
	}
	return MIN(len, n);
}
