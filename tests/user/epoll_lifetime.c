/*
 * Lifetime of interest-set items and of the epoll instance: an item is
 * keyed by (open file, fd number) and lives until the last reference to
 * the open file goes; fork shares the instance; EPOLL_CLOEXEC closes the
 * epoll fd at execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

static int rd, wr;

static void new_pipe(void)
{
	int p[2];

	pipe(p);
	rd = p[0];
	wr = p[1];
}

/*
 * close(fd) only drops one reference; the item goes with the last one.
 *   ep -(lt)-> rd (data 3)   d = dup(rd); close(rd): still reported
 */
static void test_dup_close(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), d, rdnum;

	new_pipe();
	rdnum = rd;
	ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 3);
	write(wr, "x", 1);
	d = dup(rd);
	close(rd);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "dup then close original: still reported");
	CHECK_EQ(ev.data.u64, 3, "  with the original data");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, rdnum, NULL), EBADF, "DEL the closed fd -> EBADF");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL), ENOENT,
		  "DEL the dup -> ENOENT (a different key)");
	CHECK_EQ(dup2(d, rdnum), rdnum, "dup2 the file back to the old number");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, rdnum, NULL), 0, "  now DEL finds the key -> 0");

	ep_ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN, 4);
	close(rdnum);
	close(d);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "last reference closed: the ready item is gone -> 0");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, d, NULL), EFAULT, "ADD closed fd, NULL event -> EFAULT");
	close(wr);
	close(ep);
}

/* Two fds of one file are two items: one write, two events. */
static void test_two_keys(void)
{
	struct epoll_event ev[4];
	int ep = epoll_create1(0), d;

	new_pipe();
	d = dup(rd);
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 5), 0, "ADD rd");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN | EPOLLET, 6), 0, "ADD dup(rd), other mask");
	write(wr, "x", 1);
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 2, "one write, two items -> 2");
	/* add_wait_queue() puts a new entry at the head of the pipe's queue, so the
	 * item added last is woken, and queued, first. */
	CHECK_EQ(ev[0].data.u64 * 10 + ev[1].data.u64, 65, "  data 6 then 5 (last added, first woken)");
	close(d);
	close(rd);
	close(wr);
	close(ep);
}

static void test_close_epoll(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), d;

	new_pipe();
	ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 7);
	write(wr, "x", 1);
	d = dup(ep);
	close(ep);
	CHECK_EQ(wait1(d, &ev, 0), 1, "epoll fd dup'ed and closed: instance lives on -> 1");
	CHECK_EQ(ev.data.u64, 7, "  data 7");
	close(d);
	CHECK_ERR(wait1(d, &ev, 0), EBADF, "all epoll fds closed -> EBADF");
	/* The pipe outlives the instance that watched it. */
	CHECK_EQ(read(rd, &ev, 1), 1, "the watched pipe still works");
	close(rd);
	close(wr);
}

/* fork shares the instance: the child's ADD is seen by the parent. */
static void test_fork_shares(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(0), status;
	pid_t pid;

	new_pipe();
	ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 8);
	pid = fork();
	if (pid == 0) {
		/* Exit 0 iff the inherited item is there (EEXIST) and the new ADD works. */
		int eexist = ep_ctl(ep, EPOLL_CTL_ADD, wr, EPOLLOUT, 0) == -1 && errno == EEXIST;

		_exit(!eexist + 2 * (ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 9) != 0));
	}
	status = wait_child(pid);
	CHECK(WIFEXITED(status), "child exited");
	CHECK_EQ(WEXITSTATUS(status), 0, "child: inherited item EEXIST, ADD rd -> 0");
	write(wr, "x", 1);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, wr, NULL), 0, "parent DEL wr");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "parent sees the child's item -> 1");
	CHECK_EQ(ev.data.u64, 9, "  data 9");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 9), EEXIST, "parent ADD rd -> EEXIST");
	close(rd);
	close(wr);
	close(ep);
}

/* Exec'd with "exec-check A B": A must be closed, B still an epoll fd. */
static int exec_check(const char *a, const char *b)
{
	struct epoll_event ev;
	int fa = a[0] - '0', fb = b[0] - '0';

	if (fcntl(fa, F_GETFD) != -1 || errno != EBADF)
		return 1;
	if (fcntl(fb, F_GETFD) != 0)
		return 2;
	if (epoll_wait(fb, &ev, 1, 0) != 0)
		return 3;
	return 0;
}

static void test_cloexec(const char *self)
{
	char a[2] = "?", b[2] = "?";
	char *argv[] = { (char *)self, "exec-check", a, b, NULL };
	char *envp[] = { NULL };
	int cloexec = epoll_create1(EPOLL_CLOEXEC);
	int keep = epoll_create1(0);
	int status;
	pid_t pid;

	/* Single digits keep the argument parsing trivial. */
	CHECK(cloexec < 10 && keep < 10, "both epoll fds below 10");
	a[0] = '0' + cloexec;
	b[0] = '0' + keep;
	pid = fork();
	if (pid == 0) {
		execve(self, argv, envp);
		_exit(100);
	}
	status = wait_child(pid);
	CHECK(WIFEXITED(status), "exec'd child exited");
	CHECK_EQ(WEXITSTATUS(status), 0,
		 "after execve: EPOLL_CLOEXEC fd closed (EBADF), the other still an epoll fd");
	close(cloexec);
	close(keep);
}

int main(int argc, char **argv)
{
	if (argc == 4)
		return exec_check(argv[2], argv[3]);
	test_dup_close();
	test_two_keys();
	test_close_epoll();
	test_fork_shares();
	test_cloexec(argv[0]);
	return test_done();
}
