/*
 * 16550 UART driver for COM1 (the console) and COM2, 115200 8N1.
 * Output is polled (wait for the transmit register to empty); input is
 * interrupt driven: the RX interrupt hands each byte to tty_receive().
 * Linux: drivers/tty/serial/8250/ (a sliver of it).
 */
#include <pollux/drivers.h>
#include <pollux/arch/cpu.h>
#include <pollux/irq.h>
#include <pollux/tty.h>

static const u16 serial_base[] = { 0x3f8, 0x2f8 };
static const int serial_irq[] = { 4, 3 };

#define UART_RBR 0	/* receive buffer (read) / transmit (write) */
#define UART_IER 1	/* interrupt enable */
#define UART_FCR 2	/* FIFO control */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control: OUT2 gates the IRQ line */
#define UART_LSR 5	/* line status */
#define LSR_DR 0x01	/* data ready */
#define LSR_THRE 0x20	/* transmit holding register empty */

static void serial_init_port(u16 base)
{
	outb(base + UART_IER, 0);
	outb(base + UART_LCR, 0x80);	/* DLAB: divisor follows */
	outb(base + 0, 1);		/* 115200 = 115200 / 1 */
	outb(base + 1, 0);
	outb(base + UART_LCR, 0x03);	/* 8N1 */
	outb(base + UART_FCR, 0x07);	/* FIFOs on and cleared */
	outb(base + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 */
}

void serial_init(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(serial_base); i++)
		serial_init_port(serial_base[i]);
}

void serial_putc(int port, char c)
{
	u16 base = serial_base[port];

	while (!(inb(base + UART_LSR) & LSR_THRE))
		;
	outb(base + UART_RBR, c);
}

/* Writes n bytes, turning "\n" into "\r\n" as a terminal expects. */
void serial_write(int port, const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			serial_putc(port, '\r');
		serial_putc(port, *s++);
	}
}

void serial_console_write(const char *s, size_t n)
{
	serial_write(0, s, n);
}

/* IRQ 4 / IRQ 3: drain the receive FIFO into the tty layer. */
static void serial_interrupt(int irq)
{
	int port = irq == serial_irq[0] ? 0 : 1;
	u16 base = serial_base[port];

	while (inb(base + UART_LSR) & LSR_DR)
		tty_receive(port, inb(base + UART_RBR));
}

void serial_enable_rx_irq(int port)
{
	request_irq(serial_irq[port], serial_interrupt);
	outb(serial_base[port] + UART_IER, 0x01);	/* RX data available */
}
