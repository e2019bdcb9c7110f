#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>
#include <uapi/uio.h>

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t off);
/* off -1: at the file's position; flags RWF_* */
ssize_t preadv2(int fd, const struct iovec *iov, int iovcnt, off_t off,
		int flags);
ssize_t pwritev2(int fd, const struct iovec *iov, int iovcnt, off_t off,
		 int flags);

#endif
