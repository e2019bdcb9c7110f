/*
 * demo-loop: an event loop as libuv, libevent or sd-event build one: every
 * source of work is a file descriptor, and one epoll_wait serves them all.
 *
 *   clients --AF_UNIX stream--> listener, connections --\
 *   timerfd (a tick every second) -----------------------+--> epoll --> server
 *   eventfd (each client adds 1 when it is done) --------+
 *   signalfd (SIGINT, SIGCHLD) ---------------------------/
 *
 * The server forks NCLIENTS clients; each connects to the abstract
 * address "@pollux-demo-loop", sends a few lines at its own pace, prints
 * the server's answers, adds 1 to the shared eventfd and exits.  The
 * server answers each line in capitals, prints each tick, counts the
 * clients done through the eventfd, and reaps them through SIGCHLD on the
 * signalfd.  Ctrl-C (SIGINT, read from the signalfd, not a handler) stops
 * it, and it ends the clients still running with SIGTERM; the end of its
 * last client stops it too when started as "demo-loop -1" (the tests).
 */
#define _GNU_SOURCE	/* accept4 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NCLIENTS 3
#define NLINES 3
#define MAX_EVENTS 8

static const char demo_name[] = "\0pollux-demo-loop";
static pid_t clients[NCLIENTS];

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static socklen_t demo_addr(struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, demo_name, sizeof(demo_name) - 1);
	return offsetof(struct sockaddr_un, sun_path) + sizeof(demo_name) - 1;
}

/* A client: NLINES lines, one every (id + 1) * 300 ms, each answer printed. */
static void client(int id, int done_efd)
{
	struct timespec pause = { 0, (id + 1) * 300000000L };
	struct sockaddr_un sun;
	socklen_t len = demo_addr(&sun);
	char buf[128];
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), i;
	ssize_t n;

	sigprocmask(SIG_SETMASK, &(sigset_t){ 0 }, NULL);	/* Ctrl-C ends a client */
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, len) < 0)
		die("client: connect");
	for (i = 1; i <= NLINES; i++) {
		nanosleep(&pause, NULL);
		n = snprintf(buf, sizeof(buf), "hello %d from client %d", i, id);
		if (write(fd, buf, n) != n)
			die("client: write");
		n = read(fd, buf, sizeof(buf) - 1);
		if (n <= 0)
			die("client: read");
		buf[n] = '\0';
		printf("  client %d got: %s\n", id, buf);
	}
	close(fd);
	eventfd_write(done_efd, 1);	/* wakes the server's epoll_wait */
	exit(0);
}

static void add(int epfd, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		die("epoll_ctl");
}

/* One line from a client: answered in capitals; at its end, closed. */
static void serve(int epfd, int fd)
{
	char buf[128];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n <= 0) {
		epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
		close(fd);
		printf("server: connection %d closed\n", fd);
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] -= 'a' - 'A';
	write(fd, buf, n);
}

/* Returns 1 when the loop should stop. */
static int on_signal(int sfd, int *reaped)
{
	struct signalfd_siginfo si;
	pid_t pid;

	if (read(sfd, &si, sizeof(si)) != sizeof(si))
		die("signalfd read");
	if (si.ssi_signo == SIGINT) {
		printf("server: SIGINT from the signalfd: stopping\n");
		for (int id = 0; id < NCLIENTS; id++)
			if (clients[id])
				kill(clients[id], SIGTERM);
		return 1;
	}
	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {	/* SIGCHLD: reap them all */
		for (int id = 0; id < NCLIENTS; id++)
			if (clients[id] == pid)
				clients[id] = 0;	/* its pid may be reused */
		(*reaped)++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int stop_when_done = argc > 1 && strcmp(argv[1], "-1") == 0;
	struct itimerspec second = { { 1, 0 }, { 1, 0 } };
	struct epoll_event events[MAX_EVENTS];
	struct sockaddr_un sun;
	socklen_t len = demo_addr(&sun);
	int lfd, tfd, efd, sfd, epfd, done = 0, reaped = 0, running = 1;
	sigset_t mask;

	/* Signals arrive through the signalfd only: block them first. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);

	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sun, len) < 0 || listen(lfd, NCLIENTS) < 0)
		die("listen");
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	efd = eventfd(0, 0);	/* inherited by the clients */
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (tfd < 0 || efd < 0 || sfd < 0 || epfd < 0 || timerfd_settime(tfd, 0, &second, NULL) < 0)
		die("setup");
	add(epfd, lfd);
	add(epfd, tfd);
	add(epfd, efd);
	add(epfd, sfd);
	printf("server: listening on @%s; timerfd %d, eventfd %d, signalfd %d, epoll %d\n",
	       demo_name + 1, tfd, efd, sfd, epfd);
	fflush(stdout);	/* not once more in each child */
	for (int id = 0; id < NCLIENTS; id++)
		if ((clients[id] = fork()) == 0)
			client(id, efd);

	while (running) {
		int n = epoll_wait(epfd, events, MAX_EVENTS, -1);

		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			uint64_t count;

			if (fd == lfd) {
				int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

				printf("server: accepted connection %d\n", c);
				add(epfd, c);
			} else if (fd == tfd) {
				read(tfd, &count, sizeof(count));
				printf("server: tick (timerfd, %llu expiration%s)\n",
				       (unsigned long long)count, count == 1 ? "" : "s");
			} else if (fd == efd) {
				eventfd_read(efd, &count);
				done += count;
				printf("server: eventfd: %d of %d clients done\n", done, NCLIENTS);
				if (stop_when_done && done == NCLIENTS)
					running = 0;
			} else if (fd == sfd) {
				if (on_signal(sfd, &reaped))
					running = 0;
			} else {
				serve(epfd, fd);
			}
		}
	}
	while (waitpid(-1, NULL, 0) > 0)
		reaped++;
	printf("server: %d clients done, %d reaped; bye\n", done, reaped);
	return 0;
}
