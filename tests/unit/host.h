/*
 * The host C library under names no kernel file uses: the oracle that the
 * kernel's copies (renamed k_NAME by kernel_names.h) are held against.
 * host.c is compiled without kernel_names.h, so these reach glibc.
 */
#ifndef UNIT_HOST_H
#define UNIT_HOST_H

int host_snprintf(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *host_memcpy(void *dst, const void *src, unsigned long n);
void *host_memmove(void *dst, const void *src, unsigned long n);
void *host_memset(void *s, int c, unsigned long n);
int host_memcmp(const void *a, const void *b, unsigned long n);
unsigned long host_strlen(const char *s);
unsigned long host_strnlen(const char *s, unsigned long max);
int host_strcmp(const char *a, const char *b);
int host_strncmp(const char *a, const char *b, unsigned long n);
char *host_strchr(const char *s, int c);

/* Seconds since 1970 of a UTC date (mon 1..12): glibc's timegm. */
long host_timegm(int year, int mon, int mday, int hour, int min, int sec);

/* -1, 0 or 1: memcmp and strcmp only promise the sign. */
int sign(int v);

#endif
