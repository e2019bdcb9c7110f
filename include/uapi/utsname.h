/* uname() result (Linux: struct new_utsname in include/uapi/linux/utsname.h). */
#ifndef _UAPI_UTSNAME_H
#define _UAPI_UTSNAME_H

#define __NEW_UTS_LEN 64

struct utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#endif
