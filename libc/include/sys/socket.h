#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>
#include <sys/uio.h>
#include <uapi/socket.h>

typedef unsigned int socklen_t;
typedef __kernel_sa_family_t sa_family_t;

/* The kernel's struct user_msghdr, with POSIX's names and types. */
struct msghdr {
	void *msg_name;
	socklen_t msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	int msg_flags;
};

/* The first control message, and the one after cmsg (NULL past the
 * buffer's end), as glibc defines them */
#define CMSG_FIRSTHDR(mhdr)                                            \
	((size_t)(mhdr)->msg_controllen >= sizeof(struct cmsghdr)      \
		 ? (struct cmsghdr *)(mhdr)->msg_control               \
		 : (struct cmsghdr *)0)
#define CMSG_NXTHDR(mhdr, cmsg) __cmsg_nxthdr((mhdr), (cmsg))

static inline struct cmsghdr *__cmsg_nxthdr(struct msghdr *mhdr,
					    struct cmsghdr *cmsg)
{
	unsigned char *end = (unsigned char *)mhdr->msg_control +
			     mhdr->msg_controllen;

	if (cmsg->cmsg_len < sizeof(struct cmsghdr))
		return (struct cmsghdr *)0;
	cmsg = (struct cmsghdr *)((unsigned char *)cmsg +
				  CMSG_ALIGN(cmsg->cmsg_len));
	if ((unsigned char *)(cmsg + 1) > end ||
	    (unsigned char *)cmsg + CMSG_ALIGN(cmsg->cmsg_len) > end)
		return (struct cmsghdr *)0;
	return cmsg;
}

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int *sv);
int shutdown(int fd, int how);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *addr, socklen_t addrlen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *addr, socklen_t *addrlen);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int getsockopt(int fd, int level, int optname, void *optval,
	       socklen_t *optlen);
int setsockopt(int fd, int level, int optname, const void *optval,
	       socklen_t optlen);

#endif
