/*
 * A fork/exec/wait tree: the program runs itself again (execve of
 * argv[0], with arguments) to build a binary tree of processes three
 * levels deep.  Each node forks its two children at once, each child
 * execs the program for its subtree, and the node waits for both by pid;
 * a leaf exits with a number computed from its position, a node with
 * the sum of its children's.  Only the root prints, in a fixed order,
 * so the output does not depend on scheduling.
 *
 *                       root (depth 3)
 *             node 1                  node 2
 *        node 3     node 4       node 5     node 6
 *       7     8    9    10     11   12    13    14     <- leaves
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *self;

/* Runs the subtree rooted at node `id` of the given depth in a new
 * process; returns its pid. */
static pid_t spawn(int id, int depth)
{
	char ids[16], depths[16];
	char *argv[] = { self, "node", ids, depths, NULL };
	pid_t pid;

	snprintf(ids, sizeof(ids), "%d", id);
	snprintf(depths, sizeof(depths), "%d", depth);
	pid = fork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	return pid;
}

/* The sum of the leaves of node id's subtree, from its children's exit
 * statuses; -1 if a child failed. */
static int leaf_value(int id) { return id * 3 % 17; }

static int run_node(int id, int depth, int verbose)
{
	pid_t left, right;
	int sl, sr;

	if (depth == 0)
		return leaf_value(id);
	left = spawn(2 * id + 1, depth - 1);
	right = spawn(2 * id + 2, depth - 1);
	if (waitpid(right, &sr, 0) != right || waitpid(left, &sl, 0) != left)
		return -1;
	if (!WIFEXITED(sl) || !WIFEXITED(sr))
		return -1;
	if (verbose)
		printf("node %d: children %d and %d exited with %d and %d\n",
		       id, 2 * id + 1, 2 * id + 2, WEXITSTATUS(sl),
		       WEXITSTATUS(sr));
	return WEXITSTATUS(sl) + WEXITSTATUS(sr);
}

int main(int argc, char **argv)
{
	int sum, expect = 0, status;
	pid_t pid;

	self = argv[0];
	if (argc == 4 && !strcmp(argv[1], "node")) {
		sum = run_node(atoi(argv[2]), atoi(argv[3]), 0);
		return sum < 0 ? 255 : sum;
	}
	printf("fork/exec/wait tree, 3 levels, 8 leaves\n");
	fflush(stdout);		/* before fork: the children must not copy it */
	sum = run_node(0, 3, 1);
	for (int leaf = 7; leaf <= 14; leaf++)
		expect += leaf_value(leaf);
	printf("sum of the leaves: %d (computed here: %d)\n", sum, expect);

	/* exec failure and the status of a child that execs nothing */
	pid = fork();
	if (pid == 0) {
		char *bad[] = { "/no/such/program", NULL };

		execv(bad[0], bad);
		_exit(100);
	}
	waitpid(pid, &status, 0);
	printf("failed exec: child exited with %d\n", WEXITSTATUS(status));
	return sum == expect ? 0 : 1;
}
