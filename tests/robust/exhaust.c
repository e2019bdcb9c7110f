/*
 * exhaust: use up each resource the kernel hands out, check the errno
 * it gives at the limit and that the kernel still answers there, then
 * release it and check that every counter (kstat.h) is back to its
 * baseline and that the shell still answers.  POLLUX ONLY: on Linux it
 * would lower max_user_watches for every user of the host and eat its
 * memory.
 *
 * The errnos were seen on Linux 6.18 with the limit lowered for one
 * process (so the host was safe):
 *   fork      EAGAIN  (RLIMIT_NPROC 50 as uid 65534: setpriv --reuid=65534
 *                      --regid=65534 --clear-groups, ulimit -u 50)
 *   mmap      ENOMEM  (RLIMIT_AS 64 MiB);  brk: the break stays, so
 *                      sbrk gives -1/ENOMEM
 *   open      EMFILE  at fd 1023 with RLIMIT_NOFILE 1024
 *   epoll_ctl ENOSPC  after max_user_watches watches of one user (uid 65534,
 *                      the host's 5491511 watches added one by one)
 *   pipe      a pipe holds 65536 bytes, then EAGAIN (O_NONBLOCK)
 *   socketpair EMFILE once the fds run out
 *   sendmsg   EAGAIN once a non-blocking stream socket's send buffer is
 *             full, also of messages carrying 253 fds each (SCM_MAX_FD;
 *             root has no in-flight limit)
 *   connect   TCP connections on 127.0.0.1 until the fds run out: EMFILE
 *   bind      port 0 once every ephemeral port is taken: EADDRINUSE (seen
 *             with net.ipv4.ip_local_port_range "40000 40009" in a network
 *             namespace of its own: unshare -n)
 *   connect   TCP, to one listener, once every ephemeral port is taken:
 *             EADDRNOTAVAIL (the same namespace and range; a listener
 *             with a backlog above the ten, as Pollux does not cap it)
 *   clone     EAGAIN  for a thread too (pthread_create, RLIMIT_NPROC 50 as
 *                      uid 65534: 49 threads beside main); copy_process()
 *                      checks threads-max next to it, with the same errno
 * Pollux's own limits: fork's is max_threads (Linux's set_max_threads()),
 * memory's is the 512 MiB QEMU gives; Pollux has no file-max (ENFILE).
 */
#include <errno.h>
#include <fcntl.h>
#include <kstat.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../user/test.h"
#include "raw_thread.h"

static struct kstat baseline;
/* Opened before any exhaustion, with a byte always in it: its buffer
 * page stays, so the round trip needs no new memory. */
static int probe[2];

/* The kernel answers: getpid, and a byte through a pipe and back. */
static int answers(void)
{
	char c = 0;

	return getpid() > 0 && write(probe[1], "p", 1) == 1 &&
	       read(probe[0], &c, 1) == 1 && c == 'p';
}

/* Writes value to a /proc/sys file; returns the old value.  The write
 * needs its own open: one at a position other than 0 is ignored. */
static long sysctl(const char *path, long value)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);

	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	fd = open(path, O_WRONLY);
	dprintf(fd, "%ld\n", value);
	close(fd);
	return strtol(buf, NULL, 10);
}

/* The shell answers: /bin/psh, fed "echo shell answers" on a pipe, says
 * so on another and exits 0. */
static int shell_answers(void)
{
	static const char want[] = "shell answers\n";
	char *argv[] = { "/bin/psh", NULL }, out[64];
	int in[2], res[2], status = -1, n = 0, r;
	pid_t pid;

	if (pipe(in) < 0 || pipe(res) < 0)
		return 0;
	pid = fork();
	if (pid == 0) {	/* the shell must not hold its own input's write end */
		dup2(in[0], 0);
		dup2(res[1], 1);
		close(in[1]);
		close(res[0]);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	close(in[0]);
	close(res[1]);
	write(in[1], "echo shell answers\n", 19);
	close(in[1]);
	while (n < (int)sizeof(out) && (r = read(res[0], out + n, sizeof(out) - n)) > 0)
		n += r;
	close(res[0]);
	waitpid(pid, &status, 0);
	return pid > 0 && status == 0 && n == (int)strlen(want) &&
	       !memcmp(out, want, n);
}

/* After a resource is released: the kernel works and nothing leaked. */
static void recovered(const char *what)
{
	struct kstat now;
	char line[128];

	snprintf(line, sizeof(line), "%s: the shell answers again", what);
	CHECK(shell_answers(), line);
	/* TCP's TIME_WAIT (2 s in Pollux) keeps the socks that closed
	 * first a while: the counters come back within 10 s (2 s and the
	 * timer ticks a loaded host delays) */
	for (int i = 0; i < 100; i++) {
		kstat_read(&now);
		if (!kstat_diff(-1, &baseline, &now))
			break;
		usleep(100000);
	}
	snprintf(line, sizeof(line), "%s: every counter back to baseline", what);
	CHECK_EQ(kstat_diff(1, &baseline, &now), 0, line);
}

/* Runs fn in a child whose exit status is the errno it hit (and 100 +
 * that if the kernel stopped answering there); its resources go with it. */
static int in_child(int (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	waitpid(pid, &status, 0);
	while (waitpid(-1, NULL, WNOHANG) > 0)	/* orphans: we are pid 1 */
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Forks until fork fails (the children wait on a pipe for the end);
 * returns its errno, or 99 if the count was not want (-1: any). */
static int fork_until_fails(int want)
{
	int hold[2], n = 0, err;
	char c;
	pid_t pid;

	pipe(hold);
	while ((pid = fork()) > 0)
		n++;
	if (pid == 0) {
		close(hold[1]);
		read(hold[0], &c, 1);	/* EOF once the bomb ends */
		_exit(0);
	}
	err = errno;
	printf("# fork: %d children, then %s\n", n, strerrorname_np(err));
	if (!answers())
		err += 100;
	close(hold[1]);
	while (wait(NULL) > 0)
		;
	return want < 0 || n == want ? err : 99;
}

/* A child costs its kernel stack and page tables (fork copies no page:
 * copy-on-write), so max_threads (4096 with 512 MiB) is reached before
 * memory runs out: EAGAIN, as on Linux. */
static int fork_bomb(void)
{
	return fork_until_fails(-1);
}

/* With threads-max lowered to 100 the 100th task is refused: with pid 1
 * and this child, 98 forks succeed. */
static int fork_max_threads(void)
{
	return fork_until_fails(98);
}

#define MAX_THREADS 5000
#define THREAD_STACK 8192
static int thread_hold;		/* the read end of the hold pipe */

/* A thread of threads_until_fails: waits for EOF on the hold pipe. */
static void held_thread(void *arg)
{
	char c;

	(void)arg;
	raw_syscall6(SYS_read, thread_hold, (long)&c, 1, 0, 0, 0);
	raw_syscall6(SYS_exit, 0, 0, 0, 0, 0, 0);
}

/* Creates threads until clone fails, then ends them all (EOF on the hold
 * pipe) and waits for each one's CLONE_CHILD_CLEARTID wake-up; returns
 * clone's errno, or 99 if the count was not want (-1: any). */
static int threads_until_fails(int want)
{
	char *stacks = mmap(NULL, (size_t)MAX_THREADS * THREAD_STACK,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *ctid = malloc(MAX_THREADS * sizeof(int));
	int hold[2], n = 0, err;
	long tid = 0;

	if (stacks == MAP_FAILED || !ctid || pipe(hold) < 0)
		return 98;
	thread_hold = hold[0];
	while (n < MAX_THREADS &&
	       (tid = raw_thread(held_thread, NULL, stacks + (size_t)n * THREAD_STACK,
				 THREAD_STACK, &ctid[n])) > 0)
		n++;
	err = tid < 0 ? (int)-tid : 0;
	printf("# clone: %d threads, then %s\n", n, err ? strerrorname_np(err) : "none");
	if (!answers())
		err += 100;
	close(hold[1]);
	for (int i = 0; i < n; i++)
		while (ctid[i])
			raw_syscall6(SYS_futex, (long)&ctid[i], 0 /* FUTEX_WAIT */,
				     ctid[i], 0, 0, 0);
	return want < 0 || n == want ? err : 99;
}

/* Threads cost a task each, as processes do: max_threads first. */
static int thread_bomb(void)
{
	return threads_until_fails(-1);
}

/* threads-max 100: pid 1, this child and 98 threads. */
static int thread_max_threads(void)
{
	return threads_until_fails(98);
}

/* mmap 1 MiB, then 4 KiB, until it fails; returns that errno. */
static int mmap_all(void)
{
	long mib = 0, pages = 0;
	int err;

	while (mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED)
		mib++;
	while (mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED)
		pages++;
	err = errno;
	printf("# mmap: %ld MiB and %ld pages, then %s\n", mib, pages,
	       strerrorname_np(err));
	return answers() ? err : err + 100;
}

static int brk_all(void)
{
	long mib = 0;
	int err;

	while (sbrk(1 << 20) != (void *)-1)
		mib++;
	err = errno;
	printf("# brk: %ld MiB, then %s\n", mib, strerrorname_np(err));
	return answers() ? err : err + 100;
}

/* Opens /dev/null until it fails; 0 unless the last fd was 1023. */
static int open_all(void)
{
	int fd, last = -1, err;

	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	err = errno;
	printf("# open: up to fd %d, then %s\n", last, strerrorname_np(err));
	if (last != 1023)
		return 99;
	return answers() ? err : err + 100;
}

/* With max_user_watches lowered to 1000: 1000 ADDs of 2 pipes' fds
 * to 250 instances (no key twice) succeed, the next is ENOSPC. */
static int watch_all(void)
{
	struct epoll_event ev = { EPOLLIN, { 0 } };
	int p[2], ep = -1, n = 0, ret = 0;

	pipe(p);
	while (ret == 0) {
		if (n % 2 == 0)
			ep = epoll_create1(0);
		ret = epoll_ctl(ep, EPOLL_CTL_ADD, p[n % 2], &ev);
		n += ret == 0;
	}
	printf("# epoll_ctl: %d watches, then %s\n", n, strerrorname_np(errno));
	if (n != 1000)
		return 99;
	return answers() ? errno : errno + 100;
}

/* Fills non-blocking pipes, 64 KiB each, until pipe() fails (EMFILE)
 * and the processes doing it (up to 16, 32 MiB each) until memory is
 * short: a write or a fork fails with ENOMEM.  Returns 0 if every pipe
 * held exactly 65536 bytes until then. */
static int fill_pipes(void)
{
	static char page[4096];
	int p[2], full[2] = { -1, -1 }, bad = 0;
	long held;

	while (pipe2(p, O_NONBLOCK) == 0) {
		for (held = 0; write(p[1], page, sizeof(page)) > 0; )
			held += sizeof(page);
		if (errno == ENOMEM) {
			close(p[0]);
			close(p[1]);
			break;
		}
		bad += held != 65536;
		full[0] = p[0];
		full[1] = p[1];
	}
	if (errno != ENOMEM)
		return bad ? 99 : errno;
	/* Free a full pipe's 16 pages, or the report cannot be written:
	 * memory may have run out in pipe2 or at a new pipe's first write,
	 * which free no page (how it ends depends on the free page count,
	 * to the page). */
	if (full[0] >= 0) {
		close(full[0]);
		close(full[1]);
	}
	return ENOMEM;
}

static int pipe_bomb(void)
{
	int hold[2], err = 0, n;
	char c;
	pid_t pid;

	pipe(hold);
	for (n = 0; n < 16 && err != ENOMEM; n++) {
		int report[2];

		pipe(report);
		pid = fork();
		if (pid == 0) {
			char e = fill_pipes();

			write(report[1], &e, 1);
			close(hold[1]);
			read(hold[0], &c, 1);	/* hold the pipes until the end */
			_exit(0);
		}
		close(report[1]);
		c = pid < 0 ? errno : 0;
		if (pid > 0 && read(report[0], &c, 1) != 1)
			c = -1;	/* killed */
		err = c;
		close(report[0]);
		if (err != ENOMEM && err != EMFILE)
			break;
	}
	printf("# pipes: %d processes filled pipes, the last %s\n", n,
	       strerrorname_np(err));
	if (!answers())
		err += 100;
	close(hold[1]);
	while (wait(NULL) > 0)
		;
	return err;
}

/* Socketpairs until the fds run out. */
static int sockets_all(void)
{
	int sv[2], n = 0, err;

	while (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0)
		n++;
	err = errno;
	printf("# socketpair: %d pairs, then %s\n", n, strerrorname_np(err));
	return answers() ? err : err + 100;
}

/* TCP connections over loopback, both ends open, until the fds run out
 * (the last accept, or the socket before it, fails). */
static int tcp_all(void)
{
	struct sockaddr_in a = { AF_INET, 0, { htonl(INADDR_LOOPBACK) }, { 0 } };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), c, n = 0, err;

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 4096);
	getsockname(l, (struct sockaddr *)&a, &len);
	for (;;) {
		c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0 ||
		    accept(l, NULL, NULL) < 0)
			break;
		n++;
	}
	err = errno;
	printf("# tcp: %d connections, then %s\n", n, strerrorname_np(err));
	return answers() ? err : err + 100;
}

/* UDP sockets bound to 127.0.0.1 port 0 until no ephemeral port is
 * left (32768-60999: 28232 of them; RLIMIT_NOFILE raised for it). */
static int ports_all(void)
{
	struct { unsigned long long cur, max; } lim = { 30000, 30000 };
	struct sockaddr_in a = { AF_INET, 0, { htonl(INADDR_LOOPBACK) }, { 0 } };
	int n = 0, err, u;

	syscall(__NR_prlimit64, 0, 7 /* RLIMIT_NOFILE */, &lim, NULL);
	while ((u = socket(AF_INET, SOCK_DGRAM, 0)) >= 0 &&
	       bind(u, (struct sockaddr *)&a, sizeof(a)) == 0)
		n++;
	err = errno;
	printf("# udp: %d ephemeral ports, then %s\n", n, strerrorname_np(err));
	return answers() ? err : err + 100;
}

/* TCP connections to one listener until no ephemeral port is left for
 * the client's end: the 28232 less the listener's, then EADDRNOTAVAIL.
 * A second process accepts them (the accept queue holds at most
 * somaxconn, 4096): each holds 28231 fds. */
static int tcp_ports_all(void)
{
	struct { unsigned long long cur, max; } lim = { 30000, 30000 };
	struct sockaddr_in a = { AF_INET, 0, { htonl(INADDR_LOOPBACK) }, { 0 } };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), c, n = 0, err;
	pid_t acceptor;

	syscall(__NR_prlimit64, 0, 7 /* RLIMIT_NOFILE */, &lim, NULL);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 4096);
	getsockname(l, (struct sockaddr *)&a, &len);
	acceptor = fork();
	if (acceptor == 0) {
		while (accept(l, NULL, NULL) >= 0)
			;
		_exit(0);
	}
	close(l);
	/* a byte each, never read: the acceptor's end closes with a reset,
	 * so no end waits in FIN_WAIT2 or TIME_WAIT afterwards */
	while ((c = socket(AF_INET, SOCK_STREAM, 0)) >= 0 &&
	       connect(c, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	       write(c, "x", 1) == 1)
		n++;
	err = errno;
	kill(acceptor, SIGKILL);
	waitpid(acceptor, NULL, 0);
	printf("# tcp: %d ephemeral ports, then %s\n", n, strerrorname_np(err));
	if (n != 60999 - 32768 + 1 - 1)	/* the listener holds one */
		return 200;	/* not an errno */
	return answers() ? err : err + 100;
}

/* One byte and SCM_MAX_FD fds in each message: the send fails with err. */
static int send_fds(int sock, const int *fds, int nfds, int flags)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(253 * sizeof(int))];
	} control;
	struct iovec iov = { "x", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = control.buf,
			      .msg_controllen = CMSG_SPACE(nfds * sizeof(int)) };
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(nfds * sizeof(int));
	memcpy(CMSG_DATA(cmsg), fds, nfds * sizeof(int));
	return sendmsg(sock, &msg, flags) == 1 ? 0 : errno;
}

/*
 * Files in flight: 253 fds per message into a non-blocking stream
 * socketpair until its buffer is full (EAGAIN); then both sockets sent
 * into themselves and every fd closed, so that only the collector
 * (kernel/net/unix/garbage.c) can free them: the counters after must
 * show it did.
 */
static int inflight_all(void)
{
	int fds[253], sv[2], n = 0, err;

	for (int i = 0; i < 253; i++)
		fds[i] = open("/dev/null", O_RDONLY);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	while ((err = send_fds(sv[0], fds, 253, MSG_DONTWAIT)) == 0)
		n++;
	printf("# in flight: %d messages of 253 fds, then %s\n", n,
	       strerrorname_np(err));
	if (n == 0)
		return 99;
	send_fds(sv[1], sv, 2, 0);	/* a cycle: each socket in the other */
	for (int i = 0; i < 253; i++)
		close(fds[i]);
	close(sv[0]);
	close(sv[1]);
	/* Those closes release no socket (each is still in flight), so
	 * they start no collection; the release of another unix socket
	 * does, as in Linux (unix_release_sock -> unix_schedule_gc). */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[0]);
	close(sv[1]);
	return answers() ? err : err + 100;
}

/* Each resource: the child that uses it up, the errno it must end
 * with, and the /proc/sys limit lowered for it (restored after). */
static const struct exhaustion {
	const char *name, *what;
	int (*fn)(void);
	int want;
	const char *sysctl;
	long limit;
} exhaustions[] = {
	{ "fork", "fork until it fails -> EAGAIN (max_threads)", fork_bomb, EAGAIN,
	  NULL, 0 },
	{ "threads-max", "threads-max 100: 98 forks, then EAGAIN",
	  fork_max_threads, EAGAIN, "/proc/sys/kernel/threads-max", 100 },
	{ "threads", "threads until clone fails -> EAGAIN (max_threads), all exit",
	  thread_bomb, EAGAIN, NULL, 0 },
	{ "threads-max (threads)", "threads-max 100: 98 threads, then EAGAIN, all exit",
	  thread_max_threads, EAGAIN, "/proc/sys/kernel/threads-max", 100 },
	{ "mmap", "mmap until it fails -> ENOMEM", mmap_all, ENOMEM, NULL, 0 },
	{ "brk", "brk until it fails -> ENOMEM", brk_all, ENOMEM, NULL, 0 },
	{ "open", "open until it fails -> EMFILE at fd 1023", open_all, EMFILE, NULL, 0 },
	{ "epoll watches", "max_user_watches 1000: 1000 watches, then ENOSPC",
	  watch_all, ENOSPC, "/proc/sys/fs/epoll/max_user_watches", 1000 },
	{ "pipes", "pipes of 64 KiB each until memory is short -> ENOMEM",
	  pipe_bomb, ENOMEM, NULL, 0 },
	{ "sockets", "socketpair until it fails -> EMFILE", sockets_all, EMFILE, NULL, 0 },
	{ "tcp connections", "TCP connections on loopback until it fails -> EMFILE",
	  tcp_all, EMFILE, NULL, 0 },
	{ "ports", "UDP sockets on port 0 until no port is left -> EADDRINUSE",
	  ports_all, EADDRINUSE, NULL, 0 },
	{ "tcp ports", "TCP connects until no port is left -> EADDRNOTAVAIL",
	  tcp_ports_all, EADDRNOTAVAIL, NULL, 0 },
	{ "files in flight", "SCM_RIGHTS until the send buffer is full -> EAGAIN, then a cycle",
	  inflight_all, EAGAIN, NULL, 0 },
};

int main(void)
{
	char what[128];

	pipe(probe);
	write(probe[1], "p", 1);
	/* The page tables of the kernel-stack area are kept once made (as
	 * Linux keeps vmalloc's): a first fork bomb makes all it will need,
	 * before the baseline. */
	in_child(fork_bomb);
	kstat_read(&baseline);
	CHECK(answers() && shell_answers(), "the kernel answers before anything");
	for (unsigned i = 0; i < sizeof(exhaustions) / sizeof(exhaustions[0]); i++) {
		const struct exhaustion *x = &exhaustions[i];
		long old = x->sysctl ? sysctl(x->sysctl, x->limit) : 0;

		snprintf(what, sizeof(what), "%s, kernel answering", x->what);
		CHECK_EQ(in_child(x->fn), x->want, what);
		if (x->sysctl)
			sysctl(x->sysctl, old);
		recovered(x->name);
	}
	return test_done();
}
