/*
 * kmain: where the boot code (boot/boot.asm) hands over, in 64-bit mode
 * on the higher-half boot stack.  The init order, top to bottom: the
 * per-CPU area (current), the console (so everything after can print),
 * then CPU tables, memory, interrupt controllers and time, the other
 * CPUs, files, and finally the first user process.
 * Linux: init/main.c start_kernel().
 */
#include <pollux/kernel.h>
#include <pollux/printk.h>
#include <pollux/drivers.h>
#include <pollux/multiboot2.h>
#include <pollux/cmdline.h>
#include <pollux/trace.h>
#include <pollux/arch/arch.h>
#include <pollux/sched.h>
#include <pollux/timer.h>
#include <pollux/time.h>
#include <pollux/acpi.h>
#include <pollux/fs.h>
#include <pollux/tty.h>
#include <pollux/af_unix.h>
#include <pollux/inet.h>
#include <pollux/eventpoll.h>
#include <pollux/string.h>
#include <pollux/mm.h>
#include <pollux/lockdep.h>
#include <pollux/profile.h>
#include <pollux/futex.h>
#include <pollux/arch/apic.h>

extern char _kernel_start[], _kernel_end[];
void selftest_run(const char *which);

static struct boot_info boot_info;

static void console_init(void)
{
	serial_init();
	printk_set_sink(serial_console_write);
}

static void memory_init(const struct boot_info *bi)
{
	struct mem_region reserved[3 + MB2_MAX_MODULES] = {
		{ 0, 0x100000 },	/* real-mode area, BIOS, VGA */
		{ virt_to_phys(_kernel_start), virt_to_phys(_kernel_end) },
		/* the mbi: the parsed command line still points into it */
		{ bi->mbi_start, bi->mbi_end },
	};
	int n = 3;

	for (int i = 0; i < bi->nmodules; i++)
		reserved[n++] = bi->modules[i];
	pmm_init(bi->avail, bi->navail, reserved, n);
	vmm_init();
	kstack_init();
	printk("Memory: %lu KiB free of %lu KiB usable\n",
	       pmm_free_count() * 4, pmm_total_count() * 4);
}

/* The APICs replace the 8259s, which stay masked.  Linux:
 * arch/x86/kernel/apic/apic.c APIC_init_uniprocessor(), io_apic.c */
static void interrupt_controllers_init(const struct boot_info *bi)
{
	pic_init();
	if (!acpi_parse_madt(bi->acpi_rsdp))
		panic("no ACPI MADT with an I/O APIC: Pollux needs the APICs");
	lapic_init();
	io_apic_init();
}

static void filesystems_init(const struct boot_info *bi)
{
	files_init();
	vfs_init();
	tty_init();
	pipe_init();
	eventpoll_init();
	af_unix_init();
	inet_init();
	virtnet_probe();
	if (bi->nmodules)
		initrd_unpack(phys_to_virt(bi->modules[0].start),
			      bi->modules[0].end - bi->modules[0].start);
	else
		printk("no initrd module: / holds only /dev and /tmp\n");
}

void kmain(u32 magic, u64 mbi_pa)
{
	char *init_argv[CMDLINE_MAX_ARGS + 1];
	const char *klog;

	setup_percpu(0);
	console_init();
	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 loader (magic %x)", magic);
	multiboot2_parse(mbi_pa, &boot_info);
	cmdline_parse(boot_info.cmdline);
	kernel_test_mode = cmdline_has("test");
	klog = cmdline_get("klog");
	if (klog && !strcmp(klog, "debugcon"))
		printk_set_sink(debugcon_write);
	printk("Pollux 0.1 (x86-64): booting, command line \"%s\"\n",
	       boot_info.cmdline);
	slab_debug_setup(cmdline_get("slub_debug"));
	lockdep_setup(cmdline_get("lockdep.prove_locking"));

	gdt_init(0);
	idt_init();
	syscall_init();
	fpu_init();
	smep_smap_init();
	memory_init(&boot_info);
	interrupt_controllers_init(&boot_info);
	sched_init();
	futex_init();
	profile_init(cmdline_get("profile"), cmdline_get("profile_period"),
		     acpi_hpet_address(boot_info.acpi_rsdp));
	timer_init();
	timekeeping_init(acpi_fadt_century(boot_info.acpi_rsdp));
	trace_init(cmdline_get("trace"));	/* stamps need the clock */
	smp_boot_cpus();
	filesystems_init(&boot_info);
	early_boot_irqs_disabled = false;
	local_irq_enable();

	if (cmdline_has("selftest"))
		selftest_run(cmdline_get("selftest"));
	if (!cmdline_init_argv(init_argv, CMDLINE_MAX_ARGS + 1)) {
		init_argv[0] = "/bin/init";
		init_argv[1] = NULL;
	}
	start_init(init_argv);
	cpu_idle();
}
