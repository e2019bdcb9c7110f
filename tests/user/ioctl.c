/*
 * The ioctls every file answers (Linux: fs/ioctl.c do_vfs_ioctl) and the
 * ones pipes and epoll fds add: FIOCLEX/FIONCLEX, FIONBIO, FIOASYNC,
 * FIOQSIZE, FIONREAD, and an epoll fd's EPIOCSPARAMS/EPIOCGPARAMS (6.9+),
 * whose other ioctls are EINVAL, not ENOTTY.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "test.h"

#define TMPFILE "/tmp/ioctl_test_file"

static void test_generic(void)
{
	int p[2], on = 1, off = 0, f;
	long long q = -1;

	CHECK_EQ(pipe(p), 0, "pipe");
	CHECK_EQ(ioctl(p[0], FIOCLEX), 0, "FIOCLEX");
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC, "sets FD_CLOEXEC");
	CHECK_EQ(ioctl(p[0], FIONCLEX), 0, "FIONCLEX");
	CHECK_EQ(fcntl(p[0], F_GETFD), 0, "clears it");
	CHECK_ERR(ioctl(99, FIOCLEX), EBADF, "FIOCLEX on a closed fd");
	CHECK_EQ(ioctl(p[0], FIONBIO, &on), 0, "FIONBIO on");
	CHECK_HEX(fcntl(p[0], F_GETFL), O_NONBLOCK, "sets O_NONBLOCK");
	CHECK_EQ(ioctl(p[0], FIONBIO, &off), 0, "FIONBIO off");
	CHECK_HEX(fcntl(p[0], F_GETFL), 0, "clears it");
	CHECK_ERR(ioctl(p[0], FIONBIO, bad_addr(1)), EFAULT, "FIONBIO with a bad pointer");
	CHECK_EQ(ioctl(p[0], FIOASYNC, &on), 0, "FIOASYNC on a pipe");
	CHECK_HEX(fcntl(p[0], F_GETFL), FASYNC, "sets FASYNC");
	CHECK_EQ(ioctl(p[0], FIOASYNC, &off), 0, "FIOASYNC off");
	CHECK_HEX(fcntl(p[0], F_GETFL), 0, "clears it");
	CHECK_EQ(fcntl(p[0], F_SETFL, FASYNC), 0, "F_SETFL O_ASYNC (FASYNC) on a pipe");
	CHECK_HEX(fcntl(p[0], F_GETFL), FASYNC, "sets FASYNC too");
	CHECK_EQ(fcntl(p[0], F_SETFL, 0), 0, "F_SETFL 0");
	CHECK_HEX(fcntl(p[0], F_GETFL), 0, "clears it");
	CHECK_ERR(ioctl(p[0], FIOQSIZE, &q), ENOTTY, "FIOQSIZE on a pipe");
	CHECK_ERR(ioctl(p[0], 0x1234), ENOTTY, "an unknown ioctl on a pipe");

	f = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(f >= 0, "a regular file");
	CHECK_EQ(ioctl(f, FIOQSIZE, &q), 0, "FIOQSIZE on an empty file");
	CHECK_EQ(q, 0, "0 bytes");
	CHECK_ERR(ioctl(f, FIOASYNC, &on), ENOTTY, "FIOASYNC on a regular file");
	CHECK_EQ(ioctl(f, FIOASYNC, &off), 0, "switching it off is no change");
	CHECK_EQ(write(f, "12345", 5), 5, "5 bytes written");
	CHECK_EQ(lseek(f, 2, SEEK_SET), 2, "seek to 2");
	on = -1;
	CHECK_EQ(ioctl(f, FIONREAD, &on), 0, "FIONREAD on a regular file");
	CHECK_EQ(on, 3, "the bytes after the position");
	close(f);
	unlink(TMPFILE);
	close(p[0]);
	close(p[1]);
}

static void test_pipe_fionread(void)
{
	int p[2], n = -1;

	CHECK_EQ(pipe(p), 0, "pipe");
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0, "FIONREAD on an empty pipe");
	CHECK_EQ(n, 0, "0 bytes");
	write(p[1], "hello", 5);
	write(p[1], "abc", 3);
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0, "FIONREAD after two writes");
	CHECK_EQ(n, 8, "8 bytes");
	CHECK_EQ(ioctl(p[1], FIONREAD, &n), 0, "FIONREAD on the write end");
	CHECK_EQ(n, 8, "the same 8 bytes");
	CHECK_ERR(ioctl(p[0], FIONREAD, bad_addr(1)), EFAULT, "FIONREAD with a bad pointer");
	close(p[0]);
	close(p[1]);
}

/* EPIOCSPARAMS, then what EPIOCGPARAMS reports. */
static int set_params(int ep, unsigned usecs, unsigned budget, unsigned prefer,
		      unsigned pad, struct epoll_params *got)
{
	struct epoll_params e = { usecs, budget, prefer, pad };
	int ret = ioctl(ep, EPIOCSPARAMS, &e);

	memset(got, 0xff, sizeof(*got));
	ioctl(ep, EPIOCGPARAMS, got);
	return ret;
}

static void test_epoll(void)
{
	struct epoll_params g;
	int ep = epoll_create1(0), on = 1, off = 0, n;
	long long q;

	CHECK_EQ(ioctl(ep, EPIOCGPARAMS, &g), 0, "EPIOCGPARAMS of a new epoll");
	CHECK(g.busy_poll_usecs == 0 && g.busy_poll_budget == 0 &&
	      g.prefer_busy_poll == 0 && g.__pad == 0, "all zero");
	CHECK_EQ(set_params(ep, 100, 64, 1, 0, &g), 0, "EPIOCSPARAMS 100 us, budget 64, prefer");
	CHECK(g.busy_poll_usecs == 100 && g.busy_poll_budget == 64 &&
	      g.prefer_busy_poll == 1 && g.__pad == 0, "EPIOCGPARAMS returns them");
	errno = 0;
	CHECK_EQ(set_params(ep, 1, 1, 1, 1, &g), -1, "a non-zero pad");
	CHECK_EQ(errno, EINVAL, "is EINVAL");
	CHECK_EQ(g.busy_poll_usecs, 100, "and changes nothing");
	CHECK_ERR(set_params(ep, 0x80000000u, 0, 0, 0, &g), EINVAL, "usecs above S32_MAX");
	CHECK_EQ(set_params(ep, 0x7fffffff, 0, 0, 0, &g), 0, "usecs S32_MAX");
	CHECK_EQ(g.busy_poll_usecs, 0x7fffffff, "is kept");
	CHECK_ERR(set_params(ep, 0, 0, 2, 0, &g), EINVAL, "prefer_busy_poll 2");
	CHECK_ERR(set_params(ep, 0x80000000u, 0, 2, 1, &g), EINVAL, "all three wrong");
	/* above NAPI_POLL_WEIGHT needs CAP_NET_ADMIN (root has it) */
	errno = 0;
	n = set_params(ep, 0, 65, 0, 0, &g);
	CHECK_EQ(n ? errno : 0, getuid() == 0 ? 0 : EPERM, "budget 65: root only");
	CHECK_ERR(ioctl(ep, EPIOCSPARAMS, bad_addr(1)), EFAULT, "EPIOCSPARAMS, bad pointer");
	CHECK_ERR(ioctl(ep, EPIOCGPARAMS, bad_addr(1)), EFAULT, "EPIOCGPARAMS, bad pointer");

	CHECK_ERR(ioctl(ep, FIONREAD, &n), EINVAL, "FIONREAD on an epoll fd: EINVAL");
	CHECK_ERR(ioctl(ep, TCGETS, &n), EINVAL, "TCGETS on an epoll fd: EINVAL");
	CHECK_ERR(ioctl(ep, FIOQSIZE, &q), ENOTTY, "FIOQSIZE on an epoll fd: ENOTTY");
	CHECK_ERR(ioctl(ep, FIOASYNC, &on), ENOTTY, "FIOASYNC on an epoll fd: ENOTTY");
	CHECK_EQ(ioctl(ep, FIOASYNC, &off), 0, "FIOASYNC off: no change, 0");
	CHECK_EQ(ioctl(ep, FIONBIO, &on), 0, "FIONBIO on an epoll fd");
	CHECK_HEX(fcntl(ep, F_GETFL), O_RDWR | O_NONBLOCK, "sets O_NONBLOCK");
	CHECK_EQ(ioctl(ep, FIOCLEX), 0, "FIOCLEX on an epoll fd");
	CHECK_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC, "sets FD_CLOEXEC");
	close(ep);

	int p[2];
	pipe(p);
	CHECK_ERR(ioctl(p[0], EPIOCGPARAMS, &g), ENOTTY, "EPIOCGPARAMS on a pipe: ENOTTY");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	test_generic();
	test_pipe_fionread();
	test_epoll();
	return test_done();
}
