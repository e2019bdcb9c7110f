/*
 * The socket layer: a struct socket is the file side of a socket (its
 * type, state, wait queue and the family's proto_ops), a struct sock
 * (pollux/sock.h) the protocol side.  A socket is a file whose inode is
 * S_IFSOCK, so fstat says S_ISSOCK; read/write/poll on the file go to
 * the family's proto_ops.  Linux: include/linux/net.h, net/socket.c.
 */
#ifndef POLLUX_NET_H
#define POLLUX_NET_H

#include <pollux/fs.h>
#include <pollux/poll.h>
#include <pollux/uio.h>
#include <uapi/socket.h>

struct sock;
struct socket;

/* Linux: include/uapi/linux/net.h socket_state */
typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
} socket_state;

/* One sendmsg or recvmsg in flight.  Linux: include/linux/socket.h
 * struct msghdr */
struct msghdr {
	void *msg_name;			/* kernel copy of the address, or NULL */
	int msg_namelen;
	/* control messages: send, a kernel copy; receive, the user's
	 * buffer, moved on past what the receive wrote (scm_recv) */
	void *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;		/* send: the flags; recv: MSG_TRUNC... */
	struct iov_iter msg_iter;	/* the user's data */
};

static inline size_t msg_data_left(const struct msghdr *msg)
{
	return iov_iter_count(&msg->msg_iter);
}

/* What a family does with its sockets.  Linux: struct proto_ops */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len,
		       int flags);
	int (*listen)(struct socket *sock, int backlog);
	/* flags: the listening file's, O_NONBLOCK says whether to wait */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* the address (peer: the peer's) into addr; its length or -errno */
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	int (*socketpair)(struct socket *sock1, struct socket *sock2);
	__poll_t (*poll)(struct file *file, struct socket *sock,
			 poll_table *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*shutdown)(struct socket *sock, int how);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t len,
		       int flags);
	/* options of other levels than SOL_SOCKET (NULL: none) */
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  char __user *optval, unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen);
};

/* Linux: include/linux/net.h struct socket (with its struct socket_wq
 * folded in: the wait queue every reader, writer and poller uses) */
struct socket {
	socket_state state;
	short type;			/* SOCK_STREAM, ... */
	struct file *file;
	struct sock *sk;
	const struct proto_ops *ops;
	wait_queue_head_t wait;
	struct inode *inode;		/* the S_IFSOCK inode (sockfs's) */
	char name[24];			/* "socket:[ino]", the file's f_name */
};

/* Linux: struct net_proto_family */
struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol);
};

extern const struct net_proto_family unix_family_ops, inet_family_ops,
	inet6_family_ops;

/* For families without the call.  Linux: net/core/sock.c sock_no_*() */
int sock_no_listen(struct socket *sock, int backlog);
int sock_no_accept(struct socket *sock, struct socket *newsock, int flags);
int sock_no_socketpair(struct socket *sock1, struct socket *sock2);

/* The socket behind a file, or NULL.  Linux: sock_from_file() */
struct socket *sock_from_file(struct file *f);

#endif
