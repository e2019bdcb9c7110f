/*
 * Access to user memory (kernel/mm/uaccess.c, kernel/arch/uaccess.asm).
 * Every function checks that the range lies below USER_TOP and does not
 * wrap, then copies; a fault on an unmapped page is recovered through the
 * exception table.  Each returns 0 or -EFAULT (strncpy_from_user: the
 * length, or -EFAULT).  Linux: include/linux/uaccess.h.
 */
#ifndef POLLUX_UACCESS_H
#define POLLUX_UACCESS_H

#include <pollux/types.h>

bool access_ok(const void __user *addr, size_t n);
int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
int clear_user(void __user *dst, size_t n);
/* Copies a NUL-terminated string of at most n-1 bytes; returns its length,
 * -EFAULT, or -ENAMETOOLONG if no NUL within n bytes. */
long strncpy_from_user(char *dst, const char __user *src, long n);

#define get_user(x, ptr) copy_from_user(&(x), (ptr), sizeof(*(ptr)))
#define put_user(x, ptr)                                        \
	({                                                      \
		typeof(*(ptr)) __v = (x);                       \
		copy_to_user((ptr), &__v, sizeof(__v));         \
	})

#endif
