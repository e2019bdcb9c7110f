/*
 * cow: fork copies memory as if at once, however it is done (Pollux:
 * copy-on-write).  Parent and child then write the same 64 heap pages,
 * a static array and a stack array in turn, each checking after the
 * other's writes that it sees only its own; the kernel writing into a
 * page shared since fork (read() and pipe() filling the child's buffers)
 * breaks the sharing too; a thread of the parent writing after fork is
 * not seen by the child; after the child's exit the parent's pages are
 * as it left them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

#define HEAP (64 * 4096)

static char *heap;
static char data[3 * 4096];
static int to_child[2], to_parent[2];

static void fill(char *stack, char c)
{
	for (int i = 0; i < HEAP; i += 512)
		heap[i] = c;
	memset(data, c, sizeof(data));
	memset(stack, c, 4096);
}

static int all(const char *stack, char c)
{
	for (int i = 0; i < HEAP; i += 512)
		if (heap[i] != c)
			return 0;
	for (size_t i = 0; i < sizeof(data); i++)
		if (data[i] != c)
			return 0;
	for (int i = 0; i < 4096; i++)
		if (stack[i] != c)
			return 0;
	return 1;
}

static void step(int fd_out, int fd_in)
{
	char c = 's';

	write(fd_out, &c, 1);
	read(fd_in, &c, 1);
}

static void *thread_writes(void *arg)
{
	(void)arg;
	memset(data, 't', sizeof(data));
	return NULL;
}

/* The child, on main's stack, buf and fds: bit i of its exit status
 * is check i. */
static int child(char *stack, char *buf, int *fds)
{
	int bits = 0;

	bits |= all(stack, 'o') << 0;		/* the parent's pre-fork writes */
	fill(stack, 'c');
	step(to_parent[1], to_child[0]);	/* parent checks, writes 'p' */
	bits |= all(stack, 'c') << 1;
	write(to_parent[1], "new", 3);
	read(to_child[0], buf, 3);		/* the kernel writes buf */
	bits |= !memcmp(buf, "abc", 3) << 2;
	pipe(fds);				/* ... and fds */
	bits |= (fds[0] > 2) << 3;
	step(to_parent[1], to_child[0]);	/* parent's thread writes 't' */
	bits |= (data[0] == 'c') << 4;
	return bits;
}

int main(void)
{
	char stack[4096], buf[8] = "old";
	int fds[2] = { -7, -7 }, s = -1;
	pthread_t t;
	pid_t pid;

	heap = malloc(HEAP);
	pipe(to_child);
	pipe(to_parent);
	fill(stack, 'o');
	pid = fork();
	if (pid == 0)
		_exit(child(stack, buf, fds));
	read(to_parent[0], buf, 1);
	CHECK(all(stack, 'o'), "parent: the child's writes are not seen (heap, data, stack)");
	fill(stack, 'p');
	write(to_child[1], "s", 1);
	read(to_parent[0], buf, 3);
	write(to_child[1], "abc", 3);
	read(to_parent[0], buf + 3, 1);
	CHECK(!memcmp(buf, "new", 3), "parent: the child's read() into the same buffer is not seen");
	CHECK(fds[0] == -7, "parent: the child's pipe() did not write the parent's fds");
	CHECK_EQ(pthread_create(&t, NULL, thread_writes, NULL), 0,
		 "parent: a thread created after fork");
	pthread_join(t, NULL);
	write(to_child[1], "s", 1);
	waitpid(pid, &s, 0);
	s = WIFEXITED(s) ? WEXITSTATUS(s) : 0;
	CHECK(s & 1, "child: sees the parent's writes from before fork");
	CHECK(s & 2, "child: sees only its own writes after the parent wrote");
	CHECK(s & 4, "child: read() into a page shared since fork gets the data");
	CHECK(s & 8, "child: pipe() into a page shared since fork");
	CHECK(s & 16, "child: a parent thread's write after fork is not seen");
	memset(data, 'p', sizeof(data));
	CHECK(all(stack, 'p'), "parent, after the child exited: its own pages as it left them");
	return tt_done();
}
