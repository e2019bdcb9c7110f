/* Calls on file descriptors whose wrapper is more than the call (read,
 * write, close... are generated: syscalls.c), and those Pollux lacks. */
#include <stdarg.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include "syscall.h"

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return syscall4(__NR_pread64, fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return syscall4(__NR_pwrite64, fd, buf, n, off);
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
