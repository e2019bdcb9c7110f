/*
 * The character device nodes under /dev, and /dev/null, /dev/zero and
 * /dev/full themselves (/dev/random and /dev/urandom: drivers/random.c).
 * Linux: drivers/char/mem.c (null_fops, chr_dev_init), tty_io.c
 * (/dev/console), serial_core.c (/dev/ttyS*).
 */
#include <pollux/fs.h>
#include <pollux/tty.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

/* Linux: drivers/char/mem.c read_null() */
static ssize_t read_null(struct file *f, char __user *buf, size_t n,
			 loff_t *pos)
{
	return 0;
}

/* Linux: drivers/char/mem.c write_null() */
static ssize_t write_null(struct file *f, const char __user *buf, size_t n,
			  loff_t *pos)
{
	return n;
}

/* Linux: drivers/char/mem.c null_lseek() — any seek lands at 0 */
static loff_t null_lseek(struct file *f, loff_t offset, int whence)
{
	return f->f_pos = 0;
}

/* Linux: drivers/char/mem.c read_iter_zero() — a fault after some
 * bytes is a short read */
static ssize_t read_zero(struct file *f, char __user *buf, size_t n,
			 loff_t *pos)
{
	size_t left = clear_user(buf, n);

	if (left && left == n)
		return -EFAULT;
	return n - left;
}

/* Linux: drivers/char/mem.c write_full() */
static ssize_t write_full(struct file *f, const char __user *buf, size_t n,
			  loff_t *pos)
{
	return -ENOSPC;
}

/*
 * No ->poll, exactly as Linux: poll/select see the default mask
 * (IN|OUT|RDNORM|WRNORM, through vfs_poll) and epoll_ctl refuses the
 * file with EPERM, as it does on Linux.
 */
static const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
	.splice_write = iter_file_splice_write,
	.llseek = null_lseek,
};

static const struct file_operations zero_fops = {
	.read = read_zero,
	.write = write_null,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.llseek = null_lseek,
};

static const struct file_operations full_fops = {
	.read = read_zero,
	.write = write_full,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
	.llseek = null_lseek,
};

static const struct {
	const char *name;
	unsigned int rdev;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", MKDEV(MEM_MAJOR, 3), &null_fops },
	{ "zero", MKDEV(MEM_MAJOR, 5), &zero_fops },
	{ "full", MKDEV(MEM_MAJOR, 7), &full_fops },
	{ "random", MKDEV(MEM_MAJOR, 8), &random_fops },
	{ "urandom", MKDEV(MEM_MAJOR, 9), &random_fops },
	{ "tty", MKDEV(TTYAUX_MAJOR, 0), &tty_fops },
	{ "console", MKDEV(TTYAUX_MAJOR, 1), &tty_fops },
	{ "ttyS0", MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + 0), &tty_fops },
	{ "ttyS1", MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + 1), &tty_fops },
};

/* Linux: drivers/char/mem.c chr_dev_init() */
void chr_dev_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devlist); i++)
		register_chrdev(devlist[i].name, devlist[i].rdev,
				devlist[i].fops);
}
