/*
 * Red-black tree rebalancing (Linux: lib/rbtree.c), written to be read.
 *
 * Every rebalancing case comes in two mirror images (the problem is on the
 * left or on the right).  Instead of writing each case twice, as Linux
 * does for speed, the code names a side by a direction (RB_LEFT, RB_RIGHT)
 * and reaches a child with rb_child(node, dir); the mirror image is then
 * the same code with dir and !dir swapped.
 */
#include <pollux/rbtree.h>

#define RB_RED 0
#define RB_BLACK 1

enum rb_dir { RB_LEFT, RB_RIGHT };

static int rb_color(const struct rb_node *node)
{
	return node->__rb_parent_color & 1;
}

/* NULL leaves count as black (rule 3 counts them). */
static bool rb_is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static void rb_set_color(struct rb_node *node, int color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

static void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

/* The slot holding node's child on side dir. */
static struct rb_node **rb_child(struct rb_node *node, int dir)
{
	return dir == RB_LEFT ? &node->rb_left : &node->rb_right;
}

/* Which side of its parent node hangs on (node may be NULL: the empty slot
 * of a parent whose other child is not empty). */
static int rb_side(const struct rb_node *node, struct rb_node *parent)
{
	return parent->rb_left == node ? RB_LEFT : RB_RIGHT;
}

/* Linux: lib/rbtree.c __rb_change_child() — make new take old's place under
 * parent, or at the root when old was the root. */
static void rb_change_child(struct rb_node *old, struct rb_node *new,
			    struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else
		*rb_child(parent, rb_side(old, parent)) = new;
}

/*
 * Linux: lib/rbtree.c __rb_rotate_set_parents() — rotate node down towards
 * dir; its child on the other side rises into its place.  For dir = RB_LEFT:
 *
 *        node                up
 *        /  \               /  \
 *       a    up     ->    node  c
 *           /  \          /  \
 *          b    c        a    b
 *
 * In-order (a node b up c) is unchanged; only the shape and depths change.
 */
static void rb_rotate(struct rb_node *node, int dir, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *up = *rb_child(node, !dir);
	struct rb_node *inner = *rb_child(up, dir);

	*rb_child(node, !dir) = inner;
	if (inner)
		rb_set_parent(inner, node);
	*rb_child(up, dir) = node;
	rb_set_parent(node, up);
	rb_set_parent(up, parent);
	rb_change_child(node, up, parent, root);
}

/*
 * Linux: lib/rbtree.c rb_insert_color() — node was just linked as a red
 * leaf, which keeps rule 3; only rule 2 (red parent) can be broken.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		/* A red parent is not the root, so gparent exists. */
		struct rb_node *gparent = rb_parent(parent);
		int dir = rb_side(parent, gparent);
		struct rb_node *uncle = *rb_child(gparent, !dir);

		if (rb_is_red(uncle)) {
			/* Case 1: red uncle.  Push gparent's blackness down
			 * to both children; gparent turns red and may now
			 * clash with its own parent, two levels up. */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *rb_child(parent, !dir)) {
			/* Case 2: node is an inner grandchild.  Rotate it
			 * up over parent so the red pair lies on the outside
			 * and case 3 applies, with the roles swapped. */
			rb_rotate(parent, dir, root);
			parent = node;
		}
		/* Case 3: outer grandchild, black uncle.  Rotate gparent
		 * down to the uncle's side; parent takes its place, turns
		 * black, and the black count of every path is as before. */
		rb_rotate(gparent, !dir, root);
		rb_set_color(parent, RB_BLACK);
		rb_set_color(gparent, RB_RED);
		break;
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/*
 * Linux: lib/rbtree.c ____rb_erase_color() — a black node was removed from
 * the path through parent's child on side dir, so that side is one black
 * short ("node" is what now sits there, maybe NULL; it is black).  Either
 * borrow a red from the sibling's side or move the shortage one level up.
 */
static void rb_erase_color(struct rb_node *parent, int dir,
			   struct rb_root *root)
{
	struct rb_node *node = NULL;

	for (;;) {
		struct rb_node *sibling = *rb_child(parent, !dir);
		struct rb_node *far, *near;

		/* The short side is missing a black, so the other side has
		 * at least one node: sibling is not NULL. */
		if (rb_is_red(sibling)) {
			/* Case 1: red sibling.  Rotate it above parent so
			 * node gets a black sibling, then go on below. */
			rb_rotate(parent, dir, root);
			rb_set_color(sibling, RB_BLACK);
			rb_set_color(parent, RB_RED);
			sibling = *rb_child(parent, !dir);
		}
		far = *rb_child(sibling, !dir);
		near = *rb_child(sibling, dir);
		if (!rb_is_red(far) && !rb_is_red(near)) {
			/* Case 2: black sibling with black children.
			 * Repaint sibling red: both sides of parent are now
			 * one short.  A red parent turned black pays for it;
			 * otherwise parent's own side is short: go up. */
			rb_set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			if (rb_is_red(node) || !parent)
				break;
			dir = rb_side(node, parent);
			continue;
		}
		if (!rb_is_red(far)) {
			/* Case 3: only the near nephew is red.  Rotate it up
			 * over sibling: near becomes the sibling and the old
			 * sibling its far child.  Textbooks recolour here;
			 * case 4 overwrites both colours (sibling gets
			 * parent's, far black), so this code does not. */
			rb_rotate(sibling, !dir, root);
			far = sibling;
			sibling = near;
		}
		/* Case 4: the far nephew is red (or, after case 3, the
		 * sibling is).  Rotate parent down to the short side;
		 * sibling takes parent's place and colour, parent and far
		 * turn black: the short side gains a black, the other side
		 * keeps its count.  Done. */
		rb_rotate(parent, dir, root);
		rb_set_color(sibling, rb_color(parent));
		rb_set_color(parent, RB_BLACK);
		rb_set_color(far, RB_BLACK);
		return;
	}
	rb_set_color(node, RB_BLACK);
}

/* Linux: lib/rbtree.c rb_erase() — unlink node, keeping in-order and the
 * red-black rules.  The node itself is left untouched (RB_CLEAR_NODE it if
 * "is it on a tree?" must be asked later). */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *child, *succ, *gap_parent;
	int removed_color, gap_dir;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		removed_color = rb_color(node);
		gap_parent = parent;
		gap_dir = parent ? rb_side(node, parent) : RB_LEFT;
		rb_change_child(node, child, parent, root);
		if (child)
			rb_set_parent(child, parent);
	} else {
		/* Two children: the in-order successor (leftmost of the right
		 * subtree, no left child) leaves its own spot to its right
		 * child and takes node's place and colour.  What the tree
		 * lost, seen by the colours, is the successor's old spot. */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		removed_color = rb_color(succ);
		if (succ == node->rb_right) {
			gap_parent = succ;
			gap_dir = RB_RIGHT;
		} else {
			gap_parent = rb_parent(succ);
			gap_dir = RB_LEFT;
			gap_parent->rb_left = child;
			if (child)
				rb_set_parent(child, gap_parent);
			succ->rb_right = node->rb_right;
			rb_set_parent(succ->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		rb_set_parent(succ->rb_left, succ);
		succ->__rb_parent_color = node->__rb_parent_color;
		rb_change_child(node, succ, parent, root);
	}

	if (removed_color == RB_RED)
		return;			/* no path lost a black node */
	if (rb_is_red(child))
		rb_set_color(child, RB_BLACK);	/* it pays for the loss */
	else if (gap_parent)
		rb_erase_color(gap_parent, gap_dir, root);
}

/* The node furthest to side dir below node (the minimum for RB_LEFT). */
static struct rb_node *rb_extreme(struct rb_node *node, int dir)
{
	if (!node)
		return NULL;
	while (*rb_child(node, dir))
		node = *rb_child(node, dir);
	return node;
}

/* The in-order neighbour of node on side dir: down into that subtree if
 * there is one, else up until we come from the other side. */
static struct rb_node *rb_step(struct rb_node *node, int dir)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (*rb_child(node, dir))
		return rb_extreme(*rb_child(node, dir), !dir);
	while ((parent = rb_parent(node)) && node == *rb_child(parent, dir))
		node = parent;
	return parent;
}

/* Linux: lib/rbtree.c rb_next() */
struct rb_node *rb_next(const struct rb_node *node)
{
	return rb_step((struct rb_node *)node, RB_RIGHT);
}

/* Linux: lib/rbtree.c rb_prev() */
struct rb_node *rb_prev(const struct rb_node *node)
{
	return rb_step((struct rb_node *)node, RB_LEFT);
}

/* Linux: lib/rbtree.c rb_first() */
struct rb_node *rb_first(const struct rb_root *root)
{
	return rb_extreme(root->rb_node, RB_LEFT);
}

/* Linux: lib/rbtree.c rb_last() */
struct rb_node *rb_last(const struct rb_root *root)
{
	return rb_extreme(root->rb_node, RB_RIGHT);
}

/* Linux: include/linux/rbtree.h rb_insert_color_cached() — the caller
 * knows whether it only went left on the way down (a new minimum). */
void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

/* Linux: include/linux/rbtree.h rb_erase_cached() */
void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
}
