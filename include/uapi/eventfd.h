/* eventfd2() flags (Linux: include/uapi/linux/eventfd.h). */
#ifndef _UAPI_EVENTFD_H
#define _UAPI_EVENTFD_H

#include <uapi/fcntl.h>

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC   O_CLOEXEC
#define EFD_NONBLOCK  O_NONBLOCK

#endif
