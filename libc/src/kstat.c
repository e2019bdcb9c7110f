/*
 * kstat.c - reads /proc/meminfo and /proc/slabinfo (see kstat.h).
 */
#include <fcntl.h>
#include <kstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KSTAT_TEXT 8192

/* The whole of a small /proc file, NUL-terminated; length or -1. */
static int read_text(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), len = 0, n;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : len;
}

/* The kB figure of a "Name:   1234 kB" line of meminfo; -1 if absent. */
static long meminfo_field(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/* One "name active_objs num_objs ..." line of slabinfo. */
static void parse_cache(const char *line, struct kstat_cache *c)
{
	size_t n = strcspn(line, " ");
	char *end;

	if (n >= sizeof(c->name))
		n = sizeof(c->name) - 1;
	memcpy(c->name, line, n);
	c->name[n] = '\0';
	c->active = strtol(line + n, &end, 10);
	c->total = strtol(end, NULL, 10);
}

/* Linux: "slabinfo - version: 2.1", a "# name ..." header, then caches. */
static void parse_slabinfo(char *text, struct kstat *ks)
{
	char *line = text, *next;

	ks->ncaches = 0;
	for (; *line && ks->ncaches < KSTAT_MAX_CACHES; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (!strncmp(line, "slabinfo", 8) || line[0] == '#' || !line[0])
			continue;
		parse_cache(line, &ks->cache[ks->ncaches++]);
	}
}

int kstat_read(struct kstat *ks)
{
	char text[KSTAT_TEXT];

	if (read_text("/proc/meminfo", text, sizeof(text)) < 0)
		return -1;
	ks->mem_total_kb = meminfo_field(text, "MemTotal:");
	ks->mem_free_kb = meminfo_field(text, "MemFree:");
	ks->anon_kb = meminfo_field(text, "AnonPages:");
	ks->slab_kb = meminfo_field(text, "Slab:");
	if (read_text("/proc/slabinfo", text, sizeof(text)) < 0)
		return -1;
	parse_slabinfo(text, ks);
	return 0;
}

long kstat_pages_kb(const struct kstat *ks)
{
	return ks->mem_total_kb - ks->mem_free_kb - ks->slab_kb;
}

void kstat_print(int fd, const struct kstat *ks)
{
	dprintf(fd, "memory in use outside slabs: %ld kB (user pages: %ld kB), "
		"slabs: %ld kB\n", kstat_pages_kb(ks), ks->anon_kb, ks->slab_kb);
	dprintf(fd, "%-20s %8s %8s\n", "cache", "active", "total");
	for (int i = 0; i < ks->ncaches; i++)
		dprintf(fd, "%-20s %8ld %8ld\n", ks->cache[i].name,
			ks->cache[i].active, ks->cache[i].total);
}

/* The cache called name in ks, or NULL. */
static const struct kstat_cache *find_cache(const struct kstat *ks,
					    const char *name)
{
	for (int i = 0; i < ks->ncaches; i++)
		if (!strcmp(ks->cache[i].name, name))
			return &ks->cache[i];
	return NULL;
}

int kstat_diff(int fd, const struct kstat *before, const struct kstat *after)
{
	int differ = 0;

	if (kstat_pages_kb(before) != kstat_pages_kb(after)) {
		dprintf(fd, "kstat: memory in use outside slabs %ld kB -> %ld kB\n",
			kstat_pages_kb(before), kstat_pages_kb(after));
		differ++;
	}
	if (before->anon_kb != after->anon_kb) {
		dprintf(fd, "kstat: user pages %ld kB -> %ld kB\n",
			before->anon_kb, after->anon_kb);
		differ++;
	}
	for (int i = 0; i < after->ncaches; i++) {
		const struct kstat_cache *a = &after->cache[i];
		const struct kstat_cache *b = find_cache(before, a->name);
		long was = b ? b->active : 0;

		if (was != a->active) {
			dprintf(fd, "kstat: %s %ld -> %ld objects in use\n",
				a->name, was, a->active);
			differ++;
		}
	}
	return differ;
}
