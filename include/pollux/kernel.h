/* Kernel-wide odds and ends: memory split, test mode, panic. */
#ifndef POLLUX_KERNEL_H
#define POLLUX_KERNEL_H

#include <pollux/types.h>

#define KERNEL_SPACE_START 0xffff800000000000UL

/* Set by the "test" command-line flag: panic and init's exit leave QEMU
 * through isa-debug-exit instead of halting. */
extern bool kernel_test_mode;

__noreturn void panic(const char *fmt, ...) __printf(1, 2);
__noreturn void panic_halt(void);

#define BUG_ON(cond) \
	do { if (cond) panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); } while (0)

#endif
