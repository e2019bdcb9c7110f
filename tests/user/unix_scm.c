/*
 * unix_scm.c - SCM_RIGHTS: passing fds over AF_UNIX stream, datagram and
 * seqpacket sockets (epoll fds too), MSG_CTRUNC when the control buffer
 * is short (the extra fds closed), MSG_CMSG_CLOEXEC, the errors (EBADF,
 * EINVAL, 253 fds at most), fds in flight freed with their socket, and a
 * socket in flight in its own queue collected once closed.  Every
 * expected value was seen on Linux 6.18.
 */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define MAXFDS 260

static union {
	struct cmsghdr align;
	char buf[CMSG_SPACE(MAXFDS * sizeof(int)) + 64];
} ctl;

/* Sends one byte "x" (or data) with n fds; sendmsg's result */
static int send_fds(int s, const char *data, const int *fds, int n)
{
	struct iovec iov = { (void *)data, strlen(data) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm = &ctl.align;

	if (n >= 0) {
		msg.msg_control = ctl.buf;
		msg.msg_controllen = CMSG_SPACE(n * sizeof(int));
		cm->cmsg_len = CMSG_LEN(n * sizeof(int));
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(cm), fds, n * sizeof(int));
	}
	return sendmsg(s, &msg, MSG_DONTWAIT);
}

static int send1(int s, int fd)
{
	return send_fds(s, "x", &fd, 1);
}

static char data[100];
static struct msghdr rmsg;
static struct iovec riov;

/* recvmsg into data with controllen bytes of control buffer (-1: none) */
static int recv_ctl(int s, long controllen, int flags)
{
	riov = (struct iovec){ data, sizeof(data) };
	rmsg = (struct msghdr){ .msg_iov = &riov, .msg_iovlen = 1 };
	memset(data, 0, sizeof(data));
	memset(ctl.buf, 0, sizeof(ctl.buf));
	if (controllen >= 0) {
		rmsg.msg_control = ctl.buf;
		rmsg.msg_controllen = controllen;
	}
	return recvmsg(s, &rmsg, flags | MSG_DONTWAIT);
}

/* How many fds the received control message holds (-1: none) */
static int nfds(void)
{
	struct cmsghdr *cm = CMSG_FIRSTHDR(&rmsg);

	if (!cm || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	return (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
}

static int fd_at(int i)
{
	int fd;

	memcpy(&fd, CMSG_DATA(&ctl.align) + i * sizeof(int), sizeof(int));
	return fd;
}

/* Is the pipe's read end at EOF (every write end closed)? */
static int pipe_eof(int rfd)
{
	struct pollfd pfd = { .fd = rfd, .events = POLLIN };

	return poll(&pfd, 1, 1000) == 1 && pfd.revents == POLLHUP;
}

/* A write end is still open somewhere (in flight): no event now */
static int pipe_open(int rfd)
{
	struct pollfd pfd = { .fd = rfd, .events = POLLIN };

	return poll(&pfd, 1, 0) == 0;
}

static void test_pass(int type, const char *name)
{
	char what[100];
	int sv[2], p[2], fd;

	socketpair(AF_UNIX, type, 0, sv);
	pipe(p);
	snprintf(what, sizeof(what), "%s: send a pipe's write end", name);
	CHECK_EQ(send1(sv[0], p[1]), 1, what);
	close(p[1]);
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 1, "recvmsg");
	CHECK_EQ(rmsg.msg_controllen, CMSG_SPACE(sizeof(int)),
		 "msg_controllen: CMSG_SPACE(4)");
	CHECK_HEX(rmsg.msg_flags, 0, "msg_flags 0");
	CHECK_EQ(nfds(), 1, "one fd");
	CHECK_EQ(ctl.align.cmsg_len, CMSG_LEN(sizeof(int)), "cmsg_len");
	fd = fd_at(0);
	CHECK_EQ(fcntl(fd, F_GETFD), 0, "no FD_CLOEXEC");
	CHECK_EQ(write(fd, "hi", 2), 2, "write through the passed fd");
	CHECK_EQ(read(p[0], data, 10), 2, "the pipe has it");
	close(fd);
	CHECK(pipe_eof(p[0]), "its last write end closed: EOF");
	pipe(p);
	CHECK_EQ(send1(sv[0], p[0]), 1, "again");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), MSG_CMSG_CLOEXEC), 1,
		 "recvmsg MSG_CMSG_CLOEXEC");
	CHECK_EQ(fcntl(fd_at(0), F_GETFD), FD_CLOEXEC, "FD_CLOEXEC");
	close(fd_at(0));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void test_ctrunc(void)
{
	int sv[2], p[2], three[3];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	pipe(p);
	three[0] = three[1] = three[2] = p[1];
	CHECK_EQ(send_fds(sv[0], "x", three, 3), 1, "send 3 fds");
	CHECK_EQ(recv_ctl(sv[1], CMSG_SPACE(sizeof(int)), 0), 1,
		 "recvmsg with room for 2");
	CHECK_HEX(rmsg.msg_flags, MSG_CTRUNC, "MSG_CTRUNC");
	CHECK_EQ(nfds(), 2, "two fds");
	CHECK_EQ(rmsg.msg_controllen, CMSG_SPACE(sizeof(int)),
		 "msg_controllen: what was used");
	close(fd_at(0));
	close(fd_at(1));
	CHECK_EQ(send_fds(sv[0], "x", three, 3), 1, "send 3 fds");
	CHECK_EQ(recv_ctl(sv[1], sizeof(struct cmsghdr), 0), 1,
		 "recvmsg with room for the header alone");
	CHECK_HEX(rmsg.msg_flags, MSG_CTRUNC, "MSG_CTRUNC");
	CHECK_EQ(rmsg.msg_controllen, 0, "msg_controllen 0");
	CHECK_EQ(send_fds(sv[0], "x", three, 3), 1, "send 3 fds");
	CHECK_EQ(recv_ctl(sv[1], -1, 0), 1, "recvmsg with no control buffer");
	CHECK_HEX(rmsg.msg_flags, MSG_CTRUNC, "MSG_CTRUNC");
	CHECK_EQ(send_fds(sv[0], "x", three, 3), 1, "send 3 fds");
	CHECK_EQ(read(sv[1], data, sizeof(data)), 1, "read(): fds dropped");
	CHECK_EQ(send_fds(sv[0], "x", three, 0), 1, "SCM_RIGHTS with no fd");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 1, "recvmsg");
	CHECK_EQ(rmsg.msg_controllen, 0, "no control message");
	CHECK_HEX(rmsg.msg_flags, 0, "msg_flags 0");
	close(p[1]);
	CHECK(pipe_eof(p[0]), "every copy closed: EOF");
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

static void test_errors(void)
{
	static int many[MAXFDS];
	struct iovec iov = { "x", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf };
	struct cmsghdr *cm = &ctl.align;
	int sv[2], bad = 999, i;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR(send1(sv[0], bad), EBADF, "fd 999: EBADF");
	CHECK_ERR(send1(sv[0], -1), EBADF, "fd -1: EBADF");
	for (i = 0; i < MAXFDS; i++)
		many[i] = sv[0];
	CHECK_EQ(send_fds(sv[0], "x", many, 253), 1, "253 fds");
	CHECK_ERR(send_fds(sv[0], "x", many, 254), EINVAL, "254 fds: EINVAL");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 1, "recv 253");
	CHECK_EQ(nfds(), 253, "253 fds came");
	for (i = 0; i < 253; i++)
		close(fd_at(i));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = 8;
	msg.msg_controllen = 24;
	CHECK_ERR(sendmsg(sv[0], &msg, 0), EINVAL, "cmsg_len 8: EINVAL");
	cm->cmsg_len = 40;
	CHECK_ERR(sendmsg(sv[0], &msg, 0), EINVAL,
		  "cmsg_len past msg_controllen: EINVAL");
	cm->cmsg_len = 20;
	cm->cmsg_type = 99;
	CHECK_ERR(sendmsg(sv[0], &msg, 0), EINVAL, "type 99: EINVAL");
	cm->cmsg_level = 6;
	CHECK_EQ(sendmsg(sv[0], &msg, 0), 1, "another level: ignored");
	msg.msg_controllen = 131072;
	CHECK_ERR(sendmsg(sv[0], &msg, 0), ENOBUFS,
		  "msg_controllen 131072 (optmem_max): ENOBUFS");
	msg.msg_controllen = 8;
	CHECK_EQ(sendmsg(sv[0], &msg, 0), 1,
		  "msg_controllen 8: no header, nothing read");
	msg.msg_control = bad_addr(1);
	msg.msg_controllen = 24;
	CHECK_ERR(sendmsg(sv[0], &msg, 0), EFAULT, "control at 1: EFAULT");
	msg.msg_control = ctl.buf;
	msg.msg_iov = bad_addr(1);
	CHECK_ERR(sendmsg(sv[0], &msg, 0), EFAULT,
		  "iovecs at 1, a control buffer: EFAULT");
	msg.msg_iov = &iov;
	CHECK_EQ(read(sv[1], data, sizeof(data)), 2, "the two bytes sent");
	msg.msg_control = ctl.buf;
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &sv[0], sizeof(int));
	CHECK_EQ(send_fds(sv[0], "", many, 1), 0,
		 "stream: no data, so no fds either");
	CHECK_ERR(recv(sv[1], data, 1, MSG_DONTWAIT), EAGAIN, "nothing sent");
	close(sv[0]);
	close(sv[1]);
}

/* Two SCM_RIGHTS messages in one sendmsg arrive as one */
static void test_two_cmsgs(void)
{
	struct iovec iov = { "x", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf };
	struct cmsghdr *cm = &ctl.align;
	int sv[2], fds[2];

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	fds[0] = fds[1] = sv[0];
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), fds, sizeof(int));
	msg.msg_controllen = CMSG_SPACE(sizeof(int)) +
			     CMSG_SPACE(2 * sizeof(int));
	cm = (struct cmsghdr *)(ctl.buf + CMSG_SPACE(sizeof(int)));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, 2 * sizeof(int));
	CHECK_EQ(sendmsg(sv[0], &msg, 0), 1, "sendmsg with two SCM_RIGHTS");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 1, "recvmsg");
	CHECK_EQ(nfds(), 3, "one message of 3 fds");
	close(fd_at(0));
	close(fd_at(1));
	close(fd_at(2));
	close(sv[0]);
	close(sv[1]);
}

/* A stream read stops after the buffer that carried fds */
static void test_stream_boundary(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(send(sv[0], "ab", 2, 0), 2, "send ab");
	CHECK_EQ(send_fds(sv[0], "cd", &sv[0], 1), 2, "send cd with an fd");
	CHECK_EQ(send(sv[0], "ef", 2, 0), 2, "send ef");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), MSG_PEEK), 4,
		 "peek: up to the fd's buffer");
	CHECK_EQ(nfds(), 1, "peek: the fd");
	close(fd_at(0));
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 4, "read: abcd");
	CHECK_STR(data, "abcd", "abcd");
	CHECK_EQ(nfds(), 1, "and the fd");
	close(fd_at(0));
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 2, "then ef");
	CHECK_EQ(nfds(), -1, "alone");
	close(sv[0]);
	close(sv[1]);
}

/* What is in flight goes with the socket that holds it, read or not */
static void test_in_flight(void)
{
	int sv[2], p[2], sv2[2];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int a = socket(AF_UNIX, SOCK_DGRAM, 0);
	int c = socket(AF_UNIX, SOCK_DGRAM, 0);

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(send1(sv[0], p[1]), 1, "send the write end");
	close(p[1]);
	CHECK(pipe_open(p[0]), "in flight: the write end lives");
	close(sv[1]);
	CHECK(pipe_eof(p[0]), "the receiver closed unread: the fd is closed");
	close(sv[0]);
	close(p[0]);

	pipe(p);
	strcpy(sun.sun_path + 1, "pollux-scm");
	bind(a, (struct sockaddr *)&sun, offsetof(struct sockaddr_un,
						  sun_path) + 11);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv2);
	CHECK_EQ(send1(sv2[0], p[1]), 1, "a pipe into sv2");
	close(p[1]);
	{
		struct iovec iov = { "y", 1 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
				      .msg_name = &sun,
				      .msg_namelen = offsetof(struct sockaddr_un,
							      sun_path) + 11,
				      .msg_control = ctl.buf,
				      .msg_controllen = CMSG_SPACE(sizeof(int)) };

		ctl.align.cmsg_len = CMSG_LEN(sizeof(int));
		ctl.align.cmsg_level = SOL_SOCKET;
		ctl.align.cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(&ctl.align), &sv2[1], sizeof(int));
		CHECK_EQ(sendmsg(c, &msg, 0), 1,
			 "sendmsg to a name with sv2's reader");
	}
	close(sv2[0]);
	close(sv2[1]);
	CHECK(pipe_open(p[0]), "two levels in flight");
	close(a);
	CHECK(pipe_eof(p[0]), "a closed: both levels freed");
	close(c);
	close(p[0]);
}

/* An epoll instance passed on outlives every fd its creator had */
static void test_epoll(void)
{
	struct epoll_event ev;
	int sv[2], p[2], ep = epoll_create1(0), ep2;

	pipe(p);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	ep_ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 7);
	CHECK_EQ(send1(sv[0], ep), 1, "send an epoll fd");
	close(ep);
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf), 0), 1, "receive it");
	ep2 = fd_at(0);
	CHECK_EQ(wait1(ep2, &ev, 0), 0, "nothing ready");
	write(p[1], "z", 1);
	CHECK_EQ(wait1(ep2, &ev, 0), 1, "the pipe is ready through it");
	CHECK_EQ(ev.data.u64, 7, "with its data");
	CHECK_EQ(send1(sv[0], ep2), 1, "send it back in flight");
	close(ep2);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

/* A socket in flight in its own queue: only the garbage collector frees
 * it (and what its queue holds).  sv[1] is closed first: Pollux runs the
 * collector on the return to user mode after a release (here sv[0]'s);
 * Linux from a work queue soon after, whatever the order. */
static void test_cycle(void)
{
	int sv[2], p[2], fds[2];

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	fds[0] = sv[1];
	fds[1] = p[1];
	CHECK_EQ(send_fds(sv[0], "x", fds, 2), 1,
		 "send sv[1] and a pipe end into sv[1]'s queue");
	close(p[1]);
	CHECK(pipe_open(p[0]), "in flight");
	close(sv[1]);
	CHECK(pipe_open(p[0]), "sv[1] closed: alive in its own queue");
	close(sv[0]);
	CHECK(pipe_eof(p[0]), "the cycle collected: EOF");
	close(p[0]);
}

/* The same cycle left open by a process that exits (its fds close in
 * order: sv[0], which releases, then sv[1], which does not) */
static void test_cycle_exit(void)
{
	int p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		int sv[2], fds[2];

		socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		fds[0] = sv[1];
		fds[1] = p[1];
		_exit(send_fds(sv[0], "x", fds, 2) != 1);
	}
	close(p[1]);
	CHECK_EQ(wait_child(pid), 0, "a child leaves a cycle behind");
	CHECK(pipe_eof(p[0]), "collected after its exit");
	close(p[0]);
}

/* Two sockets in flight in each other's queues.  While an fd of one
 * is open, both live (the collector keeps what is reachable); once
 * every fd is closed, the cycle goes. */
static void test_cycle2(void)
{
	int x[2], y[2], p[2], fds[2], xx, yy;

	pipe(p);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, x);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, y);
	CHECK_EQ(send1(x[0], y[1]), 1, "y[1] into x[1]'s queue");
	fds[0] = x[1];
	fds[1] = p[1];
	CHECK_EQ(send_fds(y[0], "x", fds, 2), 1, "x[1] into y[1]'s queue");
	close(p[1]);
	close(x[1]);
	close(x[0]);
	close(y[0]);
	CHECK_EQ(recv_ctl(y[1], sizeof(ctl.buf), 0), 1,
		 "y[1] still open: its queue kept");
	CHECK_EQ(nfds(), 2, "x[1] and the pipe end come back");
	xx = fd_at(0);
	close(fd_at(1));
	CHECK_EQ(recv_ctl(xx, sizeof(ctl.buf), 0), 1, "and x[1]'s queue too");
	yy = fd_at(0);
	CHECK_EQ(nfds(), 1, "with y[1] in it");
	CHECK(pipe_eof(p[0]), "the pipe end received and closed: EOF");
	close(p[0]);
	close(xx);
	close(yy);
	close(y[1]);

	pipe(p);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, x);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, y);
	fds[0] = y[1];
	fds[1] = p[1];
	CHECK_EQ(send_fds(x[0], "x", fds, 2), 1,
		 "y[1] and a pipe end into x[1]'s queue");
	CHECK_EQ(send1(y[0], x[1]), 1, "x[1] into y[1]'s queue");
	close(p[1]);
	close(x[1]);
	close(y[1]);
	close(x[0]);
	CHECK(pipe_eof(p[0]), "both closed: the cycle collected");
	close(y[0]);
	close(p[0]);
}

/* A listener in flight on the queue of a connection it has not
 * accepted: a cycle through the listener */
static void test_cycle_listener(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 16;
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	int c = socket(AF_UNIX, SOCK_STREAM, 0), p[2], fds[2];

	pipe(p);
	memcpy(sun.sun_path, "\0pollux-scm-lis", 16);
	CHECK_EQ(bind(l, (struct sockaddr *)&sun, len), 0, "bind");
	CHECK_EQ(listen(l, 1), 0, "listen");
	CHECK_EQ(connect(c, (struct sockaddr *)&sun, len), 0, "connect");
	fds[0] = l;
	fds[1] = p[1];
	CHECK_EQ(send_fds(c, "x", fds, 2), 1,
		 "the listener's fd to the connection it has not accepted");
	close(p[1]);
	close(l);
	CHECK(pipe_open(p[0]), "the listener lives in flight");
	close(c);
	CHECK(pipe_eof(p[0]), "the client closed: the cycle collected");
	close(p[0]);
}

/* Sockets carrying sockets carrying sockets: Linux 6.18 sets no limit
 * on the depth (older kernels said ETOOMANYREFS past 4).  A chain 3000
 * deep, a pipe's write end at the bottom, closed from the top, frees
 * every level. */
static void test_nesting(void)
{
	int prev[2], cur[2], p[2], i, sent = 0;

	pipe(p);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, prev);
	send1(prev[0], p[1]);
	close(p[1]);
	for (i = 0; i < 3000; i++) {
		socketpair(AF_UNIX, SOCK_DGRAM, 0, cur);
		sent += send1(cur[0], prev[1]) == 1;
		close(prev[0]);
		close(prev[1]);
		prev[0] = cur[0];
		prev[1] = cur[1];
	}
	CHECK_EQ(sent, 3000, "3000 levels deep: every send succeeds");
	CHECK(pipe_open(p[0]), "the pipe end in flight at the bottom");
	close(prev[0]);
	close(prev[1]);
	CHECK(pipe_eof(p[0]), "the top closed: the bottom's pipe end too");
	close(p[0]);
}

int main(void)
{
	test_pass(SOCK_STREAM, "stream");
	test_pass(SOCK_DGRAM, "dgram");
	test_pass(SOCK_SEQPACKET, "seqpacket");
	test_ctrunc();
	test_errors();
	test_two_cmsgs();
	test_stream_boundary();
	test_in_flight();
	test_epoll();
	test_cycle();
	test_cycle_exit();
	test_cycle2();
	test_cycle_listener();
	test_nesting();
	return test_done();
}
