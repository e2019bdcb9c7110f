/*
 * /proc/PID/mounts (and /proc/mounts, its link) and /proc/PID/mountinfo:
 * one line per mount of the namespace, in mount order.  Their pollers'
 * EPOLLPRI|EPOLLERR is mounts_poll (kernel/fs/proc.c).
 * Linux: fs/proc_namespace.c.
 */
#include <pollux/mount.h>
#include <pollux/seq_file.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* s with ' ', '\t', '\n' and '\\' as octal escapes.  Linux: mangle() */
static void mangle(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (strchr(" \t\n\\", *s))
			seq_printf(m, "\\%03o", *s);
		else
			seq_printf(m, "%c", *s);
	}
}

/* Where m is mounted.  Linux: seq_path_root() */
static void show_mountpoint(struct seq_file *sf, struct mount *m)
{
	char path[256];		/* d_path()'s limit */

	if (d_path(m->mnt.mnt_root, path, sizeof(path)))
		strlcpy(path, "?", sizeof(path));
	mangle(sf, path);
}

/* Linux: show_mnt_opts() */
static void show_mnt_opts(struct seq_file *sf, struct mount *m)
{
	static const struct {
		int flag;
		const char *str;
	} mnt_opts[] = {
		{ MNT_NOSUID, ",nosuid" }, { MNT_NODEV, ",nodev" },
		{ MNT_NOEXEC, ",noexec" }, { MNT_NOATIME, ",noatime" },
		{ MNT_NODIRATIME, ",nodiratime" }, { MNT_RELATIME, ",relatime" },
		{ MNT_NOSYMFOLLOW, ",nosymfollow" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(mnt_opts); i++)
		if (m->mnt.mnt_flags & mnt_opts[i].flag)
			seq_printf(sf, "%s", mnt_opts[i].str);
}

/* Linux: show_sb_opts() */
static void show_sb_opts(struct seq_file *sf, struct super_block *sb)
{
	static const struct {
		unsigned long flag;
		const char *str;
	} fs_opts[] = {
		{ SB_SYNCHRONOUS, ",sync" }, { SB_DIRSYNC, ",dirsync" },
		{ SB_MANDLOCK, ",mand" }, { SB_LAZYTIME, ",lazytime" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(fs_opts); i++)
		if (sb->s_flags & fs_opts[i].flag)
			seq_printf(sf, "%s", fs_opts[i].str);
}

/* The source: "none" if mount(2) had none.  Linux: mangle(m, devname) */
static void show_devname(struct seq_file *sf, struct mount *m)
{
	mangle(sf, m->mnt_devname ? m->mnt_devname : "none");
}

static void show_options(struct seq_file *sf, struct super_block *sb)
{
	if (sb->s_type->show_options)
		sb->s_type->show_options(sf, sb);
}

/* "tmpfs /tmp tmpfs rw,relatime 0 0".  Linux: show_vfsmnt() */
int show_vfsmnt(struct seq_file *sf, void *v)
{
	struct mount *m;
	bool ro;

	(void)v;
	namespace_lock();
	list_for_each_entry(m, &init_mnt_ns.list, mnt_list) {
		ro = (m->mnt.mnt_flags & MNT_READONLY) ||
		     (m->sb.s_flags & SB_RDONLY);
		show_devname(sf, m);
		seq_printf(sf, " ");
		show_mountpoint(sf, m);
		seq_printf(sf, " %s %s", m->sb.s_type->name, ro ? "ro" : "rw");
		show_sb_opts(sf, &m->sb);
		show_mnt_opts(sf, m);
		show_options(sf, &m->sb);
		seq_printf(sf, " 0 0\n");
	}
	namespace_unlock();
	return 0;
}

/* "ID PARENT 0:DEV / MOUNTPOINT rw,relatime - TYPE SOURCE rw,OPTIONS":
 * no optional fields, as no mount is shared.  Linux: show_mountinfo() */
int show_mountinfo(struct seq_file *sf, void *v)
{
	struct mount *m;

	(void)v;
	namespace_lock();
	list_for_each_entry(m, &init_mnt_ns.list, mnt_list) {
		seq_printf(sf, "%d %d 0:%u / ", m->mnt_id, m->mnt_parent->mnt_id,
			   m->sb.s_dev);
		show_mountpoint(sf, m);
		seq_printf(sf, " %s", m->mnt.mnt_flags & MNT_READONLY ? "ro" : "rw");
		show_mnt_opts(sf, m);
		seq_printf(sf, " - %s ", m->sb.s_type->name);
		show_devname(sf, m);
		seq_printf(sf, " %s", m->sb.s_flags & SB_RDONLY ? "ro" : "rw");
		show_sb_opts(sf, &m->sb);
		show_options(sf, &m->sb);
		seq_printf(sf, "\n");
	}
	namespace_unlock();
	return 0;
}
