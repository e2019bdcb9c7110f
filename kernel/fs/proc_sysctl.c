/*
 * /proc/sys: the registered tables, and the parsing of a write.
 * Linux: fs/proc/proc_sysctl.c, kernel/sysctl.c.
 */
#include <pollux/sysctl.h>
#include <pollux/string.h>
#include <pollux/kernel.h>
#include <uapi/errno.h>

#define MAX_SYSCTL_DIRS 8

static struct {
	const char *path;
	const struct ctl_table *table;
} dirs[MAX_SYSCTL_DIRS];
static int ndirs;

/* Linux: fs/proc/proc_sysctl.c register_sysctl() */
void register_sysctl(const char *path, const struct ctl_table *table)
{
	if (ndirs == MAX_SYSCTL_DIRS)
		panic("register_sysctl(%s): too many tables", path);
	dirs[ndirs].path = path;
	dirs[ndirs++].table = table;
}

const struct ctl_table *sysctl_lookup(const char *name)
{
	for (int i = 0; i < ndirs; i++) {
		size_t n = strlen(dirs[i].path);

		if (strncmp(name, dirs[i].path, n) || name[n] != '/')
			continue;
		for (const struct ctl_table *t = dirs[i].table; t->procname; t++)
			if (!strcmp(name + n + 1, t->procname))
				return t;
	}
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * One decimal number, with blanks around it as "echo 100 >" leaves them;
 * anything else, or a value outside the entry's range, is EINVAL.
 * Linux: kernel/sysctl.c __do_proc_doulongvec_minmax()
 */
int sysctl_write(const struct ctl_table *t, const char *text, size_t n)
{
	const char *p = text, *end = text + n;
	unsigned long v = 0;

	while (p < end && is_space(*p))
		p++;
	if (p == end || *p < '0' || *p > '9')
		return -EINVAL;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (v > (unsigned long)LONG_MAX / 10)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	while (p < end && is_space(*p))
		p++;
	if (p != end || v > (unsigned long)t->max || (long)v < t->min)
		return -EINVAL;
	*t->data = v;
	return 0;
}
