/* panic(): print, backtrace, stop the other CPUs and print where each
 * was, and stop (or leave QEMU with a failure status in test mode, so
 * the harness sees it at once).  Linux: kernel/panic.c */
#include <pollux/kernel.h>
#include <pollux/arch/arch.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>
#include <pollux/spinlock.h>
#include <pollux/arch/apic.h>

bool kernel_test_mode;
static int panic_cpu = -1;	/* the CPU whose report this is */

/* A second CPU panicking at the same time waits for the first one's
 * stop instead of printing over its report.  Linux: panic_cpu */
void panic_halt(void)
{
	int self = smp_processor_id(), none = -1;

	if (__atomic_compare_exchange_n(&panic_cpu, &none, self, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		printk("CPU: %d\n", self);
		smp_send_stop();
		smp_dump_other_cpus();
	} else if (none != self) {	/* else: a panic within the report */
		for (;;)
			__asm__ volatile("sti; hlt");
	}
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
	oops_in_progress = 1;	/* Linux: bust_spinlocks(1) */
	printk("\nKERNEL PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_backtrace((u64)__builtin_frame_address(0), (u64)panic);
	panic_halt();
}
