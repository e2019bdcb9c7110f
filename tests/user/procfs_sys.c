/*
 * procfs_sys.c - /proc's system-wide files in Linux's formats: uptime,
 * loadavg, stat, cpuinfo (checked against the CPUID the test reads
 * itself), mounts, sys/kernel/pid_max.  Values that differ between
 * machines are only checked for their form and for agreeing with the
 * clocks and ids the test sees.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static char text[16384];

static long read_file(const char *path)
{
	return read_text(path, text, sizeof(text));
}

/* "N.NN": its value in hundredths, *p moved past it; -1 if malformed */
static long hundredths(const char **p)
{
	char *end;
	long whole = strtol(*p, &end, 10);

	if (end == *p || end[0] != '.' || end[1] < '0' || end[1] > '9' ||
	    end[2] < '0' || end[2] > '9')
		return -1;
	*p = end + 3;
	return whole * 100 + (end[1] - '0') * 10 + (end[2] - '0');
}

static long uptime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec;
}

static void test_uptime(void)
{
	const char *p = text;
	long up, idle;

	CHECK(read_file("/proc/uptime") > 0, "read /proc/uptime");
	up = hundredths(&p);
	CHECK(*p++ == ' ', "uptime: a blank between the two");
	idle = hundredths(&p);
	CHECK_STR(p, "\n", "uptime: two numbers and a newline");
	CHECK(up >= 0 && idle >= 0, "uptime: both N.NN");
	CHECK(labs(up / 100 - uptime_now()) <= 1, "uptime agrees with CLOCK_BOOTTIME");
}

static void test_loadavg(void)
{
	const char *p = text;
	char *end;
	long running, total, last;
	int loads = 0;

	CHECK(read_file("/proc/loadavg") > 0, "read /proc/loadavg");
	for (int i = 0; i < 3; i++)
		loads += hundredths(&p) >= 0 && *p++ == ' ';
	CHECK_EQ(loads, 3, "loadavg: three loads N.NN");
	running = strtol(p, &end, 10);
	CHECK(end[0] == '/', "loadavg: running/total");
	total = strtol(end + 1, &end, 10);
	CHECK(running >= 1 && total >= running, "loadavg: 1 <= running <= total");
	last = strtol(end, &end, 10);
	CHECK(last > 0 && !strcmp(end, "\n"), "loadavg: the last pid, a newline");
}

/* The value of the /proc/stat line "name N", or -1 */
static long stat_value(const char *name)
{
	char key[32];
	char *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(text, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static void test_stat(void)
{
	int fields = 0;
	char *nl;

	CHECK(read_file("/proc/stat") > 0, "read /proc/stat");
	CHECK_EQ(strncmp(text, "cpu  ", 5), 0, "stat starts with \"cpu  \"");
	nl = strchr(text, '\n');
	for (char *p = text + 4; nl && p < nl; p++)
		fields += *p == ' ';
	CHECK_EQ(fields, 10, "stat: cpu has 10 counters");
	CHECK(nl && !strncmp(nl + 1, "cpu0 ", 5), "stat: cpu0 comes next");
	CHECK(labs(stat_value("btime") + uptime_now() - time(NULL)) <= 2,
	      "stat: btime is the boot's time");
	CHECK(stat_value("processes") >= 1, "stat: processes");
	CHECK(stat_value("procs_running") >= 1, "stat: procs_running");
	CHECK(stat_value("procs_blocked") >= 0, "stat: procs_blocked");
	CHECK(stat_value("ctxt") >= 0, "stat: ctxt");
}

static void cpuid(unsigned leaf, unsigned r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(0));
}

/* The value of the cpuinfo line "name\t...: value" into out */
static void cpuinfo_line(const char *name, char *out, size_t size)
{
	char key[32];
	char *p, *end;

	snprintf(key, sizeof(key), "\n%s\t", name);
	p = strstr(text, key);
	out[0] = '\0';
	if (!p || !(p = strstr(p, ": ")))
		return;
	end = strchr(p, '\n');
	snprintf(out, size, "%.*s", (int)(end - p - 2), p + 2);
}

static void test_cpuinfo(void)
{
	unsigned r[4], brand[13] = { 0 };
	char vendor[13], line[256], *name = (char *)brand;

	CHECK(read_file("/proc/cpuinfo") > 0, "read /proc/cpuinfo");
	CHECK_EQ(strncmp(text, "processor\t: 0\n", 14), 0, "cpuinfo: processor 0 first");
	cpuid(0, r);
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	cpuinfo_line("vendor_id", line, sizeof(line));
	CHECK_STR(line, vendor, "cpuinfo: vendor_id is CPUID's");
	for (unsigned i = 0; i < 3; i++)
		cpuid(0x80000002 + i, &brand[4 * i]);
	while (*name == ' ')
		name++;
	for (size_t n = strlen(name); n && name[n - 1] == ' '; n--)
		name[n - 1] = '\0';
	cpuinfo_line("model name", line, sizeof(line));
	CHECK_STR(line, name, "cpuinfo: model name is CPUID's brand string");
	cpuinfo_line("flags", line, sizeof(line));
	CHECK_EQ(strncmp(line, "fpu ", 4), 0, "cpuinfo: flags start with fpu");
	CHECK(strstr(text, "\nflags\t\t: ") != NULL, "cpuinfo: flags line's tabs");
	CHECK(strstr(text, "\nwp\t\t: yes\n") != NULL, "cpuinfo: wp");
}

static void test_mounts(void)
{
	char target[32];
	long n;

	CHECK(read_file("/proc/mounts") > 0, "read /proc/mounts");
	CHECK(strstr(text, "proc /proc proc rw") != NULL, "mounts: proc on /proc");
	CHECK(read_file("/proc/self/mounts") > 0, "read /proc/self/mounts");
	CHECK(strstr(text, "proc /proc proc rw") != NULL, "self/mounts: proc");
	n = readlink("/proc/mounts", target, sizeof(target));
	CHECK_EQ(n, 11, "/proc/mounts is a link");
	CHECK_MEM(target, "self/mounts", 11, "to self/mounts");
}

static void test_pid_max(void)
{
	int fd;

	CHECK_EQ(read_file("/proc/sys/kernel/pid_max") > 0, 1, "read pid_max");
	CHECK(atoi(text) >= 301 && atoi(text) <= 4194304, "pid_max in Linux's range");
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	CHECK_ERR(write(fd, "300", 3), EINVAL, "pid_max below 301: EINVAL");
	CHECK_ERR(write(fd, "4194305", 7), EINVAL, "pid_max above 4194304: EINVAL");
	close(fd);
}

int main(void)
{
	test_uptime();
	test_loadavg();
	test_stat();
	test_cpuinfo();
	test_mounts();
	test_pid_max();
	return test_done();
}
