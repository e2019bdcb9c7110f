/*
 * mount_util.h - helpers for the mount tests: scratch directories named
 * by the pid (printed without it), a line of /proc/self/mounts or
 * mountinfo by its mount point, and a cleanup that unmounts whatever a
 * failed check left behind, so the host is left as it was.
 */
#ifndef MOUNT_UTIL_H
#define MOUNT_UTIL_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

/* The whole of a /proc file into buf (NUL-terminated); its length. */
static inline long read_all(const char *path, char *buf, long size)
{
	int fd = open(path, O_RDONLY);
	long n, len = 0;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return len;
}

/* The line of /proc/self/mounts (field 2) or mountinfo (field 5) whose
 * mount point is mnt (already mangled), the last one if stacked; copied
 * into line without its newline; 0, or -1 if there is none. */
static inline int find_mount_line(const char *file, int field,
				  const char *mnt, char *line, size_t size)
{
	static char text[65536];
	char *p, *end, *f;
	int found = -1, i;

	if (read_all(file, text, sizeof(text)) < 0)
		return -1;
	for (p = text; *p; p = end + 1) {
		end = strchr(p, '\n');
		if (!end)
			break;
		for (f = p, i = 1; i < field && f < end; i++)
			f = strchr(f, ' ') + 1;
		if (f < end && !strncmp(f, mnt, strlen(mnt)) &&
		    f[strlen(mnt)] == ' ' && (size_t)(end - p) < size) {
			memcpy(line, p, end - p);
			line[end - p] = 0;
			found = 0;
		}
	}
	return found;
}

/* Whether mounts has a line for mnt */
static inline int is_mounted(const char *mnt)
{
	char line[512];

	return find_mount_line("/proc/self/mounts", 2, mnt, line,
			       sizeof(line)) == 0;
}

/* Unmounts everything on path (stacked mounts too), then removes it. */
static inline void cleanup_dir(const char *path)
{
	for (int i = 0; i < 8 && umount2(path, MNT_DETACH) == 0; i++)
		;
	rmdir(path);
}

/* s with the pid (".1234") taken out, for printing */
static inline const char *no_pid(const char *s)
{
	static char out[512];
	char pid[16], *at;

	snprintf(pid, sizeof(pid), ".%d", (int)getpid());
	strncpy(out, s, sizeof(out) - 1);
	while ((at = strstr(out, pid)))
		memmove(at, at + strlen(pid), strlen(at + strlen(pid)) + 1);
	return out;
}

/* A mountinfo line's fields (Linux's proc(5) order), the optional
 * ones ("shared:N", the host's) skipped */
struct mountinfo {
	long id, parent, major, minor;
	char *root, *mnt, *opts, *fstype, *source, *superopts;
};

/* Splits line (in place); 0, or -1 if it has not the fields. */
static inline int parse_mountinfo(char *line, struct mountinfo *mi)
{
	char *tok[32], *p = line;
	int n = 0, dash;

	while (p && n < 32) {
		tok[n++] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = 0;
	}
	for (dash = 6; dash < n && strcmp(tok[dash], "-"); dash++)
		;
	if (n < 6 || dash + 3 >= n)
		return -1;
	mi->id = strtol(tok[0], NULL, 10);
	mi->parent = strtol(tok[1], NULL, 10);
	mi->major = strtol(tok[2], &p, 10);
	mi->minor = strtol(p + 1, NULL, 10);
	mi->root = tok[3];
	mi->mnt = tok[4];
	mi->opts = tok[5];
	mi->fstype = tok[dash + 1];
	mi->source = tok[dash + 2];
	mi->superopts = tok[dash + 3];
	return 0;
}

#endif
