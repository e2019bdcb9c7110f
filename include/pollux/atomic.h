/*
 * Atomic counters: one locked instruction each, so two CPUs (or a task
 * and the interrupt handler that interrupts it) never lose an update.
 * Linux: include/linux/atomic.h, arch/x86/include/asm/atomic.h
 */
#ifndef POLLUX_ATOMIC_H
#define POLLUX_ATOMIC_H

#include <pollux/types.h>

typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;

#define ATOMIC_INIT(i) { (i) }

#define atomic_read(v)		READ_ONCE((v)->counter)
#define atomic_set(v, i)	WRITE_ONCE((v)->counter, (i))
#define atomic_inc(v)		__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_SEQ_CST)
#define atomic_dec(v)		__atomic_fetch_sub(&(v)->counter, 1, __ATOMIC_SEQ_CST)
/* true when the count reached zero: the caller frees */
#define atomic_dec_and_test(v) \
	(__atomic_sub_fetch(&(v)->counter, 1, __ATOMIC_SEQ_CST) == 0)
/* Adds one unless the count is zero (an object on its way out). */
#define atomic_inc_not_zero(v)                                               \
	({                                                                   \
		typeof((v)->counter) __old = atomic_read(v);                 \
		while (__old && !__atomic_compare_exchange_n(&(v)->counter,  \
				&__old, __old + 1, false, __ATOMIC_SEQ_CST,  \
				__ATOMIC_RELAXED))                           \
			;                                                    \
		__old != 0;                                                  \
	})

#define atomic_long_read	atomic_read
#define atomic_long_set		atomic_set
#define atomic_long_inc		atomic_inc
#define atomic_long_dec_and_test atomic_dec_and_test
#define atomic_long_inc_not_zero atomic_inc_not_zero

#endif
