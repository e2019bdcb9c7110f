/*
 * AF_INET and AF_INET6 sockets: creation, addresses, bind, listen,
 * connect, accept, names, shutdown and release, shared by TCP
 * (inet_stream_ops, kernel/net/ipv4/tcp.c) and UDP (inet_dgram_ops,
 * udp.c).  AF_INET6 differs only in its addresses (see pollux/inet.h:
 * IPv4 addresses are kept as ::ffff:a.b.c.d).
 * Linux: net/ipv4/af_inet.c, net/ipv6/af_inet6.c.
 */
#include <pollux/inet.h>
#include <pollux/mm.h>
#include <pollux/netdevice.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

#define IPPROTO_MAX 263
#define SIN6_LEN_RFC2133 24

bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return !a->s6_addr32[0] && !a->s6_addr32[1] &&
	       a->s6_addr32[2] == htonl32(0xffff);
}

/* 0.0.0.0 or :: */
bool inet_addr_any(const struct in6_addr *a)
{
	return !a->s6_addr32[0] && !a->s6_addr32[1] && !a->s6_addr32[3] &&
	       (!a->s6_addr32[2] || ipv6_addr_v4mapped(a));
}

bool inet_addr_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* Our addresses: lo's 127.0.0.0/8 and ::1, and each card's IPv4
 * address.  Linux: inet_addr_type() == RTN_LOCAL, ipv6_chk_addr() */
bool inet_addr_local(const struct in6_addr *a)
{
	static const struct in6_addr lo6 = { { { [15] = 1 } } };

	if (!ipv6_addr_v4mapped(a))
		return inet_addr_equal(a, &lo6);
	if (a->s6_addr[12] == 127)
		return true;
	for (struct net_device *dev = dev_base; dev; dev = dev->next)
		if (dev->ip_addr && dev->ip_addr == a->s6_addr32[3])
			return true;
	return false;
}

static struct in6_addr inet_any(int family)
{
	struct in6_addr a = { 0 };

	if (family == AF_INET)
		a.s6_addr32[2] = htonl32(0xffff);
	return a;
}

/* The loopback address a connection from a wildcard comes from */
static struct in6_addr inet_loopback(bool v4)
{
	struct in6_addr a = { 0 };

	if (v4) {
		a.s6_addr32[2] = htonl32(0xffff);
		a.s6_addr32[3] = htonl32(0x7f000001);
	} else {
		a.s6_addr[15] = 1;
	}
	return a;
}

/* A user's sockaddr_in or sockaddr_in6 for sk: -EINVAL if short,
 * -EAFNOSUPPORT for another family.  AF_UNSPEC passes for AF_INET
 * sockets (callers that refuse it check first).
 * Linux: the checks at the top of inet_bind(), tcp_v4_connect(),
 * udp_sendmsg(), inet6_bind(), tcp_v6_connect() */
int inet_addr_from_user(struct sock *sk, const struct sockaddr *uaddr,
			int len, struct in6_addr *addr, u16 *port)
{
	if (sk->sk_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)uaddr;

		if (len < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		*addr = inet_any(AF_INET);
		addr->s6_addr32[3] = sin->sin_addr.s_addr;
		*port = ntohs16(sin->sin_port);
		return 0;
	}
	const struct sockaddr_in6 *sin6 = (const void *)uaddr;

	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	if (sin6->sin6_family != AF_INET6)
		return -EAFNOSUPPORT;
	*addr = sin6->sin6_addr;
	*port = ntohs16(sin6->sin6_port);
	if (ipv6_addr_v4mapped(addr) && inet_sk(sk)->ipv6only)
		return -ENETUNREACH;
	return 0;
}

/* addr:port as sk's family writes it; the length.
 * Linux: the end of inet_getname(), inet6_getname() */
int inet_fill_addr(struct sock *sk, struct sockaddr *uaddr,
		   const struct in6_addr *addr, u16 port)
{
	if (sk->sk_family == AF_INET) {
		struct sockaddr_in *sin = (void *)uaddr;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_port = htons16(port);
		sin->sin_addr.s_addr = addr->s6_addr32[3];
		return sizeof(*sin);
	}
	struct sockaddr_in6 *sin6 = (void *)uaddr;

	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons16(port);
	sin6->sin6_addr = *addr;
	return sizeof(*sin6);
}

/* An ephemeral port for a socket that sends or listens unbound.
 * Linux: net/ipv4/af_inet.c inet_autobind() */
int inet_autobind(struct sock *sk)
{
	if (inet_sk(sk)->inet_num)
		return 0;
	return inet_get_port(sk, 0) ? -EAGAIN : 0;
}

/* Linux: net/ipv4/af_inet.c inet_init() */
void inet_init(void)
{
	net_dev_init();
	inet_hashinfo_init();
}

/* Linux: net/ipv4/af_inet.c inet_sock_destruct() */
static void inet_sock_destruct(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
}

/* Linux: net/ipv4/af_inet.c inet_create(), net/ipv6/af_inet6.c
 * inet6_create() — the protocol's range, then Linux's inetsw table:
 * stream is TCP, datagram UDP (no ping, UDP-Lite or raw sockets yet) */
static int inet_create_family(struct socket *sock, int protocol, int family)
{
	struct inet_sock *inet;
	struct sock *sk;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	switch (sock->type) {
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		sock->ops = &inet_stream_ops;
		inet = kzalloc(sizeof(struct tcp_sock));
		protocol = IPPROTO_TCP;
		break;
	case SOCK_DGRAM:
		if (protocol && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		sock->ops = &inet_dgram_ops;
		inet = kzalloc(sizeof(struct inet_sock));
		protocol = IPPROTO_UDP;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	if (!inet)
		return -ENOBUFS;
	sock->state = SS_UNCONNECTED;
	sk = &inet->sk;
	sock_init_data(sock, sk);
	sk->sk_family = family;
	sk->sk_protocol = protocol;
	sk->sk_destruct = inet_sock_destruct;
	INIT_LIST_HEAD(&inet->bind_node);
	INIT_LIST_HEAD(&inet->hash_node);
	inet->rcv_saddr = inet_any(family);
	inet->daddr = inet_any(family);
	if (protocol == IPPROTO_TCP) {
		tcp_init_sock(sk);
		sk->sk_destruct = tcp_sock_destruct;
	}
	else
		udp_init_sock(sk);
	return 0;
}

static int inet_create(struct socket *sock, int protocol)
{
	return inet_create_family(sock, protocol, AF_INET);
}

static int inet6_create(struct socket *sock, int protocol)
{
	return inet_create_family(sock, protocol, AF_INET6);
}

const struct net_proto_family inet_family_ops = {
	.family = PF_INET,
	.create = inet_create,
};

const struct net_proto_family inet6_family_ops = {
	.family = PF_INET6,
	.create = inet6_create,
};

/* Linux: net/ipv4/af_inet.c inet_bind() + __inet_bind(), net/ipv6/
 * af_inet6.c __inet6_bind() — AF_UNSPEC only with INADDR_ANY */
static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct in6_addr addr;
	u16 port;
	int err = inet_addr_from_user(sk, uaddr, len, &addr, &port);

	if (err)
		return err == -ENETUNREACH ? -EINVAL : err;
	if (sk->sk_family == AF_INET && uaddr->sa_family == AF_UNSPEC &&
	    !inet_addr_any(&addr))
		return -EAFNOSUPPORT;
	if (!inet_addr_any(&addr) && !inet_addr_local(&addr))
		return -EADDRNOTAVAIL;
	lock_sock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_CLOSE || inet->inet_num)
		goto out;
	inet->rcv_saddr = addr;
	err = inet_get_port(sk, port);
	if (err) {
		inet->rcv_saddr = inet_any(sk->sk_family);
		goto out;
	}
	inet->bound_port = port != 0;
out:
	release_sock(sk);
	return err;
}

/* Linux: net/ipv4/af_inet.c inet_getname(), net/ipv6/af_inet6.c
 * inet6_getname() */
static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	int len;

	lock_sock(sk);
	if (peer) {
		len = -ENOTCONN;
		if (inet->inet_dport && (sk->sk_protocol == IPPROTO_UDP ||
		    !((1 << sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_SYN_SENT)))))
			len = inet_fill_addr(sk, uaddr, &inet->daddr,
					     inet->inet_dport);
	} else {
		len = inet_fill_addr(sk, uaddr, &inet->rcv_saddr, inet->inet_num);
	}
	release_sock(sk);
	return len;
}

/* Sets the peer of a new connection or connected datagram socket, and
 * the source address if bound to a wildcard; binds if unbound.
 * Linux: the shared part of tcp_v4_connect() and ip4_datagram_connect() */
int inet_set_peer(struct sock *sk, const struct in6_addr *daddr, u16 dport)
{
	struct inet_sock *inet = inet_sk(sk);
	struct in6_addr dst = *daddr, saddr;
	int err;

	if (inet_addr_any(&dst))	/* Linux: to any local address is to lo */
		dst = inet_loopback(ipv6_addr_v4mapped(&dst));
	if (!inet_select_addr(&dst, &saddr))
		return -ENETUNREACH;
	err = inet_autobind(sk);
	if (err)
		return err;
	if (inet_addr_any(&inet->rcv_saddr))
		inet->rcv_saddr = saddr;
	inet->daddr = dst;
	inet->inet_dport = dport;
	inet_rehash(sk);	/* lhash -> ehash */
	return 0;
}

/* Linux: net/ipv4/af_inet.c inet_shutdown() — an unconnected socket
 * says ENOTCONN but takes the shutdown, so pollers see EPOLLHUP */
static int inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	how++;
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	lock_sock(sk);
	if (sock->state == SS_CONNECTING)
		sock->state = (1 << sk->sk_state) & (TCPF(TCP_SYN_SENT) |
			TCPF(TCP_SYN_RECV) | TCPF(TCP_CLOSE)) ?
			SS_DISCONNECTING : SS_CONNECTED;
	switch (sk->sk_state) {
	case TCP_CLOSE:
		err = -ENOTCONN;
		/* fall through */
	default:
		sk->sk_shutdown |= how;
		if (sk->sk_protocol == IPPROTO_TCP && (how & SEND_SHUTDOWN))
			tcp_shutdown(sk);
		break;
	case TCP_LISTEN:
		if (!(how & RCV_SHUTDOWN))
			break;
		/* fall through */
	case TCP_SYN_SENT:
		tcp_disconnect(sk);
		sock->state = SS_UNCONNECTED;
		break;
	}
	sock_def_wakeup(sk);
	release_sock(sk);
	return err;
}

#define SIOCINQ 0x541B
#define SIOCOUTQ 0x5411

/* Linux: net/ipv4/af_inet.c inet_ioctl() -> tcp_ioctl(), udp_ioctl() */
static int inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;
	int amount;

	switch (cmd) {
	case SIOCINQ:
		lock_sock(sk);
		amount = sk->sk_protocol == IPPROTO_TCP ? tcp_inq(sk)
							 : udp_inq(sk);
		release_sock(sk);
		return amount < 0 ? amount : put_user(amount, (int __user *)arg);
	case SIOCOUTQ:
		if (sk->sk_protocol == IPPROTO_TCP && sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		amount = sk->sk_protocol == IPPROTO_TCP ?
			 (int)(tcp_sk(sk)->write_seq - tcp_sk(sk)->snd_una) :
			 (int)sk_wmem_alloc_get(sk);
		return put_user(amount, (int __user *)arg);
	}
	return -ENOIOCTLCMD;
}

/* Linux: net/ipv4/af_inet.c inet_release() */
static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock->sk = NULL;
	if (sk->sk_protocol == IPPROTO_TCP)
		tcp_close(sk);
	else
		udp_destroy_sock(sk);
	return 0;
}

/* Linux: net/ipv4/af_inet.c inet_sendmsg() + inet_send_prepare() —
 * UDP binds first (TCP does not: tcp_prot.no_autobind) */
static int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;

	if (sk->sk_protocol == IPPROTO_TCP)
		return tcp_sendmsg(sk, msg, len);
	if (inet_autobind(sk))
		return -EAGAIN;
	return udp_sendmsg(sk, msg, len);
}

/* Linux: net/ipv4/af_inet.c inet_recvmsg() */
static int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			int flags)
{
	struct sock *sk = sock->sk;

	return sk->sk_protocol == IPPROTO_TCP ? tcp_recvmsg(sk, msg, len, flags)
					       : udp_recvmsg(sk, msg, len, flags);
}

/* Linux: sock_common_setsockopt() -> tcp_setsockopt(), udp_setsockopt(),
 * ipv6_setsockopt() — only TCP_NODELAY and IPV6_V6ONLY are known */
static int inet_setsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val, err = sockopt_get_int(optval, optlen, &val);

	if (err)
		return err;
	if (level == IPPROTO_TCP && sk->sk_protocol == IPPROTO_TCP &&
	    optname == TCP_NODELAY) {
		tcp_sk(sk)->nodelay = val;
		return 0;
	}
	if (level == IPPROTO_IPV6 && sk->sk_family == AF_INET6 &&
	    optname == IPV6_V6ONLY) {
		if (inet_sk(sk)->inet_num)
			return -EINVAL;
		inet_sk(sk)->ipv6only = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* Linux: sock_common_getsockopt() -> tcp_getsockopt(), ipv6_getsockopt() */
static int inet_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, val, err = sockopt_get_len(optlen, &len);

	if (err)
		return err;
	if (level == IPPROTO_TCP && sk->sk_protocol == IPPROTO_TCP &&
	    optname == TCP_NODELAY)
		val = tcp_sk(sk)->nodelay;
	else if (level == IPPROTO_IPV6 && sk->sk_family == AF_INET6 &&
		 optname == IPV6_V6ONLY)
		val = inet_sk(sk)->ipv6only;
	else
		return -ENOPROTOOPT;
	return sockopt_put_int(optval, optlen, len, val);
}

/* Linux: net/ipv4/af_inet.c inet_stream_ops, inet_dgram_ops (and
 * net/ipv6/af_inet6.c's twins: here one set serves both families) */
#define INET_OPS_COMMON				\
	.family = PF_INET,			\
	.release = inet_release,		\
	.bind = inet_bind,			\
	.getname = inet_getname,		\
	.socketpair = sock_no_socketpair,	\
	.ioctl = inet_ioctl,			\
	.shutdown = inet_shutdown,		\
	.setsockopt = inet_setsockopt,		\
	.getsockopt = inet_getsockopt,		\
	.sendmsg = inet_sendmsg,		\
	.recvmsg = inet_recvmsg

const struct proto_ops inet_stream_ops = {
	INET_OPS_COMMON,
	.connect = inet_stream_connect,
	.listen = inet_listen,
	.accept = inet_accept,
	.poll = tcp_poll,
};

const struct proto_ops inet_dgram_ops = {
	INET_OPS_COMMON,
	.connect = inet_dgram_connect,
	.listen = sock_no_listen,
	.accept = sock_no_accept,
	.poll = udp_poll,
};
