/*
 * demo-httpd: a small epoll HTTP/1.1 server, the demo of docs/net.md section 9.
 *
 *   listener (EPOLLIN|EPOLLET) --accept4(SOCK_NONBLOCK)--> connection
 *   connection (EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET) --> read until EAGAIN,
 *       answer each complete request, write until EAGAIN (the rest waits
 *       for the next EPOLLOUT edge)
 *
 * Edge-triggered throughout: every edge is drained to EAGAIN, or it would
 * not come again.  Connections are kept alive (HTTP/1.1's default) until
 * the client closes, asks "Connection: close", or speaks HTTP/1.0 without
 * "keep-alive".  It serves a page at / and any /proc file at /proc/...
 *
 *   demo-httpd [-p PORT] [-n CONNS] [-q]
 *     -p  the TCP port (80: what make run NET=1 forwards host port 8080 to)
 *     -n  exit after CONNS connections have ended (tests)
 *     -q  no line per request
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define REQ_MAX 2048
#define OUT_MAX 16384

/* A connection: a few hundred bytes while idle, so ten thousand fit
 * (bench/httpd-wrk.sh); what a full socket did not take waits in pending */
struct conn {
	int fd;
	int in_len;
	int close_after;	/* close once everything is written */
	char *pending;		/* unsent output (malloc), or NULL */
	int pending_len, pending_off;
	char in[REQ_MAX];
};

/* The responses to one read's requests, before they are written */
static char out[OUT_MAX];
static int out_len;

static const char page[] =
	"<!doctype html>\n<title>Pollux</title>\n"
	"<h1>Hello from Pollux</h1>\n"
	"<p>This page came through a virtio-net card, Pollux's TCP, "
	"and an epoll_wait with EPOLLET.\n"
	"<p>Try <a href=\"/proc/uptime\">/proc/uptime</a> or "
	"<a href=\"/proc/meminfo\">/proc/meminfo</a>.\n";

static int quiet;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Room for ten thousand connections: RLIMIT_NOFILE raised as far as
 * the kernel lets (Pollux: 65536; a Linux host: its hard limit) */
static void raise_nofile(void)
{
	struct { unsigned long long cur, max; } lim = { 65536, 65536 };

	if (syscall(__NR_prlimit64, 0, 7 /* RLIMIT_NOFILE */, &lim, NULL) < 0 &&
	    syscall(__NR_prlimit64, 0, 7, NULL, &lim) == 0) {
		lim.cur = lim.max;
		syscall(__NR_prlimit64, 0, 7, &lim, NULL);
	}
}

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("demo-httpd: socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("demo-httpd: bind");
	if (listen(fd, 4096) < 0)
		die("demo-httpd: listen");
	return fd;
}

/* Appends a response with body to c's output (truncated to the room) */
static void respond(struct conn *c, const char *status, const char *type,
		    const char *body, int len)
{
	int room = OUT_MAX - out_len, n;

	n = snprintf(out + out_len, room,
		     "HTTP/1.1 %s\r\nServer: pollux-httpd\r\n"
		     "Content-Type: %s\r\nContent-Length: %d\r\n%s\r\n",
		     status, type, len,
		     c->close_after ? "Connection: close\r\n" : "");
	if (n >= room)
		return;
	if (len > room - n)
		len = room - n;
	memcpy(out + out_len + n, body, len);
	out_len += n + len;
}

/* A /proc file's contents, or -1 */
static int read_proc(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n, got = 0;

	if (fd < 0)
		return -1;
	while (got < size && (n = read(fd, buf + got, size - got)) > 0)
		got += n;
	close(fd);
	return got;
}

/* One request, header included (its end found by the caller) */
static void serve(struct conn *c, char *req)
{
	char body[8192], *path = req + 4, *proto = strchr(path, ' ');
	int n;

	if (strncmp(req, "GET ", 4) || !proto || strncmp(proto, " HTTP/1.", 8)) {
		c->close_after = 1;
		respond(c, "400 Bad Request", "text/plain", "bad request\n", 12);
		return;
	}
	*proto++ = '\0';
	if (strstr(proto, "\r\nConnection: close") ||
	    (!strncmp(proto, "HTTP/1.0", 8) &&
	     !strstr(proto, "\r\nConnection: keep-alive")))
		c->close_after = 1;
	if (!quiet)
		printf("demo-httpd: fd %d GET %s\n", c->fd, path);
	if (!strcmp(path, "/"))
		respond(c, "200 OK", "text/html", page, sizeof(page) - 1);
	else if (!strncmp(path, "/proc/", 6) && !strstr(path, "..") &&
		 (n = read_proc(path, body, sizeof(body))) >= 0)
		respond(c, "200 OK", "text/plain", body, n);
	else
		respond(c, "404 Not Found", "text/plain", "not found\n", 10);
}

/* Writes buf until done or EAGAIN; how much went, or -1 */
static int write_some(int fd, const char *buf, int len)
{
	int done = 0;

	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0)
			return errno == EAGAIN ? done : -1;
		done += n;
	}
	return done;
}

/* Writes what waits, then the new responses in out, keeping what the
 * socket does not take for the next EPOLLOUT edge; -1: it is over */
static int flush_out(struct conn *c)
{
	int n = 0;

	if (c->pending) {
		n = write_some(c->fd, c->pending + c->pending_off,
			       c->pending_len - c->pending_off);
		if (n < 0)
			return -1;
		c->pending_off += n;
		if (c->pending_off < c->pending_len)
			goto keep;	/* still full: out waits behind */
		free(c->pending);
		c->pending = NULL;
	}
	n = write_some(c->fd, out, out_len);
	if (n < 0)
		return -1;
	if (n < out_len) {
		c->pending = malloc(out_len - n);
		if (!c->pending)
			return -1;
		memcpy(c->pending, out + n, out_len - n);
		c->pending_len = out_len - n;
		c->pending_off = 0;
	}
	out_len = 0;
	return !c->pending && c->close_after ? -1 : 0;
keep:
	if (out_len) {	/* append out to what waits */
		char *p = realloc(c->pending, c->pending_len + out_len);

		if (!p)
			return -1;
		memcpy(p + c->pending_len, out, out_len);
		c->pending = p;
		c->pending_len += out_len;
		out_len = 0;
	}
	return 0;
}

/* Reads until EAGAIN (the edge is used up), answering each request;
 * -1: the connection is over */
static int on_input(struct conn *c)
{
	for (;;) {
		ssize_t n = read(c->fd, c->in + c->in_len,
				 sizeof(c->in) - 1 - c->in_len);
		char *end;

		if (n == 0 || (n < 0 && errno != EAGAIN))
			return -1;
		if (n < 0)
			return 0;
		c->in_len += n;
		c->in[c->in_len] = '\0';
		while (!c->close_after && (end = strstr(c->in, "\r\n\r\n"))) {
			int used = end + 4 - c->in;

			*end = '\0';
			serve(c, c->in);
			memmove(c->in, c->in + used, c->in_len - used + 1);
			c->in_len -= used;
			if (flush_out(c) < 0)
				return -1;
		}
		if (c->in_len == sizeof(c->in) - 1)
			return -1;	/* a header larger than we take */
	}
}

static void accept_all(int ep, int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT |
						    EPOLLRDHUP | EPOLLET };
		struct conn *c;

		if (fd < 0) {
			if (errno != EAGAIN && errno != ECONNABORTED)
				perror("demo-httpd: accept4");
			return;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		ev.data.ptr = c;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
			die("demo-httpd: epoll_ctl");
	}
}

int main(int argc, char **argv)
{
	int port = 80, max_conns = -1, ended = 0, ep, lfd, i;
	struct epoll_event lev = { .events = EPOLLIN | EPOLLET }, evs[64];

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-q"))
			quiet = 1;
		else if (!strcmp(argv[i], "-p") && i + 1 < argc)
			port = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			max_conns = atoi(argv[++i]);
		else
			return 2;
	}
	raise_nofile();
	lfd = listen_on(port);
	ep = epoll_create1(EPOLL_CLOEXEC);
	lev.data.ptr = NULL;	/* NULL: the listener */
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev) < 0)
		die("demo-httpd: epoll");
	printf("demo-httpd: ready on port %d\n", port);
	fflush(stdout);
	while (ended != max_conns) {
		int n = epoll_wait(ep, evs, 64, -1);

		if (n < 0 && errno != EINTR)
			die("demo-httpd: epoll_wait");
		for (i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			int over = 0;

			if (!c) {
				accept_all(ep, lfd);
				continue;
			}
			if (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLERR))
				over = on_input(c) < 0;
			if (!over && (evs[i].events & EPOLLOUT))
				over = flush_out(c) < 0;
			if (over) {
				close(c->fd);	/* also leaves the epoll set */
				free(c->pending);
				free(c);
				ended++;
			}
		}
		fflush(stdout);
	}
	printf("demo-httpd: %d connections served\n", ended);
	return 0;
}
