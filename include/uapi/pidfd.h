/* pidfd_open() and pidfd_send_signal() flags (Linux: include/uapi/linux/pidfd.h). */
#ifndef _UAPI_PIDFD_H
#define _UAPI_PIDFD_H

#include <uapi/fcntl.h>

#define PIDFD_NONBLOCK O_NONBLOCK
#define PIDFD_THREAD   O_EXCL	/* a thread's pidfd (not built: no threads) */

#define PIDFD_SIGNAL_THREAD        (1UL << 0)
#define PIDFD_SIGNAL_THREAD_GROUP  (1UL << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP (1UL << 2)

#endif
