/* The small interfaces between drivers/ and the kernel. */
#ifndef POLLUX_DRIVERS_H
#define POLLUX_DRIVERS_H

#include <pollux/types.h>

/* drivers/serial.c: 16550 UARTs.  Port 0 is COM1 (console), 1 is COM2. */
void serial_init(void);
void serial_putc(int port, char c);
void serial_write(int port, const char *s, size_t n);
void serial_console_write(const char *s, size_t n);	/* printk sink */
struct spinlock;
struct spinlock *serial_port_lock(int port);	/* Linux: &uart_port->lock */
void serial_enable_rx_irq(int port);
/* The interrupt-driven transmit ring the ttys write through. */
#define SERIAL_TX_SIZE 2048
bool serial_tx_queue(int port, const char *s, size_t n);
unsigned int serial_tx_pending(int port);
void serial_flush(void);	/* send all queued bytes now, polling */

/* drivers/debugcon.c: QEMU's debug console port 0xe9 (kernel log in tests). */
void debugcon_write(const char *s, size_t n);

/* drivers/pic.c: the two 8259s, remapped to vectors 32..47 and masked:
 * the I/O APIC delivers the IRQs (kernel/arch/io_apic.c). */
#define IRQ_BASE 32
void pic_init(void);

/* drivers/pit.c: the 8254 timer, the reference for calibrations. */
u64 pit_calibrate_tsc(void);	/* TSC cycles per ms */
/* How far read() counts in PIT_CAL_LATCH PIT cycles (10 ms). */
#define PIT_CAL_LATCH	(PIT_TICK_RATE / 100)
u64 pit_measure(u64 (*read)(void));

/* drivers/rtc.c: the CMOS clock's date, in seconds since 1970 (UTC);
 * century_reg is the CMOS register FADT names for the century, or 0. */
s64 rtc_read_time(u8 century_reg);
struct rtc_regs {	/* as read: BCD or binary, 12- or 24-hour */
	u8 sec, min, hour, mday, mon, year, century, ctrl;	/* ctrl: reg. B */
};
s64 rtc_regs_to_time(const struct rtc_regs *regs);

/* drivers/hpet.c: the HPET at physical address base sends an NMI in
 * first_ns (the profiler's clock); 0, or -ENODEV if it cannot.  Each
 * NMI asks for the next one, ns after it. */
int hpet_start_nmi(u64 base, u64 first_ns);
void hpet_nmi_rearm(u64 ns);

/* drivers/net/virtio_net.c: eth0, if QEMU has a (legacy) virtio-net
 * card; docs/net.md section 8. */
void virtnet_probe(void);

/* drivers/qemu_exit.c: isa-debug-exit; QEMU exits with (code << 1) | 1. */
#define QEMU_EXIT_SUCCESS 0x10	/* QEMU status 33 */
#define QEMU_EXIT_FAILURE 0x11	/* QEMU status 35 */
__noreturn void qemu_exit(u32 code);

#endif
