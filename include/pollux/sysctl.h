/*
 * Tunables under /proc/sys: a subsystem registers a table of numbers
 * that root can read and write.  Linux: include/linux/sysctl.h,
 * register_sysctl() with proc_doulongvec_minmax() entries.
 */
#ifndef POLLUX_SYSCTL_H
#define POLLUX_SYSCTL_H

#include <pollux/types.h>

struct ctl_table {
	const char *procname;	/* the file's name in its directory */
	long *data;
	long min, max;		/* a write outside [min, max] is EINVAL */
};

/* Adds the entries of table (ended by one with a NULL procname) under
 * /proc/sys/<path>/, e.g. path "fs/epoll". */
void register_sysctl(const char *path, const struct ctl_table *table);

/* The entry for /proc/sys/<name>, e.g. "fs/epoll/max_user_watches". */
const struct ctl_table *sysctl_lookup(const char *name);

/* Linux: kernel/sysctl.c proc_doulongvec_minmax(), on text */
int sysctl_write(const struct ctl_table *t, const char *text, size_t n);

#endif
