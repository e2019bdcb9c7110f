/* The host C library behind host.h (see there why it is renamed). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "host.h"

int host_snprintf(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void *host_memcpy(void *dst, const void *src, unsigned long n) { return memcpy(dst, src, n); }
void *host_memmove(void *dst, const void *src, unsigned long n) { return memmove(dst, src, n); }
void *host_memset(void *s, int c, unsigned long n) { return memset(s, c, n); }
int host_memcmp(const void *a, const void *b, unsigned long n) { return memcmp(a, b, n); }
unsigned long host_strlen(const char *s) { return strlen(s); }
unsigned long host_strnlen(const char *s, unsigned long max) { return strnlen(s, max); }
int host_strcmp(const char *a, const char *b) { return strcmp(a, b); }
int host_strncmp(const char *a, const char *b, unsigned long n) { return strncmp(a, b, n); }
char *host_strchr(const char *s, int c) { return strchr(s, c); }

long host_timegm(int year, int mon, int mday, int hour, int min, int sec)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = mon - 1,
			 .tm_mday = mday, .tm_hour = hour, .tm_min = min,
			 .tm_sec = sec };

	return (long)timegm(&tm);
}

int sign(int v)
{
	return (v > 0) - (v < 0);
}
