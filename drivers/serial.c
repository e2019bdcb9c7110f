/*
 * 16550 UART driver for COM1 (the console) and COM2, 115200 8N1.
 * Both directions are interrupt driven for the ttys: received bytes go
 * from the RX interrupt to tty_receive(); bytes to send wait in a ring
 * that the "transmitter empty" (THRE) interrupt drains into the UART's
 * 16-byte FIFO, calling tty_write_wakeup() as room appears.  printk's
 * console output is polled instead (serial_putc): it must work with
 * interrupts off, in a panic.  Both take the port's lock.
 * Linux: drivers/tty/serial/8250/8250_port.c (a sliver of it).
 */
#include <pollux/drivers.h>
#include <pollux/arch/cpu.h>
#include <pollux/irq.h>
#include <pollux/printk.h>
#include <pollux/spinlock.h>
#include <pollux/tty.h>

static const u16 serial_base[] = { 0x3f8, 0x2f8 };
static const int serial_irq[] = { 4, 3 };

#define UART_RBR 0	/* receive buffer (read) / transmit (write) */
#define UART_IER 1	/* interrupt enable */
#define IER_RDI 0x01	/* ... on received data */
#define IER_THRI 0x02	/* ... on transmitter empty */
#define UART_IIR 2	/* interrupt identification (read) */
#define IIR_NO_INT 0x01
#define UART_FCR 2	/* FIFO control (write) */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control: OUT2 gates the IRQ line */
#define UART_LSR 5	/* line status */
#define LSR_DR 0x01	/* data ready */
#define LSR_THRE 0x20	/* transmit holding register empty */
#define UART_FIFO_SIZE 16

/* The transmit ring of one port: [tail, head) waits to be sent.  Writers
 * on any CPU fill it and the THRE interrupt (on CPU 0) drains it: each
 * under lock, with interrupts off.  printk's console output takes the
 * lock too: the UART is the lock's, not only the ring.
 * Linux: struct uart_port's lock */
struct uart_tx {
	spinlock_t lock;
	char buf[SERIAL_TX_SIZE];
	unsigned int head, tail;	/* free running */
};
static struct uart_tx tx[2] = {
	{ .lock = __SPIN_LOCK_UNLOCKED(uart_port_lock_com1) },
	{ .lock = __SPIN_LOCK_UNLOCKED(uart_port_lock_com2) },
};
static u8 ier[2];

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

/*
 * printk's sink, polled, under the port's lock: without it a CPU's kernel
 * line and the ring's bytes, which the THRE interrupt moves into the FIFO
 * on CPU 0, mix byte by byte.  The UART's interrupts are off meanwhile
 * (their handler would only spin on the lock) and back on after, which
 * raises a THRE interrupt if the ring still holds bytes.  In a panic or
 * an oops the lock is only tried: its holder may be a CPU stopped for
 * good, and the report must come out anyway.
 * Linux: 8250_port.c serial8250_console_write()
 */
void serial_console_write(const char *s, size_t n)
{
	struct uart_tx *t = &tx[0];
	unsigned long flags = local_irq_save();
	bool locked = true;

	if (oops_in_progress)
		locked = spin_trylock(&t->lock);
	else
		spin_lock(&t->lock);
	outb(serial_base[0] + UART_IER, 0);
	serial_write(0, s, n);
	outb(serial_base[0] + UART_IER, ier[0]);
	if (locked)
		spin_unlock_irqrestore(&t->lock, flags);
	else
		local_irq_restore(flags);
}

/* Linux: &uart_port->lock */
spinlock_t *serial_port_lock(int port)
{
	return &tx[port].lock;
}

static void set_ier(int port, u8 value)
{
	ier[port] = value;
	outb(serial_base[port] + UART_IER, value);
}

/* Moves up to a FIFO's worth from the ring into the UART; the ring's lock
 * held.  Returns how many bytes it moved.
 * Linux: 8250_port.c serial8250_tx_chars() */
static int serial_tx_chars(int port)
{
	struct uart_tx *t = &tx[port];
	int i = 0;

	if (!(inb(serial_base[port] + UART_LSR) & LSR_THRE))
		return 0;	/* still sending: the THRE interrupt will call again */
	for (; i < UART_FIFO_SIZE && t->tail != t->head; i++)
		outb(serial_base[port] + UART_RBR, t->buf[t->tail++ % SERIAL_TX_SIZE]);
	if (t->tail == t->head)
		set_ier(port, ier[port] & ~IER_THRI);
	else if (!(ier[port] & IER_THRI))
		set_ier(port, ier[port] | IER_THRI);
	return i;
}

unsigned int serial_tx_pending(int port)
{
	return tx[port].head - tx[port].tail;
}

/* Queues s whole if it fits (a "\r\n" is never split) and starts
 * sending; returns whether it did.  Linux: serial_core.c uart_write()
 * (under the port's lock) + __uart_start() */
bool serial_tx_queue(int port, const char *s, size_t n)
{
	struct uart_tx *t = &tx[port];
	unsigned long flags;
	bool fits;

	spin_lock_irqsave(&t->lock, flags);
	fits = t->head - t->tail + n <= SERIAL_TX_SIZE;
	for (size_t i = 0; fits && i < n; i++)
		t->buf[t->head++ % SERIAL_TX_SIZE] = s[i];
	serial_tx_chars(port);
	spin_unlock_irqrestore(&t->lock, flags);
	return fits;
}

/*
 * Sends everything queued, polling: before QEMU exits or the CPU halts.
 * A writer on another CPU holding a ring's lock is waited for; a CPU
 * stopped by a panic may hold it for ever: after a while the ring is
 * sent without it, as Linux's 8250 console only tries the port's lock
 * under oops_in_progress.
 */
void serial_flush(void)
{
	unsigned long flags = local_irq_save();

	for (int port = 0; port < 2; port++) {
		struct uart_tx *t = &tx[port];
		bool locked = false;

		for (int i = 0; i < 1000000 && !(locked = spin_trylock(&t->lock)); i++)
			cpu_relax();
		while (t->tail != t->head)
			serial_putc(port, t->buf[t->tail++ % SERIAL_TX_SIZE]);
		if (locked)
			spin_unlock(&t->lock);
	}
	local_irq_restore(flags);
}

/*
 * IRQ 4 / IRQ 3: received bytes to the tty layer; room in the FIFO for
 * more of the transmit ring.  Writers are woken only when this interrupt
 * sent something: an interrupt for received bytes alone makes no room,
 * and waking write_wait for it would hand an EPOLLET watcher of EPOLLOUT
 * an edge that means nothing.  Linux: serial8250_handle_irq(), whose
 * serial8250_tx_chars() calls uart_write_wakeup() after sending.
 */
static void serial_interrupt(int irq)
{
	int port = irq == serial_irq[0] ? 0 : 1;
	u16 base = serial_base[port];
	int sent = 0;

	while (!(inb(base + UART_IIR) & IIR_NO_INT)) {
		while (inb(base + UART_LSR) & LSR_DR)
			tty_receive(port, inb(base + UART_RBR));
		spin_lock(&tx[port].lock);	/* not across tty_receive: its echo queues */
		sent += serial_tx_chars(port);
		spin_unlock(&tx[port].lock);
	}
	if (sent)
		tty_write_wakeup(port);
}

void serial_enable_rx_irq(int port)
{
	request_irq(serial_irq[port], serial_interrupt);
	set_ier(port, ier[port] | IER_RDI);
}
