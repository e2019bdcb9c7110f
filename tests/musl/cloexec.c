/*
 * Close-on-exec through execve: the program opens descriptors with and
 * without the close-on-exec flag, then execs itself with their numbers;
 * the new image reports which are still open.  <fcntl.h> (F_GETFD,
 * F_SETFD, FD_CLOEXEC, O_CLOEXEC) and <errno.h> (EBADF) are included for
 * the flag and for how a closed descriptor shows.
 *
 *   fd     how it was made                          after execve
 *   p[0]   pipe()                                   open
 *   p[1]   pipe(), then fcntl(F_SETFD, FD_CLOEXEC)  closed
 *   ep     epoll_create1(EPOLL_CLOEXEC)             closed
 *   ep2    dup(ep): dup clears the flag             open, still an epoll fd
 *   nul    open("/dev/null", O_CLOEXEC)             closed
 *   w      dup(p[1]): the pipe stays writable       open
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const names[] = { "p[0]", "p[1]", "ep", "ep2", "nul", "w" };
#define NFDS 6

/* In the new image: what became of each fd named on the command line. */
static int report(char **argv)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int fd[NFDS];

	for (int i = 0; i < NFDS; i++) {
		int flags;

		fd[i] = atoi(argv[2 + i]);
		flags = fcntl(fd[i], F_GETFD);
		if (flags < 0)
			printf("%-4s closed (%s)\n", names[i],
			       errno == EBADF ? "EBADF" : "?");
		else
			printf("%-4s open, FD_CLOEXEC %d\n", names[i],
			       flags & FD_CLOEXEC);
	}
	printf("ep2 is an epoll fd: %s\n",
	       epoll_ctl(fd[3], EPOLL_CTL_ADD, fd[0], &ev) == 0 ? "yes" : "no");
	fflush(stdout);
	return write(fd[5], "through exec", 12) == 12 ? 0 : 1;
}

int main(int argc, char **argv)
{
	int p[2], fd[NFDS], status;
	char arg[NFDS][12], buf[32] = "";
	char *args[NFDS + 3];
	pid_t pid;

	if (argc == NFDS + 2 && !strcmp(argv[1], "report"))
		return report(argv);
	if (pipe(p))
		return 1;
	fd[0] = p[0];
	fd[1] = p[1];
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	fd[2] = epoll_create1(EPOLL_CLOEXEC);
	fd[3] = dup(fd[2]);
	fd[4] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fd[5] = dup(p[1]);
	args[0] = argv[0];
	args[1] = "report";
	for (int i = 0; i < NFDS; i++) {
		printf("%-4s FD_CLOEXEC %d before exec\n", names[i],
		       fcntl(fd[i], F_GETFD) & FD_CLOEXEC);
		snprintf(arg[i], sizeof(arg[i]), "%d", fd[i]);
		args[2 + i] = arg[i];
	}
	args[NFDS + 2] = NULL;
	fflush(stdout);

	pid = fork();
	if (pid == 0) {
		execv(argv[0], args);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	close(fd[5]);
	close(p[1]);
	printf("child exited with %d; the pipe brought \"%.*s\"\n",
	       WEXITSTATUS(status), (int)read(p[0], buf, sizeof(buf)), buf);
	return WEXITSTATUS(status);
}
