/*
 * UDP: one datagram per send, one per receive.  A datagram to a port
 * nobody has is answered by ICMP port unreachable, which a connected
 * sender hears as ECONNREFUSED on its next call (udp_err).
 * Linux: net/ipv4/udp.c, datagram.c (ip4_datagram_connect),
 * net/core/datagram.c (datagram_poll, __skb_recv_datagram).
 */
#include <pollux/inet.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <uapi/errno.h>

/* The largest IPv4 datagram's payload: 65535 less the IP and UDP
 * headers; IPv6 has no IP header in its 16-bit length */
#define UDP_MAX_V4 65507
#define UDP_MAX_V6 65527

static int udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb);

/* Linux: net/ipv4/udp.c udp_init_sock() */
void udp_init_sock(struct sock *sk)
{
	sk->sk_backlog_rcv = udp_queue_rcv_skb;
}

static void udp_purge(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = skb_peek(&sk->sk_receive_queue))) {
		list_del(&skb->list);
		inet_rfree(sk, skb, skb->truesize);
	}
}

/* Linux: net/ipv4/udp.c udp_destroy_sock() + inet_release() */
void udp_destroy_sock(struct sock *sk)
{
	lock_sock(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	udp_purge(sk);
	inet_put_port(sk);
	sock_orphan(sk);
	release_sock(sk);
	sock_put(sk);
}

/* The first datagram's payload length.  Linux: udp_ioctl() SIOCINQ */
int udp_inq(struct sock *sk)
{
	struct sk_buff *skb = skb_peek(&sk->sk_receive_queue);

	return skb ? (int)(skb->len - skb->consumed) : 0;
}

/* Linux: net/core/datagram.c datagram_poll() */
__poll_t udp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;

	poll_wait(file, &sock->wait, wait);
	if (sk->sk_err)
		mask |= EPOLLERR;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (!list_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	/* Linux: sock_writeable() */
	if (sk_wmem_alloc_get(sk) < (unsigned int)sk->sk_sndbuf / 2)
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/* Linux: net/ipv4/udp.c udp_disconnect() — an ephemeral port goes too */
void inet_reset_peer(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_dport = 0;
	inet->daddr = (struct in6_addr){ 0 };
	if (sk->sk_family == AF_INET)
		inet->daddr.s6_addr32[2] = htonl32(0xffff);
	inet_rehash(sk);	/* ehash -> lhash */
	if (!inet->bound_port) {
		inet_put_port(sk);
		inet->rcv_saddr = inet->daddr;
	}
}

/* Linux: net/ipv4/af_inet.c inet_dgram_connect() + ip4_datagram_connect()
 * — AF_UNSPEC forgets the peer */
int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int len,
		       int flags)
{
	struct sock *sk = sock->sk;
	struct in6_addr daddr;
	u16 dport;
	int err;

	if (len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	lock_sock(sk);
	if (uaddr->sa_family == AF_UNSPEC) {
		sk->sk_state = TCP_CLOSE;
		inet_reset_peer(sk);
		err = 0;
		goto out;
	}
	err = inet_addr_from_user(sk, uaddr, len, &daddr, &dport);
	if (!err)
		err = inet_set_peer(sk, &daddr, dport);
	if (!err)
		sk->sk_state = TCP_ESTABLISHED;
out:
	release_sock(sk);
	return err;
}

/* Linux: net/ipv4/udp.c udp_sendmsg() — the address's checks, then the
 * buffer (a pending error comes back from sock_alloc_send_skb) */
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct in6_addr daddr, saddr;
	struct sk_buff *skb;
	struct udphdr *uh;
	u16 dport;
	int err;

	if (len > 0xffff)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_name) {
		err = inet_addr_from_user(sk, msg->msg_name, msg->msg_namelen,
					  &daddr, &dport);
		if (err)
			return err;
		if (!dport)
			return -EINVAL;
		if (inet_addr_any(&daddr))	/* to "any" local address: lo */
			daddr.s6_addr32[3] = ipv6_addr_v4mapped(&daddr) ?
					     htonl32(0x7f000001) : htonl32(1);
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = inet->daddr;
		dport = inet->inet_dport;
	}
	if (len > (ipv6_addr_v4mapped(&daddr) ? UDP_MAX_V4 : UDP_MAX_V6))
		return -EMSGSIZE;
	if (!inet_select_addr(&daddr, &saddr))
		return -ENETUNREACH;
	if (!inet_addr_any(&inet->rcv_saddr))
		saddr = inet->rcv_saddr;
	skb = sock_alloc_send_skb(sk, MAX_IP_HDR + sizeof(*uh) + len, 0,
				  msg->msg_flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;
	skb->transport_header = MAX_IP_HDR;
	uh = (struct udphdr *)(skb->data + MAX_IP_HDR);
	uh->source = htons16(inet->inet_num);
	uh->dest = htons16(dport);
	uh->len = htons16(sizeof(*uh) + len);
	uh->check = 0;
	if (copy_from_iter(uh + 1, len, &msg->msg_iter) < len) {
		kfree_skb(skb);
		return -EFAULT;
	}
	err = ip_queue_xmit(skb, IPPROTO_UDP, &saddr, &daddr);
	return err ? err : (int)len;
}

/* Onto the receive queue, if the receive buffer has room.
 * Linux: __udp_queue_rcv_skb() + __udp_enqueue_schedule_skb() */
static int udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_rmem_alloc > (unsigned int)sk->sk_rcvbuf ||
	    (sk->sk_shutdown & RCV_SHUTDOWN)) {
		kfree_skb(skb);
		return 0;
	}
	skb->consumed = skb->transport_header + sizeof(struct udphdr);
	sk->sk_rmem_alloc += skb->truesize;
	list_add_tail(&skb->list, &sk->sk_receive_queue);
	sock_def_readable(sk);
	return 0;
}

/* Linux: net/ipv4/udp.c __udp4_lib_rcv() — no socket: port unreachable */
int udp_rcv(struct sk_buff *skb)
{
	struct inet_skb_parm *ip = IPCB(skb);
	struct udphdr *uh = (struct udphdr *)(skb->data + skb->transport_header);
	struct sock *sk;

	sk = inet_lookup(IPPROTO_UDP, &ip->saddr, ntohs16(uh->source),
			 &ip->daddr, ntohs16(uh->dest));
	if (!sk) {
		icmp_send(skb);
		kfree_skb(skb);
		return 0;
	}
	return __sk_receive_skb(sk, skb);	/* udp_queue_rcv_skb */
}

/* An ICMP error about a datagram we sent (its headers in skb): a
 * connected socket fails with it.  Linux: net/ipv4/udp.c __udp4_lib_err()
 * — without IP_RECVERR only connected sockets hear */
void udp_err(struct sk_buff *skb)
{
	struct inet_skb_parm *ip = IPCB(skb);
	struct udphdr *uh = (struct udphdr *)(skb->data + skb->transport_header);
	unsigned long flags;
	struct sock *sk;

	sk = inet_lookup(IPPROTO_UDP, &ip->daddr, ntohs16(uh->dest),
			 &ip->saddr, ntohs16(uh->source));
	if (!sk)
		return;
	bh_lock_sock(sk, flags);
	if (sk->sk_state == TCP_ESTABLISHED) {
		sk->sk_err = ECONNREFUSED;
		sk_wake_up(sk, 1, EPOLLERR);	/* Linux: sk_error_report() */
	}
	bh_unlock_sock(sk, flags);
	sock_put(sk);
}

/* The first datagram, off the queue unless MSG_PEEK; NULL with *err (0
 * at the end of input).  Linux: net/core/datagram.c __skb_recv_datagram()
 * — a pending error first */
static struct sk_buff *udp_dequeue(struct sock *sk, int flags, int *err)
{
	struct sk_buff *skb;

	for (;;) {
		skb = __skb_try_recv_datagram(sk, flags, err);
		if (skb || *err != -EAGAIN || (flags & MSG_DONTWAIT))
			return skb;
		*err = 0;
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			return NULL;
		*err = -ERESTARTSYS;
		if (signal_pending(current))
			return NULL;
		sk_wait_event(sk, !list_empty(&sk->sk_receive_queue) ||
				  sk->sk_err || (sk->sk_shutdown & RCV_SHUTDOWN));
	}
}

/* Linux: net/ipv4/udp.c udp_recvmsg() — a shorter buffer gets the start
 * and MSG_TRUNC; flag MSG_TRUNC returns the whole length */
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags)
{
	struct udphdr *uh;
	struct sk_buff *skb;
	size_t ulen;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	lock_sock(sk);
	skb = udp_dequeue(sk, flags, &err);
	if (!skb)
		goto out;
	ulen = skb->len - skb->consumed;
	if (len < ulen)
		msg->msg_flags |= MSG_TRUNC;
	else
		len = ulen;
	err = (flags & MSG_TRUNC) ? (int)ulen : (int)len;
	if (copy_to_iter(skb->data + skb->consumed, len, &msg->msg_iter) < len)
		err = -EFAULT;
	uh = (struct udphdr *)(skb->data + skb->transport_header);
	if (msg->msg_name)
		msg->msg_namelen = inet_fill_addr(sk, msg->msg_name,
						  &IPCB(skb)->saddr,
						  ntohs16(uh->source));
	if (!(flags & MSG_PEEK))
		inet_rfree(sk, skb, skb->truesize);
out:
	release_sock(sk);
	return err;
}
