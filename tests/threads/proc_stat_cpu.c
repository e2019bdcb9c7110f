/*
 * proc_stat_cpu: /proc/stat's "cpuN" line counts the time CPU N spent
 * running tasks.  A thread pinned to the last CPU spins for 300 ms of its
 * own CPU time (CLOCK_THREAD_CPUTIME_ID); that CPU's user + nice + system
 * must have grown meanwhile, and by more than its idle time: the CPU was
 * busy.  (Not by 30 clock ticks: a loaded host may steal the CPU, and
 * under QEMU the ticks it missed meanwhile are lost.)
 */
#include "tt.h"

#define SPIN_NS 300000000LL

struct cpu_line {
	long long busy, idle;	/* clock ticks */
};

/* The "cpuN " line of /proc/stat: user + nice + system, and idle. */
static int read_cpu(int cpu, struct cpu_line *c)
{
	static char text[1 << 16];
	char name[16], *p;
	long long user, nice, sys, idle;
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return -1;
	text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
	fclose(f);
	snprintf(name, sizeof(name), "\ncpu%d ", cpu);
	p = strstr(text, name);
	if (!p || sscanf(p + strlen(name), "%lld %lld %lld %lld",
			 &user, &nice, &sys, &idle) != 4)
		return -1;
	c->busy = user + nice + sys;
	c->idle = idle;
	return 0;
}

static long long spun_ns, spun_wall_ns;

static void *spinner(void *arg)
{
	cpu_set_t set;
	long long start, wall;

	(void)arg;
	CPU_ZERO(&set);
	CPU_SET(sysconf(_SC_NPROCESSORS_ONLN) - 1, &set);
	sched_setaffinity(0, sizeof(set), &set);
	wall = tt_now_ns(CLOCK_MONOTONIC);
	start = tt_now_ns(CLOCK_THREAD_CPUTIME_ID);
	while (tt_now_ns(CLOCK_THREAD_CPUTIME_ID) - start < SPIN_NS)
		;
	spun_ns = tt_now_ns(CLOCK_THREAD_CPUTIME_ID) - start;
	spun_wall_ns = tt_now_ns(CLOCK_MONOTONIC) - wall;
	return NULL;
}

int main(void)
{
	int cpu = sysconf(_SC_NPROCESSORS_ONLN) - 1;
	struct cpu_line before, after;
	pthread_t t;
	int ok;

	CHECK_EQ(read_cpu(cpu, &before), 0, "/proc/stat has a line for the last CPU");
	pthread_create(&t, NULL, spinner, NULL);
	pthread_join(t, NULL);
	ok = read_cpu(cpu, &after) == 0;
	CHECK(ok && after.busy > before.busy,
	      "a thread spinning there 300 ms: its busy ticks grew");
	CHECK(ok && after.busy - before.busy > after.idle - before.idle,
	      "by more than its idle ticks");
	if (!ok || after.busy - before.busy <= after.idle - before.idle)
		printf("# busy %lld -> %lld, idle %lld -> %lld, spun %lld ms in %lld ms\n",
		       before.busy, after.busy, before.idle, after.idle,
		       spun_ns / 1000000, spun_wall_ns / 1000000);
	return tt_done();
}
