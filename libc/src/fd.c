/* Calls on file descriptors whose wrapper is more than the call (read,
 * write, close... are generated: syscalls.c). */
#include <stdarg.h>
#include <sys/uio.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include "syscall.h"

void sync(void)
{
	syscall0(__NR_sync);
}

/* The offset's high half (pos_h) comes before the flags: 0 on 64-bit,
 * as glibc passes it. */
ssize_t preadv2(int fd, const struct iovec *iov, int iovcnt, off_t off,
		int flags)
{
	return syscall6(__NR_preadv2, fd, iov, iovcnt, off, 0, flags);
}

ssize_t pwritev2(int fd, const struct iovec *iov, int iovcnt, off_t off,
		 int flags)
{
	return syscall6(__NR_pwritev2, fd, iov, iovcnt, off, 0, flags);
}

/* Every ioctl Pollux knows takes at most one argument, an int or a pointer. */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return syscall3(__NR_ioctl, fd, request, arg);
}

int eventfd(unsigned int initval, int flags)
{
	return syscall2(__NR_eventfd2, initval, flags);
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}

int signalfd(int fd, const sigset_t *mask, int flags)
{
	return syscall4(__NR_signalfd4, fd, mask, sizeof(*mask), flags);
}
