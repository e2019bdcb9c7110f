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

/* preadv2()/pwritev2() flags (Linux: include/uapi/linux/fs.h; glibc's
 * <sys/uio.h> gives them too) */
typedef int __kernel_rwf_t;
#define RWF_HIPRI     0x00000001	/* polled I/O: the same as none here */
#define RWF_DSYNC     0x00000002	/* O_DSYNC for this write */
#define RWF_SYNC      0x00000004	/* O_SYNC for this write */
#define RWF_NOWAIT    0x00000008	/* EAGAIN rather than block */
#define RWF_APPEND    0x00000010	/* O_APPEND for this write */
#define RWF_NOAPPEND  0x00000020	/* not O_APPEND for this write */
#define RWF_ATOMIC    0x00000040	/* an untorn write */
#define RWF_DONTCACHE 0x00000080	/* drop the pages after the I/O */
#define RWF_NOSIGNAL  0x00000100	/* no SIGPIPE for this write */
#define RWF_SUPPORTED 0x000001ff

#endif
