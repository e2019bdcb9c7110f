#ifndef _SYS_SIGNALFD_H
#define _SYS_SIGNALFD_H

#include <signal.h>
#include <uapi/signalfd.h>

/* glibc's: signalfd4 with the kernel's sigset size */
int signalfd(int fd, const sigset_t *mask, int flags);

#endif
