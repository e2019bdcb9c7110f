/*
 * demo-fdinfo: builds a small epoll interest set and prints what the
 * kernel knows about it, /proc/self/fdinfo/<epfd>, in Linux's format
 * (one "tfd:" line per watched fd).  Also: demo-fdinfo PID FD prints
 * /proc/PID/fdinfo/FD of another process.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

static void show(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY), n;

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	printf("%s:\n", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

static void watch(int ep, int fd, unsigned events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		perror("epoll_ctl");
}

int main(int argc, char **argv)
{
	char path[64];
	int a[2], b[2], ep;

	if (argc == 3) {
		snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s", argv[1], argv[2]);
		show(path);
		return 0;
	}
	pipe(a);
	pipe(b);
	ep = epoll_create1(0);
	watch(ep, a[0], EPOLLIN, 0xa0);
	watch(ep, a[1], EPOLLOUT | EPOLLET, 0xa1);
	watch(ep, b[0], EPOLLIN | EPOLLONESHOT, 0xb0);
	printf("epoll fd %d watches %d (IN), %d (OUT|ET), %d (IN|ONESHOT)\n",
	       ep, a[0], a[1], b[0]);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ep);
	show(path);
	return 0;
}
