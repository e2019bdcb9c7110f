/* Range checks for user memory; the copies themselves are in
 * kernel/arch/uaccess.asm.  Linux: include/linux/uaccess.h,
 * lib/usercopy.c, lib/strncpy_from_user.c. */
#include <pollux/uaccess.h>
#include <pollux/mm.h>
#include <pollux/string.h>
#include <pollux/sched.h>

/* Each returns the bytes not copied (asm: the count left at the fault). */
unsigned long copy_user_generic(void *dst, const void *src, size_t n);
unsigned long __clear_user(void *dst, size_t n);
long __strncpy_from_user(char *dst, const char *src, long n);
int __futex_atomic_cmpxchg(u32 *uval, u32 *uaddr, u32 oldval, u32 newval);

/* access_ok()'s second chance: a kernel address inside
 * uaccess_kernel_begin() ... _end() */
bool __access_ok_kernel(const void __user *addr, size_t n)
{
	return current->uaccess_kernel && n <= ~(u64)addr;
}

/* Linux <= 5.9: set_fs(KERNEL_DS) */
void uaccess_kernel_begin(void)
{
	current->uaccess_kernel = true;
}

/* Linux <= 5.9: set_fs(USER_DS) */
void uaccess_kernel_end(void)
{
	current->uaccess_kernel = false;
}

/* The last left bytes of dst's n, zeroed; left.  Out of line: the copy
 * then saves no registers for it. */
static __noinline unsigned long zero_tail(void *dst, size_t n,
					  unsigned long left)
{
	memset((u8 *)dst + n - left, 0, left);
	return left;
}

/* Linux: lib/usercopy.c _copy_from_user() — the bytes it could not copy
 * are zeroed, so a caller that ignores a short copy leaks nothing */
unsigned long copy_from_user(void *dst, const void __user *src, size_t n)
{
	unsigned long left;

	if (unlikely(!access_ok(src, n)))
		return zero_tail(dst, n, n);
	left = copy_user_generic(dst, src, n);
	return unlikely(left) ? zero_tail(dst, n, left) : 0;
}

/* Linux: lib/usercopy.c _copy_to_user() */
unsigned long copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return copy_user_generic(dst, src, n);
}

/* Linux: arch/x86/include/asm/uaccess_64.h clear_user() */
unsigned long clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __clear_user(dst, n);
}

/* Linux: lib/strncpy_from_user.c strncpy_from_user() — the copy stops at
 * the user/kernel split: a string running into it is -EFAULT, unless n
 * bytes came first */
long strncpy_from_user(char *dst, const char __user *src, long n)
{
	long max = n, len;

	if (n <= 0)
		return 0;
	if ((u64)src >= USER_TOP)
		return -EFAULT;
	if ((u64)max > USER_TOP - (u64)src)
		max = USER_TOP - (u64)src;
	len = __strncpy_from_user(dst, src, max);
	if (len == max && max < n)
		return -EFAULT;
	return len;
}

/* Linux: arch/x86/include/asm/futex.h futex_atomic_cmpxchg_inatomic() —
 * a fault is final: the page-fault handler has already done what it
 * could (stack growth, copy-on-write) before the fixup */
int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval,
				  u32 newval)
{
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	return __futex_atomic_cmpxchg(uval, uaddr, oldval, newval);
}
