/* timerfd_create() and timerfd_settime() flags, and the ioctl
 * (Linux: include/uapi/linux/timerfd.h). */
#ifndef _UAPI_TIMERFD_H
#define _UAPI_TIMERFD_H

#include <uapi/fcntl.h>

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

/* _IOW('T', 0, __u64): sets the expiration count (for checkpoint/restore) */
#define TFD_IOC_SET_TICKS	0x40085400

#endif
