/* Sockets: address families, types, flags, options and the user's
 * struct msghdr (Linux: include/linux/socket.h, include/uapi/linux/net.h,
 * include/uapi/asm-generic/socket.h). */
#ifndef _UAPI_SOCKET_H
#define _UAPI_SOCKET_H

#include <uapi/types.h>
#include <uapi/fcntl.h>
#include <uapi/uio.h>

typedef unsigned short __kernel_sa_family_t;

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define AF_MAX 46	/* Linux's NPROTO: families are below it */
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOCK_PACKET 10
#define SOCK_MAX (SOCK_PACKET + 1)
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC O_CLOEXEC
#define SOCK_NONBLOCK O_NONBLOCK

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

/* Control message types at SOL_SOCKET (Linux: include/linux/socket.h) */
#define SCM_RIGHTS 0x01
#define SCM_CREDENTIALS 0x02

/* SO_PEERCRED's answer: who made the peer's end (Linux: struct ucred) */
struct ucred {
	__kernel_pid_t pid;
	__kernel_uid_t uid;
	__kernel_gid_t gid;
};

struct sockaddr {
	__kernel_sa_family_t sa_family;
	char sa_data[14];
};

/* Large enough for any address (Linux: struct __kernel_sockaddr_storage) */
struct sockaddr_storage {
	__kernel_sa_family_t ss_family;
	char __data[128 - sizeof(unsigned short)];
} __attribute__((aligned(8)));

/* The sendmsg/recvmsg header as user space lays it out (the C library
 * calls it struct msghdr; Linux's kernel: struct user_msghdr). */
struct user_msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	__kernel_size_t msg_iovlen;
	void *msg_control;
	__kernel_size_t msg_controllen;
	unsigned int msg_flags;
};

/* A control message's header, its data behind it at CMSG_ALIGN.
 * Linux: include/linux/socket.h struct cmsghdr and the CMSG_ macros */
struct cmsghdr {
	__kernel_size_t cmsg_len;	/* header and data */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len) \
	(((len) + sizeof(__kernel_size_t) - 1) & ~(sizeof(__kernel_size_t) - 1))
#define CMSG_DATA(cmsg) \
	((unsigned char *)(cmsg) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_SPACE(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))
#define CMSG_LEN(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))

#endif
