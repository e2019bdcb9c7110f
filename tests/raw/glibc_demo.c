/*
 * An ordinary C program built by the host's toolchain against glibc
 * (gcc -static, and gcc -static-pie), not against Pollux's libc: stdio
 * buffering, malloc, fork and wait, a pipe and epoll.  make test runs it
 * on Linux and in Pollux and compares the output and exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 };
	char *s = malloc(64), buf[16] = "";
	int p[2], ep, status, n;
	pid_t pid;

	strcpy(s, "malloc'd string");
	printf("glibc demo: argc %d, %s\n", argc, s);
	if (pipe(p) || (ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return 1;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	fflush(stdout);	/* or the child would print our buffer again */
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(p[1], "ping", 4);
		_exit(5);
	}
	n = epoll_wait(ep, &ev, 1, -1);
	printf("epoll_wait: %d, events 0x%x, data %llu\n", n, ev.events,
	       (unsigned long long)ev.data.u64);
	printf("read: %zd \"%s\"\n", read(p[0], buf, sizeof(buf) - 1), buf);
	waitpid(pid, &status, 0);
	printf("child exited with %d\n", WEXITSTATUS(status));
	free(s);
	return 3;
}
