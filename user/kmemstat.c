/*
 * kmemstat: the kernel's memory counters (libc/include/kstat.h).
 *
 *   kmemstat                  memory in use outside the slabs, of it the
 *                             user pages (AnonPages), Slab, and objects
 *                             in use per kmem_cache
 *   kmemstat PROGRAM [ARG...] runs PROGRAM, waits for it and for every
 *                             other child, then names each counter that
 *                             did not come back to where it was: a leak.
 *                             Exit status 0 iff PROGRAM exited 0 and no
 *                             counter moved.
 *
 * Run as pid 1 (tools/run-elf), it also reaps PROGRAM's orphans before
 * the second reading, so "every process of the workload has exited"
 * holds.  From the shell, an orphan still alive would count as a leak.
 */
#include <errno.h>
#include <kstat.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs argv as a child; its wait status once every child has gone. */
static int run(char **argv)
{
	char path[256];
	int status = -1, st;
	pid_t pid = fork(), w;

	if (pid == 0) {
		snprintf(path, sizeof(path), "%s%s",
			 strchr(argv[0], '/') ? "" : "/bin/", argv[0]);
		execve(path, argv, environ);
		dprintf(2, "kmemstat: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	while ((w = wait(&st)) > 0 || (w < 0 && errno == EINTR))
		if (w == pid)
			status = st;
	return status;
}

int main(int argc, char **argv)
{
	struct kstat before, after;
	int status, differ;

	if (kstat_read(&before) < 0) {
		perror("kmemstat: /proc/meminfo, /proc/slabinfo");
		return 1;
	}
	if (argc < 2) {
		kstat_print(1, &before);
		return 0;
	}
	status = run(argv + 1);
	kstat_read(&after);
	differ = kstat_diff(1, &before, &after);
	dprintf(1, "kmemstat: %s %s %d; %d counter%s not back to baseline\n",
		argv[1], WIFSIGNALED(status) ? "killed by signal" : "exited",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
		differ, differ == 1 ? "" : "s");
	return status == 0 && differ == 0 ? 0 : 1;
}
