#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Unbuffered by design: a FILE is only a descriptor, and every printf-family
 * call formats into a local buffer and hands it to exactly one write(), so
 * lines from different processes never interleave and nothing is lost at
 * exit or fork. (A call longer than the buffer is written in several parts.)
 */
typedef struct FILE {
	int fd;
	int eof;
	int error;
} FILE;

extern FILE *stdin, *stdout, *stderr;

#define EOF (-1)
#define BUFSIZ 4096

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vdprintf(int fd, const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
#define putc fputc
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
void perror(const char *s);

int fgetc(FILE *f);
#define getc fgetc
int getchar(void);
char *fgets(char *buf, int size, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
int fileno(FILE *f);
/* Nothing is ever buffered, so there is nothing to flush. */
static inline int fflush(FILE *f) { (void)f; return 0; }

/* RENAME_NOREPLACE... for renameat2: <fcntl.h> */
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd,
	     const char *newpath);
int renameat2(int olddirfd, const char *oldpath, int newdirfd,
	      const char *newpath, unsigned int flags);

#endif
