/*
 * The garbage collector of AF_UNIX sockets in flight.  A socket whose
 * file rides in an SCM_RIGHTS message on its own queue (or on the queue
 * of another such socket: a cycle) keeps itself open after its last fd
 * is closed.  unix_gc finds the sockets whose every reference is in
 * flight (candidates), takes away the references candidates' queues
 * hold on each other, keeps whatever is still referenced from outside
 * (and what that one's queue reaches), and frees the messages that make
 * the cycles among the rest.  Linux: net/unix/garbage.c as it was before
 * 6.10 (the algorithm of 2.6, since replaced by Tarjan's SCC search).
 * A release schedules it; Pollux runs it on the next return to user mode
 * (Linux: from a work queue), so after every close of an exit or of
 * one close(): a cycle whose last fd is closed by a later close() waits
 * for the next release of a unix socket.
 *
 * unix_gc_lock (Linux's) guards the in-flight counts and lists and the
 * collector's flags: senders and readers on other CPUs count files in
 * and out while a collection runs.  The collector takes each queue's
 * lock inside it (unix_gc_lock > sk_receive_queue_lock) and frees the
 * hitlist after dropping it (freeing closes files, which may sleep).
 */
#include <pollux/af_unix.h>
#include <pollux/list.h>

/* Unix sockets in flight, each once (u->link) */
static DEFINE_SPINLOCK(unix_gc_lock);
static LIST_HEAD(gc_inflight_list);
static unsigned long unix_tot_inflight;
static bool gc_in_progress;
bool unix_gc_scheduled;

/* Linux: net/unix/garbage.c unix_schedule_gc() */
void unix_schedule_gc(void)
{
	if (unix_tot_inflight)
		unix_gc_scheduled = true;
}

/* Linux: net/unix/garbage.c unix_get_socket() */
static struct unix_sock *unix_get_socket(struct file *filp)
{
	struct socket *sock = sock_from_file(filp);

	if (sock && sock->ops->family == PF_UNIX && sock->sk)
		return unix_sk(sock->sk);
	return NULL;
}

void unix_inflight(struct file *fp)
{
	struct unix_sock *u = unix_get_socket(fp);

	if (!u)
		return;
	spin_lock(&unix_gc_lock);
	if (!u->inflight++)
		list_add_tail(&u->link, &gc_inflight_list);
	unix_tot_inflight++;
	spin_unlock(&unix_gc_lock);
}

void unix_notinflight(struct file *fp)
{
	struct unix_sock *u = unix_get_socket(fp);

	if (!u)
		return;
	spin_lock(&unix_gc_lock);
	if (!--u->inflight)
		list_del_init(&u->link);
	unix_tot_inflight--;
	spin_unlock(&unix_gc_lock);
}

/* func for every candidate in flight on x's queue; with a hitlist, the
 * messages carrying one move there.  subclass: 1 inside a listener's
 * queue lock.  Linux: scan_inflight() */
static void scan_inflight(struct sock *x, void (*func)(struct unix_sock *),
			  struct list_head *hitlist, int subclass)
{
	struct sk_buff *skb, *next;

	spin_lock_nested(&x->sk_receive_queue_lock, subclass);
	list_for_each_entry_safe(skb, next, &x->sk_receive_queue, list) {
		bool hit = false;

		for (int i = 0; skb->fp && i < skb->fp->count; i++) {
			struct unix_sock *u = unix_get_socket(skb->fp->fp[i]);

			if (u && u->gc_candidate) {
				hit = true;
				func(u);
			}
		}
		if (hit && hitlist)
			list_move_tail(&skb->list, hitlist);
	}
	spin_unlock(&x->sk_receive_queue_lock);
}

/* x's queue, or for a listener the queues of its waiting connections
 * (the clients' messages wait there).  Linux: scan_children() */
static void scan_children(struct sock *x, void (*func)(struct unix_sock *),
			  struct list_head *hitlist)
{
	struct sk_buff *skb;

	if (x->sk_state != TCP_LISTEN) {
		scan_inflight(x, func, hitlist, 0);
		return;
	}
	spin_lock(&x->sk_receive_queue_lock);
	list_for_each_entry(skb, &x->sk_receive_queue, list)
		scan_inflight(skb->sk, func, hitlist, SINGLE_DEPTH_NESTING);
	spin_unlock(&x->sk_receive_queue_lock);
}

static void dec_inflight(struct unix_sock *u)
{
	u->inflight--;
}

static void inc_inflight(struct unix_sock *u)
{
	u->inflight++;
}

/* Linux: inc_inflight_move_tail() — behind the cursor: looked at again */
static struct list_head *gc_candidates_head;

static void inc_inflight_move_tail(struct unix_sock *u)
{
	u->inflight++;
	if (u->gc_maybe_cycle)
		list_move_tail(&u->link, gc_candidates_head);
}

/* The sockets only in-flight references hold, on gc_candidates */
static void gc_find_candidates(struct list_head *gc_candidates)
{
	struct unix_sock *u, *next;

	list_for_each_entry_safe(u, next, &gc_inflight_list, link) {
		if (atomic_long_read(&u->sk.sk_socket->file->f_count) != (long)u->inflight)
			continue;
		list_move_tail(&u->link, gc_candidates);
		u->gc_candidate = u->gc_maybe_cycle = true;
	}
}

/* Keeps the candidates an outside reference still reaches, and what
 * their queues reach in turn: they go back on gc_inflight_list */
static void gc_keep_reachable(struct list_head *gc_candidates)
{
	LIST_HEAD(not_cycle_list);
	struct list_head cursor;
	struct unix_sock *u;

	gc_candidates_head = gc_candidates;
	list_add(&cursor, gc_candidates);
	while (cursor.next != gc_candidates) {
		u = list_entry(cursor.next, struct unix_sock, link);
		list_move(&cursor, &u->link);
		if (u->inflight) {
			list_move_tail(&u->link, &not_cycle_list);
			u->gc_maybe_cycle = false;
			scan_children(&u->sk, inc_inflight_move_tail, NULL);
		}
	}
	list_del(&cursor);
	list_for_each_entry(u, &not_cycle_list, link)
		u->gc_candidate = false;
	list_splice_tail_init(&not_cycle_list, &gc_inflight_list);
}

/* Linux: net/unix/garbage.c unix_gc() — freeing the messages closes the
 * sockets of the cycles, whose releases call here again: not rerun */
void unix_gc(void)
{
	LIST_HEAD(gc_candidates);
	LIST_HEAD(hitlist);
	struct unix_sock *u;

	spin_lock(&unix_gc_lock);
	unix_gc_scheduled = false;
	if (gc_in_progress || !unix_tot_inflight) {
		spin_unlock(&unix_gc_lock);
		return;
	}
	gc_in_progress = true;
	gc_find_candidates(&gc_candidates);
	list_for_each_entry(u, &gc_candidates, link)
		scan_children(&u->sk, dec_inflight, NULL);
	gc_keep_reachable(&gc_candidates);
	/* only garbage is left: the counts back, the cycles' messages out */
	list_for_each_entry(u, &gc_candidates, link)
		scan_children(&u->sk, inc_inflight, &hitlist);
	list_for_each_entry(u, &gc_candidates, link)
		u->gc_candidate = u->gc_maybe_cycle = false;
	list_splice_tail_init(&gc_candidates, &gc_inflight_list);
	spin_unlock(&unix_gc_lock);
	skb_queue_purge(&hitlist);
	spin_lock(&unix_gc_lock);
	gc_in_progress = false;
	spin_unlock(&unix_gc_lock);
}
