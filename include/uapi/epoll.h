/* epoll ABI (Linux: include/uapi/linux/eventpoll.h). */
#ifndef _UAPI_EPOLL_H
#define _UAPI_EPOLL_H

#include <uapi/types.h>
#include <uapi/fcntl.h>

/* epoll_create1() flag. */
#define EPOLL_CLOEXEC O_CLOEXEC

/* epoll_ctl() operations. */
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

/* Event bits: the low ones are the poll() bits (see uapi/poll.h). */
#define EPOLLIN        0x00000001
#define EPOLLPRI       0x00000002
#define EPOLLOUT       0x00000004
#define EPOLLERR       0x00000008
#define EPOLLHUP       0x00000010
#define EPOLLNVAL      0x00000020
#define EPOLLRDNORM    0x00000040
#define EPOLLRDBAND    0x00000080
#define EPOLLWRNORM    0x00000100
#define EPOLLWRBAND    0x00000200
#define EPOLLMSG       0x00000400
#define EPOLLRDHUP     0x00002000

/* Input-only flags: they change how an item is watched, never reported. */
#define EPOLLEXCLUSIVE (1U << 28)
#define EPOLLWAKEUP    (1U << 29)
#define EPOLLONESHOT   (1U << 30)
#define EPOLLET        (1U << 31)

/* Busy-poll parameters of an epoll instance, EPIOCSPARAMS/EPIOCGPARAMS
 * (Linux 6.9+): _IOW/_IOR(0x8A, 1/2, struct epoll_params). */
struct epoll_params {
	__u32 busy_poll_usecs;
	__u16 busy_poll_budget;
	__u8 prefer_busy_poll;
	__u8 __pad;	/* must be zero */
};
#define EPIOCSPARAMS 0x40088a01
#define EPIOCGPARAMS 0x80088a02

/*
 * x86-64 packs this struct (12 bytes, data at offset 4) so that 32-bit and
 * 64-bit code share one layout. The kernel sees data as an opaque __u64
 * (as Linux does); user space gets glibc's union so it can write ev.data.fd.
 */
#ifdef __KERNEL__
struct epoll_event {
	__u32 events;
	__u64 data;
} __attribute__((packed));
#else
typedef union epoll_data {
	void *ptr;
	int fd;
	__u32 u32;
	__u64 u64;
} epoll_data_t;

struct epoll_event {
	__u32 events;
	epoll_data_t data;
} __attribute__((packed));
#endif

#endif
