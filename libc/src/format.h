/* libc-internal: the one printf engine behind every printf-family function. */
#ifndef _LIBC_FORMAT_H
#define _LIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Where formatted text goes: into buf; when buf fills up and fd >= 0 it is
 * written out and reused, otherwise (snprintf) the rest is dropped. total
 * counts every character produced, which is what printf returns.
 */
struct out {
	char *buf;
	size_t size;
	size_t len;
	int fd;
	int error;
	size_t total;
};

void out_flush(struct out *o);
int __vformat(struct out *o, const char *fmt, va_list ap);

#endif
