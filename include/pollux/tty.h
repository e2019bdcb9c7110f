/* Serial terminals (kernel/fs/tty.c): /dev/ttyS0 (= /dev/console), /dev/ttyS1,
 * and the character device nodes (kernel/fs/devices.c). */
#ifndef POLLUX_TTY_H
#define POLLUX_TTY_H

#include <pollux/fs.h>

/* Device numbers as stat() shows them in st_rdev: Linux's
 * new_encode_dev(MKDEV(major, minor)), which is this for minor < 256. */
#define MKDEV(major, minor) (((major) << 8) | (minor))
#define MEM_MAJOR 1		/* /dev/null is 1:3 */
#define TTY_MAJOR 4		/* /dev/ttyS0 is 4:64, /dev/ttyS1 4:65 */
#define TTYAUX_MAJOR 5		/* /dev/console is 5:1 */
#define TTYS_MINOR_BASE 64
#define NR_TTYS 2

/* A byte arrived on serial port `port`; called from the RX interrupt. */
void tty_receive(int port, char c);

/* The UART sent some queued output: writers may continue. */
void tty_write_wakeup(int port);

/* Sets up both terminals, makes the /dev nodes (chr_dev_init) and turns
 * on the receive interrupts.  Needs /dev to exist. */
void tty_init(void);

/* The operations of /dev/console and /dev/ttyS*: ->open picks the
 * terminal by the node's i_rdev. */
extern const struct file_operations tty_fops;

/* devices.c: registers /dev/null, /dev/console, /dev/ttyS0, /dev/ttyS1. */
void chr_dev_init(void);

#endif
