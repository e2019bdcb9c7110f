/*
 * hold-lo.c: how many concurrent keep-alive connections demo-httpd holds
 * on lo, without QEMU's user networking in the way (bench/hold.py does
 * it through the card).  Starts /bin/demo-httpd, opens N connections to
 * 127.0.0.1:80 with one request each, all kept open, then a second
 * request on each; prints how many got both answers.
 *
 * usage: tools/run-elf --add build/user/demo-httpd build/bench/hold-lo N
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char req[] = "GET / HTTP/1.1\r\nHost: pollux\r\n\r\n";

/* One request and its page (which ends in "</a>.\n"); 1 if it came */
static int ask(int fd)
{
	static char buf[4096];
	int got = 0, n;

	if (write(fd, req, sizeof(req) - 1) != sizeof(req) - 1)
		return 0;
	while (got < (int)sizeof(buf) - 1 &&
	       (n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0) {
		got += n;
		buf[got] = '\0';
		if (strstr(buf, "</a>.\n"))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct { unsigned long long cur, max; } lim = { 30000, 30000 };
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int n = argc > 1 ? atoi(argv[1]) : 10000, i, again = 0;
	int *fd = malloc(n * sizeof(int));
	char *av[] = { "demo-httpd", "-q", NULL };
	pid_t server = fork();

	if (server == 0) {
		execv("/bin/demo-httpd", av);
		_exit(127);
	}
	syscall(SYS_prlimit64, 0, 7 /* RLIMIT_NOFILE */, &lim, NULL);
	sleep(1);	/* the server listens */
	for (i = 0; i < n; i++) {
		fd[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fd[i] < 0 || connect(fd[i], (struct sockaddr *)&a,
					 sizeof(a)) < 0 || !ask(fd[i]))
			break;
	}
	for (int j = 0; j < i; j++)
		again += ask(fd[j]);
	printf("held: %d of %d connections open at once, %d answered again\n",
	       i, n, again);
	kill(server, SIGKILL);
	return i == n && again == n ? 0 : 1;
}
