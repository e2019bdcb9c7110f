#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <uapi/mount.h>

int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data);
int umount2(const char *target, int flags);
int umount(const char *target);	/* umount2(target, 0) */

#endif
