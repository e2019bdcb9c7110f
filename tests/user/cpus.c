/*
 * cpus.c - the three ways a program counts the online CPUs agree:
 * /proc/cpuinfo's "processor" blocks (numbered 0, 1, ... in order),
 * /proc/stat's cpuN lines (glibc's get_nprocs() falls back to them),
 * and the bits of sched_getaffinity's mask (musl's
 * sysconf(_SC_NPROCESSORS_ONLN)); getcpu names one of them.  The count
 * itself differs between machines and is not printed; with an argument
 * N (the SMP boots of tools/test-all.sh) it must be N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "test.h"

static char text[1 << 16];

static int read_file(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	close(fd);
	text[n] = '\0';
	return n;
}

/* The "processor\t: N" blocks, -1 unless numbered 0, 1, ... in order */
static int cpuinfo_count(void)
{
	int n = 0;
	char key[32];

	if (read_file("/proc/cpuinfo") <= 0)
		return -1;
	for (char *p = text; (p = strstr(p, "processor\t: ")); p++) {
		snprintf(key, sizeof(key), "processor\t: %d\n", n);
		if (strncmp(p, key, strlen(key)) || (p != text && p[-1] != '\n'))
			return -1;
		n++;
	}
	return n;
}

/* The "cpuN " lines after "cpu  ", -1 unless numbered in order */
static int stat_count(void)
{
	int n = 0;
	char key[16];
	char *p;

	if (read_file("/proc/stat") <= 0 || strncmp(text, "cpu  ", 5))
		return -1;
	for (p = strchr(text, '\n'); p && !strncmp(p + 1, "cpu", 3) &&
	     p[4] >= '0' && p[4] <= '9'; p = strchr(p + 1, '\n')) {
		snprintf(key, sizeof(key), "cpu%d ", n);
		if (strncmp(p + 1, key, strlen(key)))
			return -1;
		n++;
	}
	return n;
}

static int affinity_count(void)
{
	unsigned long mask[16] = { 0 };
	long len = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	int n = 0;

	if (len <= 0)
		return -1;
	for (long i = 0; i < len / (long)sizeof(long); i++)
		n += __builtin_popcountl(mask[i]);
	return n;
}

int main(int argc, char **argv)
{
	int ncpu = cpuinfo_count();
	unsigned int cpu = ~0u, node = ~0u;

	CHECK(ncpu >= 1, "/proc/cpuinfo: blocks processor 0, 1, ... in order");
	CHECK_EQ(stat_count(), ncpu, "/proc/stat: a cpuN line per processor");
	CHECK_EQ(affinity_count(), ncpu,
		 "sched_getaffinity: a bit per processor (musl's sysconf)");
	CHECK_EQ(syscall(SYS_getcpu, &cpu, &node, NULL), 0, "getcpu succeeds");
	CHECK(cpu < (unsigned int)ncpu, "getcpu: one of the online CPUs");
	CHECK_EQ(node, 0, "getcpu: node 0");
	CHECK_EQ(syscall(SYS_getcpu, NULL, NULL, NULL), 0,
		 "getcpu with no pointers succeeds");
	CHECK_ERR(syscall(SYS_getcpu, bad_addr(1), NULL, NULL), EFAULT,
		  "getcpu to a bad pointer: EFAULT");
	if (argc > 1)
		CHECK_EQ(ncpu, atoi(argv[1]), "as many CPUs as the machine has");
	return test_done();
}
