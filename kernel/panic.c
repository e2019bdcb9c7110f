/* panic(): print, backtrace, and stop (or leave QEMU with a failure status
 * in test mode, so the harness sees it at once).  Linux: kernel/panic.c */
#include <pollux/kernel.h>
#include <pollux/arch/arch.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>
#include <pollux/spinlock.h>

bool kernel_test_mode;

void panic_halt(void)
{
	printk("---[ end Kernel panic ]---\n");
	if (kernel_test_mode)
		qemu_exit(QEMU_EXIT_FAILURE);
	local_irq_disable();
	for (;;)
		__asm__ volatile("hlt");
}

void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	printk("\nKERNEL PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_backtrace((u64)__builtin_frame_address(0), (u64)panic);
	panic_halt();
}
