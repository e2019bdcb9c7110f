/*
 * Mounts: which file system instance is where in the tree.  One mount
 * namespace (no CLONE_NEWNS), no bind mounts: each mount has its own
 * super_block and its own root dentry, which takes the place of the
 * directory it is mounted on (see docs/vfs.md, "Mounts").
 * Linux: fs/mount.h, include/linux/mount.h, include/linux/fs.h.
 */
#ifndef POLLUX_MOUNT_H
#define POLLUX_MOUNT_H

#include <pollux/fs.h>
#include <pollux/list.h>
#include <pollux/wait.h>

struct seq_file;
struct super_block;

/* A kind of file system mount(2) can name.  Linux: struct
 * file_system_type + its fs_context_operations, cut down */
struct file_system_type {
	const char *name;		/* mount -t NAME */
	unsigned long magic;		/* statfs's f_type */
	umode_t root_mode;		/* the root directory's, by default */
	/* One option ("key" or "key=value", val NULL without '='):
	 * 0, or -EINVAL for one the file system does not take.
	 * Linux: ->parse_param() */
	int (*parse_param)(struct super_block *sb, const char *key,
			   const char *val);
	/* What /proc/mounts shows after "rw" (",size=1024k").
	 * Linux: super_operations ->show_options() */
	void (*show_options)(struct seq_file *m, struct super_block *sb);
};

#define SB_RDONLY 1		/* the MS_ values: Linux's SB_* */
#define SB_SYNCHRONOUS 16
#define SB_MANDLOCK 64
#define SB_DIRSYNC 128
#define SB_LAZYTIME (1 << 25)

/* One instance of a file system: one per mount here.  Linux: struct
 * super_block, plus tmpfs's options (struct shmem_sb_info) */
struct super_block {
	const struct file_system_type *s_type;
	unsigned long s_flags;		/* SB_RDONLY ... */
	unsigned int s_dev;		/* an anonymous device: 0:s_dev */
	umode_t s_mode;			/* the root's mode (mode=) */
	long s_max_blocks;		/* tmpfs's size= in pages; -1 unset */
	long s_max_inodes;		/* tmpfs's nr_inodes=; -1 unset */
};

/* Per-mount flags.  Linux: include/linux/mount.h MNT_* */
#define MNT_NOSUID 0x01
#define MNT_NODEV 0x02
#define MNT_NOEXEC 0x04
#define MNT_NOATIME 0x08
#define MNT_NODIRATIME 0x10
#define MNT_RELATIME 0x20
#define MNT_READONLY 0x40	/* "ro": changes are EROFS (mnt_want_write) */
#define MNT_NOSYMFOLLOW 0x80
#define MNT_LOCKED 0x800000	/* cannot be unmounted: /proc (EINVAL) */

/* Linux: include/linux/mount.h */
struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
};

/* Linux: fs/mount.h */
struct mount {
	struct mount *mnt_parent;	/* the root mount: itself */
	struct dentry *mnt_mountpoint;	/* covered by mnt.mnt_root */
	struct vfsmount mnt;
	struct list_head mnt_list;	/* in the namespace, mount order */
	int mnt_id;			/* /proc/PID/mountinfo's first field */
	char *mnt_devname;		/* the source, kmalloc'd; NULL: "none" */
	bool mnt_expiry_mark;		/* umount2(MNT_EXPIRE) once */
	struct super_block sb;		/* mnt.mnt_sb: no sharing */
};

static inline struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

/* Linux: fs/mount.h */
struct mnt_namespace {
	struct list_head list;		/* every mount, in mount order */
	struct mount *root;
	u64 event;			/* changes: mounts_poll compares */
	wait_queue_head_t poll;		/* /proc/PID/mounts' pollers */
};
extern struct mnt_namespace init_mnt_ns;

/* namespace.c */
/* The mounts at boot: rootfs on /, tmpfs on /dev, /tmp, /dev/shm,
 * proc on /proc.  Linux: init_mount_tree() + what init mounts */
void mnt_init(void);
/* What a lookup that reaches d sees: the root of what is mounted on
 * it (the topmost of a stack), else d.  Linux: fs/namei.c
 * follow_managed()/__follow_mount_rcu() */
struct dentry *follow_mount(struct dentry *d);
/* For /proc's readers: the namespace's list stays as it is meanwhile.
 * Linux: namespace_sem, down_read() in fs/namespace.c m_start() */
void namespace_lock(void);
void namespace_unlock(void);
/* -EROFS if inode is on a read-only mount (ro, MS_RDONLY), else 0.
 * Linux: fs/namespace.c mnt_want_write(), found by the inode's device
 * (one super block per mount) */
int mnt_want_write(struct inode *inode);
/* The mount whose root is root (a dentry with d_magic), or NULL; it
 * stays while namespace_sem is held */
struct mount *mount_of_root(struct dentry *root);

/* fs_context.c: data's options (changed in place) into sb; 0 or
 * -EINVAL.  Linux: generic_parse_monolithic() */
int parse_monolithic_mount_data(struct super_block *sb, char *data);

/* filesystems.c.  Linux: fs/filesystems.c get_fs_type() */
const struct file_system_type *get_fs_type(const char *name);
extern const struct file_system_type rootfs_fs_type, tmpfs_fs_type,
	proc_fs_type;

/* proc_namespace.c: /proc/PID/mounts and mountinfo's text */
int show_vfsmnt(struct seq_file *m, void *v);
int show_mountinfo(struct seq_file *m, void *v);

#endif
