/*
 * The Internet checksum.  Byte by byte in pairs: readable, and fast
 * enough for the packets of a 1500-byte card.  Linux: lib/checksum.c
 * (x86 has arch/x86/lib/csum-partial_64.c).
 */
#include <pollux/checksum.h>

/* Linux: lib/checksum.c do_csum() + csum_partial() */
u32 csum_partial(const void *buf, size_t len, u32 sum)
{
	const u8 *p = buf;
	u64 s = sum;

	for (; len > 1; len -= 2, p += 2)
		s += (u32)p[0] << 8 | p[1];
	if (len)
		s += (u32)p[0] << 8;
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (u32)s;
}

/* Linux: include/asm-generic/checksum.h csum_fold() */
u16 csum_fold(u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}
