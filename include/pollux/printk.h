/*
 * printk: the kernel log.  Every message goes into a ring buffer (read by
 * the gdb helper pollux-dmesg) and to the log sink: the serial console
 * in interactive boots, QEMU's debugcon port when the console belongs to
 * a test program (command line option "klog=debugcon").
 */
#ifndef POLLUX_PRINTK_H
#define POLLUX_PRINTK_H

#include <pollux/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/* Where printk output goes besides the ring buffer. */
void printk_set_sink(void (*write)(const char *s, size_t n));
/* Set by a panic or an oops: the console only tries its locks, whose
 * holder may never let go.  Linux: kernel/printk/printk.c */
extern int oops_in_progress;

#define LOG_BUF_LEN (64 * 1024)
extern char log_buf[LOG_BUF_LEN];
extern u64 log_next;	/* total bytes ever logged; log_buf is a ring */

#define pr_info(...) printk(__VA_ARGS__)

#endif
