/* include/pollux/list.h: order of adds, deletes, moves, splices, and the
 * iterators, seen through the keys of the entries. */
#include <pollux/list.h>

#include "host.h"
#include "test.h"

struct item {
	int key;
	struct list_head link;
};

static struct item items[6];

/* The keys of the list in order, e.g. "3 1 2"; "" when empty. */
static const char *keys(struct list_head *head)
{
	static char out[64];
	struct item *it;
	int len = 0;

	out[0] = '\0';
	list_for_each_entry(it, head, link)
		len += host_snprintf(out + len, sizeof(out) - len, "%s%d",
				     len ? " " : "", it->key);
	return out;
}

/* The same list walked backwards through prev, which must agree. */
static const char *keys_backwards(struct list_head *head)
{
	static char out[64];
	struct list_head *pos;
	int len = 0;

	out[0] = '\0';
	for (pos = head->prev; pos != head; pos = pos->prev)
		len += host_snprintf(out + len, sizeof(out) - len, "%s%d",
				     len ? " " : "",
				     list_entry(pos, struct item, link)->key);
	return out;
}

static void init_items(void)
{
	for (int i = 0; i < 6; i++) {
		items[i].key = i;
		INIT_LIST_HEAD(&items[i].link);
	}
}

static void test_add(void)
{
	LIST_HEAD(head);

	CHECK(list_empty(&head), "LIST_HEAD starts empty");
	init_items();
	list_add(&items[1].link, &head);
	list_add(&items[2].link, &head);
	list_add(&items[3].link, &head);
	CHECK_STR(keys(&head), "3 2 1", "list_add pushes at the front");
	CHECK_STR(keys_backwards(&head), "1 2 3", "prev links mirror next links");
	list_add_tail(&items[4].link, &head);
	CHECK_STR(keys(&head), "3 2 1 4", "list_add_tail appends");
	CHECK(!list_empty(&head), "a list with entries is not empty");
	CHECK_EQ(list_first_entry(&head, struct item, link)->key, 3,
		 "list_first_entry");
	CHECK_EQ(list_next_entry(&items[2], link)->key, 1, "list_next_entry");
}

static void test_del_move(void)
{
	struct list_head head, other;

	INIT_LIST_HEAD(&head);
	INIT_LIST_HEAD(&other);
	init_items();
	for (int i = 0; i < 4; i++)
		list_add_tail(&items[i].link, &head);
	list_del_init(&items[2].link);
	CHECK_STR(keys(&head), "0 1 3", "list_del_init unlinks");
	CHECK(list_empty(&items[2].link), "a list_del_init entry is empty");
	list_del(&items[0].link);
	CHECK_STR(keys(&head), "1 3", "list_del of the first entry");
	list_move_tail(&items[1].link, &head);
	CHECK_STR(keys(&head), "3 1", "list_move_tail within one list");
	list_move_tail(&items[3].link, &other);
	CHECK_STR(keys(&head), "1", "list_move_tail leaves the old list");
	CHECK_STR(keys(&other), "3", "and joins the new one at the tail");
	list_del(&items[1].link);
	CHECK(list_empty(&head), "deleting the last entry empties the list");
	CHECK_STR(keys_backwards(&head), "", "an empty list has no prev entries");
}

static void test_splice(void)
{
	struct list_head a, b;

	INIT_LIST_HEAD(&a);
	INIT_LIST_HEAD(&b);
	init_items();
	list_add_tail(&items[0].link, &a);
	list_add_tail(&items[1].link, &a);
	list_add_tail(&items[2].link, &b);
	list_add_tail(&items[3].link, &b);
	list_splice_init(&b, &a);
	CHECK_STR(keys(&a), "2 3 0 1", "list_splice_init puts the list in front");
	CHECK_STR(keys_backwards(&a), "1 0 3 2", "spliced prev links are right");
	CHECK(list_empty(&b), "list_splice_init leaves the source empty");
	list_splice_init(&b, &a);
	CHECK_STR(keys(&a), "2 3 0 1", "splicing an empty list changes nothing");
}

static void test_iterate_delete(void)
{
	struct list_head head;
	struct item *it, *next;
	struct list_head *pos;
	int n = 0;

	INIT_LIST_HEAD(&head);
	init_items();
	for (int i = 0; i < 6; i++)
		list_add_tail(&items[i].link, &head);
	list_for_each(pos, &head)
		n++;
	CHECK_EQ(n, 6, "list_for_each visits every entry");
	list_for_each_entry_safe(it, next, &head, link)
		if (it->key % 2 == 0)
			list_del_init(&it->link);
	CHECK_STR(keys(&head), "1 3 5", "list_for_each_entry_safe allows deleting");
}

int main(void)
{
	test_add();
	test_del_move();
	test_splice();
	test_iterate_delete();
	return test_done();
}
