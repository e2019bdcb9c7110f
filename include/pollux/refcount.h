/*
 * A reference count: an atomic_t that says so when it is misused (an
 * increment from zero is a use after free; a decrement below zero, a
 * double put) instead of wrapping.  Linux: include/linux/refcount.h
 */
#ifndef POLLUX_REFCOUNT_H
#define POLLUX_REFCOUNT_H

#include <pollux/atomic.h>

typedef struct { atomic_t refs; } refcount_t;

/* The report, with a backtrace.  Linux: lib/refcount.c
 * refcount_warn_saturate() */
void refcount_warn(const char *what);

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline void refcount_inc(refcount_t *r)
{
	if (!atomic_inc(&r->refs))
		refcount_warn("addition on 0; use-after-free.");
}

static inline bool refcount_inc_not_zero(refcount_t *r)
{
	return atomic_inc_not_zero(&r->refs);
}

static inline void refcount_add(int i, refcount_t *r)
{
	if (__atomic_fetch_add(&r->refs.counter, i, __ATOMIC_SEQ_CST) <= 0)
		refcount_warn("addition on 0; use-after-free.");
}

/* True when this took the count to 0: the caller frees. */
static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = __atomic_fetch_sub(&r->refs.counter, i, __ATOMIC_SEQ_CST);

	if (old < i)
		refcount_warn("underflow; use-after-free.");
	return old == i;
}

/* True when this put was the last: the caller frees. */
static inline bool refcount_dec_and_test(refcount_t *r)
{
	int old = __atomic_fetch_sub(&r->refs.counter, 1, __ATOMIC_SEQ_CST);

	if (old <= 0)
		refcount_warn("underflow; use-after-free.");
	return old == 1;
}

#endif
