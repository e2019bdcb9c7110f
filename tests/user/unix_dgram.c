/*
 * unix_dgram.c - named AF_UNIX datagram sockets: connect (to a path or
 * an abstract name, AF_UNSPEC to disconnect), sendto a name, recvfrom
 * the sender's name, their errors, a full receive queue (EAGAIN, a
 * blocked sender, poll's and epoll's writability), a receiver that
 * goes.  Every expected value was seen on Linux 6.18
 * (net.unix.max_dgram_qlen 10).
 */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"
#include "unix_util.h"

#define PATH_A "/tmp/pollux-unix-dgram-a"
#define PATH_B "/tmp/pollux-unix-dgram-b"
static char buf[100];

static socklen_t set_abstract(struct sockaddr_un *sun, const char *name)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path + 1, name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

/* A datagram socket bound to path, or -1 */
static int bound(const char *path)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);

	unlink(path);
	if (bind(s, SA(&sun), set_path(&sun, path)) < 0)
		return -1;
	return s;
}

static void test_errors(void)
{
	struct sockaddr_un sun;
	struct sockaddr sa = { .sa_family = AF_UNSPEC };
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	int t = socket(AF_UNIX, SOCK_DGRAM, 0);

	CHECK_ERR(send(s, "x", 1, 0), ENOTCONN, "send unconnected: ENOTCONN");
	CHECK_ERR(send(s, buf, 300000, 0), EMSGSIZE,
		  "send 300000 unconnected: EMSGSIZE before ENOTCONN");
	CHECK_ERR(connect(s, SA(&sun), 1), EINVAL, "connect length 1: EINVAL");
	CHECK_ERR(connect(s, SA(&sa), 0), EINVAL, "connect length 0: EINVAL");
	set_path(&sun, PATH_A);
	CHECK_ERR(connect(s, SA(&sun), 2), EINVAL, "connect length 2: EINVAL");
	sun.sun_family = AF_INET;
	CHECK_ERR(connect(s, SA(&sun), sizeof(sun)), EINVAL,
		  "connect AF_INET: EINVAL");
	unlink(PATH_A);
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH_A)), ENOENT,
		  "connect missing path: ENOENT");
	CHECK_ERR(sendto(s, "x", 1, 0, SA(&sun), set_path(&sun, PATH_A)),
		  ENOENT, "sendto missing path: ENOENT");
	CHECK_ERR(sendto(s, "x", 1, 0, SA(&sun), 2), EINVAL,
		  "sendto length 2: EINVAL");
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, "/tmp")), ECONNREFUSED,
		  "connect a directory: ECONNREFUSED");
	CHECK_ERR(connect(s, SA(&sun), set_abstract(&sun, "pollux-none")),
		  ECONNREFUSED, "connect unknown abstract name: ECONNREFUSED");
	CHECK_ERR(sendto(s, "x", 1, 0, SA(&sun), set_abstract(&sun, "pollux-none")),
		  ECONNREFUSED, "sendto unknown abstract name: ECONNREFUSED");
	CHECK_EQ(bind(l, SA(&sun), set_abstract(&sun, "pollux-stream")), 0,
		 "bind a stream socket");
	CHECK_ERR(connect(s, SA(&sun), set_abstract(&sun, "pollux-stream")),
		  ECONNREFUSED,
		  "connect to a stream socket's abstract name: ECONNREFUSED");
	CHECK_EQ(bind(t, SA(&sun), set_abstract(&sun, "pollux-stream")), 0,
		 "a dgram socket may bind the same abstract name");
	CHECK_EQ(connect(s, SA(&sun), set_abstract(&sun, "pollux-stream")), 0,
		 "and connect finds that one");
	close(t);
	t = socket(AF_UNIX, SOCK_STREAM, 0);
	unlink(PATH_B);
	CHECK_EQ(bind(t, SA(&sun), set_path(&sun, PATH_B)), 0,
		 "a stream socket bound to a path");
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH_B)), EPROTOTYPE,
		  "connect to it: EPROTOTYPE");
	CHECK_ERR(sendto(s, "x", 1, 0, SA(&sun), set_path(&sun, PATH_B)),
		  EPROTOTYPE, "sendto it: EPROTOTYPE");
	unlink(PATH_B);
	CHECK_EQ(connect(s, SA(&sa), sizeof(sa)), 0,
		 "AF_UNSPEC on an unconnected socket: 0");
	CHECK_EQ(connect(s, SA(&sa), 2), 0, "AF_UNSPEC length 2: 0");
	CHECK_ERR(listen(s, 1), EOPNOTSUPP, "listen on dgram: EOPNOTSUPP");
	close(s);
	close(l);
	close(t);
}

static void test_connect_send(void)
{
	struct sockaddr_un sun, got;
	socklen_t len;
	int a = bound(PATH_A), b = bound(PATH_B);
	int c = socket(AF_UNIX, SOCK_DGRAM, 0);

	CHECK(a >= 0 && b >= 0, "two bound sockets");
	CHECK_EQ(connect(c, SA(&sun), set_path(&sun, PATH_A)), 0,
		 "connect to PATH_A");
	len = sizeof(got);
	CHECK_EQ(getpeername(c, SA(&got), &len), 0, "getpeername");
	CHECK_EQ(len, 2 + sizeof(PATH_A), "peer name length");
	CHECK_STR(got.sun_path, PATH_A, "peer name");
	len = sizeof(got);
	CHECK_ERR(getpeername(a, SA(&got), &len), ENOTCONN,
		  "the bound side has no peer: ENOTCONN");
	CHECK_EQ(send(c, "one", 3, 0), 3, "send to the peer");
	len = sizeof(got);
	memset(&got, 0x55, sizeof(got));
	CHECK_EQ(recvfrom(a, buf, sizeof(buf), 0, SA(&got), &len), 3,
		 "recvfrom");
	CHECK_EQ(len, 0, "an unbound sender: address length 0");
	CHECK_EQ(got.sun_family, 0x5555, "and nothing written");
	CHECK_EQ(sendto(c, "two", 3, 0, SA(&sun), set_path(&sun, PATH_B)), 3,
		 "a connected socket may sendto another name");
	CHECK_ERR(recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		  "not to its peer");
	len = sizeof(got);
	CHECK_EQ(recvfrom(b, buf, sizeof(buf), 0, SA(&got), &len), 3,
		 "but to the other name");
	CHECK_EQ(sendto(b, "back", 4, 0, SA(&sun), set_path(&sun, PATH_A)), 4,
		 "bound b sendto a");
	len = sizeof(got);
	CHECK_EQ(recvfrom(a, buf, sizeof(buf), 0, SA(&got), &len), 4,
		 "a receives from b");
	CHECK_EQ(len, 2 + sizeof(PATH_B), "a bound sender: its name's length");
	CHECK_STR(got.sun_path, PATH_B, "and its name");
	len = 4;
	CHECK_EQ(sendto(b, "cut", 3, 0, SA(&sun), set_path(&sun, PATH_A)), 3,
		 "again");
	memset(&got, 0, sizeof(got));
	CHECK_EQ(recvfrom(a, buf, sizeof(buf), 0, SA(&got), &len), 3,
		 "recvfrom with room for 4 bytes of name");
	CHECK_EQ(len, 2 + sizeof(PATH_B), "the full length back");
	CHECK_MEM(got.sun_path, "/t\0", 3, "two bytes of the path");
	CHECK_EQ(connect(a, SA(&sun), set_path(&sun, PATH_B)), 0,
		 "a connects to b");
	CHECK_ERR(send(c, "x", 1, 0), EPERM,
		  "c to a, which is connected elsewhere: EPERM");
	CHECK_ERR(connect(c, SA(&sun), set_path(&sun, PATH_A)), EPERM,
		  "connect c to a: EPERM");
	CHECK_EQ(sendto(b, "b2a", 3, 0, SA(&sun), set_path(&sun, PATH_A)), 3,
		 "b, a's peer, may send to a");
	close(a);
	close(b);
	close(c);
	unlink(PATH_A);
	unlink(PATH_B);
}

static void test_abstract_unspec(void)
{
	struct sockaddr_un sun, got;
	struct sockaddr sa = { .sa_family = AF_UNSPEC };
	socklen_t len, alen = set_abstract(&sun, "pollux-dgram");
	int a = socket(AF_UNIX, SOCK_DGRAM, 0);
	int c = socket(AF_UNIX, SOCK_DGRAM, 0);

	CHECK_EQ(bind(a, SA(&sun), alen), 0, "bind an abstract name");
	CHECK_EQ(connect(c, SA(&sun), alen), 0, "connect to it");
	CHECK_EQ(bind(c, SA(&sun), 2), 0, "autobind c");
	CHECK_EQ(send(c, "hi", 2, 0), 2, "send");
	len = sizeof(got);
	CHECK_EQ(recvfrom(a, buf, sizeof(buf), 0, SA(&got), &len), 2,
		 "recvfrom an autobound sender");
	CHECK_EQ(len, 8, "its name's length: 8");
	CHECK_EQ(got.sun_path[0], 0, "an abstract name");
	CHECK_EQ(sendto(a, "re", 2, 0, SA(&got), len), 2,
		 "reply to the autobound name");
	CHECK_EQ(recv(c, buf, sizeof(buf), 0), 2, "c has the reply");
	CHECK_EQ(sendto(a, "lost", 4, 0, SA(&got), len), 4, "one more to c");
	CHECK_EQ(connect(c, SA(&sa), sizeof(sa)), 0, "c disconnects");
	CHECK_ERR(recv(c, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		  "disconnecting dropped c's queue");
	CHECK_ERR(send(c, "x", 1, 0), ENOTCONN, "send now: ENOTCONN");
	len = sizeof(got);
	CHECK_ERR(getpeername(c, SA(&got), &len), ENOTCONN,
		  "getpeername: ENOTCONN");
	CHECK_EQ(connect(c, SA(&sun), alen), 0, "connect again");
	CHECK_EQ(send(c, "ok", 2, 0), 2, "send again");
	close(a);
	CHECK_ERR(send(c, "x", 1, 0), ECONNREFUSED,
		  "the peer closed: ECONNREFUSED");
	CHECK_ERR(send(c, "x", 1, 0), ENOTCONN, "then ENOTCONN");
	CHECK_ERR(connect(c, SA(&sun), alen), ECONNREFUSED,
		  "the name is gone: ECONNREFUSED");
	close(c);
}

/* /proc/sys/net/unix/max_dgram_qlen: 10 */
static void test_sysctl(void)
{
	int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_RDONLY);

	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3, "read max_dgram_qlen");
	CHECK_STR(buf, "10\n", "10");
	close(fd);
}

/* A connected sender to a receiver that does not read */
static void test_full_queue(void)
{
	struct sockaddr_un sun;
	struct pollfd pfd;
	struct epoll_event ev;
	int a = bound(PATH_A), n, ep = epoll_create1(0);
	int c = socket(AF_UNIX, SOCK_DGRAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	pid_t pid;

	CHECK_EQ(connect(c, SA(&sun), set_path(&sun, PATH_A)), 0, "connect");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT, 1), 0,
		 "epoll watches c for EPOLLOUT");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "c is writable");
	for (n = 0; n < 100; n++)
		if (send(c, "d", 1, MSG_DONTWAIT) < 0)
			break;
	CHECK_EQ(n, 11, "11 datagrams fit (max_dgram_qlen 10, plus one)");
	CHECK_EQ(errno, EAGAIN, "then EAGAIN");
	CHECK_ERR(sendto(d, "d", 1, MSG_DONTWAIT, SA(&sun),
			 set_path(&sun, PATH_A)), EAGAIN,
		  "an unconnected sender too");
	pfd = (struct pollfd){ .fd = c, .events = POLLOUT | POLLIN };
	CHECK_EQ(poll(&pfd, 1, 0), 0, "poll: not writable");
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, 0), 0, "nothing to read either");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "epoll: no EPOLLOUT");
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 1, "the receiver reads one");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "epoll: EPOLLOUT again");
	CHECK_HEX(ev.events, EPOLLOUT, "mask EPOLLOUT");
	pfd.events = POLLOUT;
	CHECK_EQ(poll(&pfd, 1, 0), 1, "poll: writable");
	CHECK_EQ(send(c, "d", 1, MSG_DONTWAIT), 1, "one more fits");
	CHECK_ERR(send(c, "d", 1, MSG_DONTWAIT), EAGAIN, "and then EAGAIN");
	pid = fork();
	if (pid == 0) {
		int asleep = wait_parent_asleep();

		_exit(recv(a, buf, sizeof(buf), 0) != 1 || !asleep);
	}
	CHECK_EQ(send(c, "w", 1, 0), 1, "a blocking send waits for room");
	CHECK_EQ(wait_child(pid), 0, "the child read one, once we slept");
	close(a);
	pfd.events = POLLOUT;
	CHECK_EQ(poll(&pfd, 1, 0), 1, "the receiver gone: writable");
	CHECK_HEX(pfd.revents, POLLOUT, "POLLOUT");
	CHECK_ERR(send(c, "d", 1, MSG_DONTWAIT), ECONNREFUSED,
		  "and the send fails: ECONNREFUSED");
	close(c);
	close(d);
	close(ep);
	unlink(PATH_A);
}

/* A socketpair's ends are each other's peers: no queue limit */
static void test_pair_unlimited(void)
{
	int sv[2], n;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	for (n = 0; n < 100; n++)
		if (send(sv[0], "d", 1, MSG_DONTWAIT) < 0)
			break;
	CHECK_EQ(n, 100, "a socketpair takes 100 datagrams");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	test_errors();
	test_connect_send();
	test_abstract_unspec();
	test_sysctl();
	test_full_queue();
	test_pair_unlimited();
	return test_done();
}
