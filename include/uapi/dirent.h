/* getdents64() record (Linux: struct linux_dirent64 in include/linux/dirent.h). */
#ifndef _UAPI_DIRENT_H
#define _UAPI_DIRENT_H

#include <uapi/types.h>

/* Records are variable-length: d_reclen bytes each, 8-byte aligned, name NUL-terminated. */
struct linux_dirent64 {
	__u64 d_ino;
	__s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
#define DT_WHT     14

#endif
