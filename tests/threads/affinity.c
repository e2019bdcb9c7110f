/*
 * affinity: sched_setaffinity, sched_getaffinity and getcpu, raw system
 * calls.  Their errors, in Linux's order (the mask is copied before the
 * pid is looked up, the pid before the mask is judged); a short mask
 * zero-extended, a long one cut; a thread pinned to each online CPU
 * runs there (getcpu), all of them at once; a task moved off its CPU
 * while it runs, while it sleeps, and another process's mask; fork's
 * child inherits the mask; /proc/PID/task/TID/status shows each
 * thread's mask (Cpus_allowed in hex, Cpus_allowed_list as ranges).
 * The number of CPUs differs between machines (the host's 2, Pollux's
 * 1, 2 or 4) and is never printed.
 */
#include <sys/wait.h>

#include "tt.h"

static long setaff(pid_t pid, unsigned int len, const void *mask)
{
	return syscall(SYS_sched_setaffinity, pid, len, mask);
}

static long getaff(pid_t pid, unsigned int len, void *mask)
{
	return syscall(SYS_sched_getaffinity, pid, len, mask);
}

static long getcpu_raw(unsigned int *cpu, unsigned int *node)
{
	return syscall(SYS_getcpu, cpu, node, NULL);
}

static int cur_cpu(void)
{
	unsigned int cpu = ~0u;

	return getcpu_raw(&cpu, NULL) ? -1 : (int)cpu;
}

static unsigned long mask_of(pid_t pid)
{
	unsigned long m = 0;

	return getaff(pid, sizeof(m), &m) == sizeof(m) ? m : 0;
}

static unsigned long online;	/* the mask we start with: every CPU */
static int ncpus;

/* mask as Linux's "%*pbl" prints it: "0-3", "1", "0,2-3". */
static void cpu_list(unsigned long mask, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = 0;
	for (int i = 0; i < 64 && n < size; i++) {
		int j = i;

		if (!(mask >> i & 1))
			continue;
		while (j < 63 && mask >> (j + 1) & 1)
			j++;
		n += snprintf(buf + n, size - n, j > i ? "%s%d-%d" : "%s%d",
			      n ? "," : "", i, j);
		i = j;
	}
}

/* The Cpus_allowed and Cpus_allowed_list lines of a thread's status
 * must both say want. */
static void check_status_mask(pid_t tid, unsigned long want, const char *what)
{
	char path[64], line[256], list[256] = "?", want_list[256];
	unsigned long hex = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		sscanf(line, "Cpus_allowed:\t%lx", &hex);
		if (!strncmp(line, "Cpus_allowed_list:\t", 19))
			snprintf(list, sizeof(list), "%s", line + 19);
	}
	if (f)
		fclose(f);
	cpu_list(want, want_list, sizeof(want_list));
	tt_line(hex == want && !strcmp(list, want_list), what, " (differs)");
}

/* A pid no task has: a child's, once reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void test_errors(void)
{
	unsigned long m = 0, zero = 0, two[2] = { 1, ~0UL }, wide = 0x100000001UL;
	unsigned long high = 1UL << 63, one = 1;
	unsigned int cpu = 77, node = 77;
	pid_t dead = dead_pid();

	CHECK_EQ(getaff(0, sizeof(m), &m), sizeof(m), "getaffinity: the size of a long");
	CHECK_EQ(m, online, "getaffinity(0) == getaffinity(getpid())");
	CHECK_EQ(mask_of(getpid()), online, "getaffinity(getpid())");
	CHECK_ERR(getaff(0, 0, &m), EINVAL, "getaffinity len 0: EINVAL");
	CHECK_ERR(getaff(0, 4, &m), EINVAL, "getaffinity len 4: EINVAL");
	CHECK_ERR(getaff(0, 12, &m), EINVAL, "getaffinity len 12: EINVAL");
	CHECK_ERR(getaff(dead, sizeof(m), &m), ESRCH, "getaffinity dead pid: ESRCH");
	CHECK_ERR(getaff(0, sizeof(m), NULL), EFAULT, "getaffinity NULL: EFAULT");
	CHECK_ERR(getaff(dead, sizeof(m), NULL), ESRCH, "getaffinity dead pid, NULL: ESRCH first");

	CHECK_ERR(setaff(0, sizeof(zero), &zero), EINVAL, "setaffinity empty mask: EINVAL");
	CHECK_ERR(setaff(0, 0, &online), EINVAL, "setaffinity len 0: EINVAL");
	CHECK_ERR(setaff(0, sizeof(high), &high), EINVAL, "setaffinity CPU 63 only (offline): EINVAL");
	CHECK_ERR(setaff(0, sizeof(one), NULL), EFAULT, "setaffinity NULL: EFAULT");
	CHECK_ERR(setaff(dead, sizeof(one), NULL), EFAULT, "setaffinity dead pid, NULL: EFAULT first");
	CHECK_ERR(setaff(dead, sizeof(zero), &zero), ESRCH, "setaffinity dead pid, empty: ESRCH first");
	CHECK_ERR(setaff(-1, sizeof(one), &one), ESRCH, "setaffinity pid -1: ESRCH");
	CHECK_EQ(mask_of(0), online, "failed calls left the mask");

	CHECK_EQ(setaff(0, 4, &wide), 0, "setaffinity len 4: the low half only");
	CHECK_EQ(mask_of(0), 1, "  mask is CPU 0");
	CHECK_EQ(setaff(0, sizeof(online), &online), 0, "setaffinity back to all");
	CHECK_EQ(setaff(0, sizeof(two), two), 0, "setaffinity len 16: bits past the CPUs ignored");
	CHECK_EQ(mask_of(0), 1, "  mask is CPU 0");
	CHECK_EQ(cur_cpu(), 0, "  getcpu: 0");
	CHECK_EQ(setaff(0, sizeof(online), &online), 0, "setaffinity back to all");

	CHECK_EQ(getcpu_raw(NULL, NULL), 0, "getcpu(NULL, NULL)");
	CHECK_EQ(getcpu_raw(&cpu, &node), 0, "getcpu");
	CHECK_EQ(node, 0, "  node 0");
	CHECK(cpu < 64 && (online >> cpu & 1), "  an online CPU");
	node = 77;
	CHECK_ERR(getcpu_raw((unsigned int *)1, &node), EFAULT, "getcpu bad cpu pointer: EFAULT");
	CHECK_EQ(node, 0, "  the node written all the same");
}

/* Each thread pins itself to its CPU and, once all are pinned, checks
 * getcpu a while, every thread spinning at once on its own CPU. */
struct pinned {
	int cpu, ok;
	pthread_t t;
};
static int nr_pinned;

static void *pinned_thread(void *arg)
{
	struct pinned *p = arg;
	unsigned long m = 1UL << p->cpu;

	p->ok = setaff(0, sizeof(m), &m) == 0 && mask_of(0) == m;
	__atomic_add_fetch(&nr_pinned, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&nr_pinned, __ATOMIC_SEQ_CST) < ncpus)
		if (cur_cpu() != p->cpu)
			p->ok = 0;
	for (int i = 0; i < 1000; i++) {
		if (cur_cpu() != p->cpu)
			p->ok = 0;
		if (i % 100 == 0)
			syscall(SYS_sched_yield);
	}
	return NULL;
}

static void test_pinned_threads(void)
{
	struct pinned p[64];
	int n = 0, ok = 0;

	for (int cpu = 0; cpu < 64; cpu++)
		if (online >> cpu & 1) {
			p[n].cpu = cpu;
			pthread_create(&p[n].t, NULL, pinned_thread, &p[n]);
			n++;
		}
	for (int i = 0; i < n; i++) {
		pthread_join(p[i].t, NULL);
		ok += p[i].ok;
	}
	CHECK_EQ(ok, n, "a thread pinned to each CPU runs there, all at once");
}

/* Field 39 of /proc/self/stat, "processor": the CPU the caller last ran
 * on (it is running: this one); -1 if unreadable. */
static int stat_cpu(void)
{
	char buf[1024], *p;
	int field = 2, cpu = -1;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');	/* the end of (comm), field 2 */
	while (p && *p && field < 39)
		if (*p++ == ' ')
			field++;
	if (p && field == 39)
		sscanf(p, "%d", &cpu);
	return cpu;
}

/* The caller moves itself: it runs on the new CPU once the call returns,
 * and /proc/self/stat says so. */
static void test_move_self(void)
{
	int moved = 0, n = 0, in_stat = 0;

	for (int cpu = 63; cpu >= 0; cpu--) {
		unsigned long m = 1UL << cpu;

		if (!(online >> cpu & 1))
			continue;
		n++;
		moved += setaff(0, sizeof(m), &m) == 0 && cur_cpu() == cpu;
		in_stat += stat_cpu() == cpu;
	}
	CHECK_EQ(moved, n, "moving itself to each CPU: getcpu follows");
	CHECK_EQ(in_stat, n, "  and /proc/self/stat's processor field");
	setaff(0, sizeof(online), &online);
}

/* A thread asleep in read() is moved by another; it wakes on its new CPU. */
static int wake_pipe[2];

static void *sleeper(void *arg)
{
	char c;

	(void)arg;
	if (read(wake_pipe[0], &c, 1) != 1)
		return (void *)-2L;
	return (void *)(long)cur_cpu();
}

static pid_t sleeper_tid;

static void *sleeper_main(void *arg)
{
	sleeper_tid = tt_gettid();
	return sleeper(arg);
}

static void test_move_sleeper(void)
{
	int last = 63 - __builtin_clzl(online);
	unsigned long m = 1UL << last;
	pthread_t t;
	void *ret;

	pipe(wake_pipe);
	pthread_create(&t, NULL, sleeper_main, NULL);
	while (!__atomic_load_n(&sleeper_tid, __ATOMIC_SEQ_CST))
		syscall(SYS_sched_yield);
	tt_sleep_ms(20);	/* asleep in read() */
	CHECK_EQ(setaff(sleeper_tid, sizeof(m), &m), 0, "setaffinity of a sleeping thread");
	CHECK_EQ(mask_of(sleeper_tid), m, "  its mask");
	check_status_mask(sleeper_tid, m, "  its status: Cpus_allowed and _list say its CPU");
	check_status_mask(getpid(), online, "  main's status: every CPU");
	write(wake_pipe[1], "x", 1);
	pthread_join(t, &ret);
	CHECK_EQ((long)ret, last, "  it wakes on its new CPU");
	close(wake_pipe[0]);
	close(wake_pipe[1]);
}

/* Another process's mask; a forked child inherits its parent's. */
static void test_other_process(void)
{
	unsigned long m = 1;
	int p[2], status = -1;
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		unsigned long mine = mask_of(0);

		read(p[0], &c, 1);
		mine = mask_of(0);
		_exit(mine == 1 && cur_cpu() == 0 ? 0 : 1);
	}
	CHECK_EQ(setaff(pid, sizeof(m), &m), 0, "setaffinity of a child");
	CHECK_EQ(mask_of(pid), 1, "  getaffinity of the child");
	write(p[1], "x", 1);
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "  the child sees it and runs on CPU 0");

	CHECK_EQ(setaff(0, sizeof(m), &m), 0, "pinned to CPU 0, then fork");
	pid = fork();
	if (pid == 0)
		_exit(mask_of(0) == 1 && cur_cpu() == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "  the child inherits the mask");
	setaff(0, sizeof(online), &online);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	online = mask_of(0);
	ncpus = __builtin_popcountl(online);
	CHECK(online & 1, "CPU 0 is online");
	test_errors();
	test_pinned_threads();
	test_move_self();
	test_move_sleeper();
	test_other_process();
	return tt_done();
}
