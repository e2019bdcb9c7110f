/* The errno convention and the generic syscall() entry point. */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include "syscall.h"

int errno;

long __syscall_ret(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

/* Like glibc: always passes six arguments; the kernel ignores the extra ones. */
long syscall(long nr, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}
