/* readv()/writev() vector (Linux: include/uapi/linux/uio.h). */
#ifndef _UAPI_UIO_H
#define _UAPI_UIO_H

#include <uapi/types.h>

struct iovec {
	void *iov_base;
	__kernel_size_t iov_len;
};

/* Most iovecs one call accepts; more is EINVAL. */
#define UIO_MAXIOV 1024

#endif
