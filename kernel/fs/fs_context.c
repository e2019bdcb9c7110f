/*
 * mount(2)'s options: "key,key=value,...", the words every file system
 * takes (ro, sync, ...) into the super block's flags, the rest to the
 * file system's ->parse_param (kernel/fs/filesystems.c).
 * Linux: fs/fs_context.c.
 */
#include <pollux/mount.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* The words every file system takes.  Linux: fs/fs_context.c
 * vfs_parse_sb_flag() */
static const struct {
	const char *name;
	unsigned long set, clear;
} sb_flag_words[] = {
	{ "dirsync", SB_DIRSYNC, 0 }, { "lazytime", SB_LAZYTIME, 0 },
	{ "mand", SB_MANDLOCK, 0 }, { "ro", SB_RDONLY, 0 },
	{ "sync", SB_SYNCHRONOUS, 0 }, { "async", 0, SB_SYNCHRONOUS },
	{ "nolazytime", 0, SB_LAZYTIME }, { "nomand", 0, SB_MANDLOCK },
	{ "rw", 0, SB_RDONLY },
};

/* One option.  Linux: fs/fs_context.c vfs_parse_fs_param() */
static int parse_one(struct super_block *sb, char *key)
{
	char *val = strchr(key, '=');

	if (val)
		*val++ = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(sb_flag_words) && !val; i++) {
		if (!strcmp(key, sb_flag_words[i].name)) {
			sb->s_flags |= sb_flag_words[i].set;
			sb->s_flags &= ~sb_flag_words[i].clear;
			return 0;
		}
	}
	if (!sb->s_type->parse_param)
		return -EINVAL;
	return sb->s_type->parse_param(sb, key, val);
}

/* "key,key=value,...", empty ones skipped.  Linux: fs/fs_context.c
 * generic_parse_monolithic() */
int parse_monolithic_mount_data(struct super_block *sb, char *data)
{
	char *key;
	int err;

	while (data) {
		key = data;
		data = strchr(data, ',');
		if (data)
			*data++ = '\0';
		if (*key && (err = parse_one(sb, key)))
			return err;
	}
	return 0;
}
