#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <stdint.h>
#include <uapi/eventfd.h>

typedef uint64_t eventfd_t;

int eventfd(unsigned int initval, int flags);
/* glibc's: one read or write of the 8-byte counter; 0, or -1 and errno */
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#endif
