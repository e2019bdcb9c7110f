/*
 * fuzz_epoll.c - random epoll topologies: a few epoll instances and
 * pipes, random ADD/MOD/DEL between them (instances watching instances,
 * loops included), writes, reads, dups and closes, while forked waiters
 * sit in epoll_wait on the same instances.
 *
 *     waiter -(wait)-> ep0 -(ctl)-> ep1 -(ctl)-> pipe rd
 *                        ^-----------'  (a loop: ELOOP)
 *
 * Two results are checked against Linux's rules (Linux gives them, see
 * tests/user/epoll_nest.c): an ADD that would close a loop fails with
 * ELOOP, and a waiter only ever receives data words we registered.
 * Either failing is reported as REPORT_VIOLATION.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define NEP 5		/* epoll instances */
#define NPIPE 3
#define MAX_WAITERS 3
#define COOKIE 0x5eed000000000000ULL	/* in every data word we register */

/* fds[i][0..1]: the fds of instance i (a second after a dup), -1 if none;
 * items[i][j]: ADDs of instance j to instance i that succeeded and have
 * not been deleted: what we know to be in the kernel's graph. */
static int fds[NEP][2];
static int items[NEP][NEP];
static int rd[NPIPE], wr[NPIPE];
static int waiters;

static int some_fd(int i)
{
	return fds[i][0] >= 0 ? fds[i][0] : fds[i][1];
}

/* Is there a path from instance from to instance to? */
static int reaches(int from, int to, int depth)
{
	if (from == to)
		return 1;
	for (int j = 0; j < NEP && depth < NEP; j++)
		if (items[from][j] && reaches(j, to, depth + 1))
			return 1;
	return 0;
}

static void new_instance(int i)
{
	fds[i][0] = epoll_create1(0);
	fds[i][1] = -1;
	for (int j = 0; j < NEP; j++)
		items[i][j] = items[j][i] = 0;
}

static void new_pipe(int k)
{
	int p[2];

	pipe2(p, O_NONBLOCK);
	rd[k] = p[0];
	wr[k] = p[1];
}

static int result(int ret)
{
	return ret < 0 ? errno : 0;
}

/* ADD instance j to instance i: a loop must give ELOOP. */
static void add_instance(int i, int j)
{
	struct epoll_event ev = { EPOLLIN, { .u64 = COOKIE | 0x100 | j } };
	int loop, ret;

	if (below(4) == 0)
		ev.events |= EPOLLET;
	if (below(8) == 0)
		ev.events |= EPOLLEXCLUSIVE;	/* EINVAL on an epoll target */
	loop = i != j && !(ev.events & EPOLLEXCLUSIVE) && reaches(j, i, 0);
	ret = epoll_ctl(some_fd(i), EPOLL_CTL_ADD, some_fd(j), &ev);
	if (ret == 0)
		items[i][j]++;
	if (loop && !(ret == -1 && errno == ELOOP))
		report(REPORT_VIOLATION);
	report(result(ret));
}

static void ctl_pipe(int i, int k)
{
	struct epoll_event ev = { (unsigned)rnd(), { .u64 = COOKIE | k } };
	int op = 1 + below(3);	/* ADD, DEL, MOD */

	report(result(epoll_ctl(some_fd(i), op, below(2) ? rd[k] : wr[k], &ev)));
}

static void del_instance(int i, int j)
{
	int ret = epoll_ctl(some_fd(i), EPOLL_CTL_DEL, some_fd(j), NULL);

	if (ret == 0 && items[i][j])
		items[i][j]--;
	report(result(ret));
}

/* Closes one fd of instance i; the last one ends the instance as far as
 * we know (a waiter may still hold it), and a new one takes its place. */
static void close_instance(int i)
{
	int which = fds[i][0] >= 0 ? 0 : 1;

	report(result(close(fds[i][which])));
	fds[i][which] = -1;
	if (fds[i][0] < 0 && fds[i][1] < 0)
		new_instance(i);
}

static void dup_instance(int i)
{
	int slot = fds[i][0] >= 0 ? 1 : 0;

	if (fds[i][slot] >= 0)
		report(result(close(fds[i][slot])));
	fds[i][slot] = dup(some_fd(i));
	report(result(fds[i][slot]));
}

static void pipe_io(int k)
{
	char buf[64];

	if (below(2))
		report(result(write(wr[k], "ready", 1 + below(5))));
	else
		report(result(read(rd[k], buf, below(sizeof(buf)))));
}

/* Closes and reopens pipe k: its items go with it. */
static void renew_pipe(int k)
{
	report(result(close(rd[k])));
	report(result(close(wr[k])));
	new_pipe(k);
}

/* In a child: a few bounded waits on one instance; exit 3 if an event
 * carries a data word we never registered. */
static void waiter(int ep)
{
	struct epoll_event ev[8];

	for (int round = 0; round < 4; round++) {
		int n = epoll_wait(ep, ev, 8, below(10));

		if (n < 0)
			_exit(0);
		for (int e = 0; e < n; e++)
			if ((ev[e].data.u64 & 0xffff000000000000ULL) != COOKIE)
				_exit(3);
	}
	_exit(0);
}

static void start_waiter(int ep)
{
	pid_t pid;

	if (waiters == MAX_WAITERS)
		return;
	pid = fork();
	if (pid == 0)
		waiter(ep);
	waiters += pid > 0;
	report(result(pid));
}

static void step(void)
{
	int i = below(NEP), j = below(NEP), k = below(NPIPE);
	struct epoll_event ev;

	switch (below(10)) {
	case 0: case 1: add_instance(i, j); break;
	case 2: case 3: ctl_pipe(i, k); break;
	case 4: del_instance(i, j); break;
	case 5: pipe_io(k); break;
	case 6: below(2) ? close_instance(i) : dup_instance(i); break;
	case 7: renew_pipe(k); break;
	case 8: report(result(epoll_wait(some_fd(i), &ev, 1, 0))); break;
	default:
		start_waiter(some_fd(i));
	}
}

/* Closes everything in a random order, then judges the waiters. */
static void teardown(void)
{
	int fd[NEP * 2 + NPIPE * 2], n = 0, status;

	for (int i = 0; i < NEP; i++)
		for (int s = 0; s < 2; s++)
			if (fds[i][s] >= 0)
				fd[n++] = fds[i][s];
	for (int k = 0; k < NPIPE; k++) {
		fd[n++] = rd[k];
		fd[n++] = wr[k];
	}
	for (; n > 0; n--) {
		int pick = below(n);

		report(result(close(fd[pick])));
		fd[pick] = fd[n - 1];
	}
	while (wait(&status) > 0)
		if (status != 0)
			report(REPORT_VIOLATION);
}

void fuzz_epoll(int count)
{
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < NEP; i++)
		new_instance(i);
	for (int k = 0; k < NPIPE; k++)
		new_pipe(k);
	for (int i = 0; i < count; i++)
		step();
	teardown();
	report(REPORT_DONE);
	_exit(0);
}
