/*
 * Internet sockets: the protocol side of AF_INET and AF_INET6 (TCP and
 * UDP), their headers on the wire, and the calls between the layers:
 *
 *   socket calls -> af_inet.c (inet_*) -> tcp.c / udp.c
 *       -> tcp_output.c / udp_sendmsg -> ip.c ip_queue_xmit
 *       -> dev_queue_xmit -> loopback_xmit -> netif_rx -> ip_rcv
 *       -> tcp_v4_rcv (tcp_input.c) / udp_rcv / icmp_rcv
 *
 * and by a card: ip_queue_xmit -> neigh_resolve_output (arp.c) ->
 * eth_header -> dev_queue_xmit -> start_xmit (virtio_net.c); its
 * interrupt: skb_recv_done -> virtnet_poll -> eth_type_trans -> netif_rx.
 *
 * Addresses are kept as IPv6 addresses: an IPv4 address a.b.c.d is
 * ::ffff:a.b.c.d (Linux does this for dual-stack AF_INET6 sockets), so
 * one lookup serves both families; ip_queue_xmit writes an IPv4 header
 * when both ends are IPv4.  Linux: include/net/inet_sock.h, tcp.h, ip.h.
 */
#ifndef POLLUX_INET_H
#define POLLUX_INET_H

#include <pollux/sock.h>
#include <uapi/in.h>

/* Headers on the wire (big-endian fields).  Linux: include/uapi/linux/
 * ip.h struct iphdr, ipv6.h struct ipv6hdr, tcp.h, udp.h, icmp.h */
struct iphdr {
	u8 ihl_version;		/* version 4 << 4 | 5 words */
	u8 tos;
	__be16 tot_len, id, frag_off;
	u8 ttl, protocol;
	u16 check;
	__be32 saddr, daddr;
} __attribute__((packed));

struct ipv6hdr {
	__be32 vtc_flow;	/* version 6 << 28 */
	__be16 payload_len;
	u8 nexthdr, hop_limit;
	struct in6_addr saddr, daddr;
} __attribute__((packed));

struct tcphdr {
	__be16 source, dest;
	__be32 seq, ack_seq;
	u8 doff;		/* header words << 4 */
	u8 flags;		/* TCPHDR_* */
	__be16 window;
	u16 check, urg_ptr;
} __attribute__((packed));

#define TCPHDR_FIN 0x01
#define TCPHDR_SYN 0x02
#define TCPHDR_RST 0x04
#define TCPHDR_PSH 0x08
#define TCPHDR_ACK 0x10

struct udphdr {
	__be16 source, dest, len;
	u16 check;
} __attribute__((packed));

struct icmphdr {
	u8 type, code;
	u16 checksum;
	__be32 unused;
} __attribute__((packed));

#define ICMP_DEST_UNREACH 3	/* ICMPv6: 1 */
#define ICMP_PORT_UNREACH 3	/* ICMPv6: 4 */
#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8

/* What ip_rcv learnt of a packet, for the protocols above it (in
 * skb->cb).  Linux: struct inet_skb_parm and the header accessors */
struct inet_skb_parm {
	struct in6_addr saddr, daddr;
	u8 protocol;
	bool v4;		/* an IPv4 packet */
};
#define IPCB(skb) ((struct inet_skb_parm *)(skb)->cb)

/* Linux: include/net/inet_sock.h struct inet_sock */
struct inet_sock {
	struct sock sk;
	struct in6_addr rcv_saddr;	/* bound address (:: or ::ffff:0.0.0.0: any) */
	struct in6_addr daddr;		/* the peer's */
	u16 inet_num;			/* local port, host order; 0: unbound */
	u16 inet_dport;			/* peer port, host order */
	bool bound_port;		/* bind() chose the port (SOCK_BINDPORT_LOCK) */
	bool ipv6only;			/* IPV6_V6ONLY */
	struct list_head bind_node;	/* in the protocol's bhash */
	struct list_head hash_node;	/* in its ehash (a peer) or lhash */
};

static inline struct inet_sock *inet_sk(struct sock *sk)
{
	return (struct inet_sock *)sk;
}

/* Per-segment notes in skb->cb.  Linux: struct tcp_skb_cb */
struct tcp_skb_cb {
	struct inet_skb_parm ip;	/* first: ip_rcv writes it */
	u32 seq, end_seq;		/* end_seq: seq + len (+1 for SYN/FIN) */
	u8 tcp_flags;
};
#define TCP_SKB_CB(skb) ((struct tcp_skb_cb *)(skb)->cb)

/* Linux: include/linux/tcp.h struct tcp_sock (with its
 * inet_connection_sock: the accept queue) */
struct tcp_sock {
	struct inet_sock inet;
	u32 snd_una;		/* first byte not acknowledged */
	u32 snd_nxt;		/* next byte to send */
	u32 write_seq;		/* end of the data queued to send */
	u32 snd_wnd;		/* the peer's window, bytes from snd_una */
	u32 max_window;		/* the largest it offered */
	u32 rcv_nxt;		/* next byte we expect */
	u32 copied_seq;		/* next byte the user reads */
	u32 rcv_wup, rcv_wnd;	/* the window we offered at rcv_wup */
	u8 snd_wscale, rcv_wscale;
	u16 mss_cache;		/* the most payload in one segment */
	bool nodelay;		/* TCP_NODELAY (loopback pushes at once) */
	bool done;		/* a FIN arrived (Linux: SOCK_DONE) */
	int sk_wmem_queued;	/* truesize of write_queue */
	/* sent and unsent data, in order; send_head: the first unsent */
	struct list_head write_queue;
	struct sk_buff *send_head;
	/* listener: connections the handshake finished, for accept;
	 * accept_lock guards it (taken inside a child's bh_lock_sock) */
	struct list_head accept_queue;
	spinlock_t accept_lock;
	int ack_backlog;
	struct list_head accept_node;	/* in the listener's accept_queue */
	struct sock *parent;		/* the listener, until accepted */
	/* tcp_timer.c: one timer for the retransmission timeout, the zero
	 * window probe and the FIN_WAIT2 and TIME_WAIT ends, holding a
	 * reference while queued (Linux: icsk_retransmit_timer, the probe0
	 * and keepalive timers, the TIME_WAIT sock's timer).  Its fields
	 * change under the sock's lock, as the sequence numbers. */
	struct timer_list retransmit_timer;
	u8 icsk_pending;	/* ICSK_TIME_RETRANS or _PROBE0, or 0 */
	u8 icsk_retransmits;	/* timeouts in a row, without progress */
	u8 icsk_backoff;	/* doublings of the RTO */
	u32 icsk_rto;		/* retransmission timeout, jiffies */
	u32 srtt8, rttvar4;	/* RTT estimates, jiffies << 3 and << 2 */
	/* the one segment being timed (Karn: never a retransmitted one) */
	bool rtt_timing;
	u32 rtt_seq;
	u64 rtt_start;
};

#define ICSK_TIME_RETRANS 1
#define ICSK_TIME_PROBE0 3

static inline struct tcp_sock *tcp_sk(struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

/* Sequence numbers wrap: compare them as Linux's before()/after() */
static inline bool before(u32 a, u32 b) { return (s32)(a - b) < 0; }
#define after(a, b) before(b, a)

static inline u16 ntohs16(__be16 x) { return __builtin_bswap16(x); }
static inline __be16 htons16(u16 x) { return __builtin_bswap16(x); }
static inline u32 ntohl32(__be32 x) { return __builtin_bswap32(x); }
static inline __be32 htonl32(u32 x) { return __builtin_bswap32(x); }

/* The locks and tables of the stack, at boot.  Linux: inet_init(),
 * net_dev_init(), inet_hashinfo_init() */
void inet_init(void);
void net_dev_init(void);
void inet_hashinfo_init(void);

/* Addresses (af_inet.c) */
bool ipv6_addr_v4mapped(const struct in6_addr *a);
bool inet_addr_any(const struct in6_addr *a);
bool inet_addr_equal(const struct in6_addr *a, const struct in6_addr *b);
bool inet_addr_local(const struct in6_addr *a);
int inet_addr_from_user(struct sock *sk, const struct sockaddr *uaddr,
			int len, struct in6_addr *addr, u16 *port);
int inet_fill_addr(struct sock *sk, struct sockaddr *uaddr,
		   const struct in6_addr *addr, u16 port);
int inet_autobind(struct sock *sk);

/* Ports and lookups (inet_hashtables.c).  Linux: inet_csk_get_port(),
 * __inet_lookup_listener(), __inet_lookup_established(), udp_lib_lookup */
int inet_get_port(struct sock *sk, u16 port);
void inet_put_port(struct sock *sk);
void inet_rehash(struct sock *sk);
void inet_hash(struct sock *sk);
void inet_unhash(struct sock *sk);
struct sock *inet_lookup(int protocol, const struct in6_addr *saddr,
			 u16 sport, const struct in6_addr *daddr, u16 dport);

/* IP (ip.c).  Linux: ip_queue_xmit(), ip_rcv(), icmp_send() */
int ip_queue_xmit(struct sk_buff *skb, int protocol,
		  const struct in6_addr *saddr, const struct in6_addr *daddr);
void ip_rcv(struct sk_buff *skb);
void icmp_send(struct sk_buff *skb_in);
u16 tcp_route_mss(const struct in6_addr *daddr);
bool inet_select_addr(const struct in6_addr *daddr, struct in6_addr *saddr);
/* Room for the IP header before the transport header */
#define MAX_IP_HDR ((unsigned int)sizeof(struct ipv6hdr))

/* TCP (tcp.c, tcp_input.c, tcp_output.c) */
extern const struct proto_ops inet_stream_ops, inet_dgram_ops;
int tcp_v4_rcv(struct sk_buff *skb);
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb);
void tcp_v4_send_reset(struct sk_buff *skb);
int tcp_connect(struct sock *sk);
void tcp_send_ack(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
void tcp_send_synack(struct sock *sk);
void tcp_write_xmit(struct sock *sk);
u32 tcp_select_window(struct sock *sk);
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
void tcp_init_sock(struct sock *sk);
struct sock *tcp_create_openreq_child(struct sock *parent);
void tcp_write_space(struct sock *sk);
void inet_csk_listen_stop(struct sock *sk);

int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int len);
int tcp_disconnect(struct sock *sk);
void tcp_shutdown(struct sock *sk);
void tcp_close(struct sock *sk);
void tcp_sock_destruct(struct sock *sk);
int tcp_inq(struct sock *sk);
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags);
__poll_t tcp_poll(struct file *file, struct socket *sock, poll_table *wait);
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int len,
			int flags);
int inet_listen(struct socket *sock, int backlog);
int inet_accept(struct socket *sock, struct socket *newsock, int flags);
int inet_set_peer(struct sock *sk, const struct in6_addr *daddr, u16 dport);
void inet_reset_peer(struct sock *sk);

/* TCP timers (tcp_timer.c) */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_clear_xmit_timers(struct sock *sk);
void tcp_rearm_rto(struct sock *sk);
void tcp_check_probe_timer(struct sock *sk);
void tcp_rtt_start(struct sock *sk, u32 end_seq);
void tcp_ack_update_rtt(struct sock *sk, u32 ack);
void tcp_time_wait(struct sock *sk);
void tcp_fin_wait2_timer(struct sock *sk);
void tcp_retransmit_skb(struct sock *sk);
void tcp_send_probe0(struct sock *sk);
void inet_csk_reqsk_queue_drop(struct sock *child, bool reset);

/* UDP (udp.c) */
int udp_rcv(struct sk_buff *skb);
void udp_err(struct sk_buff *skb);
void udp_init_sock(struct sock *sk);
void udp_destroy_sock(struct sock *sk);
int udp_inq(struct sock *sk);
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags);
__poll_t udp_poll(struct file *file, struct socket *sock, poll_table *wait);
int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int len,
		       int flags);
void icmp_rcv(struct sk_buff *skb);

/* Sleeps until cond holds, a signal comes or anything wakes sk's queue,
 * owning sk again after.  On the queue before releasing: a wake-up from
 * the backlog release_sock processes is not missed.  Linux:
 * include/net/sock.h sk_wait_event() */
#define sk_wait_event(sk, cond)						\
	({								\
		DEFINE_WAIT(__wait);					\
		prepare_to_wait((sk)->sk_wq, &__wait, TASK_INTERRUPTIBLE); \
		release_sock(sk);					\
		if (!(cond) && !signal_pending(current))		\
			schedule();					\
		finish_wait((sk)->sk_wq, &__wait);			\
		lock_sock(sk);						\
	})

/* Frees a received buffer and gives its room back.  Linux: sock_rfree() */
static inline void inet_rfree(struct sock *sk, struct sk_buff *skb,
			      unsigned int charge)
{
	sk->sk_rmem_alloc -= charge;
	kfree_skb(skb);
}

#endif
