/*
 * Slab debugging, in the spirit of Linux's SLUB debug (mm/slub.c with
 * slub_debug=FZPU): every object sits between two redzones, is filled
 * with a poison pattern while free, and remembers who allocated and
 * freed it.  The patterns are Linux's (include/linux/poison.h):
 *
 *   slot:  | red_left | object ................ | redzone | fp | tracks |
 *   free:     bb bb      6b 6b 6b ... 6b 6b a5     bb bb
 *   in use:   cc cc      (the object's data)       cc cc
 *
 * A write to a free object (use after free) is found when the object is
 * next allocated; a write past either end (overrun), or a second free,
 * when the object is freed.  Either is reported as Linux reports it,
 * naming the cache, the bad bytes and the last alloc and free sites,
 * then the kernel panics: a teaching kernel stops at the first
 * corruption rather than run on with it.
 */
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <pollux/sched.h>
#include <pollux/ksyms.h>
#include <pollux/string.h>
#include "slab.h"

#define POISON_FREE 0x6b	/* a free object's bytes */
#define POISON_END 0xa5		/* its last byte */
#define SLUB_RED_INACTIVE 0xbb	/* redzones of a free object */
#define SLUB_RED_ACTIVE 0xcc	/* redzones of an object in use */

/* The build's default (Makefile: SLUB_DEBUG_ON, Linux's
 * CONFIG_SLUB_DEBUG_ON); the boot option overrides it. */
static bool slab_debug = CONFIG_SLUB_DEBUG_ON;

/* The slub_debug boot option: "slub_debug" turns debugging on,
 * "slub_debug=-" off (Linux accepts the same two forms). */
void slab_debug_setup(const char *opt)
{
	if (opt)
		slab_debug = strcmp(opt, "-") != 0;
	printk("slab: debugging (redzones, poison, alloc/free tracking) %s\n",
	       slab_debug ? "on" : "off");
}

bool slab_debug_enabled(void)
{
	return slab_debug;
}

static u8 *red_left(void *object)
{
	return (u8 *)object - RED_LEFT_PAD;
}

static u8 *red_right(struct kmem_cache *c, void *object)
{
	return (u8 *)object + c->inuse;
}

static struct slab_track *tracks(struct kmem_cache *c, void *object)
{
	return (struct slab_track *)((u8 *)object + c->offset +
				     sizeof(void *));
}

static void print_site(const char *what, const struct slab_track *t)
{
	u64 off;
	const char *name = ksym_lookup((u64)t->addr, &off);

	if (!t->addr)
		printk("INFO: %s: never\n", what);
	else
		printk("INFO: %s in %s+0x%lx pid=%d\n", what,
		       name ? name : "?", name ? off : 0, t->pid);
}

/* Linux: mm/slub.c slab_bug() + print_trailer() + check_bytes_and_report() */
static __noreturn void slab_bug(struct kmem_cache *c, void *object,
				const char *what, const u8 *bad, size_t len,
				u8 expected, void *caller)
{
	u64 off;
	const char *name = ksym_lookup((u64)caller, &off);

	printk("=============================================================================\n");
	printk("BUG %s: %s\n", c->name, what);
	printk("-----------------------------------------------------------------------------\n");
	if (bad) {
		const u8 *last = bad + len - 1;

		while (last > bad && *last == expected)
			last--;
		printk("INFO: %p-%p @offset=%ld. First byte 0x%x instead of 0x%x\n",
		       bad, last, (long)(bad - (u8 *)object), *bad, expected);
	}
	print_site("Allocated", &tracks(c, object)[0]);
	print_site("Freed", &tracks(c, object)[1]);
	printk("INFO: Object %p, cache %s: object size %zu, slot size %zu\n",
	       object, c->name, c->object_size, c->size);
	printk("INFO: Found by a call from %s+0x%lx\n", name ? name : "?",
	       name ? off : 0);
	panic("slab corruption in cache %s", c->name);
}

/* The first byte of [p, p+n) that is not v, or NULL. */
static const u8 *check_bytes(const u8 *p, size_t n, u8 v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return p + i;
	return NULL;
}

static void check_redzones(struct kmem_cache *c, void *object, u8 v,
			   void *caller)
{
	const u8 *bad = check_bytes(red_left(object), RED_LEFT_PAD, v);

	if (bad)
		slab_bug(c, object, "Left Redzone overwritten", bad,
			 red_left(object) + RED_LEFT_PAD - bad, v, caller);
	bad = check_bytes(red_right(c, object), REDZONE_SIZE, v);
	if (bad)
		slab_bug(c, object, "Right Redzone overwritten", bad,
			 red_right(c, object) + REDZONE_SIZE - bad, v, caller);
}

/* A free object's poison must be whole; NULL if it is. */
static const u8 *check_poison(struct kmem_cache *c, void *object)
{
	const u8 *p = (u8 *)object + c->poison_offset;
	size_t n = c->inuse - c->poison_offset;
	const u8 *bad = check_bytes(p, n - 1, POISON_FREE);

	if (!bad && p[n - 1] != POISON_END)
		bad = p + n - 1;
	return bad;
}

static void set_free_pattern(struct kmem_cache *c, void *object)
{
	u8 *p = (u8 *)object + c->poison_offset;
	size_t n = c->inuse - c->poison_offset;

	memset(red_left(object), SLUB_RED_INACTIVE, RED_LEFT_PAD);
	memset(p, POISON_FREE, n - 1);
	p[n - 1] = POISON_END;
	memset(red_right(c, object), SLUB_RED_INACTIVE, REDZONE_SIZE);
}

void slab_debug_init_object(struct kmem_cache *c, void *object)
{
	set_free_pattern(c, object);
}

/* Linux: mm/slub.c alloc_debug_processing() */
void slab_debug_alloc(struct kmem_cache *c, void *object, void *caller)
{
	const u8 *bad;

	check_redzones(c, object, SLUB_RED_INACTIVE, caller);
	bad = check_poison(c, object);
	if (bad)	/* the bad run ends before the POISON_END byte */
		slab_bug(c, object, "Poison overwritten (use after free)", bad,
			 MAX((u8 *)object + c->inuse - 1 - bad, 1),
			 POISON_FREE, caller);
	memset(red_left(object), SLUB_RED_ACTIVE, RED_LEFT_PAD);
	memset(red_right(c, object), SLUB_RED_ACTIVE, REDZONE_SIZE);
	tracks(c, object)[0] = (struct slab_track){
		caller, current ? current->pid : 0 };
}

/* Linux: mm/slub.c free_debug_processing() */
void slab_debug_free(struct kmem_cache *c, void *object, void *caller)
{
	u64 in_page = ((u64)red_left(object)) & (PAGE_SIZE - 1);

	if (in_page % c->size || in_page / c->size >= c->objperslab)
		slab_bug(c, object, "Invalid object pointer", NULL, 0, 0,
			 caller);
	if (!check_bytes(red_left(object), RED_LEFT_PAD, SLUB_RED_INACTIVE))
		slab_bug(c, object, "Object already free (double free)", NULL,
			 0, 0, caller);
	check_redzones(c, object, SLUB_RED_ACTIVE, caller);
	set_free_pattern(c, object);
	tracks(c, object)[1] = (struct slab_track){
		caller, current ? current->pid : 0 };
}

/* kmalloc(n) gets a whole cache object; the bytes past n are redzone
 * too (Linux: SLUB's kmalloc redzone, set_orig_size()). */
void slab_debug_kmalloc_redzone(struct kmem_cache *c, void *object,
				size_t orig_size)
{
	memset((u8 *)object + orig_size, SLUB_RED_ACTIVE, c->inuse - orig_size);
}

void slab_debug_check_kmalloc(struct kmem_cache *c, void *object,
			      size_t orig_size, void *caller)
{
	const u8 *p = (u8 *)object + orig_size;
	const u8 *bad;

	/* already free: slab_debug_free() reports the double free */
	if (!check_bytes(red_left(object), RED_LEFT_PAD, SLUB_RED_INACTIVE))
		return;
	bad = check_bytes(p, c->inuse - orig_size, SLUB_RED_ACTIVE);
	if (bad)
		slab_bug(c, object, "kmalloc Redzone overwritten", bad,
			 p + c->inuse - orig_size - bad, SLUB_RED_ACTIVE,
			 caller);
}
