/*
 * epoll_ctl: every error path, in the order Linux 6.18 checks them
 * (fs/eventpoll.c do_epoll_ctl), and what ADD/MOD/DEL accept.
 * Each call carries exactly the bad arguments whose precedence it tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define KERNEL_PTR ((struct epoll_event *)0xffff800000000000UL)
#define BAD_FD 1000 /* a number that is never open in these tests */

static int ep, rd, wr, regfile;

static void test_layout(void)
{
	CHECK_EQ(sizeof(struct epoll_event), 12, "sizeof(struct epoll_event) == 12 (packed)");
	CHECK_EQ(offsetof(struct epoll_event, data), 4, "epoll_event.data at offset 4");
	CHECK_EQ(EPOLL_CTL_ADD, 1, "EPOLL_CTL_ADD == 1");
	CHECK_EQ(EPOLL_CTL_DEL, 2, "EPOLL_CTL_DEL == 2");
	CHECK_EQ(EPOLL_CTL_MOD, 3, "EPOLL_CTL_MOD == 3");
}

/* Step 1: the event is copied in before anything else (except for DEL). */
static void test_efault_first(void)
{
	CHECK_ERR(epoll_ctl(-1, EPOLL_CTL_ADD, rd, NULL), EFAULT,
		  "ADD, bad epfd, NULL event -> EFAULT (copy comes first)");
	CHECK_ERR(epoll_ctl(ep, 99, rd, NULL), EFAULT, "op 99, NULL event -> EFAULT");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, rd, (struct epoll_event *)1), EFAULT,
		  "ADD, event at address 1 -> EFAULT");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, rd, KERNEL_PTR), EFAULT,
		  "ADD, event at a kernel address -> EFAULT");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, rd, KERNEL_PTR), EFAULT,
		  "MOD, event at a kernel address -> EFAULT");
	CHECK_ERR(epoll_ctl(-1, EPOLL_CTL_DEL, rd, NULL), EBADF,
		  "DEL never reads the event: bad epfd, NULL event -> EBADF");
}

/* Steps 2-4: epfd, then fd, then "can the target be polled at all". */
static void test_ebadf_eperm(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	CHECK_ERR(epoll_ctl(-1, EPOLL_CTL_ADD, rd, &ev), EBADF, "epfd -1 -> EBADF");
	CHECK_ERR(epoll_ctl(BAD_FD, EPOLL_CTL_ADD, rd, &ev), EBADF, "epfd not open -> EBADF");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF, "fd -1 -> EBADF");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, BAD_FD, &ev), EBADF, "fd not open -> EBADF");
	CHECK_ERR(epoll_ctl(-1, EPOLL_CTL_ADD, -1, &ev), EBADF, "both bad -> EBADF");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, regfile, &ev), EPERM,
		  "ADD a regular file -> EPERM");
	CHECK_ERR(epoll_ctl(rd, EPOLL_CTL_ADD, regfile, &ev), EPERM,
		  "non-epoll epfd + regular file -> EPERM (checked before EINVAL)");
	CHECK_ERR(epoll_ctl(ep, 99, regfile, &ev), EPERM, "op 99 + regular file -> EPERM");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, regfile, NULL), EPERM,
		  "DEL a regular file -> EPERM");
}

/* Steps 6-8: same file, not an epoll, EPOLLEXCLUSIVE misuse, bad op. */
static void test_einval(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep2 = epoll_create1(0);
	int dupep = dup(ep);

	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL, "ADD epfd to itself -> EINVAL");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, dupep, &ev), EINVAL,
		  "ADD a dup of epfd to itself -> EINVAL");
	CHECK_ERR(epoll_ctl(rd, EPOLL_CTL_ADD, wr, &ev), EINVAL, "epfd is a pipe -> EINVAL");
	CHECK_ERR(epoll_ctl(rd, EPOLL_CTL_DEL, wr, NULL), EINVAL, "DEL, epfd is a pipe -> EINVAL");
	CHECK_ERR(epoll_ctl(ep, 0, rd, &ev), EINVAL, "op 0 -> EINVAL");
	CHECK_ERR(epoll_ctl(ep, 4, rd, &ev), EINVAL, "op 4 -> EINVAL");
	CHECK_ERR(epoll_ctl(ep, -1, rd, &ev), EINVAL, "op -1 -> EINVAL");

	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN | EPOLLEXCLUSIVE, 0), EINVAL,
		  "MOD with EPOLLEXCLUSIVE, fd not registered -> EINVAL (not ENOENT)");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0),
		  EINVAL, "ADD EXCLUSIVE|ONESHOT -> EINVAL");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP, 0),
		  EINVAL, "ADD EXCLUSIVE|RDHUP -> EINVAL");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLEXCLUSIVE | EPOLLPRI, 0),
		  EINVAL, "ADD EXCLUSIVE|PRI -> EINVAL");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN | EPOLLEXCLUSIVE, 0), EINVAL,
		  "ADD EXCLUSIVE with an epoll target -> EINVAL");

	/* IN|OUT|ERR|HUP|WAKEUP|ET are the bits EXCLUSIVE may come with. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP |
			EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE, 0), 0,
		 "ADD EXCLUSIVE with IN|OUT|ERR|HUP|WAKEUP|ET -> 0");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN, 0), EINVAL,
		  "MOD of an item added with EXCLUSIVE -> EINVAL");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, rd, NULL), 0, "DEL of an EXCLUSIVE item -> 0");

	close(dupep);
	close(ep2);
}

/* Step 10: the interest-set lookup: EEXIST / ENOENT. */
static void test_exist_noent(void)
{
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLIN, 0), ENOENT, "MOD absent fd -> ENOENT");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, rd, NULL), ENOENT, "DEL absent fd -> ENOENT");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 1), 0, "ADD pipe read end -> 0");
	CHECK_ERR(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN, 1), EEXIST, "ADD it again -> EEXIST");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLOUT, 2), 0, "MOD it -> 0");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, rd, KERNEL_PTR), 0,
		 "DEL with a kernel-address event -> 0 (never read)");
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, rd, NULL), ENOENT, "DEL it again -> ENOENT");
}

/*
 * e1 -> e2 -> e1 would be a cycle.
 *   e1 -(lt)-> e2,  then ADD e1 into e2: ELOOP
 */
static void test_eloop(void)
{
	int e1 = epoll_create1(0), e2 = epoll_create1(0);

	CHECK_EQ(ep_ctl(e1, EPOLL_CTL_ADD, e2, EPOLLIN, 0), 0, "ADD e2 into e1 -> 0");
	CHECK_ERR(ep_ctl(e2, EPOLL_CTL_ADD, e1, EPOLLIN, 0), ELOOP, "ADD e1 into e2 -> ELOOP");
	CHECK_ERR(ep_ctl(e1, EPOLL_CTL_ADD, e2, EPOLLIN, 0), EEXIST,
		  "ADD e2 into e1 again -> EEXIST");
	close(e1);
	close(e2);
}

/* What a mask turns into: WAKEUP is dropped on a host without PM sleep, ERR/HUP are implied. */
static void test_masks(void)
{
	struct epoll_event ev;
	int ok = 0;
	unsigned i;
	static const uint32_t bits[8] = { EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLERR, EPOLLHUP,
					  EPOLLET, EPOLLONESHOT, EPOLLRDHUP };

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, rd, EPOLLIN | EPOLLWAKEUP, 7), 0,
		 "ADD with EPOLLWAKEUP -> 0");
	write(wr, "x", 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "written pipe: 1 event");
	CHECK_HEX(ev.events, EPOLLIN, "reported mask is EPOLLIN only (no WAKEUP bit)");
	CHECK_EQ(ev.data.u64, 7, "data as given");

	/* Unknown bits are stored, never reported. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, 0x0ff0f000 | EPOLLIN | EPOLLNVAL | EPOLLMSG, 8),
		 0, "MOD with unknown bits -> 0");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "still 1 event");
	CHECK_HEX(ev.events, EPOLLIN, "unknown bits not reported");

	/* MOD takes every combination of these 8 bits (LTP epoll_ctl03). */
	for (i = 0; i < 256; i++) {
		uint32_t mask = 0;
		int b;

		for (b = 0; b < 8; b++)
			if (i & (1u << b))
				mask |= bits[b];
		ok += ep_ctl(ep, EPOLL_CTL_MOD, rd, mask, i) == 0;
	}
	CHECK_EQ(ok, 256, "MOD accepts all 256 combinations of IN|OUT|PRI|ERR|HUP|ET|ONESHOT|RDHUP");

	/* PRI alone on a pipe with data: pipes never raise PRI. */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, rd, EPOLLPRI, 9), 0, "MOD to EPOLLPRI -> 0");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "EPOLLPRI on a pipe with data: 0 events");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, rd, NULL), 0, "DEL -> 0");
	read(rd, &ev, 1);
}

int main(int argc, char **argv)
{
	int p[2];

	(void)argc;
	ep = epoll_create1(0);
	pipe(p);
	rd = p[0];
	wr = p[1];
	/* Our own program file: a regular file on Linux and in Pollux's initrd. */
	regfile = open(argv[0], O_RDONLY);
	CHECK(regfile >= 0, "open(argv[0]) for a regular file");

	test_layout();
	test_efault_first();
	test_ebadf_eperm();
	test_einval();
	test_exist_noent();
	test_eloop();
	test_masks();
	return test_done();
}
