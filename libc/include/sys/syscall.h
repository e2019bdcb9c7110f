/* Numbers for syscall(): SYS_read is __NR_read, for every Linux x86-64
 * system call, implemented by Pollux or not.  <bits/syscall.h> is made by
 * the build from <uapi/unistd.h> (libc/Makefile.inc), as glibc's is from
 * Linux's headers. */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <uapi/unistd.h>
#include <bits/syscall.h>

#endif
