/*
 * Kernel heap.  A kmem_cache hands out fixed-size objects carved from
 * whole pages and keeps freed ones on a free list (Linux: mm/slab_common.c
 * and SLUB, minus per-CPU lists and page reclaim: pages stay in their
 * cache once used).  kmalloc() picks a power-of-two cache; larger
 * requests take whole pages.  Every object comes back zeroed.
 */
#include <pollux/mm.h>
#include <pollux/string.h>
#include <pollux/spinlock.h>

struct free_obj {
	struct free_obj *next;
};

struct kmem_cache {
	const char *name;
	size_t size;
	struct free_obj *free;
	size_t active;	/* objects handed out and not freed */
	size_t pages;	/* pages owned */
};

#define MAX_CACHES 32
static struct kmem_cache caches[MAX_CACHES];
static int ncaches;

/* Linux: mm/slab_common.c kmem_cache_create() */
struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *c;

	if (ncaches == MAX_CACHES)
		return NULL;
	c = &caches[ncaches++];
	c->name = name;
	c->size = ALIGN_UP(MAX(size, sizeof(struct free_obj)), 8);
	return c;
}

static bool cache_grow(struct kmem_cache *c)
{
	u8 *page = get_zeroed_page();

	if (!page)
		return false;
	c->pages++;
	for (size_t off = 0; off + c->size <= PAGE_SIZE; off += c->size) {
		struct free_obj *o = (struct free_obj *)(page + off);

		o->next = c->free;
		c->free = o;
	}
	return true;
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	struct free_obj *o;
	unsigned long flags = local_irq_save();

	if (!c->free && !cache_grow(c)) {
		local_irq_restore(flags);
		return NULL;
	}
	o = c->free;
	c->free = o->next;
	c->active++;
	local_irq_restore(flags);
	memset(o, 0, c->size);
	return o;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct free_obj *o = obj;
	unsigned long flags = local_irq_save();

	o->next = c->free;
	c->free = o;
	c->active--;
	local_irq_restore(flags);
}

size_t kmem_cache_active(struct kmem_cache *c)
{
	return c->active;
}

/* kmalloc: a 16-byte header before each object says where it came from. */
struct kmalloc_header {
	struct kmem_cache *cache;	/* NULL: whole pages */
	u64 npages;
};

static struct kmem_cache *kmalloc_caches[8];	/* 32 .. 4096 bytes */

static struct kmem_cache *kmalloc_cache(size_t total)
{
	static const char *const names[] = {
		"kmalloc-32", "kmalloc-64", "kmalloc-128", "kmalloc-256",
		"kmalloc-512", "kmalloc-1024", "kmalloc-2048", "kmalloc-4096",
	};
	int i = 0;

	while ((32UL << i) < total)
		i++;
	if (i >= 7)	/* a 4096-byte object would waste the page header */
		return NULL;
	if (!kmalloc_caches[i])
		kmalloc_caches[i] = kmem_cache_create(names[i], 32UL << i);
	return kmalloc_caches[i];
}

void *kmalloc(size_t size)
{
	size_t total = size + sizeof(struct kmalloc_header);
	struct kmem_cache *c = kmalloc_cache(total);
	struct kmalloc_header *h;

	if (c) {
		h = kmem_cache_alloc(c);
		if (!h)
			return NULL;
		h->cache = c;
	} else {
		u64 n = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
		u64 pa = alloc_pages(n);

		if (!pa)
			return NULL;
		h = phys_to_virt(pa);
		memset(h, 0, n * PAGE_SIZE);
		h->npages = n;
	}
	return h + 1;
}

void kfree(void *p)
{
	struct kmalloc_header *h;

	if (!p)
		return;
	h = (struct kmalloc_header *)p - 1;
	if (h->cache)
		kmem_cache_free(h->cache, h);
	else
		free_pages(virt_to_phys(h), h->npages);
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

void *get_zeroed_page(void)
{
	u64 pa = alloc_pages(1);
	void *va;

	if (!pa)
		return NULL;
	va = phys_to_virt(pa);
	memset(va, 0, PAGE_SIZE);
	return va;
}

void free_page(void *va)
{
	free_pages(virt_to_phys(va), 1);
}
