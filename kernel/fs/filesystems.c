/*
 * The file systems mount(2) knows, and the options each takes.  All of
 * them but proc are the ramfs tree's in-memory files (kernel/fs/ramfs.c):
 * tmpfs keeps its size= and nr_inodes= only to show them, as it swaps
 * nothing and counts no blocks here.  proc is served by path
 * (kernel/fs/proc.c), so a proc mount other than /proc is an empty
 * directory (docs/vfs.md).
 * Linux: fs/filesystems.c, mm/shmem.c (tmpfs), fs/ramfs/inode.c,
 * fs/proc/root.c.
 */
#include <pollux/mount.h>
#include <pollux/mm.h>
#include <pollux/seq_file.h>
#include <pollux/string.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

/* A number with an optional K, M, G, T, P or E suffix; false if
 * anything else follows.  Linux: lib/cmdline.c memparse() */
static bool memparse(const char *s, unsigned long *v)
{
	const char *suffixes = "KMGTPE";
	const char *at;

	if (!s || *s < '0' || *s > '9')
		return false;
	for (*v = 0; *s >= '0' && *s <= '9'; s++)
		*v = *v * 10 + (*s - '0');
	if (*s && (at = strchr(suffixes, *s & ~0x20))) {
		*v <<= 10 * (at - suffixes + 1);
		s++;
	}
	return !*s;
}

/* An octal mode.  Linux: fsparam_u32oct() */
static bool parse_mode(const char *s, umode_t *mode)
{
	unsigned long v = 0;

	if (!s || !*s)
		return false;
	for (; *s >= '0' && *s <= '7'; s++)
		if ((v = v * 8 + (*s - '0')) > 0xffffffffUL)
			return false;
	*mode = v & 07777;
	return !*s;
}

/* Linux: mm/shmem.c shmem_parse_one() (size, nr_blocks, nr_inodes,
 * mode; not uid, gid, huge, mpol and the rest: EINVAL) */
static int shmem_parse_one(struct super_block *sb, const char *key,
			   const char *val)
{
	unsigned long v;

	if (!strcmp(key, "mode"))
		return parse_mode(val, &sb->s_mode) ? 0 : -EINVAL;
	if (!memparse(val, &v))
		return -EINVAL;
	if (!strcmp(key, "size"))
		sb->s_max_blocks = (v + PAGE_SIZE - 1) / PAGE_SIZE;
	else if (!strcmp(key, "nr_blocks"))
		sb->s_max_blocks = v;
	else if (!strcmp(key, "nr_inodes"))
		sb->s_max_inodes = v;
	else
		return -EINVAL;
	return 0;
}

/* Only what differs from the defaults.  Linux: shmem_show_options() */
static void shmem_show_options(struct seq_file *m, struct super_block *sb)
{
	if (sb->s_max_blocks >= 0)
		seq_printf(m, ",size=%luk", sb->s_max_blocks * (PAGE_SIZE / 1024));
	if (sb->s_max_inodes >= 0)
		seq_printf(m, ",nr_inodes=%lu", sb->s_max_inodes);
	if (sb->s_mode != (0777 | S_ISVTX))
		seq_printf(m, ",mode=%03o", sb->s_mode);
}

const struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.magic = TMPFS_MAGIC,
	.root_mode = 0777 | S_ISVTX,
	.parse_param = shmem_parse_one,
	.show_options = shmem_show_options,
};

/* mode=; anything else is ignored.  Linux: ramfs_parse_param() */
static int ramfs_parse_param(struct super_block *sb, const char *key,
			     const char *val)
{
	if (strcmp(key, "mode"))
		return 0;
	return parse_mode(val, &sb->s_mode) ? 0 : -EINVAL;
}

/* Linux: ramfs_show_options() */
static void ramfs_show_options(struct seq_file *m, struct super_block *sb)
{
	if (sb->s_mode != 0755)
		seq_printf(m, ",mode=%o", sb->s_mode);
}

static const struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.magic = RAMFS_MAGIC,
	.root_mode = 0755,
	.parse_param = ramfs_parse_param,
	.show_options = ramfs_show_options,
};

/* The tree at boot: listed, never mounted again (ENODEV) */
const struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.magic = RAMFS_MAGIC,
	.root_mode = 0755,
};

/* No options (hidepid= and the others: EINVAL).  Linux: fs/proc/root.c */
const struct file_system_type proc_fs_type = {
	.name = "proc",
	.magic = PROC_SUPER_MAGIC,
	.root_mode = 0555,
};

static const struct file_system_type *const file_systems[] = {
	&tmpfs_fs_type, &ramfs_fs_type, &proc_fs_type,
};

const struct file_system_type *get_fs_type(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(file_systems); i++)
		if (!strcmp(file_systems[i]->name, name))
			return file_systems[i];
	return NULL;
}
