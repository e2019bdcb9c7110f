/* futex(2)'s constants, as glibc's <linux/futex.h>; call it with
 * syscall(SYS_futex, ...): there is no C function (nor in glibc). */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <uapi/futex.h>

#endif
