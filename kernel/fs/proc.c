/*
 * A sliver of procfs: /proc/self/fdinfo/N and /proc/PID/fdinfo/N, the
 * lines Linux prints for an open file (pos, flags, mnt_id, ino) followed
 * by the file's own (->show_fdinfo: epoll's "tfd: ..." lines), and
 * /proc/meminfo's first two lines.  The text is made when the file is
 * opened and read like a regular file.
 * Linux: fs/proc/fd.c seq_show(), fs/proc/meminfo.c.
 */
#include <pollux/fs.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <pollux/printk.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

#define FDINFO_MAX 8192

struct proc_text {
	char *text;
	size_t len;
};

/* Linux: fs/seq_file.c seq_read(), over text made at open */
static ssize_t proc_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	struct proc_text *pt = f->private_data;

	if (*pos >= (loff_t)pt->len)
		return 0;
	n = MIN(n, pt->len - *pos);
	if (copy_to_user(buf, pt->text + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static int proc_release(struct inode *inode, struct file *f)
{
	struct proc_text *pt = f->private_data;

	kfree(pt->text);
	kfree(pt);
	return 0;
}

static const struct file_operations proc_fdinfo_fops = {
	.read = proc_read,
	.release = proc_release,
};

/* Parses a decimal number ending at '/' or NUL; -1 if there is none. */
static long parse_num(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

/* Linux: fs/proc/fd.c seq_show() */
static int fdinfo_text(struct task_struct *t, long fd, struct proc_text *pt)
{
	struct file *f = files_lookup(t->files, fd);
	bool cloexec;

	if (!f)
		return -ENOENT;
	cloexec = t->files->close_on_exec[fd / 64] & (1UL << (fd % 64));
	pt->text = kmalloc(FDINFO_MAX);
	if (!pt->text)
		return -ENOMEM;
	pt->len = snprintf(pt->text, FDINFO_MAX,
			   "pos:\t%ld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
			   (long)f->f_pos, f->f_flags | (cloexec ? O_CLOEXEC : 0),
			   15, f->f_inode->i_ino);
	if (f->f_op->show_fdinfo)
		pt->len += f->f_op->show_fdinfo(f, pt->text + pt->len,
						FDINFO_MAX - pt->len);
	return 0;
}

/* MemTotal and MemFree, in Linux's format: what a test compares before
 * and after a workload to catch leaked pages (xv6's usertests habit). */
static int meminfo_text(struct proc_text *pt)
{
	pt->text = kmalloc(128);
	if (!pt->text)
		return -ENOMEM;
	pt->len = snprintf(pt->text, 128, "MemTotal:       %8lu kB\n"
			   "MemFree:        %8lu kB\n",
			   pmm_total_count() * 4, pmm_free_count() * 4);
	return 0;
}

/* Wraps generated text in a read-only file. */
static struct file *proc_file(struct proc_text *pt, int *err)
{
	struct file *f = anon_inode_getfile("proc", &proc_fdinfo_fops, pt, O_RDONLY);

	if (!f)
		proc_release(NULL, &(struct file){ .private_data = pt });
	*err = f ? 0 : -ENOMEM;
	return f;
}

/* Opens "/proc/meminfo" or "/proc/<self|PID>/fdinfo/<N>"; other /proc
 * paths are ENOENT. */
/* Linux: fs/proc/ lookup of the few files Pollux has */
struct file *proc_open(const char *path, int flags, int *err)
{
	const char *p = path + strlen("/proc/");
	struct task_struct *t = current;
	struct proc_text *pt;
	long fd;

	if ((flags & O_ACCMODE) != O_RDONLY) {
		*err = -EACCES;
		return NULL;
	}
	if (!strcmp(p, "meminfo")) {
		pt = kmalloc(sizeof(*pt));
		*err = pt ? meminfo_text(pt) : -ENOMEM;
		if (*err) {
			kfree(pt);
			return NULL;
		}
		return proc_file(pt, err);
	}
	if (!strncmp(p, "self/", 5))
		p += 5;
	else if (!(t = find_task(parse_num(&p))) || *p++ != '/')
		t = NULL;
	*err = -ENOENT;
	if (!t || strncmp(p, "fdinfo/", 7))
		return NULL;
	p += 7;
	fd = parse_num(&p);
	if (fd < 0 || *p)
		return NULL;
	pt = kmalloc(sizeof(*pt));
	if (!pt) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = fdinfo_text(t, fd, pt);
	if (*err) {
		kfree(pt);
		return NULL;
	}
	return proc_file(pt, err);
}
