#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stdint.h>

/* printf length modifiers for the fixed-size types (int64_t is long on x86-64). */
#define PRId32 "d"
#define PRIu32 "u"
#define PRIx32 "x"
#define PRId64 "ld"
#define PRIu64 "lu"
#define PRIx64 "lx"

#endif
