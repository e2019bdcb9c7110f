/*
 * fuzz: a system-call fuzzer for Pollux.  POLLUX ONLY: on Linux these
 * calls would write into and truncate real files, and a bug in the
 * filters below could signal or limit the host's processes.
 *
 *     fuzz [SEED [CALLS]]        (defaults: seed 1, 20000 calls)
 *
 * Children make the calls, so a call that kills its caller ends one
 * child, not the run: a child makes up to BATCH calls, telling us through
 * a pipe how each ended, and is replaced when it is done or dies.  Three
 * batches in four are random calls over every implemented syscall
 * (fuzz_calls.c), one in four a random epoll topology with waiters in
 * other processes (fuzz_epoll.c).  A child silent for WATCHDOG_MS is
 * killed with SIGKILL (a call that blocks with its timer disarmed); if
 * SIGKILL cannot end it, waitpid never returns and the harness's timeout
 * reports the kernel's hang.
 *
 * Printed: the seed, the calls made, how they ended (errno histogram by
 * name), how children ended, and the kernel's counters (kstat.h) after
 * the run against those before.  The run passes iff every counter is
 * back to its baseline and no result broke Linux's rules.  The same seed
 * gives the same calls; what they return may still differ with timing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <kstat.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define BATCH 500
#define EPOLL_STEPS 40
#define WATCHDOG_MS 1000

static unsigned long long rng;

/* splitmix64: one 64-bit state, a good spread from any seed */
unsigned long long rnd(void)
{
	unsigned long long z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rnd_seed(unsigned long long seed)
{
	rng = seed;
}

/* An errno beyond a byte (a kernel-internal one that leaked, such as
 * ERESTARTSYS) is reported as REPORT_BIG. */
void report(int result)
{
	unsigned char b = result > 0xff ? REPORT_BIG : result;

	/* the 5 ms timer may interrupt us: try again */
	for (int i = 0; i < 100 && write(REPORT_FD, &b, 1) != 1; i++)
		;
}

/* Opened once: a call may unlink /dev/null (root may, on Linux too). */
static int null_fd;

static struct {
	long made;		/* calls that returned, or ended their child */
	long results[256];	/* by report byte: 0 success, else errno */
	long violations;
	long children, done, exited, killed[65], hung;
} t;

/* Reads a child's reports until EOF; SIGKILLs it if it falls silent.
 * Returns 1 if the child reported REPORT_DONE. */
static int collect(int rfd, pid_t pid)
{
	unsigned char buf[512];
	struct pollfd p = { rfd, POLLIN, 0 };
	int done = 0, n, killed = 0;

	for (;;) {
		if (poll(&p, 1, WATCHDOG_MS) == 0) {
			if (killed++)
				break;	/* a descendant holds the pipe */
			kill(pid, SIGKILL);
			t.hung++;
			continue;
		}
		n = read(rfd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (buf[i] == REPORT_DONE)
				done = 1;
			else if (buf[i] == REPORT_VIOLATION)
				t.violations++;
			else
				t.made++, t.results[buf[i]]++;
		}
	}
	return done;
}

/* Runs one child of count calls from seed; epoll picks the topologies. */
static void run_batch(unsigned long long seed, int count, int epoll)
{
	int p[2], status, done;
	pid_t pid;

	if (pipe(p) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], REPORT_FD);
		close(p[1]);
		/* what the calls write to fds 0-2 goes nowhere */
		for (int fd = 0; fd < 3; fd++)
			dup2(null_fd, fd);
		rnd_seed(seed);
		epoll ? fuzz_epoll(count) : fuzz_calls(count);
	}
	close(p[1]);
	t.children++;
	done = pid > 0 && collect(p[0], pid);
	close(p[0]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return;
	/* as pid 1 we also inherit orphans: reap them */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (done) {
		t.done++;
		return;
	}
	t.made++;	/* the call that ended the child */
	if (WIFSIGNALED(status))
		t.killed[WTERMSIG(status) & 63]++;
	else
		t.exited++;
}

/* How the calls ended: an errno histogram by name. */
static void print_results(void)
{
	printf("fuzz: results:");
	for (int e = 0; e < 256; e++) {
		const char *name = e ? strerrorname_np(e) : "success";

		if (!t.results[e])
			continue;
		if (e == REPORT_BIG)
			printf(" errno>255 %ld,", t.results[e]);
		else if (name)
			printf(" %s %ld,", name, t.results[e]);
		else
			printf(" errno%d %ld,", e, t.results[e]);
	}
	printf("\n");
}

/* How the children ended; the real-time signals counted together. */
static void print_children(void)
{
	long rt = 0;

	printf("fuzz: %ld children: %ld made all their calls, %ld ended by "
	       "an exit call", t.children, t.done, t.exited);
	for (int s = 1; s < 65; s++)
		if (s < 32 && t.killed[s])
			printf(", %ld by signal %d", t.killed[s], s);
		else if (s >= 32)
			rt += t.killed[s];
	printf(", %ld by signals 32-64; %ld silent for %d ms (SIGKILLed)\n",
	       rt, t.hung, WATCHDOG_MS);
}

/*
 * The ramfs tree as it was before the run, so that what the calls made
 * anywhere (in /fz, or a file named with code bytes in whatever directory
 * a call chdir'ed to) is removed before the counters are compared.
 */
#define MAX_NAMES 512
static char *known[MAX_NAMES];
static int nknown;

static int is_known(const char *path)
{
	for (int i = 0; i < nknown; i++)
		if (!strcmp(known[i], path))
			return 1;
	return 0;
}

/* Walks the tree under dir: with record, notes every path; else removes
 * every path not noted. */
static void sweep(const char *dir, int record, int depth)
{
	char path[512];
	struct dirent *d;
	DIR *dp;

	if (depth > 4 || !strcmp(dir, "/proc") || !(dp = opendir(dir)))
		return;
	while ((d = readdir(dp))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", strcmp(dir, "/") ? dir : "",
			 d->d_name);
		if (record && nknown < MAX_NAMES)
			known[nknown++] = strdup(path);
		if (record || is_known(path)) {
			sweep(path, record, depth + 1);
		} else if (unlink(path) < 0) {
			sweep(path, 0, depth + 1);	/* a new directory */
			rmdir(path);
		}
	}
	closedir(dp);
}

/* What the calls mounted in /fz (mount_target in fuzz_calls.c), stacks
 * and all, so that the sweep can remove the directories */
static void unmount_fz(void)
{
	static const char *const targets[] = { "/fz/d/x", "/fz/d", "/fz/g",
					       "/fz/f", "/fz" };
	int gone, total = 0;

	do {
		gone = 0;
		for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
			gone += umount2(targets[i], MNT_DETACH) == 0;
		total += gone;
	} while (gone);
	printf("fuzz: %d mounts left in /fz, unmounted\n", total);
}

/*
 * The whole run, in a process of its own (so its own heap and stack,
 * grown by the run, are gone when the counters are read): the batches,
 * then whatever the calls left in the file system is removed.  Returns
 * the number of results that Linux would not give.
 */
static int fuzz_run(unsigned long long seed, long calls)
{
	sweep("/", 1, 0);
	mkdir("/fz", 0755);
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	for (int batch = 0; t.made < calls; batch++) {
		long left = calls - t.made;

		if (batch % 4 == 3)	/* a topology: fewer, bigger steps */
			run_batch(seed * 1000003 + t.made, EPOLL_STEPS, 1);
		else
			run_batch(seed * 1000003 + t.made,
				  left < BATCH ? left : BATCH, 0);
	}
	unmount_fz();
	sweep("/", 0, 0);
	printf("fuzz: %ld calls made, %ld results that Linux would not give\n",
	       t.made, t.violations);
	print_results();
	print_children();
	return t.violations ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long long seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	long calls = argc > 2 ? strtol(argv[2], NULL, 0) : 20000;
	struct kstat before, after;
	int differ, status = -1, st;
	pid_t pid, w;

	signal(SIGPIPE, SIG_IGN);
	printf("fuzz: seed %llu, %ld calls\n", seed, calls);
	if (kstat_read(&before) < 0) {
		perror("fuzz: /proc/meminfo, /proc/slabinfo");
		return 1;
	}
	pid = fork();
	if (pid == 0)
		_exit(fuzz_run(seed, calls));
	/* as pid 1, reap the orphans as they come: zombies piling up until
	 * the end would hold kernel stacks */
	while ((w = wait(&st)) > 0 || (w < 0 && errno == EINTR))
		if (w == pid)
			status = st;
	/* TCP ends that closed first wait in TIME_WAIT (2 s in Pollux):
	 * the counters come back within 10 s */
	for (int i = 0; i < 100; i++) {
		kstat_read(&after);
		if (!kstat_diff(-1, &before, &after))
			break;
		usleep(100000);
	}
	differ = kstat_diff(1, &before, &after);
	printf("fuzz: kernel counters: %d not back to baseline "
	       "(memory outside slabs %ld kB, then %ld kB)\n", differ,
	       kstat_pages_kb(&before), kstat_pages_kb(&after));
	status = status != 0 || differ;
	printf("fuzz: %s\n", status ? "FAIL" : "pass");
	return status;
}
