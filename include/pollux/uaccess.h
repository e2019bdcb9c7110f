/*
 * Access to user memory (kernel/mm/uaccess.c, kernel/arch/uaccess.asm),
 * with Linux's contracts (include/linux/uaccess.h):
 *   copy_from_user, copy_to_user, clear_user return the number of bytes
 *     NOT copied (0 on success); a range that is not all below USER_TOP
 *     copies nothing.  copy_from_user zero-fills what it could not copy,
 *     so the kernel buffer never holds stale bytes.
 *   strncpy_from_user returns the string's length, n if no NUL within n
 *     bytes, or -EFAULT.
 *   get_user, put_user return 0 or -EFAULT (get_user zeroes x then);
 *     __put_user too, without the range check: for a caller that made
 *     it once, with access_ok(), for a whole array.
 *   futex_atomic_cmpxchg_inatomic stores newval at uaddr if it holds
 *     oldval, atomically, and returns 0 with the old value in *uval, or
 *     -EFAULT (a read-only or unmapped page).
 * A fault on an unmapped page is recovered through the exception table.
 */
#ifndef POLLUX_UACCESS_H
#define POLLUX_UACCESS_H

#include <pollux/types.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

bool __access_ok_kernel(const void __user *addr, size_t n);

/* The whole range lies below USER_TOP, without wrapping; or, between
 * uaccess_kernel_begin() and _end(), anywhere without wrapping (out of
 * line: the common test is inline, as Linux's).
 * Linux: access_ok(); <= 5.9 against the task's addr_limit */
static inline bool access_ok(const void __user *addr, size_t n)
{
	u64 a = (u64)addr;

	if (likely(a <= USER_TOP && n <= USER_TOP - a))
		return true;
	return __access_ok_kernel(addr, n);
}
/*
 * Between these two, this task's user copies take kernel addresses too,
 * so that a file's ->read/->write fills or drains a kernel buffer:
 * sendfile's copy_splice_read() and iter_file_splice_write() only.
 * Linux <= 5.9: set_fs(KERNEL_DS) ... set_fs(old_fs) in kernel_read();
 * Linux now passes kernel memory in an ITER_KVEC/ITER_BVEC iov_iter.
 */
void uaccess_kernel_begin(void);
void uaccess_kernel_end(void);
unsigned long copy_from_user(void *dst, const void __user *src, size_t n);
unsigned long copy_to_user(void __user *dst, const void *src, size_t n);
unsigned long clear_user(void __user *dst, size_t n);
long strncpy_from_user(char *dst, const char __user *src, long n);
int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval,
				  u32 newval);

#define get_user(x, ptr)                                                 \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr)                                                 \
	({                                                               \
		typeof(*(ptr)) __v = (x);                                \
		copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0;    \
	})

int __put_user_2(u16 x, u16 __user *p);
int __put_user_4(u32 x, u32 __user *p);
int __put_user_8(u64 x, u64 __user *p);
/* One 2-, 4- or 8-byte store.  Linux: __put_user() */
#define __put_user(x, ptr)                                                 \
	({                                                                 \
		_Static_assert(sizeof(*(ptr)) == 2 || sizeof(*(ptr)) == 4 || \
			       sizeof(*(ptr)) == 8, "__put_user: 2, 4 or 8 bytes"); \
		sizeof(*(ptr)) == 8 ?                                      \
			__put_user_8((u64)(x), (u64 __user *)(ptr)) :      \
		sizeof(*(ptr)) == 4 ?                                      \
			__put_user_4((u32)(x), (u32 __user *)(ptr)) :      \
			__put_user_2((u16)(x), (u16 __user *)(ptr));       \
	})

#endif
