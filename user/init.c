/*
 * init: the first user process. The kernel has already opened the console
 * as fds 0, 1 and 2. init starts the shell (/bin/sh: busybox's ash), and as pid 1 it also adopts
 * every orphan, so it reaps whatever child exits; when the shell is the one
 * that exited, it starts a new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *const sh_argv[] = { "sh", NULL };
/* /bin/sh is busybox's ash; PATH as busybox --install lays out applets */
static char *const sh_envp[] = { "PATH=/sbin:/usr/sbin:/bin:/usr/bin",
				 "HOME=/", "TERM=linux", NULL };

static pid_t start_shell(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* the shell leads its own session, the console its
		 * controlling terminal: job control (ash needs it) */
		setsid();
		ioctl(0, TIOCSCTTY, 0);
		execve("/bin/sh", sh_argv, sh_envp);
		fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

/* The message of the day, /etc/motd, once at boot, as login shows it. */
static void show_motd(void)
{
	char buf[512];
	int fd = open("/etc/motd", O_RDONLY), n;

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

int main(void)
{
	pid_t sh = -1;
	time_t started = 0;

	show_motd();
	for (;;) {
		int status;
		pid_t pid;

		/* Retry once a second rather than spin if fork or exec keeps failing. */
		while (sh < 0) {
			sh = start_shell();
			if (sh < 0)
				sleep(1);
			started = time(NULL);
		}
		pid = wait4(-1, &status, 0, NULL);
		if (pid < 0) {
			if (errno != EINTR)
				sh = -1;	/* no children at all: the shell is gone */
			continue;
		}
		if (pid != sh)
			continue;	/* an orphan we adopted: reaping it was the job */
		fprintf(stderr, "init: sh exited (status %d), restarting\n", status);
		/* A shell that dies at once (no /bin/sh, console at EOF) would
		 * otherwise be restarted in a tight loop. */
		if (time(NULL) - started < 1)
			sleep(1);
		sh = -1;
	}
}
