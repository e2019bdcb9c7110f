/*
 * unix_listen.c - AF_UNIX names: bind to a path or an abstract name,
 * listen, connect, accept/accept4, getsockname/getpeername, and their
 * errors; a listener's readiness; what a client sees when its listener
 * goes.  Every expected value was seen on Linux 6.18.
 *
 *   client --connect(PATH)--> listener --accept--> server
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"
#include "unix_util.h"

#define PATH "/tmp/pollux-unix-listen"
#define ABSTRACT "\0pollux-unix-listen"
#define ABSTRACT_LEN (offsetof(struct sockaddr_un, sun_path) + 19)

static char buf[100];

static socklen_t set_abstract(struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, ABSTRACT, ABSTRACT_LEN - 2);
	return ABSTRACT_LEN;
}

static void test_bind(void)
{
	struct sockaddr_un sun, got;
	socklen_t len;
	struct stat st;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), t;

	unlink(PATH);
	len = sizeof(got);
	CHECK_EQ(getsockname(s, SA(&got), &len), 0, "getsockname unbound");
	CHECK_EQ(len, 2, "unbound: length 2");
	CHECK_EQ(got.sun_family, AF_UNIX, "family AF_UNIX");
	set_path(&sun, PATH);
	CHECK_ERR(bind(s, SA(&sun), 1), EINVAL, "bind length 1: EINVAL");
	CHECK_ERR(bind(s, SA(&sun), sizeof(sun) + 1), EINVAL,
		  "bind length 111: EINVAL");
	CHECK_ERR(bind(s, SA(&sun), 129), EINVAL, "bind length 129: EINVAL");
	CHECK_ERR(bind(s, bad_addr(1), 20), EFAULT, "bind bad address");
	sun.sun_family = AF_INET;
	CHECK_ERR(bind(s, SA(&sun), 30), EINVAL, "bind family AF_INET: EINVAL");
	set_path(&sun, "/tmp/no-such-dir/x");
	CHECK_ERR(bind(s, SA(&sun), sizeof(sun)), ENOENT,
		  "bind in a missing directory: ENOENT");
	set_path(&sun, "/tmp");
	CHECK_ERR(bind(s, SA(&sun), sizeof(sun)), EADDRINUSE,
		  "bind to an existing path: EADDRINUSE");
	CHECK_EQ(bind(s, SA(&sun), set_path(&sun, PATH)), 0, "bind PATH");
	CHECK_EQ(stat(PATH, &st), 0, "the path exists");
	CHECK(S_ISSOCK(st.st_mode), "as a socket");
	CHECK_ERR(open(PATH, O_RDWR), ENXIO, "open a socket node: ENXIO");
	len = sizeof(got);
	CHECK_EQ(getsockname(s, SA(&got), &len), 0, "getsockname");
	CHECK_EQ(len, 2 + sizeof(PATH), "length: family, path, NUL");
	CHECK_STR(got.sun_path, PATH, "the path");
	len = 4;
	CHECK_EQ(getsockname(s, SA(&got), &len), 0, "getsockname, short");
	CHECK_EQ(len, 2 + sizeof(PATH), "the full length comes back");
	CHECK_ERR(getpeername(s, SA(&got), &len), ENOTCONN,
		  "getpeername unconnected: ENOTCONN");
	set_path(&sun, "/tmp/pollux-unix-other");
	CHECK_ERR(bind(s, SA(&sun), sizeof(sun)), EINVAL, "bind twice: EINVAL");
	t = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_ERR(bind(t, SA(&sun), set_path(&sun, PATH)), EADDRINUSE,
		  "another socket on PATH: EADDRINUSE");
	close(s);
	CHECK_EQ(stat(PATH, &st), 0, "the path outlives the socket");
	CHECK_ERR(bind(t, SA(&sun), set_path(&sun, PATH)), EADDRINUSE,
		  "and is still in use");
	CHECK_EQ(unlink(PATH), 0, "unlink it");
	CHECK_EQ(bind(t, SA(&sun), set_path(&sun, PATH)), 0,
		  "then bind works (a datagram socket)");
	CHECK_ERR(listen(t, 1), EOPNOTSUPP, "listen on SOCK_DGRAM: EOPNOTSUPP");
	close(t);
	unlink(PATH);

	s = socket(AF_UNIX, SOCK_STREAM, 0);
	t = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(bind(s, SA(&sun), set_abstract(&sun)), 0, "bind abstract");
	CHECK_ERR(bind(t, SA(&sun), set_abstract(&sun)), EADDRINUSE,
		  "the abstract name in use: EADDRINUSE");
	len = sizeof(got);
	getsockname(s, SA(&got), &len);
	CHECK_EQ(len, ABSTRACT_LEN, "abstract: the length given");
	CHECK_MEM(got.sun_path, ABSTRACT, ABSTRACT_LEN - 2, "the name");
	close(s);
	CHECK_EQ(bind(t, SA(&sun), set_abstract(&sun)), 0,
		 "closed: the abstract name is free");
	close(t);
}

static void test_connect_errors(void)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), l;

	unlink(PATH);
	CHECK_ERR(listen(s, 1), EINVAL, "listen unbound: EINVAL");
	CHECK_ERR(accept(s, NULL, NULL), EINVAL, "accept, not listening");
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH)), ENOENT,
		  "connect to a missing path: ENOENT");
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, "/tmp")), ECONNREFUSED,
		  "connect to a directory: ECONNREFUSED");
	CHECK_ERR(connect(s, SA(&sun), set_abstract(&sun)), ECONNREFUSED,
		  "connect to an unknown abstract name: ECONNREFUSED");
	CHECK_ERR(connect(s, SA(&sun), 2), EINVAL, "connect length 2: EINVAL");
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, SA(&sun), set_path(&sun, PATH));
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH)), ECONNREFUSED,
		  "bound but not listening: ECONNREFUSED");
	CHECK_EQ(listen(l, 5), 0, "listen");
	CHECK_EQ(listen(l, 7), 0, "listen again");
	close(s);
	s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH)), EPROTOTYPE,
		  "seqpacket to a stream listener: EPROTOTYPE");
	close(s);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(connect(s, SA(&sun), set_path(&sun, PATH)), 0, "connect");
	CHECK_ERR(connect(s, SA(&sun), set_path(&sun, PATH)), EISCONN,
		  "connect twice: EISCONN");
	CHECK_ERR(accept4(l, NULL, NULL, 0x1000), EINVAL, "accept4 bad flags");
	CHECK_ERR(accept(s, NULL, NULL), EINVAL, "accept on a client: EINVAL");
	close(s);
	close(l);
	unlink(PATH);
}

static void test_accept(void)
{
	struct sockaddr_un sun, got;
	socklen_t len;
	int l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0), c, c2, a;
	struct pollfd p;

	unlink(PATH);
	p.events = POLLIN | POLLOUT | POLLRDHUP;
	p.fd = l;
	poll(&p, 1, 0);
	CHECK_HEX(p.revents, POLLOUT | POLLHUP, "fresh socket: OUT and HUP");
	bind(l, SA(&sun), set_path(&sun, PATH));
	listen(l, 0);
	poll(&p, 1, 0);
	CHECK_HEX(p.revents, 0, "listening, nobody waiting: nothing");
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN, "non-blocking accept: EAGAIN");
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_EQ(connect(c, SA(&sun), set_path(&sun, PATH)), 0,
		 "connect: backlog 0 takes one");
	CHECK_ERR(connect(c2, SA(&sun), set_path(&sun, PATH)), EAGAIN,
		  "the next non-blocking connect: EAGAIN");
	poll(&p, 1, 0);
	CHECK_HEX(p.revents, POLLIN, "a connection waits: POLLIN");
	len = sizeof(got);
	CHECK_EQ(getpeername(c, SA(&got), &len), 0, "client getpeername");
	CHECK_STR(got.sun_path, PATH, "the listener's path");
	CHECK_EQ(send(c, "early", 5, 0), 5, "the client sends before accept");
	len = sizeof(got);
	memset(&got, 0x55, sizeof(got));
	a = accept4(l, SA(&got), &len, SOCK_CLOEXEC);
	CHECK(a >= 0, "accept4");
	CHECK_EQ(len, 2, "the client has no name: length 2");
	CHECK_EQ(got.sun_family, AF_UNIX, "family");
	CHECK_EQ(fcntl(a, F_GETFD), FD_CLOEXEC, "SOCK_CLOEXEC");
	CHECK_HEX(fcntl(a, F_GETFL), O_RDWR, "accepted: blocking");
	len = sizeof(got);
	getsockname(a, SA(&got), &len);
	CHECK_STR(got.sun_path, PATH, "accepted socket's name: the path");
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 5, "the early data");
	CHECK_EQ(send(a, "reply", 5, 0), 5, "server replies");
	CHECK_EQ(recv(c, buf, sizeof(buf), 0), 5, "client reads it");
	CHECK_EQ(connect(c2, SA(&sun), set_path(&sun, PATH)), 0,
		 "room again after accept");
	close(a);
	CHECK_EQ(recv(c, buf, sizeof(buf), 0), 0, "server closed: EOF");

	/* the listener goes with c2 still queued */
	close(l);
	p.fd = c2;
	poll(&p, 1, 0);
	CHECK_HEX(p.revents, POLLIN | POLLOUT | POLLRDHUP | POLLHUP | POLLERR,
		  "queued client of a closed listener: ERR, HUP");
	CHECK_ERR(recv(c2, buf, 1, 0), ECONNRESET, "recv: ECONNRESET");
	CHECK_ERR(connect(c, SA(&sun), set_path(&sun, PATH)), ECONNREFUSED,
		  "connecting again: the name is looked up first");
	close(c);
	close(c2);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(connect(c, SA(&sun), set_path(&sun, PATH)), ECONNREFUSED,
		  "the listener closed: ECONNREFUSED");
	close(c);
	unlink(PATH);
	CHECK_ERR(connect(socket(AF_UNIX, SOCK_STREAM, 0), SA(&sun),
			  set_path(&sun, PATH)), ENOENT, "unlinked: ENOENT");
}

/* A blocking accept and an epoll watcher woken by a child's connect;
 * seqpacket keeps its boundaries over a connection. */
static void test_wakeup(void)
{
	struct sockaddr_un sun;
	struct epoll_event ev;
	int l = socket(AF_UNIX, SOCK_SEQPACKET, 0), ep = epoll_create1(0), a;
	pid_t pid;

	bind(l, SA(&sun), set_abstract(&sun));
	listen(l, 4);
	ep_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN | EPOLLET, 9);
	pid = fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_SEQPACKET, 0);

		if (!wait_parent_asleep())
			_exit(3);
		if (connect(c, SA(&sun), set_abstract(&sun)))
			_exit(1);
		send(c, "one", 3, 0);
		send(c, "two!", 4, 0);
		_exit(recv(c, buf, sizeof(buf), 0) == 0 ? 0 : 2);
	}
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll woken by a connect");
	CHECK_EQ(ev.data.u64, 9, "the listener");
	a = accept(l, NULL, NULL);
	CHECK(a >= 0, "accept");
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 3, "seqpacket: first record");
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 4, "second record");
	shutdown(a, SHUT_WR);
	CHECK_EQ(wait_child(pid), 0, "the child saw EOF");
	close(a);
	close(l);
	close(ep);
}

/* A blocking connect to a full backlog waits until an accept makes room. */
static void test_connect_waits(void)
{
	struct sockaddr_un sun;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c1, c2, status;
	long long t0;
	pid_t pid;

	bind(l, SA(&sun), set_abstract(&sun));
	listen(l, 0);
	c1 = socket(AF_UNIX, SOCK_STREAM, 0);
	c2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(connect(c1, SA(&sun), set_abstract(&sun)), 0, "first connect");
	pid = fork();
	if (pid == 0) {
		/* the parent's connect waits, and for 50 ms more */
		int asleep = wait_parent_asleep();

		msleep(50);
		_exit(accept(l, NULL, NULL) >= 0 && asleep ? 0 : 1);
	}
	t0 = monotonic_ns();
	CHECK_EQ(connect(c2, SA(&sun), set_abstract(&sun)), 0,
		 "the second waits, then connects");
	CHECK(monotonic_ns() - t0 >= 40000000LL, "after the child's accept");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the child accepted");
	CHECK_EQ(recv(c1, buf, 1, 0), 0, "the accepted end closed: EOF");
	close(c1);
	close(c2);
	close(l);
}

/* An address of the family alone picks an abstract name: "\0" and five
 * hex digits (which, Linux chooses at random). */
static void test_autobind(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX }, got;
	socklen_t len = sizeof(got);
	int s = socket(AF_UNIX, SOCK_STREAM, 0), c;

	CHECK_EQ(bind(s, SA(&sun), 2), 0, "autobind");
	CHECK_EQ(getsockname(s, SA(&got), &len), 0, "getsockname");
	CHECK_EQ(len, 8, "length 8");
	CHECK_EQ(got.sun_path[0], 0, "abstract");
	CHECK_EQ(strspn(got.sun_path + 1, "0123456789abcdef"), 5,
		 "five hex digits");
	CHECK_EQ(bind(s, SA(&sun), 2), 0, "autobind again: nothing to do");
	CHECK_ERR(bind(s, SA(&sun), set_path(&sun, PATH)), EINVAL,
		  "then a path: EINVAL");
	CHECK_EQ(listen(s, 1), 0, "an autobound socket may listen");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_EQ(connect(c, SA(&got), len), 0, "connect to the chosen name");
	close(c);
	close(s);
}

static int child_peercred(int fd, pid_t want)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) || len != 12)
		return 1;
	return uc.pid == want && uc.uid == getuid() && uc.gid == getgid() ?
		0 : 2;
}

/* SO_PEERCRED: who made the other end, when it was made. */
static void test_peercred(void)
{
	struct sockaddr_un sun;
	struct ucred uc;
	socklen_t len = sizeof(uc);
	int s = socket(AF_UNIX, SOCK_STREAM, 0), sv[2], a, status;
	pid_t pid, parent = getpid();

	CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len), 0,
		 "SO_PEERCRED unconnected");
	CHECK_EQ(len, 12, "length 12");
	CHECK_EQ(uc.pid, 0, "pid 0");
	CHECK_EQ((int)uc.uid, -1, "uid -1");
	CHECK_EQ((int)uc.gid, -1, "gid -1");
	len = 4;
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len);
	CHECK_EQ(len, 4, "cut to 4");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(child_peercred(sv[0], parent), 0,
		 "socketpair: our own pid, uid, gid");
	close(sv[0]);
	close(sv[1]);

	bind(s, SA(&sun), set_abstract(&sun));
	listen(s, 1);
	pid = fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);

		if (connect(c, SA(&sun), set_abstract(&sun)))
			_exit(3);
		_exit(child_peercred(c, parent));
	}
	a = accept(s, NULL, NULL);
	CHECK_EQ(child_peercred(a, pid), 0, "accepted: the client's pid");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the client sees the listener's pid");
	close(a);
	close(s);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_bind();
	test_connect_errors();
	test_accept();
	test_wakeup();
	test_connect_waits();
	test_autobind();
	test_peercred();
	return test_done();
}
