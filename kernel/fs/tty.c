/*
 * Serial terminals: one tty per UART with a cut-down n_tty line
 * discipline.  Linux: drivers/tty/tty_io.c (open, write, ioctl),
 * drivers/tty/n_tty.c (the input ring, canonical editing, echo, poll),
 * drivers/tty/tty_ioctl.c (termios).
 *
 * Input comes from the RX interrupt (tty_receive, interrupts off) and
 * goes to readers in process context.  The interrupt only ever moves
 * read_head and canon_head forward (or back to canon_head when erasing),
 * the reader only read_tail; the reader looks at the ring with interrupts
 * off, so each side sees the other's indices whole.
 *
 * Output goes through the UART's transmit ring (drivers/serial.c): a
 * writer that finds it full sleeps on write_wait until the transmit
 * interrupt has made room.  One writer at a time (atomic_write_lock), so
 * a write is never cut by another's, as on Linux.  ^C, ^\ and ^Z signal the foreground process
 * group (tty->pgrp, set with TIOCSPGRP; see tty_isig).
 *
 * A terminal is the controlling terminal of at most one session
 * (tty->session): a session leader without one gets it by opening it
 * (without O_NOCTTY; never /dev/console) or with TIOCSCTTY, and
 * /dev/tty is it.  Only that session may read or set its foreground
 * group (TIOCGPGRP, TIOCSPGRP).
 *
 * A background group that reads it gets SIGTTIN (job_control).
 *
 * Not done: SIGTTOU (TOSTOP) for background writers, TIOCNOTTY, IXON flow
 * control, WERASE/LNEXT/REPRINT, VEOL/VEOL2, ISTRIP/IUCLC, tab-aware
 * erasing, hang-up.
 */
#include <pollux/drivers.h>
#include <pollux/mutex.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <pollux/timer.h>
#include <pollux/tty.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>
#include <uapi/termios.h>

#define N_TTY_BUF_SIZE 4096	/* a power of two: indices wrap by masking */
#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
/* Stored for the EOF character: a line end that read does not copy. */
#define __DISABLED_CHAR '\0'

/* Linux: include/linux/tty.h struct tty_struct + n_tty.c n_tty_data */
struct tty_struct {
	int port;			/* the UART: 0 = COM1, 1 = COM2 */
	struct termios termios;
	struct winsize winsize;		/* only stored: TIOCGWINSZ/TIOCSWINSZ */
	/*
	 * The input ring, with free-running indices:
	 *   [read_tail, canon_head)  input that read may take
	 *   [canon_head, read_head)  the line being edited (ICANON)
	 * Without ICANON every byte is committed at once (canon_head ==
	 * read_head).  read_flags marks the line ends ('\n', EOF).
	 */
	unsigned char read_buf[N_TTY_BUF_SIZE];
	u64 read_flags[N_TTY_BUF_SIZE / 64];
	size_t read_head, canon_head, read_tail;
	wait_queue_head_t read_wait;
	/* Writers sleep here while the transmit ring is full; the UART's
	 * transmit interrupt wakes them (tty_write_wakeup). */
	wait_queue_head_t write_wait;
	/* Held by a writer for its whole write, sleeps included, so two
	 * writers' bytes never mix (threads of one process print whole
	 * lines).  Linux: tty_struct's atomic_write_lock */
	struct mutex atomic_write_lock;
	/* The foreground process group, which ^C and ^\ signal; set by the
	 * shell with TIOCSPGRP (tcsetpgrp), 0 until then. */
	pid_t pgrp;
	/* The session whose controlling terminal this is, 0 for none */
	pid_t session;
};

static struct tty_struct ttys[NR_TTYS];

#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define CC(tty, v) ((tty)->termios.c_cc[v])

static bool is_cntrl(unsigned char c)
{
	return c < 32 || c == 127;
}

/* c is the special character c_cc[v]; a c_cc entry of 0 is disabled
 * (_POSIX_VDISABLE), as n_tty's char_map has it. */
static bool is_char(struct tty_struct *tty, unsigned char c, int v)
{
	return c == CC(tty, v) && c != __DISABLED_CHAR;
}

static bool test_line_end(struct tty_struct *tty, size_t i)
{
	return tty->read_flags[MASK(i) / 64] & (1UL << (MASK(i) % 64));
}

static void set_line_end(struct tty_struct *tty, size_t i)
{
	tty->read_flags[MASK(i) / 64] |= 1UL << (MASK(i) % 64);
}

static void clear_line_end(struct tty_struct *tty, size_t i)
{
	tty->read_flags[MASK(i) / 64] &= ~(1UL << (MASK(i) % 64));
}

/* ------------------------------------------------------------ output */

/* One byte to the UART, with OPOST|ONLCR's "\n" -> "\r\n".
 * Linux: n_tty.c do_output_char(), the ONLCR case. */
static size_t tty_put_char(struct tty_struct *tty, unsigned char c)
{
	char crlf[2] = { '\r', '\n' };

	/* ONLCR's "\r\n" goes in whole or not at all */
	if (c == '\n' && O_FLAG(tty, OPOST) && O_FLAG(tty, ONLCR))
		return serial_tx_pending(tty->port) + 2 <= SERIAL_TX_SIZE ?
			serial_tx_queue(tty->port, crlf, 2) / 2 : 0;
	return serial_tx_queue(tty->port, (const char *)&c, 1);
}

/* Linux: n_tty.c echo_char() — with ECHOCTL a control character shows
 * as ^X (DEL as ^?) */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		tty_put_char(tty, '^');
		tty_put_char(tty, c ^ 0100);
	} else {
		tty_put_char(tty, c);
	}
}

/* --------------------------------------------- input (interrupt side) */

/* Linux: n_tty.c reset_buffer_flags() — drops all pending input */
static void tty_flush_input(struct tty_struct *tty)
{
	tty->read_head = tty->canon_head = tty->read_tail;
	memset(tty->read_flags, 0, sizeof(tty->read_flags));
}

static size_t read_cnt(struct tty_struct *tty)
{
	return tty->read_head - tty->read_tail;
}

/* Linux: n_tty.c put_tty_queue() */
static void put_tty_queue(struct tty_struct *tty, unsigned char c)
{
	tty->read_buf[MASK(tty->read_head)] = c;
	tty->read_head++;
}

/* Makes [read_tail, read_head) readable and wakes readers and pollers.
 * Linux: the end of n_tty_receive_handle_newline() / __receive_buf() */
static void tty_commit(struct tty_struct *tty)
{
	tty->canon_head = tty->read_head;
	wake_up_poll(&tty->read_wait, EPOLLIN | EPOLLRDNORM);
}

/* Linux: n_tty.c eraser() for ERASE and KILL, with ECHOE's "\b \b" */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	bool kill_line = is_char(tty, c, VKILL);

	if (L_FLAG(tty, ECHO) && !L_FLAG(tty, ECHOE)) {
		echo_char(tty, c);	/* the erase char itself, as ECHO shows */
		if (kill_line && L_FLAG(tty, ECHOK))
			tty_put_char(tty, '\n');
	}
	while (tty->read_head != tty->canon_head) {
		unsigned char prev = tty->read_buf[MASK(tty->read_head - 1)];
		/* what echo_char drew took 2 columns for ^X */
		int cols = L_FLAG(tty, ECHOCTL) && is_cntrl(prev) &&
			   prev != '\t' ? 2 : 1;

		tty->read_head--;
		while (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOE) && cols--) {
			tty_put_char(tty, '\b');
			tty_put_char(tty, ' ');
			tty_put_char(tty, '\b');
		}
		if (!kill_line)
			break;
	}
}

/*
 * INTR, QUIT, SUSP under ISIG.  Linux: n_tty.c n_tty_receive_signal_char()
 * + isig(): send SIGINT/SIGQUIT/SIGTSTP to the terminal's foreground
 * process group, flush pending input (unless NOFLSH), echo the character.
 * Runs in interrupt context: kill_pgrp() only marks signals pending and
 * wakes the sleepers.
 */
static void tty_isig(struct tty_struct *tty, unsigned char c)
{
	int sig = is_char(tty, c, VINTR) ? SIGINT :
		  is_char(tty, c, VQUIT) ? SIGQUIT : SIGTSTP;

	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig);
	if (!L_FLAG(tty, NOFLSH))
		tty_flush_input(tty);
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
}

/* ICANON's special characters; false if c is an ordinary one.
 * Linux: n_tty.c n_tty_receive_char_canon() */
static bool receive_char_canon(struct tty_struct *tty, unsigned char c)
{
	/* Only VERASE (DEL, what a Backspace key sends) erases; ^H is data,
	 * as on Linux. */
	if (is_char(tty, c, VERASE) || is_char(tty, c, VKILL)) {
		eraser(tty, c);
		return true;
	}
	if (c == '\n') {
		if (L_FLAG(tty, ECHO) || L_FLAG(tty, ECHONL))
			tty_put_char(tty, '\n');
	} else if (is_char(tty, c, VEOF)) {
		/* ^D ends the line without a newline; at the start of a line
		 * the read that takes it returns 0, which is EOF. */
		c = __DISABLED_CHAR;
	} else {
		return false;
	}
	if (read_cnt(tty) >= N_TTY_BUF_SIZE)
		return true;
	set_line_end(tty, tty->read_head);
	put_tty_queue(tty, c);
	tty_commit(tty);
	return true;
}

/* Linux: n_tty.c n_tty_receive_char_special() and n_tty_receive_char() */
void tty_receive(int port, char ch)
{
	struct tty_struct *tty = &ttys[port];
	unsigned char c = ch;

	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}

	if (L_FLAG(tty, ISIG) && (is_char(tty, c, VINTR) ||
				  is_char(tty, c, VQUIT) ||
				  is_char(tty, c, VSUSP))) {
		tty_isig(tty, c);
		return;
	}
	if (L_FLAG(tty, ICANON) && receive_char_canon(tty, c))
		return;

	/* An ordinary byte.  While editing, keep one slot for the line's
	 * end so a full ring can still be finished with Enter. */
	if (read_cnt(tty) + (L_FLAG(tty, ICANON) ? 1 : 0) >= N_TTY_BUF_SIZE)
		return;
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
	put_tty_queue(tty, c);
	if (!L_FLAG(tty, ICANON))
		tty_commit(tty);
}

/* ------------------------------------------------ reading (task side) */

/* Linux: n_tty.c input_available_p() — poll honours VMIN in raw mode */
static bool input_available(struct tty_struct *tty, bool poll)
{
	size_t amt = 1;

	if (!L_FLAG(tty, ICANON) && poll && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	return READ_ONCE(tty->canon_head) - READ_ONCE(tty->read_tail) >= amt;
}

/*
 * Takes up to n bytes of committed input into kbuf and returns how many
 * it copied; *eol tells whether it took a line end.  The EOF mark ends
 * a line but is not copied.  Interrupts are off, so the RX handler does
 * not move the indices meanwhile.
 * Linux: n_tty.c canon_copy_from_read_buf() and copy_from_read_buf()
 */
static size_t tty_take(struct tty_struct *tty, char *kbuf, size_t n, bool *eol)
{
	unsigned long flags = local_irq_save();
	size_t avail = tty->canon_head - tty->read_tail, copied = 0, i;

	*eol = false;
	for (i = 0; i < avail && copied < n; i++) {
		size_t pos = tty->read_tail + i;
		unsigned char c = tty->read_buf[MASK(pos)];

		if (test_line_end(tty, pos)) {
			clear_line_end(tty, pos);
			if (c != __DISABLED_CHAR)
				kbuf[copied++] = c;
			*eol = true;
			i++;
			break;
		}
		kbuf[copied++] = c;
	}
	tty->read_tail += i;
	local_irq_restore(flags);
	return copied;
}

/* A read that filled the caller's buffer right before an EOF mark eats
 * the mark, so the next read does not see a false EOF.
 * Linux: n_tty.c canon_skip_eof() */
static void canon_skip_eof(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();
	size_t tail = tty->read_tail;

	if (tail != tty->canon_head && test_line_end(tty, tail) &&
	    tty->read_buf[MASK(tail)] == __DISABLED_CHAR) {
		clear_line_end(tty, tail);
		tty->read_tail++;
	}
	local_irq_restore(flags);
}

/* Sleeps on read_wait until input arrives, a signal, or timeout ticks;
 * returns the ticks left.  Queued before the re-check, so input that
 * arrives in between still wakes us. */
static long tty_sleep(struct tty_struct *tty, long timeout)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
	if (!input_available(tty, false) && !signal_pending(current))
		timeout = schedule_timeout(timeout);
	finish_wait(&tty->read_wait, &wait);
	return timeout;
}

/*
 * Linux: n_tty.c n_tty_read().  ICANON: one line, or as much of it as
 * fits.  Raw: at least VMIN bytes; VTIME (tenths of a second) is the
 * whole wait when VMIN is 0, else the gap allowed between bytes.  As in
 * Linux, VTIME counts jiffies through schedule_timeout, not a deadline
 * (docs/time.md).
 */
static int job_control(struct tty_struct *tty);

static ssize_t tty_read(struct file *f, char __user *buf, size_t nr,
			loff_t *ppos)
{
	struct tty_struct *tty = f->private_data;
	long timeout = MAX_SCHEDULE_TIMEOUT, time = 0;
	size_t minimum = 0, copied = 0;
	ssize_t ret = job_control(tty);

	if (ret)
		return ret;

	if (!L_FLAG(tty, ICANON)) {
		minimum = CC(tty, VMIN);
		if (minimum) {
			time = (HZ / 10) * CC(tty, VTIME);
		} else {
			timeout = (HZ / 10) * CC(tty, VTIME);
			minimum = 1;
		}
	}

	while (nr) {
		char kbuf[128];
		size_t n;
		bool eol;

		if (!input_available(tty, false)) {
			if (!timeout)
				break;
			if (f->f_flags & O_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				ret = -ERESTARTSYS;
				break;
			}
			timeout = tty_sleep(tty, timeout);
			continue;
		}
		n = tty_take(tty, kbuf, MIN(nr, sizeof(kbuf)), &eol);
		if (copy_to_user(buf + copied, kbuf, n)) {
			ret = -EFAULT;
			break;
		}
		copied += n;
		nr -= n;
		if (L_FLAG(tty, ICANON)) {
			if (eol)
				break;
			if (!nr)
				canon_skip_eof(tty);
			continue;
		}
		/* like n_tty, take all there is once VMIN is reached */
		if (copied >= minimum && !input_available(tty, false))
			break;
		if (time)
			timeout = time;
	}
	return copied ? (ssize_t)copied : ret;
}

/* ----------------------------------------------------- file operations */

/* Linux: tty_io.c file_tty_write() + n_tty_write(), output always done */
/* Output waiting in the UART's ring; writers sleep while it is fuller
 * than this, and poll() reports EPOLLOUT below it.  Linux: WAKEUP_CHARS */
#define WAKEUP_CHARS 256

static bool tty_write_room(struct tty_struct *tty)
{
	return serial_tx_pending(tty->port) < WAKEUP_CHARS;
}

/* Called by the UART's transmit interrupt after it sent bytes (never for
 * received ones: they make no room).
 * Linux: tty_port_tty_wakeup() -> n_tty_write_wakeup() */
void tty_write_wakeup(int port)
{
	struct tty_struct *tty = &ttys[port];

	if (tty_write_room(tty) && waitqueue_active(&tty->write_wait))
		wake_up_poll(&tty->write_wait, EPOLLOUT | EPOLLWRNORM);
}

/* One writer at a time: -EAGAIN (O_NONBLOCK) or -ERESTARTSYS when it
 * cannot have the tty now.  Linux: tty_io.c tty_write_lock() */
static int tty_write_lock(struct tty_struct *tty, bool ndelay)
{
	if (mutex_trylock(&tty->atomic_write_lock))
		return 0;
	if (ndelay)
		return -EAGAIN;
	if (mutex_lock_interruptible(&tty->atomic_write_lock))
		return -ERESTARTSYS;
	return 0;
}

/*
 * Copies the bytes into the transmit ring; when it is full, sleeps on
 * write_wait until the transmit interrupt has made room (or returns what
 * was written, or -EAGAIN, with O_NONBLOCK).
 * Linux: n_tty.c n_tty_write()
 */
static ssize_t n_tty_write(struct tty_struct *tty, struct file *f,
			   const char __user *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		char kbuf[256];
		size_t chunk = MIN(n - done, sizeof(kbuf)), i = 0;

		if (copy_from_user(kbuf, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		while (i < chunk && tty_put_char(tty, kbuf[i]))
			i++;
		done += i;
		if (i == chunk)
			continue;
		if (f->f_flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		if (wait_event_interruptible(tty->write_wait, tty_write_room(tty)))
			return done ? (ssize_t)done : -ERESTARTSYS;
	}
	return done;
}

/* Linux: tty_io.c file_tty_write() */
static ssize_t tty_write(struct file *f, const char __user *buf, size_t n,
			 loff_t *ppos)
{
	struct tty_struct *tty = f->private_data;
	ssize_t ret = tty_write_lock(tty, f->f_flags & O_NONBLOCK);

	if (ret)
		return ret;
	ret = n_tty_write(tty, f, buf, n);
	mutex_unlock(&tty->atomic_write_lock);
	return ret;
}

/* Linux: n_tty.c n_tty_poll() — never hung up */
static __poll_t tty_poll(struct file *f, poll_table *wait)
{
	struct tty_struct *tty = f->private_data;
	__poll_t mask = 0;

	poll_wait(f, &tty->read_wait, wait);
	poll_wait(f, &tty->write_wait, wait);
	if (input_available(tty, true))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (tty_write_room(tty))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

/* Bytes a read could return now.  Linux: n_tty.c n_tty_ioctl(TIOCINQ)
 * with inq_canon(), which does not count EOF marks. */
static int tty_inq(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();
	size_t end = L_FLAG(tty, ICANON) ? tty->canon_head : tty->read_head;
	int nr = 0;

	for (size_t i = tty->read_tail; i != end; i++)
		if (!test_line_end(tty, i) ||
		    tty->read_buf[MASK(i)] != __DISABLED_CHAR)
			nr++;
	local_irq_restore(flags);
	return nr;
}

/* Switching ICANON on or off: Linux: n_tty.c n_tty_set_termios().
 * All pending input becomes readable; entering canonical mode, what raw
 * mode left counts as one line. */
static void n_tty_set_termios(struct tty_struct *tty, const struct termios *new)
{
	unsigned long flags = local_irq_save();
	bool canon_changed = (tty->termios.c_lflag ^ new->c_lflag) & ICANON;

	tty->termios = *new;
	if (canon_changed) {
		memset(tty->read_flags, 0, sizeof(tty->read_flags));
		tty->canon_head = tty->read_head;
		if (L_FLAG(tty, ICANON) && read_cnt(tty))
			set_line_end(tty, tty->read_head - 1);
	}
	local_irq_restore(flags);
	if (input_available(tty, false))
		wake_up_poll(&tty->read_wait, EPOLLIN | EPOLLRDNORM);
}

/* Linux: drivers/tty/tty_ioctl.c set_termios().  TCSETSW and TCSETSF
 * wait for output to drain, which it always has here; TCSETSF also
 * drops pending input. */
static long set_termios(struct tty_struct *tty, unsigned int cmd,
			const void __user *arg)
{
	struct termios tmp;

	if (copy_from_user(&tmp, arg, sizeof(tmp)))
		return -EFAULT;
	if (cmd == TCSETSF) {
		unsigned long flags = local_irq_save();

		tty_flush_input(tty);
		local_irq_restore(flags);
	}
	n_tty_set_termios(tty, &tmp);
	return 0;
}

/* ------------------------------------------------ controlling terminal */

/* Whether a process of session sid is left: a terminal is free again
 * once its session has none.  Linux: no counterpart; it clears
 * tty->session when the leader exits (tty_jobctrl.c disassociate_ctty()) */
static bool session_alive(pid_t sid)
{
	struct task_struct *t;
	unsigned long flags;
	bool alive = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->sid == sid && t->state != TASK_ZOMBIE) {
			alive = true;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return alive;
}

/* current's controlling terminal, or NULL.  Linux: tty_jobctrl.c
 * get_current_tty() (current->signal->tty) */
static struct tty_struct *get_current_tty(void)
{
	for (int port = 0; port < NR_TTYS; port++)
		if (ttys[port].session == current->sid)
			return &ttys[port];
	return NULL;
}

/* tty becomes current's controlling terminal, its group the foreground.
 * Linux: tty_jobctrl.c __proc_set_tty() */
static void proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->sid;
	tty->pgrp = current->pgid;
}

/* A session leader without a controlling terminal that opens a free one
 * without O_NOCTTY gets it.  Linux: tty_jobctrl.c tty_open_proc_set_tty() */
static void tty_open_proc_set_tty(struct tty_struct *tty)
{
	if (current->sid == current->pid && !get_current_tty() &&
	    !(tty->session && session_alive(tty->session)))
		proc_set_tty(tty);
}

/* A background group reading its controlling terminal gets SIGTTIN (a
 * stop; the read restarts when fg continues it); EIO instead if it
 * ignores or blocks SIGTTIN, or is orphaned (no shell would continue
 * it).  Linux: n_tty.c job_control() + tty_jobctrl.c __tty_check_change() */
static int job_control(struct tty_struct *tty)
{
	if (tty != get_current_tty() || !tty->pgrp || current->pgid == tty->pgrp)
		return 0;
	if (current->sighand->action[SIGTTIN - 1].sa_handler == SIG_IGN ||
	    (current->blocked & sigmask(SIGTTIN)) || is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(current->pgid, SIGTTIN);
	return -ERESTARTSYS;
}

/* Linux: tty_jobctrl.c tiocsctty() — arg 1 lets root (every Pollux
 * process) take a terminal another session holds */
static long tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	if (current->sid == current->pid && tty->session == current->sid)
		return 0;
	if (current->sid != current->pid || get_current_tty())
		return -EPERM;
	if (tty->session && session_alive(tty->session) && arg != 1)
		return -EPERM;
	proc_set_tty(tty);
	return 0;
}

/* Linux: tty_jobctrl.c tiocgpgrp(), tiocgsid() — another session's
 * terminal, or one no session holds, is ENOTTY */
static long tiocgpgrp(struct tty_struct *tty, unsigned int cmd,
		      pid_t __user *p)
{
	if (!tty->session || tty->session != current->sid)
		return -ENOTTY;
	return put_user(cmd == TIOCGSID ? tty->session : tty->pgrp, p);
}

/* Linux: drivers/tty/tty_jobctrl.c tiocspgrp(): only on the caller's
 * controlling terminal, and the group must exist in the caller's
 * session. */
static long tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	struct task_struct *t;
	unsigned long flags;
	long err = -EPERM;
	pid_t pgrp;

	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (tty != get_current_tty())
		return -ENOTTY;
	/* the group's test and the change under tasklist_lock, as Linux's
	 * tiocspgrp() (the group cannot empty meanwhile) */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pgid == pgrp && t->sid == current->sid &&
		    t->state != TASK_ZOMBIE) {
			tty->pgrp = pgrp;
			err = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* Linux: drivers/tty/tty_io.c tty_ioctl() + n_tty_ioctl() */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = f->private_data;
	void __user *p = (void __user *)arg;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(tty->termios)) ?
			-EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ?
			-EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, p, sizeof(tty->winsize)) ?
			-EFAULT : 0;
	case FIONREAD:
		return put_user(tty_inq(tty), (int __user *)p);
	case TIOCGPGRP:
	case TIOCGSID:
		return tiocgpgrp(tty, cmd, p);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	default:
		return -ENOTTY;
	}
}

/* Linux: tty_io.c tty_open() — the node's device number picks the port:
 * /dev/console is COM1, /dev/ttyS<n> is 4:64+n, /dev/tty the caller's
 * controlling terminal (ENXIO without one: tty_open_current_tty()). */
static int tty_open(struct inode *inode, struct file *f)
{
	unsigned int rdev = inode->i_rdev;
	int port = rdev == MKDEV(TTYAUX_MAJOR, 1) ? 0 :
		   (int)(rdev & 0xff) - TTYS_MINOR_BASE;

	f->f_mode &= ~(FMODE_PREAD | FMODE_PWRITE);	/* nonseekable_open() */
	if (rdev == MKDEV(TTYAUX_MAJOR, 0)) {
		f->private_data = get_current_tty();
		return f->private_data ? 0 : -ENXIO;
	}
	if (port < 0 || port >= NR_TTYS)
		return -ENODEV;
	f->private_data = &ttys[port];
	/* the console never becomes a controlling terminal by open */
	if (!(f->f_flags & O_NOCTTY) && rdev != MKDEV(TTYAUX_MAJOR, 1))
		tty_open_proc_set_tty(&ttys[port]);
	return 0;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
	.fasync = fasync_helper,	/* Linux: tty_fasync() */
	.llseek = no_llseek,
};

/* Linux: tty_io.c tty_std_termios, with the 8250 console's speed:
 * cooked input, echo, "\n" -> "\r\n" on output. */
static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		   IEXTEN,
	/* Linux's INIT_C_CC: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ... */
	.c_cc = "\003\034\177\025\004\0\1\0\021\023\032\0\022\017\027\026\0",
};

/* Linux: tty_io.c tty_init() + the serial ports' registration */
void tty_init(void)
{
	for (int port = 0; port < NR_TTYS; port++) {
		struct tty_struct *tty = &ttys[port];

		tty->port = port;
		tty->termios = tty_std_termios;
		init_waitqueue_head(&tty->read_wait);
		init_waitqueue_head(&tty->write_wait);
		mutex_init(&tty->atomic_write_lock);
	}
	chr_dev_init();
	for (int port = 0; port < NR_TTYS; port++)
		serial_enable_rx_irq(port);
}
