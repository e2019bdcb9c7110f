/*
 * seq_file: text made by a show() function into a buffer that grows until
 * the text fits, so a /proc file is never cut short.  Linux:
 * include/linux/seq_file.h — one record per file (single_open), no
 * start/next/stop iterators.
 */
#ifndef POLLUX_SEQ_FILE_H
#define POLLUX_SEQ_FILE_H

#include <pollux/types.h>

struct seq_file {
	char *buf;
	size_t size;	/* of buf */
	size_t count;	/* bytes used; == size once an output did not fit */
};

/* Appends to m->buf; on overflow marks m (count = size) so seq_read_all
 * retries with a buffer twice as big.  Linux: seq_printf() */
__attribute__((format(printf, 2, 3)))
void seq_printf(struct seq_file *m, const char *fmt, ...);

/* Linux: seq_has_overflowed() — a show() may stop early once true */
static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count == m->size;
}

/*
 * Runs show(m, v) into a page, and again into twice the space until the
 * text fits; m->buf (kmalloc'd, the caller kfrees it) then holds
 * m->count bytes.  Returns 0, show()'s error, or -ENOMEM.
 * Linux: fs/seq_file.c seq_read_iter(), the "m->size <<= 1" loop
 */
int seq_read_all(struct seq_file *m, int (*show)(struct seq_file *m, void *v),
		 void *v);

#endif
