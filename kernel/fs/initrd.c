/*
 * Unpacks the initrd, a cpio archive in the "newc" format, into ramfs.
 * Each member: a 110-byte ASCII header ("070701", then 13 eight-digit hex
 * fields), the name, padding to 4, the data, padding to 4; the member
 * named "TRAILER!!!" ends it.  Linux: init/initramfs.c.
 */
#include <pollux/fs.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

static u32 hex_field(const char *p)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];

		v = v * 16 + (c >= 'a' ? c - 'a' + 10 :
			      c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return v;
}

#define NEWC_HDR 110
#define FIELD(hdr, n) hex_field((hdr) + 6 + 8 * (n))

/* A file with several names (nlink > 1, as busybox's applets): the
 * first member seen with its inode number, and the inode it made.
 * Linux: init/initramfs.c struct hash */
struct link_seen {
	u32 ino;
	struct inode *inode;
	struct link_seen *next;
};
static struct link_seen *links_seen;

/* path names another member already unpacked: link it there (cpio
 * writes a hard-linked file's data with its last name only).
 * Linux: init/initramfs.c maybe_link() */
static struct dentry *maybe_link(const char *path, u32 ino, u32 nlink)
{
	struct link_seen *l;
	struct dentry *dir;
	char parent[256];
	const char *slash = strrchr(path, '/');
	int err;

	if (nlink < 2)
		return NULL;
	for (l = links_seen; l && l->ino != ino; l = l->next)
		;
	if (!l)
		return NULL;
	strlcpy(parent, path, MIN(sizeof(parent), (size_t)(slash - path) + 1));
	dir = *parent ? path_lookup(parent, &err) : root_dentry;
	return dir ? ramfs_link(dir, slash + 1, l->inode) : NULL;
}

/* Remembers the first name of a hard-linked file.
 * Linux: init/initramfs.c find_link()'s insertion */
static void remember_link(struct inode *inode, u32 ino, u32 nlink)
{
	struct link_seen *l;

	if (nlink < 2 || !(l = kmalloc(sizeof(*l))))
		return;
	l->ino = ino;
	l->inode = inode;
	l->next = links_seen;
	links_seen = l;
}

/* Linux: init/initramfs.c free_hash() */
static void forget_links(void)
{
	while (links_seen) {
		struct link_seen *l = links_seen;

		links_seen = l->next;
		kfree(l);
	}
}

/* Linux: init/initramfs.c do_name() + do_copy() */
static void unpack_member(const char *name, u32 mode, u32 ino, u32 nlink,
			  const char *data, u32 size)
{
	char path[256] = "/";
	int err = -ENOMEM;
	struct dentry *d;

	strlcpy(path + 1, name, sizeof(path) - 1);
	d = path_lookup(path, &err);
	if (!d && S_ISREG(mode))
		d = maybe_link(path, ino, nlink);
	if (!d && (d = path_create(path, mode, &err)) && S_ISREG(mode))
		remember_link(d->d_inode, ino, nlink);
	if (!d) {
		printk("initrd: cannot create %s (%d)\n", path, err);
		return;
	}
	if (S_ISREG(mode) && size)
		ramfs_write_data(d->d_inode, data, size, 0);
}

/* Linux: init/initramfs.c unpack_to_rootfs() — newc only, no compression */
void initrd_unpack(const void *cpio, size_t size)
{
	const char *p = cpio, *end = p + size;
	int files = 0;

	while (p + NEWC_HDR <= end && !memcmp(p, "070701", 6)) {
		u32 ino = FIELD(p, 0), mode = FIELD(p, 1), nlink = FIELD(p, 4);
		u32 filesize = FIELD(p, 6);
		u32 namesize = FIELD(p, 11);
		const char *name = p + NEWC_HDR;
		const char *data = p + ALIGN_UP(NEWC_HDR + namesize, 4);

		if (!strcmp(name, "TRAILER!!!"))
			break;
		if (strcmp(name, "."))
			unpack_member(name, mode, ino, nlink, data, filesize);
		files++;
		p = data + ALIGN_UP(filesize, 4);
	}
	forget_links();
	printk("initrd: %d entries unpacked\n", files);
}
