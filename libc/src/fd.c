/* Wrappers for calls on file descriptors. */
#include <stdarg.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return syscall3(__NR_read, fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return syscall3(__NR_write, fd, buf, n);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return syscall4(__NR_pread64, fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return syscall4(__NR_pwrite64, fd, buf, n, off);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return syscall3(__NR_readv, fd, iov, iovcnt);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return syscall3(__NR_writev, fd, iov, iovcnt);
}

int close(int fd)
{
	return syscall1(__NR_close, fd);
}

off_t lseek(int fd, off_t off, int whence)
{
	return syscall3(__NR_lseek, fd, off, whence);
}

int pipe(int fds[2])
{
	return syscall1(__NR_pipe, fds);
}

int pipe2(int fds[2], int flags)
{
	return syscall2(__NR_pipe2, fds, flags);
}

int dup(int fd)
{
	return syscall1(__NR_dup, fd);
}

int dup2(int oldfd, int newfd)
{
	return syscall2(__NR_dup2, oldfd, newfd);
}

int dup3(int oldfd, int newfd, int flags)
{
	return syscall3(__NR_dup3, oldfd, newfd, flags);
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
