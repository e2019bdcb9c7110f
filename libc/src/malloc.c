/*
 * malloc: the classic first-fit free list of K&R (and xv6's umalloc.c),
 * growing the heap with sbrk. Every block starts with a 16-byte header
 * holding its size in header units; free blocks form a circular list sorted
 * by address so that free() can merge neighbours.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 16 bytes, so the memory after it is 16-byte aligned as the ABI expects. */
union header {
	struct {
		union header *next;	/* next free block (when free) */
		size_t units;		/* block size, header included */
	} s;
	long double align;
};

typedef union header header_t;

static header_t base;		/* empty list: base points to itself */
static header_t *freep;		/* where the last search stopped */

void free(void *ap)
{
	header_t *bp, *p;

	if (!ap)
		return;
	bp = (header_t *)ap - 1;
	for (p = freep; !(bp > p && bp < p->s.next); p = p->s.next)
		if (p >= p->s.next && (bp > p || bp < p->s.next))
			break;	/* bp is past the end or before the start of the list */
	if (bp + bp->s.units == p->s.next) {	/* merge with the upper neighbour */
		bp->s.units += p->s.next->s.units;
		bp->s.next = p->s.next->s.next;
	} else {
		bp->s.next = p->s.next;
	}
	if (p + p->s.units == bp) {		/* merge with the lower neighbour */
		p->s.units += bp->s.units;
		p->s.next = bp->s.next;
	} else {
		p->s.next = bp;
	}
	freep = p;
}

/* Ask the kernel for at least 4 KiB at a time and put it on the free list. */
static header_t *morecore(size_t units)
{
	header_t *hp;

	if (units < 4096 / sizeof(header_t))
		units = 4096 / sizeof(header_t);
	hp = sbrk(units * sizeof(header_t));
	if (hp == (void *)-1)
		return NULL;
	hp->s.units = units;
	free(hp + 1);
	return freep;
}

void *malloc(size_t size)
{
	header_t *p, *prev;
	size_t units = (size + sizeof(header_t) - 1) / sizeof(header_t) + 1;

	if (size > ((size_t)-1 >> 2))
		return NULL;
	if (!freep) {
		base.s.next = freep = &base;
		base.s.units = 0;
	}
	for (prev = freep, p = prev->s.next;; prev = p, p = p->s.next) {
		if (p->s.units >= units) {
			if (p->s.units == units) {
				prev->s.next = p->s.next;
			} else {	/* hand out the tail end of the block */
				p->s.units -= units;
				p += p->s.units;
				p->s.units = units;
			}
			freep = prev;
			return p + 1;
		}
		if (p == freep && !(p = morecore(units)))
			return NULL;
	}
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = malloc(n * size);
	return p ? memset(p, 0, n * size) : NULL;
}

void *realloc(void *old, size_t size)
{
	size_t have;
	void *p;

	if (!old)
		return malloc(size);
	have = (((header_t *)old - 1)->s.units - 1) * sizeof(header_t);
	if (size <= have)
		return old;
	p = malloc(size);
	if (p) {
		memcpy(p, old, have);
		free(old);
	}
	return p;
}
