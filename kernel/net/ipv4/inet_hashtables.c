/*
 * Who has which port, and which socket an arriving packet is for, in
 * three hash tables per protocol, as Linux's inet_hashinfo:
 *
 *   bhash  by local port: every sock holding a port (bound, listening,
 *          connected, accepted ones sharing their listener's): bind's
 *          conflict test, and port_users for the ephemeral search
 *   ehash  by peer address, peer port and local port: the connections
 *          (a peer set: TCP's connected and accepted socks, UDP's
 *          connected ones), found in one bucket at any number of them
 *   lhash  by local port: the socks with no peer (TCP listeners, UDP
 *          bound ones)
 *
 * A lookup tries ehash's bucket, then lhash's: each holds a few socks,
 * whether ten or ten thousand connections are open (bench/conns.c).
 * A sock is on bhash by bind_node and on ehash or lhash by hash_node;
 * inet_rehash moves it when connect or disconnect changes its peer.
 * One lock per protocol guards all three (Linux has a lock per bucket);
 * a lookup takes a reference on the sock before dropping it.
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

#define EHASH_SIZE 16384	/* a power of two each */
#define BHASH_SIZE 1024
#define LHASH_SIZE 1024

struct inet_hashinfo {
	spinlock_t lock;
	struct list_head ehash[EHASH_SIZE];
	struct list_head bhash[BHASH_SIZE];
	struct list_head lhash[LHASH_SIZE];
	/* how many socks hold each port: the ephemeral search's free test
	 * (Linux: a bhash bucket's owners) */
	u16 port_users[65536];
};

static struct inet_hashinfo tcp_hashinfo, udp_table;

static void init_heads(struct list_head *heads, unsigned int n)
{
	while (n--)
		INIT_LIST_HEAD(&heads[n]);
}

/* Linux: inet_hashinfo_init(), udp_table_init() */
void inet_hashinfo_init(void)
{
	struct inet_hashinfo *tables[] = { &tcp_hashinfo, &udp_table };

	for (int i = 0; i < 2; i++) {
		spin_lock_init(&tables[i]->lock);
		init_heads(tables[i]->ehash, EHASH_SIZE);
		init_heads(tables[i]->bhash, BHASH_SIZE);
		init_heads(tables[i]->lhash, LHASH_SIZE);
	}
}

static struct inet_hashinfo *hashinfo(int protocol)
{
	return protocol == IPPROTO_TCP ? &tcp_hashinfo : &udp_table;
}

/* The connection bucket of a peer and a local port.  The local address
 * is left out: a sock bound to a wildcard is found by the same key.
 * Linux: inet_ehashfn() (jhash with a random secret, against chosen
 * collisions; a multiplicative hash here) */
static struct list_head *ehash_bucket(struct inet_hashinfo *h,
				      const struct in6_addr *faddr, u16 fport,
				      u16 lport)
{
	u32 a = faddr->s6_addr32[0] ^ faddr->s6_addr32[1] ^
		faddr->s6_addr32[2] ^ faddr->s6_addr32[3];
	u32 x = a * 0x9e3779b1u ^ ((u32)fport << 16 | lport) * 0x85ebca6bu;

	return &h->ehash[(x ^ x >> 15) & (EHASH_SIZE - 1)];
}

/* The list a sock's hash_node belongs on, by whether it has a peer */
static struct list_head *hash_bucket(struct inet_hashinfo *h,
				     struct inet_sock *inet)
{
	if (inet->inet_dport)
		return ehash_bucket(h, &inet->daddr, inet->inet_dport,
				    inet->inet_num);
	return &h->lhash[inet->inet_num & (LHASH_SIZE - 1)];
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

	list_for_each_entry(other, &h->bhash[port & (BHASH_SIZE - 1)],
			    bind_node) {
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
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_num = port;
	h->port_users[port]++;
	list_add_tail(&inet->bind_node, &h->bhash[port & (BHASH_SIZE - 1)]);
	list_add_tail(&inet->hash_node, hash_bucket(h, inet));
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
		list_del_init(&inet->hash_node);
		h->port_users[inet->inet_num]--;
	}
	inet->inet_num = 0;
	spin_unlock_irqrestore(&h->lock, flags);
	if (held)
		sock_put(sk);
}

/* The peer changed (connect, or AF_UNSPEC's disconnect): the sock
 * moves between lhash and ehash.  Linux: inet_hash() at connect,
 * udp_lib_rehash() */
void inet_rehash(struct sock *sk)
{
	struct inet_hashinfo *h = hashinfo(sk->sk_protocol);
	struct inet_sock *inet = inet_sk(sk);
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	if (!list_empty(&inet->hash_node)) {
		list_del(&inet->hash_node);
		list_add_tail(&inet->hash_node, hash_bucket(h, inet));
	}
	spin_unlock_irqrestore(&h->lock, flags);
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

/* The best match in one bucket, or NULL (h's lock held).  A TCP
 * socket with no peer matches only if it listens. */
static struct inet_sock *lookup_bucket(struct list_head *bucket, int protocol,
				       const struct in6_addr *saddr, u16 sport,
				       const struct in6_addr *daddr, u16 dport)
{
	struct inet_sock *inet, *best = NULL;
	int score, best_score = 0;

	list_for_each_entry(inet, bucket, hash_node) {
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
	return best;
}

/* The socket a packet is for, referenced, or NULL: a connection first,
 * else a listener (TCP) or the best bound socket (UDP).
 * Linux: __inet_lookup() (established, then listener), __udp4_lib_lookup() */
struct sock *inet_lookup(int protocol, const struct in6_addr *saddr,
			 u16 sport, const struct in6_addr *daddr, u16 dport)
{
	struct inet_hashinfo *h = hashinfo(protocol);
	struct inet_sock *best;
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	best = lookup_bucket(ehash_bucket(h, saddr, sport, dport), protocol,
			     saddr, sport, daddr, dport);
	if (!best)
		best = lookup_bucket(&h->lhash[dport & (LHASH_SIZE - 1)],
				     protocol, saddr, sport, daddr, dport);
	if (best)
		sock_hold(&best->sk);
	spin_unlock_irqrestore(&h->lock, flags);
	return best ? &best->sk : NULL;
}
