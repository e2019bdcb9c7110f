/*
 * anon_scm: the anon-inode files across SCM_RIGHTS.  What arrives is the
 * same open file, not a copy: the sender's writes show on the received
 * fd, a timer armed before the trip fires after it, an epoll fd still
 * watches what it watched, a pidfd still names its process, and each
 * outlives every fd of its sender.
 *
 *   sender --(fd in a datagram)--> socket queue --> receiver
 *   close(sender's fd): the message's reference keeps the file alive
 */
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static int sv[2];

/* One fd in one byte's datagram; sendmsg's result. */
static int send_fd(int fd)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct iovec iov = { "x", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf,
			      .msg_controllen = sizeof(ctl.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	*(int *)CMSG_DATA(cm) = fd;
	return sendmsg(sv[0], &msg, 0);
}

/* The fd the next datagram carries; -1 if none. */
static int recv_fd(void)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	char c;
	struct iovec iov = { &c, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf,
			      .msg_controllen = sizeof(ctl.buf) };
	struct cmsghdr *cm;

	if (recvmsg(sv[1], &msg, MSG_DONTWAIT) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	return *(int *)CMSG_DATA(cm);
}

static void test_eventfd(void)
{
	int efd = eventfd(5, EFD_NONBLOCK), r;
	uint64_t v = 3;

	CHECK_EQ(send_fd(efd), 1, "eventfd: sent");
	CHECK_EQ(write(efd, &v, 8), 8, "eventfd: the sender adds 3 while it is in flight");
	close(efd);
	r = recv_fd();
	CHECK(r >= 0, "eventfd: received after the sender closed its fd");
	v = 0;
	CHECK_EQ(read(r, &v, 8), 8, "eventfd: read on the received fd");
	CHECK_EQ(v, 8, "eventfd: the same counter: 5 + 3");
	CHECK_ERR(read(r, &v, 8), EAGAIN, "eventfd: the received fd kept O_NONBLOCK");
	close(r);
}

static void test_timerfd(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000000 } };
	int tfd = timerfd_create(CLOCK_MONOTONIC, 0), r;
	uint64_t n = 0;

	CHECK_EQ(timerfd_settime(tfd, 0, &its, NULL), 0, "timerfd: armed for 20 ms");
	CHECK_EQ(send_fd(tfd), 1, "timerfd: sent");
	close(tfd);
	r = recv_fd();
	CHECK(r >= 0, "timerfd: received");
	CHECK_EQ(read(r, &n, 8), 8, "timerfd: a blocking read on the received fd");
	CHECK_EQ(n, 1, "timerfd: the timer armed before the trip fired once");
	close(r);
}

static void test_epoll(void)
{
	struct epoll_event ev = { EPOLLIN, { .u64 = 42 } }, out = { 0, { 0 } };
	int efd = eventfd(1, 0), ep = epoll_create1(0), r;

	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), 0, "epoll: watches an eventfd");
	CHECK_EQ(send_fd(ep), 1, "epoll: sent");
	close(ep);
	r = recv_fd();
	CHECK(r >= 0, "epoll: received after the sender closed it");
	CHECK_EQ(epoll_wait(r, &out, 1, 0), 1, "epoll: the interest set came along");
	CHECK_HEX(out.events, EPOLLIN, "epoll: EPOLLIN");
	CHECK_EQ(out.data.u64, 42, "epoll: data 42");
	close(efd);
	CHECK_EQ(epoll_wait(r, &out, 1, 0), 0, "epoll: closing the watched fd removed it");
	close(r);
}

/* A child receives the eventfd its parent sent and writes 7 to it. */
static int child_writes(void)
{
	uint64_t v = 7;
	int r = recv_fd();

	return r >= 0 && write(r, &v, 8) == 8 ? 0 : 1;
}

static void test_fork(void)
{
	int efd = eventfd(0, EFD_NONBLOCK), status;
	uint64_t v = 0;

	CHECK_EQ(send_fd(efd), 1, "fork: eventfd sent");
	status = run_child(child_writes);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "fork: the child received it from the shared queue and wrote 7");
	CHECK_EQ(read(efd, &v, 8), 8, "fork: the parent reads its own fd");
	CHECK_EQ(v, 7, "fork: the child's 7");
	close(efd);
}

/* A pidfd names its process wherever it goes: signalled and polled
 * through the received fd. */
static void test_pidfd(void)
{
	struct pollfd pfd = { -1, POLLIN, 0 };
	int status = 0, pidfd, r;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	pidfd = pidfd_open(pid, 0);
	CHECK_EQ(send_fd(pidfd), 1, "pidfd: sent");
	close(pidfd);
	r = recv_fd();
	CHECK(r >= 0, "pidfd: received");
	CHECK_EQ(pidfd_send_signal(r, SIGKILL, NULL, 0), 0,
		 "pidfd: SIGKILL through the received fd");
	pfd.fd = r;
	CHECK_EQ(poll(&pfd, 1, 5000), 1, "pidfd: readable when the child has exited");
	CHECK_HEX(pfd.revents, POLLIN, "pidfd: POLLIN");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "pidfd: reaped");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "pidfd: killed by SIGKILL");
	close(r);
}

int main(void)
{
	CHECK_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0, "socketpair");
	test_eventfd();
	test_timerfd();
	test_epoll();
	test_fork();
	test_pidfd();
	return test_done();
}
