/* statfs(2)'s record and the file-system magic numbers Pollux reports.
 * Linux: include/uapi/asm-generic/statfs.h, include/uapi/linux/magic.h */
#ifndef _UAPI_STATFS_H
#define _UAPI_STATFS_H

#include <uapi/types.h>

#define RAMFS_MAGIC 0x858458f6
#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define ANON_INODE_FS_MAGIC 0x09041934

#define ST_VALID 0x0020		/* f_flags is filled in */

typedef struct {
	int val[2];
} __kernel_fsid_t;

struct statfs {
	__kernel_long_t f_type;
	__kernel_long_t f_bsize;
	__kernel_long_t f_blocks;
	__kernel_long_t f_bfree;
	__kernel_long_t f_bavail;
	__kernel_long_t f_files;
	__kernel_long_t f_ffree;
	__kernel_fsid_t f_fsid;
	__kernel_long_t f_namelen;
	__kernel_long_t f_frsize;
	__kernel_long_t f_flags;
	__kernel_long_t f_spare[4];
};

#endif
