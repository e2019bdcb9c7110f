/* The Internet checksum (RFC 1071): the one's complement of the one's
 * complement sum of 16-bit words.  Sums are kept in host order and the
 * folded result is stored with htons16.  kernel/lib/checksum.c.
 * Linux: include/net/checksum.h, lib/checksum.c. */
#ifndef POLLUX_CHECKSUM_H
#define POLLUX_CHECKSUM_H

#include <pollux/types.h>

/* Adds len bytes at buf (big-endian words) to sum.  Linux: csum_partial() */
u32 csum_partial(const void *buf, size_t len, u32 sum);
/* The 16-bit checksum of sum.  Linux: csum_fold() */
u16 csum_fold(u32 sum);

#endif
