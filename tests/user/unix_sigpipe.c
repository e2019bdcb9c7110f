/*
 * unix_sigpipe.c - AF_UNIX sockets whose peer is gone or shut down:
 * SIGPIPE and EPIPE (and MSG_NOSIGNAL), ECONNRESET for data left unread,
 * ECONNREFUSED for a datagram peer; end of input; blocked readers and
 * writers woken by the peer; a socket's life across dup and fork.
 * Every expected value was seen on Linux 6.18.
 */
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

static char buf[300000];

/* In a child with SIGPIPE at its default: what fn returns, or the
 * number of the signal that killed it plus 1000. */
static int child_result(int (*fn)(int), int fd)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		_exit(fn(fd));
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? 1000 + WTERMSIG(status)
				   : WEXITSTATUS(status);
}

static int do_write(int fd)
{
	return write(fd, "x", 1) < 0 ? errno : 0;
}

static int do_send_nosignal(int fd)
{
	return send(fd, "x", 1, MSG_NOSIGNAL) < 0 ? errno : 0;
}

static void test_stream_pipe(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	CHECK_EQ(child_result(do_write, sv[0]), 1000 + SIGPIPE,
		 "stream write, peer closed: SIGPIPE kills");
	CHECK_EQ(child_result(do_send_nosignal, sv[0]), EPIPE,
		 "MSG_NOSIGNAL: EPIPE, no signal");
	CHECK_ERR(write(sv[0], "x", 1), EPIPE, "SIGPIPE ignored: EPIPE");
	CHECK_ERR(write(sv[0], "x", 0), EPIPE, "even writing 0 bytes");
	CHECK_EQ(read(sv[0], buf, 10), 0, "read: EOF");
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_EQ(shutdown(sv[0], SHUT_WR), 0, "shutdown SHUT_WR");
	CHECK_EQ(child_result(do_write, sv[0]), 1000 + SIGPIPE,
		 "write after own SHUT_WR: SIGPIPE");
	CHECK_EQ(send(sv[1], "ab", 2, 0), 2, "the peer still sends");
	CHECK_EQ(read(sv[0], buf, 10), 2, "and we still read");
	CHECK_EQ(read(sv[1], buf, 10), 0, "the peer reads EOF");
	CHECK_EQ(shutdown(sv[1], SHUT_RD), 0, "peer SHUT_RD");
	CHECK_EQ(send(sv[1], "c", 1, 0), 1, "its sends still go");
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[1], SHUT_RD);
	CHECK_ERR(write(sv[0], "x", 1), EPIPE, "peer's SHUT_RD: EPIPE");
	close(sv[0]);
	close(sv[1]);

	/* The peer closed with our data unread: ECONNRESET once */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "abc", 3, 0);
	send(sv[1], "de", 2, 0);
	close(sv[1]);
	CHECK_EQ(recv(sv[0], buf, 10, MSG_PEEK), 2,
		 "peer closed with data unread: what it sent comes first");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 2, "read");
	CHECK_ERR(recv(sv[0], buf, 10, 0), ECONNRESET, "then ECONNRESET");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 0, "once; then EOF");
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "abc", 3, 0);
	close(sv[1]);
	{
		int err = -1;
		socklen_t len = sizeof(err);

		CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &err, &len), 0,
			 "SO_ERROR");
		CHECK_EQ(err, ECONNRESET, "SO_ERROR: ECONNRESET");
		getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &err, &len);
		CHECK_EQ(err, 0, "SO_ERROR clears it");
	}
	CHECK_EQ(recv(sv[0], buf, 10, 0), 0, "so recv sees EOF at once");
	close(sv[0]);
}

static void test_packet_pipe(void)
{
	int sv[2];

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	close(sv[1]);
	CHECK_EQ(child_result(do_write, sv[0]), EPIPE,
		 "seqpacket write, peer closed: EPIPE, no SIGPIPE");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 0, "seqpacket read: EOF");
	CHECK_EQ(recv(sv[0], buf, 10, MSG_DONTWAIT), 0,
		 "non-blocking too: EOF");
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	send(sv[0], "abc", 3, 0);
	send(sv[1], "de", 2, 0);
	close(sv[1]);
	CHECK_ERR(send(sv[0], "x", 1, 0), ECONNRESET,
		  "seqpacket: the reset comes first, to a send too");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 2, "then the data");
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send(sv[1], "de", 2, 0);
	close(sv[1]);
	CHECK_EQ(child_result(do_write, sv[0]), ECONNREFUSED,
		 "dgram write, peer closed: ECONNREFUSED, no SIGPIPE");
	CHECK_ERR(write(sv[0], "x", 1), ENOTCONN,
		  "the child's write disconnected the shared socket: ENOTCONN");
	CHECK_ERR(recv(sv[0], buf, 10, MSG_DONTWAIT), EAGAIN,
		  "the message from the peer was dropped");
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	shutdown(sv[0], SHUT_RDWR);
	CHECK_ERR(send(sv[0], "x", 1, 0), EPIPE, "dgram after own SHUT_WR");
	CHECK_EQ(child_result(do_write, sv[0]), EPIPE, "no SIGPIPE");
	CHECK_ERR(recv(sv[0], buf, 1, MSG_DONTWAIT), EAGAIN,
		  "dgram SHUT_RD, non-blocking: EAGAIN");
	CHECK_EQ(recv(sv[0], buf, 1, 0), 0, "blocking: 0");
	CHECK_ERR(send(sv[1], "y", 1, 0), EPIPE,
		  "the peer's send to a SHUT_RD dgram socket: EPIPE");
	CHECK_EQ(child_result(do_write, sv[1]), EPIPE, "no SIGPIPE");
	close(sv[0]);
	close(sv[1]);
}

/* Blocked in recv, woken by the peer's write, shutdown or close. */
static void test_blocked_reader(int type, int how)
{
	int sv[2];
	pid_t pid;

	socketpair(AF_UNIX, type, 0, sv);
	pid = fork();
	if (pid == 0) {
		if (!wait_parent_asleep())
			_exit(1);	/* no hang: the exit is an EOF too */
		if (how == 0)
			send(sv[1], "hi", 2, 0);
		else if (how == 1)
			shutdown(sv[1], SHUT_WR);
		_exit(0);
	}
	close(sv[1]);
	CHECK_EQ(recv(sv[0], buf, 10, 0), how == 0 ? 2 : 0,
		 how == 0 ? "blocked reader woken by data" :
		 how == 1 ? "blocked reader woken by SHUT_WR: EOF" :
			    "blocked reader woken by the peer's exit: EOF");
	CHECK_EQ(wait_child(pid), 0, "  the child found us asleep in recv");
	close(sv[0]);
}

/* A writer blocked on a full buffer goes on as the peer reads. */
static void test_blocked_writer(void)
{
	int sv[2], status;
	long total = 0, n;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		if (!wait_parent_asleep())
			_exit(2);
		while (total < 600000 && (n = read(sv[1], buf, 50000)) > 0)
			total += n;
		_exit(total == 600000 ? 0 : 1);
	}
	close(sv[1]);
	CHECK_EQ(write(sv[0], buf, 300000), 300000,
		 "blocking write of 300000 completes");
	CHECK_EQ(write(sv[0], buf, 300000), 300000, "and another");
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the reader got all 600000");
	close(sv[0]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_interrupted(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	int sv[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR(recv(sv[0], buf, 10, 0), EINTR, "stream recv: EINTR");
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv + 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR(recv(sv[0], buf, 10, 0), EINTR, "dgram recv: EINTR");
	close(sv[0]);
	close(sv[1]);
}

/* A socket lives while any fd or process holds it. */
static void test_lifetime(void)
{
	int sv[2], d;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	d = dup(sv[1]);
	close(sv[1]);
	CHECK_EQ(send(sv[0], "a", 1, 0), 1, "peer closed but dup'ed: send");
	CHECK_EQ(recv(d, buf, 10, 0), 1, "the dup reads it");
	pid = fork();
	if (pid == 0) {
		int asleep = wait_parent_asleep();

		_exit(send(d, "b", 1, 0) == 1 && asleep ? 0 : 1);
	}
	close(d);
	CHECK_EQ(recv(sv[0], buf, 10, 0), 1, "the child's copy writes");
	CHECK_EQ(wait_child(pid), 0, "child sent");
	CHECK_EQ(recv(sv[0], buf, 10, 0), 0, "its exit closed the last copy");
	close(sv[0]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_stream_pipe();
	test_packet_pipe();
	test_blocked_reader(SOCK_STREAM, 0);
	test_blocked_reader(SOCK_STREAM, 1);
	test_blocked_reader(SOCK_STREAM, 2);
	test_blocked_reader(SOCK_SEQPACKET, 0);
	test_blocked_reader(SOCK_SEQPACKET, 2);
	test_blocked_reader(SOCK_DGRAM, 0);
	test_blocked_writer();
	test_interrupted();
	test_lifetime();
	return test_done();
}
