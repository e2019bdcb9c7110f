/*
 * Red-black trees with Linux's API (include/linux/rbtree.h).
 *
 * The tree is intrusive: a struct rb_node is embedded in the object and
 * rb_entry() gets the object back.  The tree code knows nothing about keys:
 * the caller walks down from the root comparing keys, then links the new
 * node at the empty slot it found and asks the tree to rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, node)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * The red-black rules keep the tree balanced (height <= 2 log2(n+1)):
 *   1. every node is red or black, the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to a NULL leaf has the same number of
 *      black nodes.
 */
#ifndef POLLUX_RBTREE_H
#define POLLUX_RBTREE_H

#include <pollux/types.h>

/*
 * The parent pointer and the colour share one word: nodes are at least
 * 4-byte aligned, so bit 0 of the parent address is free for the colour
 * (0 red, 1 black).
 */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

/* A root that also remembers its leftmost (smallest) node, so rb_first is
 * O(1): eventpoll and schedulers ask for it often. */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT (struct rb_root) { NULL, }
#define RB_ROOT_CACHED (struct rb_root_cached) { { NULL, }, NULL }

#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) \
	({ typeof(ptr) ____ptr = (ptr); \
	   ____ptr ? rb_entry(____ptr, type, member) : NULL; })

#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* A node that is on no tree points at itself as its parent. */
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost);
void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root);

#define rb_first_cached(root) (root)->rb_leftmost

/* Linux: include/linux/rbtree.h rb_link_node() — hang a new red node at
 * the empty slot *rb_link under parent; rb_insert_color() then rebalances. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

#endif
