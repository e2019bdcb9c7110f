#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <uapi/auxv.h>

/* The value the kernel put in the auxiliary vector for type, or 0. */
unsigned long getauxval(unsigned long type);

#endif
