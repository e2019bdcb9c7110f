/* mount(2)'s and umount2(2)'s flags.  Linux: include/uapi/linux/mount.h,
 * include/linux/fs.h (MNT_FORCE ...) */
#ifndef _UAPI_MOUNT_H
#define _UAPI_MOUNT_H

#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_MANDLOCK 64
#define MS_DIRSYNC 128
#define MS_NOSYMFOLLOW 256
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_SILENT 32768
#define MS_POSIXACL (1 << 16)
#define MS_UNBINDABLE (1 << 17)
#define MS_PRIVATE (1 << 18)
#define MS_SLAVE (1 << 19)
#define MS_SHARED (1 << 20)
#define MS_RELATIME (1 << 21)
#define MS_KERNMOUNT (1 << 22)
#define MS_I_VERSION (1 << 23)
#define MS_STRICTATIME (1 << 24)
#define MS_LAZYTIME (1 << 25)
#define MS_NOUSER (1UL << 31)
#define MS_MGC_VAL 0xC0ED0000UL	/* the old magic in the top 16 bits */
#define MS_MGC_MSK 0xffff0000UL

#define MNT_FORCE 0x00000001	/* umount2: even if busy (tmpfs: no) */
#define MNT_DETACH 0x00000002	/* lazy: take it out of the tree now */
#define MNT_EXPIRE 0x00000004	/* mark it; umount at the second call */
#define UMOUNT_NOFOLLOW 0x00000008	/* don't follow a last symlink */

#endif
