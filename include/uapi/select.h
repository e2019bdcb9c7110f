/* select() ABI (Linux: include/uapi/linux/posix_types.h __kernel_fd_set). */
#ifndef _UAPI_SELECT_H
#define _UAPI_SELECT_H

#define FD_SETSIZE 1024
#define __NFDBITS  (8 * (int)sizeof(unsigned long))

/* One bit per descriptor, 1024 bits, packed into longs as the kernel reads them. */
typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_SET(fd, set)   ((set)->fds_bits[(fd) / __NFDBITS] |= 1UL << ((fd) % __NFDBITS))
#define FD_CLR(fd, set)   ((set)->fds_bits[(fd) / __NFDBITS] &= ~(1UL << ((fd) % __NFDBITS)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / __NFDBITS] >> ((fd) % __NFDBITS)) & 1)
#define FD_ZERO(set)      __builtin_memset((set), 0, sizeof(fd_set))

#endif
