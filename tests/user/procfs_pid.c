/*
 * procfs_pid.c - a listable /proc and a process's own files in Linux's
 * formats: /proc/PID/{stat,status,comm,cmdline,maps}.  Only what is the same
 * natively and in Pollux is checked: entry names and types, field counts,
 * the test's own pid, ppid, state and name, line names and their order
 * (the values of status and stat: procfs_status.c),
 * the maps format and the areas holding the stack, heap, data and code.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static char text[8192];

static long read_file(const char *path)
{
	return read_text(path, text, sizeof(text));
}

static void test_root_listing(void)
{
	char pid[16];
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0, pids = 0, last = 0, ascending = 1;

	snprintf(pid, sizeof(pid), "%d", getpid());
	CHECK(d != NULL, "opendir /proc");
	while (d && (e = readdir(d))) {
		n++;
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
			int p = atoi(e->d_name);

			pids++;
			ascending &= p > last && e->d_type == DT_DIR;
			last = p;
		}
	}
	if (d)
		closedir(d);
	CHECK(pids >= 1, "/proc lists pid directories");
	CHECK(ascending, "pid directories come in increasing order, DT_DIR");
	CHECK(n > pids + 2, "/proc lists named files too");
	CHECK_EQ(dir_type("/proc", pid), DT_DIR, "own pid in /proc is a directory");
	CHECK_EQ(dir_type("/proc", "self"), DT_LNK, "/proc/self is listed as a link");
	CHECK_EQ(dir_type("/proc", "meminfo"), DT_REG, "/proc/meminfo is listed");
	CHECK_EQ(dir_type("/proc", "sys"), DT_DIR, "/proc/sys is listed");
	CHECK_EQ(dir_type("/proc/", "."), DT_DIR, "/proc/ lists .");
}

static void test_pid_listing(void)
{
	char path[32];
	struct stat st;
	static const char *const names[] = { "fd", "fdinfo", "status", "comm",
					      "cmdline", "stat" };
	static const int types[] = { DT_DIR, DT_DIR, DT_REG, DT_REG, DT_REG,
				     DT_REG };

	snprintf(path, sizeof(path), "/proc/%d", getpid());
	for (int i = 0; i < 6; i++) {
		char what[64];

		snprintf(what, sizeof(what), "/proc/PID lists %s", names[i]);
		CHECK_EQ(dir_type(path, names[i]), types[i], what);
		snprintf(what, sizeof(what), "/proc/self/ lists %s", names[i]);
		CHECK_EQ(dir_type("/proc/self/", names[i]), types[i], what);
	}
	CHECK_EQ(dir_type("/proc/self", ".."), DT_DIR, "/proc/self lists ..");
	CHECK(stat("/proc", &st) == 0 && S_ISDIR(st.st_mode), "stat /proc: a directory");
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "stat /proc/PID: a directory");
	CHECK_EQ(st.st_mode & 07777, 0555, "/proc/PID is dr-xr-xr-x");
	CHECK(lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode),
	      "lstat /proc/self: a link");
	CHECK(stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode),
	      "stat /proc/self: a directory");
	CHECK_EQ(dir_type("/proc/999999", "."), -2, "no such pid: no directory");
}

/* Checks /proc/PID/stat of a process: 52 fields, its pid, name, state,
 * ppid; fields[] gets the numbers after the name's ')'. */
static void check_stat(pid_t pid, char state, pid_t ppid, const char *who)
{
	char path[32], want[64], what[96];
	char *p;
	int fields = 2;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	CHECK(read_file(path) > 0, "read /proc/PID/stat");
	snprintf(want, sizeof(want), "%d (procfs_pid) %c %d ", pid, state, ppid);
	snprintf(what, sizeof(what), "%s: stat starts pid (comm) state ppid", who);
	CHECK_EQ(strncmp(text, want, strlen(want)), 0, what);
	p = strrchr(text, ')');
	for (p = p ? p + 1 : text; *p; p++)
		fields += *p == ' ';
	snprintf(what, sizeof(what), "%s: stat has 52 fields", who);
	CHECK_EQ(fields, 52, what);
	snprintf(what, sizeof(what), "%s: stat ends in a newline", who);
	CHECK_EQ(text[strlen(text) - 1], '\n', what);
}

static void test_stat(void)
{
	pid_t pid;
	int status;

	check_stat(getpid(), 'R', getppid(), "self");
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	wait_states(&pid, 1, "S");	/* in pause() */
	check_stat(pid, 'S', getpid(), "sleeping child");
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	check_stat(pid, 'T', getpid(), "stopped child");
	kill(pid, SIGKILL);
	wait_states(&pid, 1, "Z");
	check_stat(pid, 'Z', getpid(), "zombie child");
	waitpid(pid, &status, 0);
}

static void test_status(void)
{
	static const char *const order[] = {
		"Name:", "Umask:", "State:", "Tgid:", "Ngid:", "Pid:", "PPid:",
		"TracerPid:", "Uid:", "Gid:", "FDSize:", "Groups:", "NStgid:",
		"NSpid:", "NSpgid:", "NSsid:", "Kthread:", "VmPeak:", "VmSize:",
		"VmLck:", "VmPin:", "VmHWM:", "VmRSS:", "RssAnon:", "RssFile:",
		"RssShmem:", "VmData:", "VmStk:", "VmExe:", "VmLib:", "VmPTE:",
		"VmSwap:",
		"HugetlbPages:", "CoreDumping:", "THP_enabled:", "untag_mask:",
		"Threads:", "SigQ:", "SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:",
		"SigCgt:", "CapInh:", "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:",
		"NoNewPrivs:", "Seccomp:", "Seccomp_filters:", "Cpus_allowed:",
		"Cpus_allowed_list:", "Mems_allowed:", "Mems_allowed_list:",
	};
	char want[64];
	char *last = text;
	int in_order = 1;

	CHECK(read_file("/proc/self/status") > 0, "read /proc/self/status");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char key[24];
		char *p;

		snprintf(key, sizeof(key), "\n%s\t", order[i]);
		p = i ? strstr(text, key) : (strncmp(text, "Name:\t", 6) ? NULL : text);
		in_order &= p && p >= last;
		last = p ? p : last;
	}
	CHECK(in_order, "status lines in Linux's order");
	CHECK_STR(line_of(text, "Name:", 0), "Name:\tprocfs_pid", "status Name");
	CHECK_STR(line_of(text, "State:", 0), "State:\tR (running)",
		  "status State");
	snprintf(want, sizeof(want), "Pid:\t%d", getpid());
	CHECK_STR(line_of(text, "Pid:", 0), want, "status Pid");
	snprintf(want, sizeof(want), "PPid:\t%d", getppid());
	CHECK_STR(line_of(text, "PPid:", 0), want, "status PPid");
	CHECK_STR(line_of(text, "Threads:", 0), "Threads:\t1", "status Threads");
}

static void test_comm_cmdline(int argc, char **argv)
{
	long len = read_file("/proc/self/comm"), want = 0;
	char *p = text;
	int same = 1;

	CHECK_STR(text, "procfs_pid\n", "comm is the name and a newline");
	CHECK_EQ(len, 11, "comm's length");
	len = read_file("/proc/self/cmdline");
	for (int i = 0; i < argc; i++) {
		same &= !strcmp(p, argv[i]);
		want += strlen(argv[i]) + 1;
		p += strlen(p) + 1;
	}
	CHECK_EQ(len, want, "cmdline: each argv string and its NUL");
	CHECK(same, "cmdline holds argv");
	CHECK_ERR(open("/proc/self/nope", O_RDONLY), ENOENT, "/proc/self/nope");
	CHECK_ERR(write(open("/proc/self/comm", O_RDONLY), "x", 1), EBADF,
		  "comm opened read-only: write EBADF");
}

static int writable_global = 1;

/* One maps line: "start-end perms offset dev inode", then the name
 * padded to column 73 or nothing.  Its range and perms; 0 if well formed */
static int parse_map(const char *line, unsigned long *lo, unsigned long *hi,
		     char perms[5], const char **name)
{
	char *p;

	*lo = strtoul(line, &p, 16);
	if (*p++ != '-')
		return -1;
	*hi = strtoul(p, &p, 16);
	if (*p++ != ' ' || *hi <= *lo)
		return -1;
	memcpy(perms, p, 4);
	perms[4] = '\0';
	if (!strchr("r-", p[0]) || !strchr("w-", p[1]) || !strchr("x-", p[2]) ||
	    !strchr("ps", p[3]) || p[4] != ' ' || strlen(p) < 5 + 9 + 6)
		return -1;
	if (p[13] != ' ' || p[16] != ':' || p[19] != ' ')
		return -1;
	p = strchr(p + 20, ' ');
	if (!p)
		return -1;
	while (*p == ' ')
		p++;
	*name = p;
	return *p && p - line != 73 ? -1 : 0;
}

/* The perms and name of the area of maps holding addr, into perms and
 * name; how many lines are malformed. */
static int find_map(unsigned long addr, char perms[5], char *name, size_t size)
{
	char *line = text, *nl;
	int bad = 0;

	perms[0] = name[0] = '\0';
	for (; (nl = strchr(line, '\n')); line = nl + 1) {
		unsigned long lo, hi;
		char p[5];
		const char *n;

		*nl = '\0';
		if (parse_map(line, &lo, &hi, p, &n)) {
			bad++;
		} else if (addr >= lo && addr < hi) {
			strcpy(perms, p);
			snprintf(name, size, "%s", n);
		}
		*nl = '\n';
	}
	return bad;
}

static void test_maps(void)
{
	unsigned long brk0 = syscall(SYS_brk, 0), heap;
	char perms[5], name[64];
	int local = 0;

	heap = syscall(SYS_brk, brk0 + 8192);
	CHECK_EQ(heap, brk0 + 8192, "brk grows the heap");
	((volatile char *)brk0)[0] = 1;
	CHECK(read_file("/proc/self/maps") > 0, "read /proc/self/maps");
	CHECK_EQ(find_map((unsigned long)&local, perms, name, sizeof(name)), 0,
		 "maps: every line in Linux's format");
	CHECK_STR(perms, "rw-p", "maps: the stack is rw-p");
	CHECK_STR(name, "[stack]", "maps: the stack is [stack]");
	find_map(brk0, perms, name, sizeof(name));
	CHECK_STR(perms, "rw-p", "maps: the heap is rw-p");
	CHECK_STR(name, "[heap]", "maps: the heap is [heap]");
	find_map((unsigned long)&writable_global, perms, name, sizeof(name));
	CHECK_STR(perms, "rw-p", "maps: data is rw-p");
	find_map((unsigned long)test_maps, perms, name, sizeof(name));
	CHECK_STR(perms, "r-xp", "maps: code is r-xp");
	syscall(SYS_brk, brk0);
}

int main(int argc, char **argv)
{
	test_root_listing();
	test_pid_listing();
	test_stat();
	test_status();
	test_comm_cmdline(argc, argv);
	test_maps();
	return test_done();
}
