/*
 * unix_cred.c - SO_PASSCRED and SCM_CREDENTIALS on AF_UNIX sockets: the
 * sender's pid, uid and gid delivered to a receiver that asked, given
 * explicitly by the sender (and checked), with SCM_RIGHTS, and the
 * autobind SO_PASSCRED brings.  Every expected value was seen on Linux
 * 6.18, as root (Pollux: everyone is root).
 */
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "test.h"
#include "unix_util.h"

static union {
	struct cmsghdr align;
	char buf[256];
} ctl;
static char data[64];
static struct msghdr rmsg;
static struct iovec riov;

static int passcred(int s, int on)
{
	return setsockopt(s, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
}

static int get_passcred(int s)
{
	int v = -1;
	socklen_t len = sizeof(v);

	getsockopt(s, SOL_SOCKET, SO_PASSCRED, &v, &len);
	return v;
}

/* recvmsg with controllen bytes of control buffer */
static int recv_ctl(int s, size_t controllen)
{
	riov = (struct iovec){ data, sizeof(data) };
	rmsg = (struct msghdr){ .msg_iov = &riov, .msg_iovlen = 1,
				.msg_control = ctl.buf,
				.msg_controllen = controllen };
	memset(ctl.buf, 0, sizeof(ctl.buf));
	return recvmsg(s, &rmsg, MSG_DONTWAIT);
}

/* The credentials in the first control message (pid -2: none there) */
static struct ucred got(void)
{
	struct cmsghdr *cm = CMSG_FIRSTHDR(&rmsg);
	struct ucred uc = { -2, 0, 0 };

	if (cm && cm->cmsg_level == SOL_SOCKET &&
	    cm->cmsg_type == SCM_CREDENTIALS)
		memcpy(&uc, CMSG_DATA(cm), sizeof(uc));
	return uc;
}

/* sendmsg of "x" with one SCM_CREDENTIALS message of len data bytes */
static int send_cred(int s, struct ucred uc, size_t len)
{
	struct iovec iov = { "x", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf,
			      .msg_controllen = CMSG_SPACE(len) };

	memset(ctl.buf, 0, sizeof(ctl.buf));
	ctl.align.cmsg_len = CMSG_LEN(len);
	ctl.align.cmsg_level = SOL_SOCKET;
	ctl.align.cmsg_type = SCM_CREDENTIALS;
	memcpy(CMSG_DATA(&ctl.align), &uc, sizeof(uc));
	return sendmsg(s, &msg, 0);
}

static void test_option(void)
{
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), v = 1;

	CHECK_EQ(get_passcred(s), 0, "SO_PASSCRED off by default");
	CHECK_EQ(passcred(s, 5), 0, "set 5");
	CHECK_EQ(get_passcred(s), 1, "reads 1");
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &v, 2), EINVAL,
		  "optlen 2: EINVAL");
	CHECK_EQ(passcred(s, 0), 0, "set 0");
	CHECK_EQ(get_passcred(s), 0, "reads 0");
	close(s);
}

static void test_receive(int type, const char *name)
{
	struct ucred uc;
	int sv[2];

	socketpair(AF_UNIX, type, 0, sv);
	CHECK_EQ(send(sv[0], "a", 1, 0), 1, name);
	CHECK_EQ(passcred(sv[1], 1), 0, "the receiver asks, after that send");
	CHECK_EQ(send(sv[0], "b", 1, 0), 1, "send again");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "the first");
	CHECK_EQ(rmsg.msg_controllen, CMSG_SPACE(sizeof(uc)),
		 "msg_controllen CMSG_SPACE(12)");
	CHECK_EQ(ctl.align.cmsg_len, CMSG_LEN(sizeof(uc)), "cmsg_len 28");
	uc = got();
	CHECK_EQ(uc.pid, 0, "sent before: pid 0");
	CHECK_EQ(uc.uid, 65534, "uid overflowuid");
	CHECK_EQ(uc.gid, 65534, "gid overflowgid");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "the second");
	uc = got();
	CHECK_EQ(uc.pid, getpid(), "pid: the sender's");
	CHECK_EQ(uc.uid, getuid(), "uid");
	CHECK_EQ(uc.gid, getgid(), "gid");
	CHECK_EQ(send(sv[0], "c", 1, 0), 1, "send");
	CHECK_EQ(recv_ctl(sv[1], 16), 1, "a control buffer of 16 bytes");
	CHECK_HEX(rmsg.msg_flags, MSG_CTRUNC, "MSG_CTRUNC");
	CHECK_EQ(rmsg.msg_controllen, 16, "msg_controllen 16");
	CHECK_EQ(ctl.align.cmsg_len, 16, "cmsg_len 16");
	CHECK_EQ(passcred(sv[1], 0), 0, "the receiver stops asking");
	CHECK_EQ(passcred(sv[0], 1), 0, "the sender asks instead");
	CHECK_EQ(send(sv[0], "d", 1, 0), 1, "send");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "receive");
	CHECK_EQ(rmsg.msg_controllen, 0, "no credentials: not asked for");
	close(sv[0]);
	close(sv[1]);
}

static void test_send(void)
{
	struct ucred me = { getpid(), getuid(), getgid() }, uc;
	int sv[2], fds[1];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	passcred(sv[1], 1);
	CHECK_EQ(send_cred(sv[0], me, sizeof(me)), 1, "SCM_CREDENTIALS: mine");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "received");
	CHECK_EQ(got().pid, getpid(), "pid");
	uc = (struct ucred){ 1, 0, 0 };
	CHECK_EQ(send_cred(sv[0], uc, sizeof(uc)), 1, "pid 1 (as root)");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "received");
	CHECK_EQ(got().pid, 1, "pid 1");
	uc = (struct ucred){ 999999, 0, 0 };
	CHECK_ERR(send_cred(sv[0], uc, sizeof(uc)), ESRCH, "pid 999999: ESRCH");
	CHECK_ERR(send_cred(sv[0], me, 8), EINVAL, "8 bytes: EINVAL");
	CHECK_ERR(send_cred(sv[0], me, 16), EINVAL, "16 bytes: EINVAL");
	uc = (struct ucred){ getpid(), -1, 0 };
	CHECK_ERR(send_cred(sv[0], uc, sizeof(uc)), EINVAL, "uid -1: EINVAL");
	uc = (struct ucred){ getpid(), 0, -1 };
	CHECK_ERR(send_cred(sv[0], uc, sizeof(uc)), EINVAL, "gid -1: EINVAL");
	uc = (struct ucred){ getpid(), 1000, 1000 };
	CHECK_EQ(send_cred(sv[0], uc, sizeof(uc)), 1, "uid 1000 (as root)");
	CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "received");
	CHECK_EQ(got().uid, 1000, "uid 1000");
	/* both kinds: the credentials come first */
	{
		struct iovec iov = { "y", 1 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
				      .msg_control = ctl.buf,
				      .msg_controllen = CMSG_SPACE(sizeof(int)) };
		struct cmsghdr *cm;

		ctl.align.cmsg_len = CMSG_LEN(sizeof(int));
		ctl.align.cmsg_level = SOL_SOCKET;
		ctl.align.cmsg_type = SCM_RIGHTS;
		fds[0] = sv[0];
		memcpy(CMSG_DATA(&ctl.align), fds, sizeof(int));
		CHECK_EQ(sendmsg(sv[0], &msg, 0), 1, "SCM_RIGHTS");
		CHECK_EQ(recv_ctl(sv[1], sizeof(ctl.buf)), 1, "received");
		CHECK_EQ(rmsg.msg_controllen,
			 CMSG_SPACE(sizeof(struct ucred)) +
				 CMSG_SPACE(sizeof(int)),
			 "two messages");
		CHECK_EQ(got().pid, getpid(), "the credentials first");
		cm = CMSG_NXTHDR(&rmsg, CMSG_FIRSTHDR(&rmsg));
		CHECK(cm && cm->cmsg_type == SCM_RIGHTS, "then the fds");
		if (cm) {
			memcpy(fds, CMSG_DATA(cm), sizeof(int));
			close(fds[0]);
		}
	}
	close(sv[0]);
	close(sv[1]);
}

/* A sender with SO_PASSCRED and no name gets one when it sends */
static void test_autobind(void)
{
	struct sockaddr_un sun, from;
	socklen_t len = sizeof(from);
	int a = socket(AF_UNIX, SOCK_DGRAM, 0);
	int c = socket(AF_UNIX, SOCK_DGRAM, 0);

	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, "\0pollux-cred", 12);
	CHECK_EQ(bind(a, SA(&sun), 14), 0, "bind");
	passcred(c, 1);
	CHECK_EQ(sendto(c, "z", 1, 0, SA(&sun), 14), 1, "sendto");
	CHECK_EQ(recvfrom(a, data, sizeof(data), 0, SA(&from), &len), 1,
		 "recvfrom");
	CHECK_EQ(len, 8, "the sender was autobound");
	len = sizeof(from);
	CHECK_EQ(getsockname(c, SA(&from), &len), 0, "getsockname");
	CHECK_EQ(len, 8, "its name: 8 bytes");
	close(a);
	close(c);
}

/* The length of s's name (peer: its peer's) */
static socklen_t name_len(int s, int peer)
{
	struct sockaddr_un sun;
	socklen_t len = sizeof(sun);

	if (peer)
		getpeername(s, SA(&sun), &len);
	else
		getsockname(s, SA(&sun), &len);
	return len;
}

/* SO_PASSCRED autobinds a connecting socket too, and an accepted
 * socket takes its listener's SO_PASSCRED */
static void test_connect(void)
{
	struct sockaddr_un sun;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c, s;
	int a = socket(AF_UNIX, SOCK_DGRAM, 0), d;

	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, "\0pollux-cred", 12);
	bind(l, SA(&sun), 14);
	bind(a, SA(&sun), 14);
	listen(l, 4);
	passcred(l, 1);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	passcred(c, 1);
	CHECK_EQ(connect(c, SA(&sun), 14), 0, "stream connect");
	CHECK_EQ(name_len(c, 0), 8, "the client was autobound");
	s = accept(l, NULL, NULL);
	CHECK_EQ(get_passcred(s), 1, "the accepted socket has SO_PASSCRED");
	CHECK_EQ(name_len(s, 1), 8, "and sees the client's name");
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	passcred(d, 1);
	CHECK_EQ(connect(d, SA(&sun), 14), 0, "datagram connect");
	CHECK_EQ(name_len(d, 0), 8, "autobound too");
	close(l);
	close(c);
	close(s);
	close(a);
	close(d);
}

int main(void)
{
	test_option();
	test_receive(SOCK_DGRAM, "dgram: send");
	test_receive(SOCK_STREAM, "stream: send");
	test_receive(SOCK_SEQPACKET, "seqpacket: send");
	test_send();
	test_autobind();
	test_connect();
	return test_done();
}
