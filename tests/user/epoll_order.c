/*
 * Order and fairness of the ready list: FIFO by the moment each item
 * became ready, and level-triggered items go back to the tail after
 * they are reported, so small maxevents values cycle through all fds.
 */
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define NPIPES 5

static int ep, rd[NPIPES], wr[NPIPES];

/*
 * Run `calls` epoll_waits of `max` events each and write the data values
 * (pipe numbers) into out as digits, a '|' between calls: "01|23|4".
 */
static void harvest(int calls, int max, char *out)
{
	struct epoll_event ev[NPIPES];
	int c, i, n;

	for (c = 0; c < calls; c++) {
		if (c > 0)
			*out++ = '|';
		n = epoll_wait(ep, ev, max, 0);
		for (i = 0; i < n; i++)
			*out++ = '0' + (char)ev[i].data.u64;
	}
	*out = '\0';
}

static void setup(void)
{
	int p[2], i;

	ep = epoll_create1(0);
	for (i = 0; i < NPIPES; i++) {
		pipe(p);
		rd[i] = p[0];
		wr[i] = p[1];
		ep_ctl(ep, EPOLL_CTL_ADD, rd[i], EPOLLIN, i);
	}
}

/* Readiness order, not fd or registration order, decides. */
static void test_fifo_by_readiness(void)
{
	static const int order[NPIPES] = { 3, 1, 4, 0, 2 };
	char got[64];
	int i;

	for (i = 0; i < NPIPES; i++)
		write(wr[order[i]], "x", 1);
	harvest(1, NPIPES, got);
	CHECK_STR(got, "31402", "written 3,1,4,0,2 -> reported 3,1,4,0,2");
	harvest(1, NPIPES, got);
	CHECK_STR(got, "31402", "all re-queued at the tail in the same order");
}

static void test_round_robin(void)
{
	char got[64];

	harvest(7, 1, got);
	CHECK_STR(got, "3|1|4|0|2|3|1", "maxevents 1: cycles 3,1,4,0,2,3,1");
	harvest(4, 3, got);
	CHECK_STR(got, "402|314|023|140", "maxevents 3: [4 0 2][3 1 4][0 2 3][1 4 0]");
	harvest(3, 2, got);
	CHECK_STR(got, "23|14|02", "maxevents 2: [2 3][1 4][0 2]");
}

/* A drained fd drops out of the cycle; a new write puts it at the tail. */
static void test_drop_and_requeue(void)
{
	char got[64], c;

	read(rd[1], &c, 1);
	harvest(2, 3, got);
	CHECK_STR(got, "340|234", "pipe 1 drained: cycles without it");
	write(wr[1], "x", 1);
	harvest(2, 3, got);
	CHECK_STR(got, "023|410", "pipe 1 written again: queued at the tail, after 4");
}

/* ET items are not re-queued; one left over by maxevents waits for the next call. */
static void test_edge_leftover(void)
{
	char got[64];
	int i;

	for (i = 0; i < NPIPES; i++)
		ep_ctl(ep, EPOLL_CTL_MOD, rd[i], EPOLLIN | EPOLLET, i);
	harvest(3, 3, got);
	CHECK_STR(got, "234|10|", "MOD to ET keeps queued items in place: [2 3 4][1 0][]");
	write(wr[2], "x", 1);
	write(wr[0], "x", 1);
	harvest(2, 1, got);
	CHECK_STR(got, "2|0", "ET, writes to 2 then 0, maxevents 1: [2][0]");
	harvest(1, 3, got);
	CHECK_STR(got, "", "ET: nothing left");
}

int main(void)
{
	setup();
	test_fifo_by_readiness();
	test_round_robin();
	test_drop_and_requeue();
	test_edge_leftover();
	return test_done();
}
