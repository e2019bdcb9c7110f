/*
 * readv/writev on a pipe go through the pipe in one call, as Linux's
 * iov_iter does: a writev of up to PIPE_BUF bytes is atomic however many
 * segments carry it, a readv returns what it has instead of waiting to
 * fill its later segments, and one writev wakes the readers once.
 *
 *   child A -(epoll_wait)-> e1 -(IN|EXCLUSIVE)-> p[0] <- writev(2 segments)
 *   child B -(epoll_wait)-> e2 -(IN|EXCLUSIVE)-> p[0]
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

#define PAGE 4096

static char big[15 * PAGE], seg_a[100], seg_b[100];
static int p[2];

/* Leaves exactly 100 bytes of room in the pipe: 15 full pages and a 16th
 * holding 3996 bytes (a 64 KiB pipe is full by its 16 slots). */
static void fill_but_100(void)
{
	CHECK_EQ(write(p[1], big, sizeof(big)), (long)sizeof(big), "15 full pages");
	CHECK_EQ(write(p[1], big, PAGE - 100), PAGE - 100, "a 16th page short of 100 bytes");
}

static void test_atomic(void)
{
	struct iovec two[2] = { { seg_a, 100 }, { seg_b, 100 } };
	struct iovec halves[2] = { { seg_a, 50 }, { seg_b, 50 } };
	char tail[100];

	CHECK_EQ(pipe2(p, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
	fill_but_100();
	CHECK_ERR(writev(p[1], two, 2), EAGAIN,
		  "writev of 2 x 100 bytes into 100 free bytes: EAGAIN, nothing written");
	CHECK_EQ(writev(p[1], halves, 2), 100, "writev of 2 x 50 bytes fits whole");
	CHECK_ERR(writev(p[1], halves, 1), EAGAIN, "then the pipe is full");
	CHECK_EQ(read(p[0], big, sizeof(big)), (long)sizeof(big), "read the 15 pages");
	CHECK_EQ(read(p[0], big, PAGE - 100), PAGE - 100, "and the short page's first part");
	CHECK_EQ(read(p[0], tail, sizeof(tail)), 100, "the writev's 100 bytes");
	CHECK_MEM(tail, "AAAAA", 5, "segment one first");
	CHECK_MEM(tail + 50, "BBBBB", 5, "segment two after it");
	close(p[0]);
	close(p[1]);
}

/* A blocking readv of 3 + 3 bytes from a pipe holding 3: returns 3 at
 * once (SIGALRM kills the child if it waits for the second segment). */
static int readv_child(void)
{
	char a[3], b[3];
	struct iovec iov[2] = { { a, 3 }, { b, 3 } };

	alarm(2);
	return readv(p[0], iov, 2) == 3 && !memcmp(a, "xyz", 3) ? 0 : 1;
}

static void test_readv(void)
{
	int status;

	CHECK_EQ(pipe(p), 0, "pipe");
	CHECK_EQ(write(p[1], "xyz", 3), 3, "3 bytes in the pipe");
	status = run_child(readv_child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a blocking readv of 3 + 3 bytes returns the 3 there are");
	close(p[0]);
	close(p[1]);
}

static int ep1, ep2;

static int wait_e1(void)
{
	struct epoll_event ev;

	return epoll_wait(ep1, &ev, 1, 600);
}

static int wait_e2(void)
{
	struct epoll_event ev;

	return epoll_wait(ep2, &ev, 1, 600);
}

static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid;
}

static void test_one_wakeup(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	struct iovec two[2] = { { seg_a, 1 }, { seg_b, 1 } };
	pid_t w[2];
	int sa, sb;

	CHECK_EQ(pipe(p), 0, "pipe");
	ep1 = epoll_create1(0);
	ep2 = epoll_create1(0);
	CHECK_EQ(epoll_ctl(ep1, EPOLL_CTL_ADD, p[0], &ev), 0, "e1 watches p[0] EXCLUSIVE");
	CHECK_EQ(epoll_ctl(ep2, EPOLL_CTL_ADD, p[0], &ev), 0, "e2 watches p[0] EXCLUSIVE");
	w[0] = spawn(wait_e1);
	w[1] = spawn(wait_e2);
	CHECK(wait_states(w, 2, "S"), "both children asleep in epoll_wait");
	CHECK_EQ(writev(p[1], two, 2), 2, "writev of 2 x 1 byte");
	waitpid(w[0], &sa, 0);
	waitpid(w[1], &sb, 0);
	CHECK_EQ(WEXITSTATUS(sa) + WEXITSTATUS(sb), 1,
		 "one wake-up for the writev: one exclusive waiter woke, the other timed out");
}

int main(void)
{
	memset(big, 'x', sizeof(big));
	memset(seg_a, 'A', sizeof(seg_a));
	memset(seg_b, 'B', sizeof(seg_b));
	test_atomic();
	test_readv();
	test_one_wakeup();
	return test_done();
}
