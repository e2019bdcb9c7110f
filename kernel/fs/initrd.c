/*
 * Unpacks the initrd, a cpio archive in the "newc" format, into ramfs.
 * Each member: a 110-byte ASCII header ("070701", then 13 eight-digit hex
 * fields), the name, padding to 4, the data, padding to 4; the member
 * named "TRAILER!!!" ends it.  Linux: init/initramfs.c.
 */
#include <pollux/fs.h>
#include <pollux/string.h>
#include <pollux/printk.h>

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

static void unpack_member(const char *name, u32 mode, const char *data,
			  u32 size)
{
	char path[256] = "/";
	int err;
	struct dentry *d;

	strlcpy(path + 1, name, sizeof(path) - 1);
	d = path_lookup(path, &err);
	if (!d)
		d = path_create(path, mode, &err);
	if (!d) {
		printk("initrd: cannot create %s (%d)\n", path, err);
		return;
	}
	if (S_ISREG(mode))
		ramfs_write_data(d->d_inode, data, size, 0);
}

/* Linux: init/initramfs.c unpack_to_rootfs() — newc only, no compression */
void initrd_unpack(const void *cpio, size_t size)
{
	const char *p = cpio, *end = p + size;
	int files = 0;

	while (p + NEWC_HDR <= end && !memcmp(p, "070701", 6)) {
		u32 mode = FIELD(p, 1), filesize = FIELD(p, 6);
		u32 namesize = FIELD(p, 11);
		const char *name = p + NEWC_HDR;
		const char *data = p + ALIGN_UP(NEWC_HDR + namesize, 4);

		if (!strcmp(name, "TRAILER!!!"))
			break;
		if (strcmp(name, "."))
			unpack_member(name, mode, data, filesize);
		files++;
		p = data + ALIGN_UP(filesize, 4);
	}
	printk("initrd: %d entries unpacked\n", files);
}
