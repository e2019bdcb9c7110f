/* Private to kernel/mm/slab.c and slab_debug.c: the cache structure and
 * the debug hooks.  Linux: include/linux/slub_def.h, mm/slab.h */
#ifndef KERNEL_MM_SLAB_H
#define KERNEL_MM_SLAB_H

#include <pollux/types.h>
#include <pollux/spinlock.h>
#include <pollux/percpu.h>

#define MAX_CACHES 32
/* Objects are 16-byte aligned (fxsave areas in task_struct need it),
 * so the left redzone is 16 bytes. */
#define SLAB_ALIGN 16
#define RED_LEFT_PAD 16		/* debug: redzone before each object */
#define REDZONE_SIZE 8		/* debug: redzone after each object */

/* A CPU keeps at most CPU_CACHE_LIMIT free objects of a cache; a refill
 * or a flush moves CPU_CACHE_BATCH between it and the cache's list.
 * Linux: mm/slab.c (before 6.8) the array_cache's limit and batchcount */
#define CPU_CACHE_LIMIT 32
#define CPU_CACHE_BATCH 16

/*
 * One CPU's free objects of a cache, taken and given back by that CPU
 * alone with its interrupts off (an interrupt handler may allocate), so
 * without list_lock: the common kmalloc and kfree take no lock.
 * Linux: mm/slab.c (before 6.8) struct array_cache; SLUB's
 * struct kmem_cache_cpu freelist plays the same part.
 */
struct kmem_cache_cpu {
	void *freelist;		/* linked through ->offset, as the cache's */
	unsigned int avail;	/* objects on it */
	long active;		/* allocated minus freed on this CPU */
};

/* Who last allocated or freed an object (Linux: struct track). */
struct slab_track {
	void *addr;		/* the caller of kmem_cache_alloc/kfree... */
	int pid;		/* current's pid then, 0 before the first task */
};

struct kmem_cache {
	const char *name;
	size_t object_size;	/* what kmem_cache_create() was asked for */
	size_t inuse;		/* object_size rounded up to 8 */
	size_t offset;		/* free pointer, from the object start */
	size_t size;		/* slot: object plus debug metadata */
	size_t objperslab;
	bool debug;		/* redzones, poison, tracks */
	size_t poison_offset;	/* debug: where the poison starts (below) */
	struct kmem_cache_cpu cpu_cache[NR_CPUS];
	/* the freelist and the counts below: every CPU refills from it
	 * (Linux: kmem_cache_node->list_lock) */
	spinlock_t list_lock;
	void *freelist;		/* free objects, linked through ->offset */
	size_t total;		/* objects in the cache's pages */
	size_t pages;		/* pages owned */
};

void slab_debug_init_object(struct kmem_cache *c, void *object);
void slab_debug_alloc(struct kmem_cache *c, void *object, void *caller);
void slab_debug_free(struct kmem_cache *c, void *object, void *caller);
void slab_debug_kmalloc_redzone(struct kmem_cache *c, void *object,
				size_t orig_size);
void slab_debug_check_kmalloc(struct kmem_cache *c, void *object,
			      size_t orig_size, void *caller);

#endif
