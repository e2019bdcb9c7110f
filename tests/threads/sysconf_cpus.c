/*
 * sysconf_cpus: the libc's own count of the CPUs online
 * (sysconf(_SC_NPROCESSORS_ONLN): glibc reads
 * /sys/devices/system/cpu/online, else /proc/stat's cpuN lines; musl
 * counts sched_getaffinity's bits) agrees with the kernel's affinity mask
 * of a process nobody pinned, and the configured count is no smaller.
 * The count itself differs between machines and is not printed.
 */
#include "tt.h"

int main(void)
{
	long onln = sysconf(_SC_NPROCESSORS_ONLN), conf = sysconf(_SC_NPROCESSORS_CONF);
	cpu_set_t set;

	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0, "sched_getaffinity");
	CHECK_EQ(onln, CPU_COUNT(&set),
		 "sysconf(_SC_NPROCESSORS_ONLN) counts the CPUs the mask holds");
	CHECK(conf >= onln, "sysconf(_SC_NPROCESSORS_CONF) is no smaller");
	return tt_done();
}
