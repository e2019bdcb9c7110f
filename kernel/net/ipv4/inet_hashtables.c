/*
 * Who has which port: one table per protocol of every socket holding a
 * local port (bound, listening, connected, and accepted connections,
 * which share their listener's).  bind looks for conflicts in it, and
 * an arriving packet for its socket: the connection with its exact four
 * addresses and ports first, else a listener (TCP) or the best bound
 * socket (UDP).  Linux keeps three hash tables (bhash, ehash, lhash);
 * one list per protocol is enough for tests and demos, and is the place
 * to hash when ten thousand connections come.  Each table's lock guards
 * its list; a lookup takes a reference on the sock before dropping it.
 * Lock order: a sock's bh_lock_sock, then a table's lock (a connection
 * made or closed on the receive path), never the other way.
 * Linux: net/ipv4/inet_hashtables.c, inet_connection_sock.c, udp.c.
 */
#include <pollux/inet.h>
#include <pollux/fs.h>
#include <uapi/errno.h>

/* Linux's default net.ipv4.ip_local_port_range */
#define PORT_LOW 32768
#define PORT_HIGH 60999

struct inet_hashinfo {
	spinlock_t lock;
	struct list_head socks;
	/* how many socks hold each port: the ephemeral search's free test
	 * (Linux: the bind hash, bhash) */
	u16 port_users[65536];
};

static struct inet_hashinfo tcp_hashinfo, udp_table;

/* Linux: inet_hashinfo_init(), udp_table_init() */
void inet_hashinfo_init(void)
{
	spin_lock_init(&tcp_hashinfo.lock);
	INIT_LIST_HEAD(&tcp_hashinfo.socks);
	spin_lock_init(&udp_table.lock);
	INIT_LIST_HEAD(&udp_table.socks);
}

static struct inet_hashinfo *hashinfo(int protocol)
{
	return protocol == IPPROTO_TCP ? &tcp_hashinfo : &udp_table;
}

/* Whether one address may receive what the other does: equal, or a
 * wildcard covering the other's family (:: covers IPv4 too unless
 * IPV6_V6ONLY).  Linux: inet_rcv_saddr_equal() with match_wildcard */
static bool inet_addr_overlap(struct inet_sock *a, struct inet_sock *b)
{
	bool a4 = ipv6_addr_v4mapped(&a->rcv_saddr);
	bool b4 = ipv6_addr_v4mapped(&b->rcv_saddr);

	if (inet_addr_equal(&a->rcv_saddr, &b->rcv_saddr))
		return true;
	if (inet_addr_any(&a->rcv_saddr) && (a4 == b4 || (!a4 && !a->ipv6only)))
		return true;
	if (inet_addr_any(&b->rcv_saddr) && (a4 == b4 || (!b4 && !b->ipv6only)))
		return true;
	return false;
}

/* Linux: inet_csk_bind_conflict() (TCP: SO_REUSEADDR does not share
 * with a listener) and udp_lib_lport_inuse() (UDP) — every user is
 * root, so SO_REUSEPORT's same-user rule always holds */
static bool inet_bind_conflict(struct sock *sk, struct sock *sk2)
{
	bool reuse = sk->sk_reuse && sk2->sk_reuse;

	if (sk->sk_protocol == IPPROTO_TCP)
		reuse = reuse && sk2->sk_state != TCP_LISTEN;
	if (reuse || (sk->sk_reuseport && sk2->sk_reuseport))
		return false;
	return inet_addr_overlap(inet_sk(sk), inet_sk(sk2));
}

static bool port_conflict(struct inet_hashinfo *h, struct sock *sk, u16 port)
{
	struct inet_sock *other;

	list_for_each_entry(other, &h->socks, bind_node) {
		if (other == inet_sk(sk) || other->inet_num != port)
			continue;
		if (inet_bind_conflict(sk, &other->sk))
			return true;
	}
	return false;
}

/* h's lock held */
static void port_add(struct inet_hashinfo *h, struct sock *sk, u16 port)
{
	inet_sk(sk)->inet_num = port;
	h->port_users[port]++;
	list_add_tail(&inet_sk(sk)->bind_node, &h->socks);
	sock_hold(sk);	/* the table's reference */
}

/* Linux: get_random_u32() for the search's start */
static u16 random_port(void)
{
	u32 r;

	get_random_bytes(&r, sizeof(r));
	return PORT_LOW + r % (PORT_HIGH - PORT_LOW + 1);
}

/* Gives sk port (0: a free ephemeral one, used by nobody) and enters it
 * in the table; -EADDRINUSE, also when the range is full.  On a sock
 * already in the table (listen), checks the port again.
 * Linux: net/ipv4/inet_connection_sock.c inet_csk_get_port() */
int inet_get_port(struct sock *sk, u16 port)
{
	struct inet_hashinfo *h = hashinfo(sk->sk_protocol);
	struct inet_sock *inet = inet_sk(sk);
	unsigned long flags;
	int err = 0, i;

	spin_lock_irqsave(&h->lock, flags);
	if (!port) {
		port = random_port();
		for (i = 0; i <= PORT_HIGH - PORT_LOW; i++) {
			if (!h->port_users[port])
				break;
			port = port == PORT_HIGH ? PORT_LOW : port + 1;
		}
		if (i > PORT_HIGH - PORT_LOW)
			err = -EADDRINUSE;
	} else if (port_conflict(h, sk, port)) {
		err = -EADDRINUSE;
	}
	if (!err && !inet->inet_num)
		port_add(h, sk, port);
	spin_unlock_irqrestore(&h->lock, flags);
	return err;
}

/* A new connection holds its listener's port.  Linux: inet_inherit_port() */
void inet_hash(struct sock *sk)
{
	struct inet_hashinfo *h = hashinfo(sk->sk_protocol);
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	port_add(h, sk, inet_sk(sk)->inet_num);
	spin_unlock_irqrestore(&h->lock, flags);
}

/* Linux: inet_put_port() + inet_unhash() */
void inet_put_port(struct sock *sk)
{
	struct inet_hashinfo *h = hashinfo(sk->sk_protocol);
	struct inet_sock *inet = inet_sk(sk);
	unsigned long flags;
	bool held;

	spin_lock_irqsave(&h->lock, flags);
	held = inet->inet_num && !list_empty(&inet->bind_node);
	if (held) {
		list_del_init(&inet->bind_node);
		h->port_users[inet->inet_num]--;
	}
	inet->inet_num = 0;
	spin_unlock_irqrestore(&h->lock, flags);
	if (held)
		sock_put(sk);
}

/* How well sk matches a packet from saddr:sport to daddr:dport: 0 not
 * at all, more for a connection and for an exact local address.
 * Linux: compute_score() of inet_hashtables.c and udp.c */
static int inet_score(struct inet_sock *inet, const struct in6_addr *saddr,
		      u16 sport, const struct in6_addr *daddr, u16 dport)
{
	bool v4 = ipv6_addr_v4mapped(daddr);
	int score = 1;

	if (inet->inet_num != dport)
		return 0;
	if (inet_addr_any(&inet->rcv_saddr)) {
		if (ipv6_addr_v4mapped(&inet->rcv_saddr) != v4 &&
		    (v4 == false || inet->ipv6only))
			return 0;
	} else if (!inet_addr_equal(&inet->rcv_saddr, daddr)) {
		return 0;
	} else {
		score += 2;
	}
	if (inet->inet_dport) {
		if (inet->inet_dport != sport ||
		    !inet_addr_equal(&inet->daddr, saddr))
			return 0;
		score += 4;
	}
	return score;
}

/* The socket a packet is for, referenced, or NULL.  A TCP socket with no
 * peer matches only if it listens.
 * Linux: __inet_lookup() (established, then listener), __udp4_lib_lookup() */
struct sock *inet_lookup(int protocol, const struct in6_addr *saddr,
			 u16 sport, const struct in6_addr *daddr, u16 dport)
{
	struct inet_hashinfo *h = hashinfo(protocol);
	struct inet_sock *inet, *best = NULL;
	int score, best_score = 0;
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	list_for_each_entry(inet, &h->socks, bind_node) {
		if (protocol == IPPROTO_TCP && inet->sk.sk_state == TCP_CLOSE)
			continue;
		if (protocol == IPPROTO_TCP && !inet->inet_dport &&
		    inet->sk.sk_state != TCP_LISTEN)
			continue;
		score = inet_score(inet, saddr, sport, daddr, dport);
		if (score > best_score) {
			best = inet;
			best_score = score;
		}
	}
	if (best)
		sock_hold(&best->sk);
	spin_unlock_irqrestore(&h->lock, flags);
	return best ? &best->sk : NULL;
}
