/*
 * Bad input must give an errno, never a kernel crash or hang.  Every
 * syscall number 0..459 (and a few beyond) is called with arguments from
 * a set of hostile values: NULL, 1, -1, kernel addresses, unaligned and
 * unmapped user addresses, huge sizes.  Each call runs in a child with an
 * alarm, so a call that blocks or kills its caller ends only that child.
 * Pollux only (tools/test-all.sh runs it with tools/run-elf): on Linux
 * such calls could reboot or kill the host's processes.  Passing means the
 * kernel survived every call and is still answering.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Calls that would end or replace the whole test rather than one child,
 * or signal processes beyond the caller. */
static int skipped(long nr)
{
	switch (nr) {
	case SYS_kill: case SYS_tkill: case SYS_tgkill:
		return 1;
	default:
		return 0;
	}
}

/* A writable buffer, so some calls get past their pointer checks. */
static char buffer[8192];

static const unsigned long bad[] = {
	0, 1, 2, 3, (unsigned long)-1, 0xffff800000000000UL,
	0xffffffff80100000UL, 0x00007ffffffff000UL, 0x0000800000000000UL - 1,
	4096, 0x7fffffff, 0x100000001UL, 0,	/* the last: &buffer */
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

static unsigned long seed = 12345;

static unsigned long pick(void)
{
	unsigned long i;

	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	i = (seed >> 33) % NBAD;
	return i == NBAD - 1 ? (unsigned long)buffer : bad[i];
}

/* One child per call: alarm(1) bounds a blocking call. */
static int try_call(long nr)
{
	unsigned long a[6];
	int status;
	pid_t pid;

	for (int i = 0; i < 6; i++)
		a[i] = pick();
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* what the call writes to fds 0..2 goes nowhere */
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		alarm(1);
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		_exit(0);
	}
	/* all children: a fork made by the call leaves an orphan, ours as
	 * pid 1, which exits at once and must be reaped like the child */
	while (waitpid(-1, &status, 0) > 0)
		;
	return 0;
}

/* MemFree from /proc/meminfo, in kB. */
static long mem_free_kb(void)
{
	char buf[256], *p;
	int fd = open("/proc/meminfo", O_RDONLY), n;

	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

/* Every syscall, `rounds` times each; returns the calls made. */
static int pass(int rounds)
{
	int calls = 0;

	for (long nr = 0; nr < 460; nr++) {
		if (skipped(nr))
			continue;
		for (int round = 0; round < rounds; round++)
			calls += try_call(nr) == 0;
	}
	for (long nr = 460; nr < 470; nr++)
		calls += try_call(nr) == 0;
	return calls + (try_call(-1) == 0);
}

/*
 * The first pass warms the kernel's caches (its slabs keep their pages);
 * the second, with the same calls, must then end with as much free
 * memory as it started with: what it lost, a failing path leaked.
 */
int main(void)
{
	long before, after;
	int calls;

	signal(SIGPIPE, SIG_IGN);
	calls = pass(8);
	before = mem_free_kb();
	seed = 12345;
	calls += pass(8);
	after = mem_free_kb();
	printf("fuzz: %d calls made, kernel alive, getpid() = %d\n", calls, getpid());
	printf("fuzz: the second pass changed free memory by %ld kB\n", after - before);
	return calls > 7200 && after == before ? 0 : 1;
}
