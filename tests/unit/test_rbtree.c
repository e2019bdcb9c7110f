/*
 * kernel/lib/rbtree.c: random inserts and erases, with the red-black rules
 * checked after every single operation, and the iteration API.
 */
#include <pollux/rbtree.h>

#include "host.h"
#include "test.h"

#define N 1000

struct item {
	struct rb_node node;
	int key;
};

static struct item items[N];
static struct rb_root_cached tree;
static int tree_size;

/* xorshift32: the same "random" sequence on every run and every host. */
static unsigned int rand_state = 2463534242u;

static unsigned int next_rand(void)
{
	rand_state ^= rand_state << 13;
	rand_state ^= rand_state >> 17;
	rand_state ^= rand_state << 5;
	return rand_state;
}

static void shuffle(int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = next_rand() % (i + 1), t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static int key_of(const struct rb_node *node)
{
	return rb_entry(node, struct item, node)->key;
}

/* The insert a tree user writes: walk down, link, rebalance. */
static void insert(struct item *it)
{
	struct rb_node **link = &tree.rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (it->key < key_of(parent)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color_cached(&it->node, &tree, leftmost);
	tree_size++;
}

static void erase(struct item *it)
{
	rb_erase_cached(&it->node, &tree);
	RB_CLEAR_NODE(&it->node);
	tree_size--;
}

/* Colour bit 1 is black (rbtree.h); NULL leaves are black. */
static bool is_red(const struct rb_node *n)
{
	return n && !(n->__rb_parent_color & 1);
}

/*
 * Check the subtree at n (whose parent must be parent, keys in [lo, hi])
 * and return its black height, or -1 with *why set.  *count gets its nodes.
 */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent,
			 long lo, long hi, int *count, const char **why)
{
	int lh, rh;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return *why = "parent pointer", -1;
	if (key_of(n) < lo || key_of(n) > hi)
		return *why = "key order", -1;
	if (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right)))
		return *why = "red node with red child", -1;
	++*count;
	lh = check_subtree(n->rb_left, n, lo, key_of(n), count, why);
	rh = check_subtree(n->rb_right, n, key_of(n), hi, count, why);
	if (lh < 0 || rh < 0)
		return -1;
	if (lh != rh)
		return *why = "black heights differ", -1;
	return lh + !is_red(n);
}

/* NULL if tree obeys every rule and matches tree_size, else which rule. */
static const char *check_tree(void)
{
	const char *why = NULL;
	int count = 0;
	struct rb_node *root = tree.rb_root.rb_node;

	if (is_red(root))
		return "red root";
	if (check_subtree(root, NULL, -(1L << 40), 1L << 40, &count, &why) < 0)
		return why;
	if (count != tree_size)
		return "node count";
	if (tree.rb_leftmost != rb_first(&tree.rb_root))
		return "cached leftmost";
	return NULL;
}

/* Report the first operation after which check_tree() failed, if any. */
static void check_each(const char *what, int bad_step, const char *why)
{
	char got[96] = "none";

	if (bad_step >= 0)
		host_snprintf(got, sizeof(got), "step %d: %s", bad_step, why);
	CHECK_STR(got, "none", what);
}

static void test_empty(void)
{
	struct rb_root root = RB_ROOT;
	struct rb_root_cached cached = RB_ROOT_CACHED;

	CHECK(RB_EMPTY_ROOT(&root), "RB_ROOT is empty");
	CHECK(rb_first(&root) == NULL, "rb_first of an empty tree is NULL");
	CHECK(rb_last(&root) == NULL, "rb_last of an empty tree is NULL");
	CHECK(rb_first_cached(&cached) == NULL, "RB_ROOT_CACHED has no leftmost");
}

static void test_clear_node(void)
{
	struct item it = { .key = 1 };

	RB_CLEAR_NODE(&it.node);
	CHECK(RB_EMPTY_NODE(&it.node), "RB_CLEAR_NODE makes RB_EMPTY_NODE true");
	CHECK(rb_next(&it.node) == NULL, "rb_next of a cleared node is NULL");
	CHECK(rb_prev(&it.node) == NULL, "rb_prev of a cleared node is NULL");
	insert(&it);
	CHECK(!RB_EMPTY_NODE(&it.node), "a linked node is not RB_EMPTY_NODE");
	CHECK(rb_first_cached(&tree) == &it.node, "single node is leftmost");
	CHECK(rb_next(&it.node) == NULL && rb_prev(&it.node) == NULL,
	      "single node has no neighbours");
	erase(&it);
	CHECK(RB_EMPTY_ROOT(&tree.rb_root), "erasing the only node empties the tree");
	CHECK(rb_first_cached(&tree) == NULL, "and clears the cached leftmost");
}

static void insert_all(int *keys)
{
	int bad = -1;
	const char *why = NULL;

	for (int i = 0; i < N; i++) {
		items[i].key = keys[i];
		insert(&items[i]);
		if (bad < 0 && (why = check_tree()))
			bad = i;
	}
	check_each("rules hold after each of 1000 random inserts", bad, why);
}

/* Walk with first/next and last/prev: keys must be 0..N-1 in order. */
static void test_traversal(void)
{
	struct rb_node *n;
	int want = 0, ok = 1;

	for (n = rb_first(&tree.rb_root); n; n = rb_next(n))
		ok &= key_of(n) == want++;
	CHECK(ok && want == N, "rb_first/rb_next visit keys in ascending order");
	for (n = rb_last(&tree.rb_root); n; n = rb_prev(n))
		ok &= key_of(n) == --want;
	CHECK(ok && want == 0, "rb_last/rb_prev visit keys in descending order");
	CHECK_EQ(key_of(rb_first_cached(&tree)), 0, "rb_first_cached is the minimum");
	CHECK_EQ(key_of(rb_last(&tree.rb_root)), N - 1, "rb_last is the maximum");
}

/* After each erase, the in-order walk must be exactly the keys still in. */
static bool walk_matches(const bool *present)
{
	struct rb_node *n = rb_first(&tree.rb_root);

	for (int k = 0; k < N; k++) {
		if (!present[k])
			continue;
		if (!n || key_of(n) != k)
			return false;
		n = rb_next(n);
	}
	return n == NULL;
}

static void erase_all(int *order)
{
	static bool present[N];
	int bad = -1, bad_walk = -1;
	const char *why = NULL;

	for (int k = 0; k < N; k++)
		present[k] = true;
	for (int i = 0; i < N; i++) {
		struct item *it = &items[0];

		while (it->key != order[i])
			it++;
		erase(it);
		present[order[i]] = false;
		if (bad < 0 && (why = check_tree()))
			bad = i;
		if (bad_walk < 0 && !walk_matches(present))
			bad_walk = i;
	}
	check_each("rules hold after each of 1000 random erases", bad, why);
	CHECK_EQ(bad_walk, -1, "in-order walk is the remaining keys after each erase");
	CHECK(RB_EMPTY_ROOT(&tree.rb_root), "tree is empty after erasing all");
}

/* Many small trees with interleaved inserts and erases reach the rare
 * rebalancing cases (erasing a root, a red sibling...) often. */
static void test_small_mixed(void)
{
	int bad = -1;
	const char *why = NULL;

	for (int round = 0; round < 2000 && bad < 0; round++) {
		int n = 1 + next_rand() % 24;
		bool in[24] = { false };

		for (int op = 0; op < 4 * n && bad < 0; op++) {
			int k = next_rand() % n;

			if (in[k]) {
				erase(&items[k]);
			} else {
				items[k].key = k;
				insert(&items[k]);
			}
			in[k] = !in[k];
			if ((why = check_tree()))
				bad = round;
		}
		for (int k = 0; k < n; k++)
			if (in[k])
				erase(&items[k]);
	}
	check_each("rules hold through 2000 rounds of mixed small-tree ops",
		   bad, why);
}

/* Equal keys: inserted to the right, so they come out in insertion order. */
static void test_duplicates(void)
{
	struct rb_node *n;
	int ok = 1, i = 0;

	for (int k = 0; k < 50; k++) {
		items[k].key = 7;
		insert(&items[k]);
	}
	for (n = rb_first(&tree.rb_root); n; n = rb_next(n), i++)
		ok &= n == &items[i].node;
	CHECK(ok && i == 50 && !check_tree(), "equal keys keep insertion order");
	for (int k = 0; k < 50; k++)
		erase(&items[k]);
}

int main(void)
{
	static int keys[N];

	tree = RB_ROOT_CACHED;
	test_empty();
	test_clear_node();

	for (int i = 0; i < N; i++)
		keys[i] = i;
	shuffle(keys, N);
	insert_all(keys);
	test_traversal();
	shuffle(keys, N);
	erase_all(keys);

	test_small_mixed();
	test_duplicates();
	return test_done();
}
