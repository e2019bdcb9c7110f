/* sysinfo() result (Linux: include/uapi/linux/sysinfo.h, x86-64). */
#ifndef _UAPI_SYSINFO_H
#define _UAPI_SYSINFO_H

#define SI_LOAD_SHIFT 16

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute loads << SI_LOAD_SHIFT */
	unsigned long totalram;		/* in mem_unit bytes */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;		/* tasks */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

#endif
