/* Kernel limits visible to user space (Linux: include/uapi/linux/limits.h). */
#ifndef _UAPI_LIMITS_H
#define _UAPI_LIMITS_H

#define NR_OPEN     1024
#define NGROUPS_MAX 65536
#define ARG_MAX     131072	/* bytes of args + environ for exec */
#define LINK_MAX    127
#define MAX_CANON   255
#define MAX_INPUT   255
#define NAME_MAX    255	/* bytes in a file name, without the NUL */
#define PATH_MAX    4096	/* bytes in a path name, with the NUL */
#define PIPE_BUF    4096	/* writes up to this size are atomic on a pipe */

#endif
