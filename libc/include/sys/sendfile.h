#ifndef _SYS_SENDFILE_H
#define _SYS_SENDFILE_H

#include <sys/types.h>

/* count bytes from in_fd (at *offset, which moves, if not NULL) to
 * out_fd */
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);

#endif
