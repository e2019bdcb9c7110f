/* prctl() options Pollux knows (Linux: include/uapi/linux/prctl.h). */
#ifndef _UAPI_PRCTL_H
#define _UAPI_PRCTL_H

#define PR_SET_NAME 15		/* arg2: the new comm, cut to 15 bytes */
#define PR_GET_NAME 16		/* arg2: 16 bytes, the comm and its NUL */

#endif
