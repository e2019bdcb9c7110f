/* The printf family and the small reading functions. Nothing is buffered
 * across calls (see <stdio.h>): each output call ends in write(). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format.h"

static FILE files[3] = { { .fd = 0 }, { .fd = 1 }, { .fd = 2 } };
FILE *stdin = &files[0];
FILE *stdout = &files[1];
FILE *stderr = &files[2];

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[PIPE_BUF];	/* a write this small is atomic on a pipe */
	struct out o = { .buf = buf, .size = sizeof(buf), .fd = fd };
	int n = __vformat(&o, fmt, ap);

	out_flush(&o);
	return o.error ? -1 : n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	int n = vdprintf(f->fd, fmt, ap);

	if (n < 0)
		f->error = 1;
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* Always NUL-terminates (when size > 0); returns the length it wanted. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size ? size - 1 : 0, .fd = -1 };
	int n = __vformat(&o, fmt, ap);

	if (size)
		buf[o.len] = '\0';
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int fputs(const char *s, FILE *f)
{
	return fprintf(f, "%s", s) < 0 ? EOF : 0;
}

/* puts adds the newline in the same write, so the line stays whole. */
int puts(const char *s)
{
	return printf("%s\n", s) < 0 ? EOF : 0;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	if (write(f->fd, &ch, 1) != 1) {
		f->error = 1;
		return EOF;
	}
	return ch;
}

int putchar(int c)
{
	return fputc(c, stdout);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	size_t want = size * n, done = 0;

	while (done < want) {
		ssize_t r = write(f->fd, (const char *)p + done, want - done);

		if (r <= 0) {
			f->error = 1;
			break;
		}
		done += r;
	}
	return size ? done / size : 0;
}

/* Take the message before any write can change errno. */
void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* One byte per read(): slow, but never reads past the line, so a child
 * started afterwards (e.g. by the shell) finds the rest of the input. */
int fgetc(FILE *f)
{
	unsigned char c;
	ssize_t n = read(f->fd, &c, 1);

	if (n == 1)
		return c;
	if (n == 0)
		f->eof = 1;
	else
		f->error = 1;
	return EOF;
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *buf, int size, FILE *f)
{
	int i = 0, c;

	while (i < size - 1 && (c = fgetc(f)) != EOF) {
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	buf[i] = '\0';
	return buf;
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
	size_t want = size * n, done = 0;

	while (done < want) {
		ssize_t r = read(f->fd, (char *)p + done, want - done);

		if (r <= 0) {
			if (r == 0)
				f->eof = 1;
			else
				f->error = 1;
			break;
		}
		done += r;
	}
	return size ? done / size : 0;
}

int feof(FILE *f)
{
	return f->eof;
}

int ferror(FILE *f)
{
	return f->error;
}

int fileno(FILE *f)
{
	return f->fd;
}
