/*
 * Sockets as files, and the socket system calls.  Each call finds the
 * struct socket behind an fd (ENOTSOCK for any other file), copies the
 * user's buffers and addresses in, and hands the work to the family's
 * proto_ops (AF_UNIX: kernel/net/unix/af_unix.c).  Linux: net/socket.c.
 */
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <pollux/sock.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

#define MSG_CMSG_COMPAT 0x80000000	/* 32-bit callers only: refused */

/* The families Pollux has, by number.  Linux fills this at boot
 * (sock_register) and loads modules for missing ones. */
static const struct net_proto_family *const net_families[AF_MAX] = {
	[AF_UNIX] = &unix_family_ops,
	[AF_INET] = &inet_family_ops,
	[AF_INET6] = &inet6_family_ops,
};

static const struct file_operations socket_file_ops;

/* A socket with its S_IFSOCK inode.  Linux: net/socket.c sock_alloc() */
static struct socket *sock_alloc(void)
{
	struct socket *sock = kzalloc(sizeof(*sock));

	if (!sock)
		return NULL;
	sock->inode = new_inode(S_IFSOCK | S_IRWXU | S_IRWXG | S_IRWXO);
	if (!sock->inode) {
		kfree(sock);
		return NULL;
	}
	sock->inode->i_private = sock;
	init_waitqueue_head(&sock->wait);
	snprintf(sock->name, sizeof(sock->name), "socket:[%lu]",
		 sock->inode->i_ino);
	return sock;
}

/* Linux: net/socket.c sock_release() + __sock_release() */
static void sock_release(struct socket *sock)
{
	if (sock->ops)
		sock->ops->release(sock);
	iput(sock->inode);	/* a file, if any, holds its own reference */
	kfree(sock);
}

/* Linux: net/socket.c __sock_create() — families and types by range
 * first, then the family's own checks of type and protocol */
static int sock_create(int family, int type, int protocol,
		       struct socket **res)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	pf = net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;	/* Linux's answer when sock_alloc fails */
	sock->type = type;
	err = pf->create(sock, protocol);
	if (err < 0) {
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

/* The file for a socket: read-write, O_NONBLOCK from SOCK_NONBLOCK.
 * On failure the socket is released.  Linux: sock_alloc_file() */
static struct file *sock_alloc_file(struct socket *sock, int flags)
{
	struct file *f = alloc_file(sock->inode, O_RDWR | (flags & O_NONBLOCK),
				    &socket_file_ops);

	if (!f) {
		sock_release(sock);
		return NULL;
	}
	f->f_name = sock->name;
	f->private_data = sock;
	sock->file = f;
	return f;
}

/* Linux: net/socket.c sock_from_file() */
struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_file_ops ? f->private_data : NULL;
}

/* The socket at fd, its file referenced (fput(sock->file) when done), or
 * NULL with *err set.  Linux: net/socket.c sockfd_lookup() */
static struct socket *sockfd_lookup(int fd, int *err)
{
	struct file *f = fget(fd);
	struct socket *sock;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(f);
	if (!sock) {
		*err = -ENOTSOCK;
		fput(f);
	}
	return sock;
}

/* Linux: net/socket.c sock_sendmsg() */
static int sock_sendmsg(struct socket *sock, struct msghdr *msg)
{
	return sock->ops->sendmsg(sock, msg, msg_data_left(msg));
}

/* Linux: net/socket.c sock_recvmsg() */
static int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags)
{
	return sock->ops->recvmsg(sock, msg, msg_data_left(msg), flags);
}

/* read(2), readv(2): recvmsg without flags; reading nothing reads
 * nothing, not even an empty datagram.  Linux: sock_read_iter() */
static ssize_t sock_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	struct msghdr msg = { .msg_iter = *to };
	ssize_t res;

	if (!iov_iter_count(to))
		return 0;
	res = sock_recvmsg(file->private_data, &msg,
			   (file->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0);
	*to = msg.msg_iter;
	return res;
}

/* write(2), writev(2): sendmsg without flags; a SOCK_SEQPACKET write is
 * one whole record.  Linux: sock_write_iter() */
static ssize_t sock_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	struct socket *sock = file->private_data;
	struct msghdr msg = { .msg_iter = *from };
	ssize_t res;

	if (sock->type == SOCK_SEQPACKET)
		msg.msg_flags |= MSG_EOR;
	if (file->f_flags & O_NONBLOCK)
		msg.msg_flags |= MSG_DONTWAIT;
	res = sock_sendmsg(sock, &msg);
	*from = msg.msg_iter;
	return res;
}

/* Linux: net/socket.c sock_poll() */
static __poll_t sock_poll(struct file *file, poll_table *wait)
{
	struct socket *sock = file->private_data;

	return sock->ops->poll(file, sock, wait);
}

/* Linux: net/socket.c sock_ioctl() — the family's ioctls; no socket
 * ioctl is known beyond them (no SIOCGIFCONF: no devices) */
static long sock_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = file->private_data;
	long err = sock->ops->ioctl(sock, cmd, arg);

	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

/* Linux: net/socket.c sock_close() */
static int sock_close(struct inode *inode, struct file *file)
{
	sock_release(file->private_data);
	return 0;
}

/* Linux: net/socket.c socket_file_ops */
static const struct file_operations socket_file_ops = {
	.read_iter = sock_read_iter,
	.write_iter = sock_write_iter,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.fasync = fasync_helper,	/* Linux: sock_fasync() */
	.release = sock_close,
	.llseek = no_llseek,
};

/* Linux: net/socket.c __sys_socket() + sock_map_fd() */
long sys_socket(int family, int type, int protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *sock;
	struct file *f;
	int fd, err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sock);
	if (err)
		return err;
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		sock_release(sock);
		return fd;
	}
	f = sock_alloc_file(sock, flags);
	if (!f) {
		put_unused_fd(fd);
		return -ENOMEM;
	}
	fd_install(fd, f);
	return fd;
}

/* Both sockets made and joined by the family, then their files.
 * Linux: the middle of __sys_socketpair() */
static int socketpair_files(int family, int type, int protocol, int flags,
			    struct file **files)
{
	struct socket *sock1, *sock2;
	int err = sock_create(family, type, protocol, &sock1);

	if (err)
		return err;
	err = sock_create(family, type, protocol, &sock2);
	if (err) {
		sock_release(sock1);
		return err;
	}
	err = sock1->ops->socketpair(sock1, sock2);
	if (err) {
		sock_release(sock2);
		sock_release(sock1);
		return err;
	}
	files[0] = sock_alloc_file(sock1, flags);
	if (!files[0]) {
		sock_release(sock2);
		return -ENOMEM;
	}
	files[1] = sock_alloc_file(sock2, flags);
	if (!files[1]) {
		fput(files[0]);
		return -ENOMEM;
	}
	return 0;
}

/* Linux: net/socket.c __sys_socketpair() — the fd numbers reach the
 * user's array before the sockets are made: a failure after that
 * leaves them written there (and the fds free again). */
long sys_socketpair(int family, int type, int protocol, int __user *usockvec)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct file *files[2];
	int fd1, fd2, err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	fd1 = get_unused_fd_flags(flags);
	if (fd1 < 0)
		return fd1;
	fd2 = get_unused_fd_flags(flags);
	if (fd2 < 0) {
		put_unused_fd(fd1);
		return fd2;
	}
	err = put_user(fd1, &usockvec[0]);
	if (!err)
		err = put_user(fd2, &usockvec[1]);
	if (!err)
		err = socketpair_files(family, type & SOCK_TYPE_MASK, protocol,
				       flags, files);
	if (err) {
		put_unused_fd(fd2);
		put_unused_fd(fd1);
		return err;
	}
	fd_install(fd1, files[0]);
	fd_install(fd2, files[1]);
	return 0;
}

/* Linux: net/socket.c __sys_shutdown() */
long sys_shutdown(int fd, int how)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sock->ops->shutdown(sock, how);
	fput(sock->file);
	return err;
}

/* One user buffer as the message's data; -EFAULT outside user space.
 * Linux: lib/iov_iter.c import_ubuf() */
static int import_ubuf(void __user *buf, size_t len, struct iovec *iov,
		       struct iov_iter *i)
{
	len = MIN(len, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, len))
		return -EFAULT;
	iov->iov_base = buf;
	iov->iov_len = len;
	iov_iter_init(i, iov, 1, len);
	return 0;
}

/* Linux: net/socket.c move_addr_to_kernel() */
static int move_addr_to_kernel(void __user *uaddr, int ulen,
			       struct sockaddr_storage *kaddr)
{
	if (ulen < 0 || ulen > (int)sizeof(struct sockaddr_storage))
		return -EINVAL;
	if (ulen == 0)
		return 0;
	return copy_from_user(kaddr, uaddr, ulen) ? -EFAULT : 0;
}

/* Copies the sender's address out, cut to the user's length, and the
 * full length to *ulen.  Linux: net/socket.c move_addr_to_user() */
static int move_addr_to_user(struct sockaddr_storage *kaddr, int klen,
			     void __user *uaddr, int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = MIN(len, klen);
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

/* Linux: net/socket.c __sys_sendto() — the buffer is checked before
 * the fd */
long sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
		struct sockaddr __user *addr, int addr_len)
{
	struct sockaddr_storage address;
	struct msghdr msg = { 0 };
	struct socket *sock;
	struct iovec iov;
	int err = import_ubuf(buff, len, &iov, &msg.msg_iter);

	if (err)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, &address);
		if (err)
			goto out;
		msg.msg_name = &address;
		msg.msg_namelen = addr_len;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags;
	err = sock_sendmsg(sock, &msg);
out:
	fput(sock->file);
	return err;
}

/* Linux: net/socket.c __sys_recvfrom() */
long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  struct sockaddr __user *addr, int __user *addr_len)
{
	struct sockaddr_storage address;
	struct msghdr msg = { 0 };
	struct socket *sock;
	struct iovec iov;
	int err = import_ubuf(ubuf, size, &iov, &msg.msg_iter), err2;

	if (err)
		return err;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	msg.msg_name = addr ? &address : NULL;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &msg, flags);
	if (err >= 0 && addr) {
		err2 = move_addr_to_user(&address, msg.msg_namelen, addr,
					 addr_len);
		if (err2 < 0)
			err = err2;
	}
	fput(sock->file);
	return err;
}

/*
 * The user's msghdr into msg: the address (copied in for a send, its
 * user pointer kept in *uaddr for a receive) and the iovecs in *iovp
 * (kfree it); the control buffer's user address and length.
 * Linux: net/socket.c copy_msghdr_from_user() + __copy_msghdr()
 */
static int copy_msghdr_from_user(struct msghdr *msg,
				 struct user_msghdr __user *umsg,
				 struct sockaddr_storage *kaddr,
				 void __user **uaddr, struct iovec **iovp)
{
	struct user_msghdr m;
	ssize_t err;

	*iovp = NULL;
	if (copy_from_user(&m, umsg, sizeof(m)))
		return -EFAULT;
	msg->msg_namelen = m.msg_name ? m.msg_namelen : 0;
	if (msg->msg_namelen < 0)
		return -EINVAL;
	msg->msg_namelen = MIN(msg->msg_namelen,
			       (int)sizeof(struct sockaddr_storage));
	msg->msg_name = NULL;
	if (uaddr) {
		*uaddr = m.msg_name;
		msg->msg_name = kaddr;
	} else if (msg->msg_namelen) {
		err = move_addr_to_kernel(m.msg_name, msg->msg_namelen, kaddr);
		if (err)
			return err;
		msg->msg_name = kaddr;
	}
	msg->msg_flags = m.msg_flags;
	msg->msg_control = m.msg_control;
	msg->msg_controllen = m.msg_controllen;
	if (m.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	err = import_iovec(m.msg_iov, m.msg_iovlen, iovp, &msg->msg_iter);
	return err < 0 ? err : 0;
}

/* The control buffer copied into *ctl (kfree it): ENOBUFS from
 * net.core.optmem_max on.  Linux: the middle of net/socket.c
 * ____sys_sendmsg(), sock_kmalloc() */
static int copy_control_from_user(struct msghdr *msg, void **ctl)
{
	void __user *uctl = msg->msg_control;

	msg->msg_control = NULL;
	if (!msg->msg_controllen)
		return 0;
	if (msg->msg_controllen >= SYSCTL_OPTMEM_MAX)
		return -ENOBUFS;
	*ctl = kmalloc(msg->msg_controllen);
	if (!*ctl)
		return -ENOBUFS;
	msg->msg_control = *ctl;
	return copy_from_user(*ctl, uctl, msg->msg_controllen) ? -EFAULT : 0;
}

/* Linux: net/socket.c __sys_sendmsg() + ____sys_sendmsg() */
long sys_sendmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags)
{
	struct sockaddr_storage address;
	struct msghdr msg = { 0 };
	struct iovec *iov;
	struct socket *sock;
	void *ctl = NULL;
	int err;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = copy_msghdr_from_user(&msg, umsg, &address, NULL, &iov);
	if (!err)
		err = copy_control_from_user(&msg, &ctl);
	if (!err) {
		msg.msg_flags = flags;
		if (sock->file->f_flags & O_NONBLOCK)
			msg.msg_flags |= MSG_DONTWAIT;
		err = sock_sendmsg(sock, &msg);
	}
	kfree(ctl);
	kfree(iov);
	fput(sock->file);
	return err;
}

/* The results of a receive back into the user's msghdr: the address,
 * the flags (MSG_TRUNC...) and the length of the control data written
 * at ctl.  Linux: the end of net/socket.c ____sys_recvmsg() */
static int recvmsg_results(struct msghdr *msg, struct user_msghdr __user *umsg,
			   void __user *uaddr, void __user *ctl)
{
	int err = 0;

	if (uaddr)
		err = move_addr_to_user(msg->msg_name, msg->msg_namelen, uaddr,
					&umsg->msg_namelen);
	if (!err)
		err = put_user(msg->msg_flags, &umsg->msg_flags);
	if (!err)
		err = put_user((__kernel_size_t)((char __user *)msg->msg_control -
						 (char __user *)ctl),
			       &umsg->msg_controllen);
	return err;
}

/* Linux: net/socket.c __sys_recvmsg() + ____sys_recvmsg() */
long sys_recvmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags)
{
	struct sockaddr_storage address;
	struct msghdr msg = { 0 };
	void __user *uaddr, *ctl;
	struct iovec *iov;
	struct socket *sock;
	int err, len;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = copy_msghdr_from_user(&msg, umsg, &address, &uaddr, &iov);
	if (err)
		goto out;
	msg.msg_flags = flags & MSG_CMSG_CLOEXEC;
	msg.msg_namelen = 0;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	ctl = msg.msg_control;
	len = sock_recvmsg(sock, &msg, flags);
	err = len < 0 ? len : recvmsg_results(&msg, umsg, uaddr, ctl);
	if (!err)
		err = len;
out:
	kfree(iov);
	fput(sock->file);
	return err;
}

/* Linux: net/socket.c __sys_setsockopt() + do_sock_setsockopt() —
 * SOL_SOCKET here, other levels the family's (AF_UNIX has none) */
long sys_setsockopt(int fd, int level, int optname, char __user *optval,
		    int optlen)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (optlen < 0)
		err = -EINVAL;
	else if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, optname, optval, optlen);
	else if (sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, level, optname, optval,
					    optlen);
	else
		err = -EOPNOTSUPP;
	fput(sock->file);
	return err;
}

/* Linux: net/socket.c __sys_getsockopt() + do_sock_getsockopt() */
long sys_getsockopt(int fd, int level, int optname, char __user *optval,
		    int __user *optlen)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, optname, optval, optlen);
	else if (sock->ops->getsockopt)
		err = sock->ops->getsockopt(sock, level, optname, optval,
					    optlen);
	else
		err = -EOPNOTSUPP;
	fput(sock->file);
	return err;
}

/* bind or connect: the socket, then the address copied in.
 * Linux: net/socket.c __sys_bind(), __sys_connect() */
static long sockaddr_call(int fd, struct sockaddr __user *uaddr, int addrlen,
			  bool connect)
{
	struct sockaddr_storage address;
	struct sockaddr *kaddr = (struct sockaddr *)&address;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = move_addr_to_kernel(uaddr, addrlen, &address);
	if (!err)
		err = connect ? sock->ops->connect(sock, kaddr, addrlen,
						   sock->file->f_flags)
			      : sock->ops->bind(sock, kaddr, addrlen);
	fput(sock->file);
	return err;
}

long sys_bind(int fd, struct sockaddr __user *umyaddr, int addrlen)
{
	return sockaddr_call(fd, umyaddr, addrlen, false);
}

long sys_connect(int fd, struct sockaddr __user *uservaddr, int addrlen)
{
	return sockaddr_call(fd, uservaddr, addrlen, true);
}

/* Linux: net/socket.c __sys_listen() — the backlog capped at
 * net.core.somaxconn (4096) */
long sys_listen(int fd, int backlog)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if ((unsigned int)backlog > 4096)
		backlog = 4096;
	err = sock->ops->listen(sock, backlog);
	fput(sock->file);
	return err;
}

/* The new connection's fd, with the peer's address if asked.  The file
 * is made before the wait, as Linux does, and dropped on failure.
 * Linux: net/socket.c __sys_accept4() + do_accept() */
static long do_accept4(struct socket *sock, struct sockaddr __user *upeer,
		       int __user *upeer_len, int flags)
{
	struct sockaddr_storage address;
	struct socket *newsock = sock_alloc();
	struct file *newfile;
	int newfd, err, len;

	if (!newsock)
		return -ENFILE;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	newfd = get_unused_fd_flags(flags);
	if (newfd < 0) {
		sock_release(newsock);
		return newfd;
	}
	newfile = sock_alloc_file(newsock, flags);
	if (!newfile) {
		put_unused_fd(newfd);
		return -ENOMEM;
	}
	err = sock->ops->accept(sock, newsock, sock->file->f_flags);
	if (!err && upeer) {
		len = newsock->ops->getname(newsock, (struct sockaddr *)&address,
					    1);
		err = move_addr_to_user(&address, len, upeer, upeer_len);
	}
	if (err) {
		fput(newfile);
		put_unused_fd(newfd);
		return err;
	}
	fd_install(newfd, newfile);
	return newfd;
}

long sys_accept4(int fd, struct sockaddr __user *upeer_sockaddr,
		 int __user *upeer_addrlen, int flags)
{
	struct socket *sock;
	int err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = do_accept4(sock, upeer_sockaddr, upeer_addrlen, flags);
	fput(sock->file);
	return err;
}

long sys_accept(int fd, struct sockaddr __user *upeer_sockaddr,
		int __user *upeer_addrlen)
{
	return sys_accept4(fd, upeer_sockaddr, upeer_addrlen, 0);
}

/* Linux: net/socket.c __sys_getsockname(), __sys_getpeername() */
static long do_getname(int fd, struct sockaddr __user *usockaddr,
		       int __user *usockaddr_len, int peer)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sock->ops->getname(sock, (struct sockaddr *)&address, peer);
	if (err >= 0)
		err = move_addr_to_user(&address, err, usockaddr,
					usockaddr_len);
	fput(sock->file);
	return err;
}

long sys_getsockname(int fd, struct sockaddr __user *usockaddr,
		     int __user *usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 0);
}

long sys_getpeername(int fd, struct sockaddr __user *usockaddr,
		     int __user *usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 1);
}
