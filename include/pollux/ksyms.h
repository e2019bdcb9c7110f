#ifndef POLLUX_KSYMS_H
#define POLLUX_KSYMS_H

#include <pollux/types.h>

/* The function containing addr and the offset into it, or NULL. */
const char *ksym_lookup(u64 addr, u64 *offset);

#endif
