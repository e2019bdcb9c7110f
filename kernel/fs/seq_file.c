/* Text for /proc files of any length.  Linux: fs/seq_file.c */
#include <pollux/seq_file.h>
#include <pollux/mm.h>
#include <pollux/printk.h>
#include <uapi/errno.h>

/* Linux: fs/seq_file.c seq_printf() + seq_vprintf() */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	int len;

	if (m->count < m->size) {
		va_start(args, fmt);
		len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
		va_end(args);
		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	m->count = m->size;	/* Linux: seq_set_overflow() */
}

/* Linux: fs/seq_file.c seq_read_iter(): on overflow the buffer is freed
 * and show() runs again from the start into one twice as big. */
int seq_read_all(struct seq_file *m, int (*show)(struct seq_file *m, void *v),
		 void *v)
{
	size_t size = PAGE_SIZE;
	int err;

	for (;;) {
		m->buf = kmalloc(size);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		err = show(m, v);
		if (!err && !seq_has_overflowed(m))
			return 0;
		kfree(m->buf);
		m->buf = NULL;
		if (err)
			return err;
		size <<= 1;
	}
}
