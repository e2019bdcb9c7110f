/* Range checks for user memory; the copies themselves are in
 * kernel/arch/uaccess.asm.  Linux: include/linux/uaccess.h, access_ok(). */
#include <pollux/uaccess.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

long __copy_user(void *dst, const void *src, size_t n);
long __strncpy_from_user(char *dst, const char *src, long n);
long __clear_user(void *dst, size_t n);

/* The whole range lies below USER_TOP, without wrapping. */
bool access_ok(const void __user *addr, size_t n)
{
	u64 a = (u64)addr;

	return a <= USER_TOP && n <= USER_TOP - a;
}

int copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return -EFAULT;
	return __copy_user(dst, src, n);
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return __copy_user(dst, src, n);
}

int clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return __clear_user(dst, n);
}

long strncpy_from_user(char *dst, const char __user *src, long n)
{
	long len;

	if ((u64)src >= USER_TOP)
		return -EFAULT;
	/* never read past the split: clamp n to what lies below it */
	if ((u64)n > USER_TOP - (u64)src)
		n = USER_TOP - (u64)src;
	len = __strncpy_from_user(dst, src, n);
	if (len < 0)
		return len;
	if (len == n)
		return -ENAMETOOLONG;
	return len;
}
