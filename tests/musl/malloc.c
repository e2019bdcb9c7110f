/*
 * A malloc/free stress for musl's allocator (mallocng): thousands of
 * blocks from 1 byte to 512 KiB, each filled with a pattern and checked
 * before it is freed, in a pseudo-random but fixed order; realloc that
 * grows and shrinks; calloc that must see zeroes even in reused memory.
 * Small blocks come from brk and mmap'd groups, large ones from their
 * own mmap; freed memory goes back by munmap, madvise and mremap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 256
#define ROUNDS 6000

static unsigned long seed = 12345;

static unsigned long next_random(void)	/* a fixed LCG: same run everywhere */
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return seed >> 33;
}

static struct block {
	unsigned char *p;
	size_t size;
	unsigned char tag;
} slot[SLOTS];

static int bad;

static size_t random_size(void)
{
	unsigned long r = next_random() % 100;

	if (r < 70)
		return 1 + next_random() % 256;
	if (r < 95)
		return 1 + next_random() % 16384;
	return 1 + next_random() % (512 * 1024);	/* mmap'd on its own */
}

static void fill(struct block *b)
{
	for (size_t i = 0; i < b->size; i++)
		b->p[i] = (unsigned char)(b->tag + i);
}

static void check(struct block *b, size_t upto, const char *when)
{
	for (size_t i = 0; i < upto; i++)
		if (b->p[i] != (unsigned char)(b->tag + i)) {
			printf("corrupt block (%s): size %zu, byte %zu\n",
			       when, b->size, i);
			bad++;
			return;
		}
}

static void release(struct block *b)
{
	check(b, b->size, "free");
	free(b->p);
	b->p = NULL;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	unsigned long mallocs = 0, reallocs = 0, callocs = 0, bytes = 0;

	for (int round = 0; round < ROUNDS; round++) {
		struct block *b = &slot[next_random() % SLOTS];
		unsigned long op = next_random() % 10;

		if (b->p && op < 3) {			/* realloc, keep the prefix */
			size_t keep, size = random_size();

			keep = size < b->size ? size : b->size;
			b->p = realloc(b->p, size);
			if (!b->p)
				return printf("realloc(%zu) failed\n", size), 1;
			b->size = size;
			check(b, keep, "realloc");
			fill(b);
			reallocs++;
			continue;
		}
		if (b->p)
			release(b);
		b->size = random_size();
		b->tag = (unsigned char)round;
		if (op == 9) {				/* calloc: zeroes */
			b->p = calloc(1, b->size);
			if (b->p && !all_zero(b->p, b->size)) {
				printf("calloc(%zu) not zeroed\n", b->size);
				bad++;
			}
			callocs++;
		} else {
			b->p = malloc(b->size);
			mallocs++;
		}
		if (!b->p)
			return printf("allocation of %zu failed\n", b->size), 1;
		bytes += b->size;
		fill(b);
	}
	for (int i = 0; i < SLOTS; i++)
		if (slot[i].p)
			release(&slot[i]);
	printf("%lu mallocs, %lu callocs, %lu reallocs, %lu bytes\n",
	       mallocs, callocs, reallocs, bytes);

	/* Memory freed and allocated again is whole and, from calloc, zero. */
	for (int i = 0; i < 64; i++) {
		unsigned char *p = malloc(200000);

		memset(p, 0xa5, 200000);
		free(p);
		p = calloc(200000, 1);
		if (!all_zero(p, 200000)) {
			printf("calloc after free: not zeroed\n");
			bad++;
		}
		free(p);
	}
	printf("%s\n", bad ? "malloc stress: FAILED" : "malloc stress: ok");
	return bad != 0;
}
