/* Private to kernel/mm/slab.c and slab_debug.c: the cache structure and
 * the debug hooks.  Linux: include/linux/slub_def.h, mm/slab.h */
#ifndef KERNEL_MM_SLAB_H
#define KERNEL_MM_SLAB_H

#include <pollux/types.h>
#include <pollux/spinlock.h>

#define MAX_CACHES 32
/* Objects are 16-byte aligned (fxsave areas in task_struct need it),
 * so the left redzone is 16 bytes. */
#define SLAB_ALIGN 16
#define RED_LEFT_PAD 16		/* debug: redzone before each object */
#define REDZONE_SIZE 8		/* debug: redzone after each object */

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
	/* the freelist and the counts below: kmalloc runs on every CPU
	 * (Linux: kmem_cache_node->list_lock; SLUB's per-CPU lists are
	 * not built) */
	spinlock_t list_lock;
	size_t poison_offset;	/* debug: where the poison starts (below) */
	void *freelist;		/* free objects, linked through ->offset */
	size_t active;		/* objects handed out and not freed */
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
