/*
 * unix_pair.c - AF_UNIX socketpair(): creation and its errors, the socket
 * calls' errors on other files, data through read/write/send/recv/
 * sendmsg/recvmsg, stream joining against datagram and seqpacket
 * boundaries (MSG_TRUNC, MSG_PEEK), shutdown, close, socket options and
 * FIONREAD.  Readiness is in unix_poll.c, SIGPIPE and lifetimes in
 * unix_sigpipe.c.  Every expected value was seen on Linux 6.18.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "test.h"

static char buf[300000];

static void test_create_errors(void)
{
	int sv[2] = { -1, -1 };

	CHECK_ERR(socketpair(-1, SOCK_STREAM, 0, sv), EAFNOSUPPORT,
		  "socketpair family -1: EAFNOSUPPORT");
	CHECK_ERR(socketpair(AF_MAX, SOCK_STREAM, 0, sv), EAFNOSUPPORT,
		  "socketpair family AF_MAX: EAFNOSUPPORT");
	CHECK_ERR(socketpair(1000, SOCK_STREAM, 0, sv), EAFNOSUPPORT,
		  "socketpair family 1000: EAFNOSUPPORT");
	CHECK_ERR(socketpair(AF_UNIX, 0, 0, sv), ESOCKTNOSUPPORT,
		  "socketpair type 0: ESOCKTNOSUPPORT");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_RDM, 0, sv), ESOCKTNOSUPPORT,
		  "socketpair SOCK_RDM: ESOCKTNOSUPPORT");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_PACKET, 0, sv), ESOCKTNOSUPPORT,
		  "socketpair SOCK_PACKET: ESOCKTNOSUPPORT");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_MAX, 0, sv), EINVAL,
		  "socketpair type SOCK_MAX: EINVAL");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv), EINVAL,
		  "socketpair unknown type flag: EINVAL");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 2, sv), EPROTONOSUPPORT,
		  "socketpair protocol 2: EPROTONOSUPPORT");
	CHECK_ERR(socketpair(AF_UNIX, 0, 2, sv), EPROTONOSUPPORT,
		  "protocol is checked before type");
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 0, bad_addr(1)), EFAULT,
		  "socketpair bad array: EFAULT");
	CHECK_ERR(socketpair(-1, SOCK_STREAM, 0, bad_addr(1)), EFAULT,
		  "the array is written before the family is checked");
	sv[0] = sv[1] = -1;
	socketpair(-1, SOCK_STREAM, 0, sv);
	CHECK_EQ(sv[0], 3, "a failed socketpair wrote the first fd number");
	CHECK_EQ(sv[1], 4, "and the second");
	CHECK_EQ(fcntl(3, F_GETFD), -1, "but fd 3 stays free");

	CHECK_ERR(socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT, "socket family -1");
	CHECK_ERR(socket(AF_UNIX, 0, 0), ESOCKTNOSUPPORT, "socket type 0");
	CHECK_ERR(socket(AF_UNIX, 11, 0), EINVAL, "socket type 11: EINVAL");
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM | 0x10000, 0), EINVAL,
		  "socket unknown flag: EINVAL");
	CHECK_ERR(socket(AF_UNIX, SOCK_DGRAM, 3), EPROTONOSUPPORT,
		  "socket protocol 3");
}

static void test_create_kinds(void)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW,
				     SOCK_SEQPACKET };
	static const int want[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_DGRAM,
				    SOCK_SEQPACKET };
	int sv[2], v;
	socklen_t len;
	struct stat st;

	for (int i = 0; i < 4; i++) {
		CHECK_EQ(socketpair(AF_UNIX, types[i], PF_UNIX, sv), 0,
			 "socketpair AF_UNIX, protocol PF_UNIX");
		CHECK_EQ(sv[0], 3, "first fd");
		CHECK_EQ(sv[1], 4, "second fd");
		len = sizeof(v);
		CHECK_EQ(getsockopt(sv[1], SOL_SOCKET, SO_TYPE, &v, &len), 0,
			 "getsockopt SO_TYPE");
		CHECK_EQ(v, want[i], "SO_TYPE (SOCK_RAW is SOCK_DGRAM)");
		CHECK_EQ(len, sizeof(int), "its length");
		close(sv[0]);
		close(sv[1]);
	}
	v = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(v, 3, "socket() returns the lowest fd");
	CHECK_EQ(fstat(v, &st), 0, "fstat a socket");
	CHECK(S_ISSOCK(st.st_mode), "S_ISSOCK");
	CHECK_HEX(st.st_mode & 07777, 0777, "mode 0777");
	CHECK_EQ(st.st_size, 0, "size 0");
	CHECK_HEX(fcntl(v, F_GETFL), O_RDWR, "F_GETFL: O_RDWR");
	CHECK_ERR(lseek(v, 0, SEEK_SET), ESPIPE, "lseek: ESPIPE");
	close(v);

	CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0, sv), 0, "SOCK_NONBLOCK | SOCK_CLOEXEC");
	CHECK_HEX(fcntl(sv[0], F_GETFL), O_RDWR | O_NONBLOCK, "O_NONBLOCK set");
	CHECK_EQ(fcntl(sv[1], F_GETFD), FD_CLOEXEC, "FD_CLOEXEC set");
	CHECK_ERR(read(sv[0], buf, 1), EAGAIN, "empty non-blocking: EAGAIN");
	{
		char path[40];
		int fd, n;

		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", sv[1]);
		fd = open(path, O_RDONLY);
		n = read(fd, buf, 100);
		CHECK(n > 18, "fdinfo of a socket");
		CHECK_MEM(buf, "pos:\t0\nflags:\t02004002\n", 23,
			  "fdinfo: pos and flags (O_RDWR, O_NONBLOCK, O_CLOEXEC)");
		close(fd);
	}
	close(sv[0]);
	close(sv[1]);
}

/* The socket calls on a pipe, a bad fd, and with bad pointers. */
static void test_not_sockets(void)
{
	int p[2], v = 0, sv[2];
	socklen_t len = sizeof(v);
	struct msghdr mh;

	pipe(p);
	CHECK_ERR(shutdown(p[0], SHUT_RD), ENOTSOCK, "shutdown pipe: ENOTSOCK");
	CHECK_ERR(send(p[1], "x", 1, 0), ENOTSOCK, "send pipe: ENOTSOCK");
	CHECK_ERR(recv(p[0], buf, 1, 0), ENOTSOCK, "recv pipe: ENOTSOCK");
	memset(&mh, 0, sizeof(mh));
	CHECK_ERR(sendmsg(p[1], &mh, 0), ENOTSOCK, "sendmsg pipe: ENOTSOCK");
	CHECK_ERR(recvmsg(p[0], &mh, 0), ENOTSOCK, "recvmsg pipe: ENOTSOCK");
	CHECK_ERR(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK,
		  "getsockopt pipe: ENOTSOCK");
	CHECK_ERR(setsockopt(p[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)),
		  ENOTSOCK, "setsockopt pipe: ENOTSOCK");
	CHECK_ERR(shutdown(99, SHUT_RD), EBADF, "shutdown bad fd: EBADF");
	CHECK_ERR(send(99, "x", 1, 0), EBADF, "send bad fd: EBADF");
	CHECK_EQ(send(99, bad_addr(1), 1, 0) == -1 && errno == EBADF, 1,
		 "send: a user-space buffer is not read before the fd");
	CHECK_ERR(send(99, bad_addr(0xffff800000000000UL), 1, 0), EFAULT,
		  "send: kernel buffer EFAULT before the fd");
	CHECK_ERR(recv(99, bad_addr(0xffff800000000000UL), 1, 0), EFAULT,
		  "recv: kernel buffer EFAULT before the fd");
	CHECK_ERR(sendmsg(99, &mh, 0), EBADF, "sendmsg bad fd: EBADF");
	CHECK_ERR(getsockopt(99, SOL_SOCKET, SO_TYPE, &v, &len), EBADF,
		  "getsockopt bad fd: EBADF");
	close(p[0]);
	close(p[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR(sendmsg(sv[0], bad_addr(1), 0), EFAULT, "sendmsg bad msghdr");
	CHECK_ERR(recvmsg(sv[0], bad_addr(1), 0), EFAULT, "recvmsg bad msghdr");
	mh.msg_iovlen = 1025;
	CHECK_ERR(sendmsg(sv[0], &mh, 0), EMSGSIZE, "sendmsg 1025 iovecs");
	mh.msg_iovlen = 1;
	mh.msg_iov = bad_addr(1);
	CHECK_ERR(sendmsg(sv[0], &mh, 0), EFAULT, "sendmsg bad iovec array");
	CHECK_ERR(shutdown(sv[0], 3), EINVAL, "shutdown how 3: EINVAL");
	CHECK_ERR(shutdown(sv[0], -1), EINVAL, "shutdown how -1: EINVAL");
	CHECK_ERR(ioctl(sv[0], 0x1234, &v), ENOTTY, "unknown ioctl: ENOTTY");
	close(sv[0]);
	close(sv[1]);
}

static void test_stream_data(void)
{
	int sv[2], v;
	struct iovec iov[3];
	struct msghdr mh;
	char name[16];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(write(sv[0], "hello", 5), 5, "write 5");
	CHECK_EQ(send(sv[0], " world", 6, 0), 6, "send 6");
	CHECK_EQ(ioctl(sv[1], FIONREAD, &v), 0, "FIONREAD");
	CHECK_EQ(v, 11, "FIONREAD counts both writes");
	memset(buf, 0, 16);
	CHECK_EQ(recv(sv[1], buf, 3, MSG_PEEK), 3, "peek 3");
	CHECK_EQ(recv(sv[1], buf, 16, MSG_PEEK), 11, "peek joins the writes");
	CHECK_MEM(buf, "hello world", 11, "peeked bytes");
	CHECK_EQ(read(sv[1], buf, 2), 2, "read 2 of the first write");
	CHECK_EQ(ioctl(sv[1], FIONREAD, &v), 0, "FIONREAD again");
	CHECK_EQ(v, 9, "FIONREAD after a partial read");
	iov[0].iov_base = buf;
	iov[0].iov_len = 4;
	iov[1].iov_base = buf + 10;
	iov[1].iov_len = 100;
	CHECK_EQ(readv(sv[1], iov, 2), 9, "readv takes the rest across writes");
	CHECK_MEM(buf, "llo ", 4, "first segment");
	CHECK_MEM(buf + 10, "world", 5, "second segment");
	CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN,
		  "MSG_DONTWAIT on empty: EAGAIN");

	/* sendmsg gathers, recvmsg scatters and reports no address, no
	 * control data, no flags */
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "cde";
	iov[2].iov_len = 3;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 3;
	CHECK_EQ(sendmsg(sv[0], &mh, 0), 5, "sendmsg 3 iovecs");
	iov[0].iov_base = buf;
	iov[0].iov_len = 1;
	iov[1].iov_base = buf + 1;
	iov[1].iov_len = 10;
	mh.msg_iovlen = 2;
	mh.msg_name = name;
	mh.msg_namelen = sizeof(name);
	mh.msg_control = buf + 100;
	mh.msg_controllen = 64;
	mh.msg_flags = -1;
	CHECK_EQ(recvmsg(sv[1], &mh, 0), 5, "recvmsg 5");
	CHECK_MEM(buf, "abcde", 5, "recvmsg data");
	CHECK_EQ(mh.msg_namelen, 0, "no sender address");
	CHECK_EQ(mh.msg_controllen, 0, "no control data");
	CHECK_EQ(mh.msg_flags, 0, "no flags");

	/* recvfrom's address length: 0 for an unnamed peer */
	send(sv[0], "z", 1, 0);
	{
		struct sockaddr_un sun;
		socklen_t alen = sizeof(sun);

		CHECK_EQ(recvfrom(sv[1], buf, 10, 0, (struct sockaddr *)&sun,
				  &alen), 1, "recvfrom 1");
		CHECK_EQ(alen, 0, "recvfrom: address length 0");
	}
	CHECK_EQ(send(sv[0], buf, 0, 0), 0, "stream send 0 bytes: 0");
	CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN,
		  "and nothing to read");
	{
		struct sockaddr_un sun = { .sun_family = AF_UNIX };

		CHECK_ERR(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&sun,
				 sizeof(sun)), EISCONN,
			  "stream sendto an address: EISCONN");
		CHECK_ERR(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&sun,
				 200), EINVAL, "address too long: EINVAL");
		CHECK_ERR(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&sun,
				 -1), EINVAL, "negative length: EINVAL");
	}
	/* a large write goes whole to a blocking reader's buffer size */
	memset(buf, 'q', 100000);
	CHECK_EQ(write(sv[0], buf, 100000), 100000, "write 100000");
	CHECK_EQ(recv(sv[1], buf, 100000, MSG_WAITALL), 100000,
		 "MSG_WAITALL: all 100000 in one call");
	close(sv[0]);
	close(sv[1]);
}

static void test_stream_fault(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR(write(sv[0], bad_addr(1), 10), EFAULT, "write bad buffer");
	send(sv[0], "abc", 3, 0);
	CHECK_ERR(read(sv[1], bad_addr(1), 3), EFAULT, "read into bad buffer");
	CHECK_EQ(read(sv[1], buf, 10), 3, "the bytes are still there");
	close(sv[0]);
	close(sv[1]);
}

/* Datagrams and seqpackets keep their boundaries. */
static void test_boundaries(int type, const char *name)
{
	int sv[2], v;
	struct msghdr mh;
	struct iovec iov;
	char what[80];

#define W(s) (snprintf(what, sizeof(what), "%s: %s", name, s), what)
	socketpair(AF_UNIX, type, 0, sv);
	CHECK_EQ(send(sv[0], "first", 5, 0), 5, W("send 5"));
	CHECK_EQ(send(sv[0], "second!", 7, 0), 7, W("send 7"));
	CHECK_EQ(send(sv[0], "", 0, 0), 0, W("send an empty message"));
	CHECK_EQ(ioctl(sv[1], FIONREAD, &v), 0, W("FIONREAD"));
	CHECK_EQ(v, type == SOCK_DGRAM ? 5 : 12, W("FIONREAD value"));
	CHECK_EQ(recv(sv[1], buf, 100, MSG_PEEK), 5, W("peek one message"));
	CHECK_EQ(recv(sv[1], buf, 2, MSG_PEEK | MSG_TRUNC), 5,
		 W("peek MSG_TRUNC: the real length"));
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = 3;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	CHECK_EQ(recvmsg(sv[1], &mh, 0), 3, W("recvmsg 3 of 5"));
	CHECK_HEX(mh.msg_flags, MSG_TRUNC, W("msg_flags MSG_TRUNC"));
	CHECK_MEM(buf, "fir", 3, W("the start of the message"));
	CHECK_EQ(recv(sv[1], buf, 3, MSG_TRUNC), 7,
		 W("MSG_TRUNC returns the full length"));
	CHECK_MEM(buf, "sec", 3, W("and copies what fits"));
	CHECK_EQ(ioctl(sv[1], FIONREAD, &v), 0, W("FIONREAD"));
	CHECK_EQ(v, 0, W("FIONREAD of an empty message"));
	CHECK_EQ(read(sv[1], buf, 0), 0, W("read 0 reads nothing"));
	CHECK_EQ(recv(sv[1], buf, 10, MSG_DONTWAIT), 0,
		 W("the empty message"));
	CHECK_ERR(recv(sv[1], buf, 10, MSG_DONTWAIT), EAGAIN, W("then EAGAIN"));
	CHECK_EQ(write(sv[1], "x", 0), 0, W("write of 0 bytes"));
	CHECK_EQ(recv(sv[0], buf, 10, MSG_DONTWAIT), 0,
		 W("sends an empty message"));
	CHECK_EQ(send(sv[1], "y", 1, 0), 1, W("send 1"));
	CHECK_EQ(recv(sv[0], buf, 0, 0), 0, W("recv 0 bytes"));
	CHECK_ERR(recv(sv[0], buf, 10, MSG_DONTWAIT), EAGAIN,
		  W("dropped the message"));
	CHECK_ERR(send(sv[0], buf, 212992 - 31, 0), EMSGSIZE,
		  W("sndbuf - 31 bytes: EMSGSIZE"));
	CHECK_EQ(send(sv[0], buf, 212992 - 32, 0), 212992 - 32,
		 W("sndbuf - 32 bytes fit"));
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 212992 - 32,
		 W("received whole"));
	CHECK_ERR(send(sv[0], "x", 1, MSG_OOB), EOPNOTSUPP,
		  W("MSG_OOB: EOPNOTSUPP"));
	CHECK_ERR(recv(sv[0], buf, 1, MSG_OOB), EOPNOTSUPP,
		  W("recv MSG_OOB: EOPNOTSUPP"));
	close(sv[0]);
	close(sv[1]);
#undef W
}

static void test_options(void)
{
	int sv[2], v;
	socklen_t len;
	static const int set[] = { 0, 1, 1000, 2304, 4608, 100000 };
	static const int snd[] = { 4608, 4608, 4608, 4608, 9216, 200000 };
	static const int rcv[] = { 2304, 2304, 2304, 4608, 9216, 200000 };

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	len = sizeof(v);
	getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len);
	CHECK_EQ(v, 212992, "SO_SNDBUF default");
	getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, &len);
	CHECK_EQ(v, 212992, "SO_RCVBUF default");
	for (unsigned i = 0; i < sizeof(set) / sizeof(set[0]); i++) {
		v = set[i];
		CHECK_EQ(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)),
			 0, "setsockopt SO_SNDBUF");
		getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len);
		CHECK_EQ(v, snd[i], "SO_SNDBUF doubled, at least 4608");
		v = set[i];
		CHECK_EQ(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)),
			 0, "setsockopt SO_RCVBUF");
		getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, &len);
		CHECK_EQ(v, rcv[i], "SO_RCVBUF doubled, at least 2304");
	}
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, 3), EINVAL,
		  "optlen 3: EINVAL");
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, -1), EINVAL,
		  "optlen -1: EINVAL");
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, bad_addr(1), 4),
		  EFAULT, "bad optval: EFAULT");
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, sizeof(v)),
		  ENOPROTOOPT, "set SO_TYPE: ENOPROTOOPT");
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, 9999, &v, sizeof(v)),
		  ENOPROTOOPT, "unknown option: ENOPROTOOPT");
	CHECK_ERR(setsockopt(sv[0], 6, 1, &v, sizeof(v)), EOPNOTSUPP,
		  "level IPPROTO_TCP: EOPNOTSUPP");
	CHECK_ERR(getsockopt(sv[0], 6, 1, &v, &len), EOPNOTSUPP,
		  "get level IPPROTO_TCP: EOPNOTSUPP");
	CHECK_ERR(getsockopt(sv[0], SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT,
		  "get unknown option: ENOPROTOOPT");
	len = -1;
	CHECK_ERR(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len), EINVAL,
		  "negative optlen: EINVAL");
	CHECK_ERR(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, bad_addr(1)),
		  EFAULT, "bad optlen pointer: EFAULT");
	len = 2;
	v = -1;
	CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len), 0,
		 "optlen 2");
	CHECK_EQ(len, 2, "cut to 2");
	CHECK_HEX((unsigned int)v, 0xffff0001, "two bytes written");
	len = 100;
	CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len), 0,
		 "SO_ERROR");
	CHECK_EQ(v, 0, "no error");
	CHECK_EQ(len, 4, "optlen 100 cut to 4");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	test_create_errors();
	test_create_kinds();
	test_not_sockets();
	test_stream_data();
	test_stream_fault();
	test_boundaries(SOCK_DGRAM, "dgram");
	test_boundaries(SOCK_SEQPACKET, "seqpacket");
	test_options();
	return test_done();
}
