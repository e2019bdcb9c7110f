/* Internet addresses: IPv4 and IPv6 socket addresses, protocols, the
 * TCP options Pollux knows.  Linux: include/uapi/linux/in.h, in6.h,
 * tcp.h; byte order as on the wire (big-endian). */
#ifndef _UAPI_IN_H
#define _UAPI_IN_H

#include <uapi/socket.h>

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define IPPROTO_ICMPV6 58
#define IPPROTO_RAW 255

typedef unsigned short __be16;
typedef unsigned int __be32;

struct in_addr {
	__be32 s_addr;
};

struct sockaddr_in {
	__kernel_sa_family_t sin_family;	/* AF_INET */
	__be16 sin_port;
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

struct in6_addr {
	union {
		unsigned char u6_addr8[16];
		__be16 u6_addr16[8];
		__be32 u6_addr32[4];
	} in6_u;
#define s6_addr in6_u.u6_addr8
#define s6_addr16 in6_u.u6_addr16
#define s6_addr32 in6_u.u6_addr32
};

struct sockaddr_in6 {
	__kernel_sa_family_t sin6_family;	/* AF_INET6 */
	__be16 sin6_port;
	__be32 sin6_flowinfo;
	struct in6_addr sin6_addr;
	__u32 sin6_scope_id;
};

#define INADDR_ANY ((unsigned int)0x00000000)
#define INADDR_BROADCAST ((unsigned int)0xffffffff)
#define INADDR_LOOPBACK 0x7f000001	/* 127.0.0.1, host order */

/* IPPROTO_IPV6 options */
#define IPV6_V6ONLY 26

/* IPPROTO_TCP options */
#define TCP_NODELAY 1
#define TCP_MAXSEG 2

#endif
