#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

/* Set by a failing wrapper; single-threaded, so a plain global. */
extern int errno;

#endif
