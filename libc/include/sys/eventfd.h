#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <stdint.h>
#include <uapi/eventfd.h>

typedef uint64_t eventfd_t;

int eventfd(unsigned int initval, int flags);

#endif
