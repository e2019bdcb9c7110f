#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <uapi/utsname.h>

int uname(struct utsname *buf);

#endif
