/*
 * A sliver of procfs, each file's text made once and then read like a
 * regular file:
 *   /proc/self/fd, /proc/PID/fd  a directory of links, one per open fd
 *       (proc_fd.c);
 *   /proc/self/fdinfo/N, /proc/PID/fdinfo/N  the lines Linux prints for an
 *       open file (pos, flags, mnt_id, ino), then the file's own
 *       (->show_fdinfo: epoll's "tfd: ..." lines, as many as there are);
 *       made at the first read, and again after an lseek, through a
 *       seq_file, as Linux's seq_read() does;
 * and, made when they are opened:
 *   /proc/meminfo, uptime, loadavg, stat, cpuinfo, profile_stacks
 *       and Pollux's own /proc/pollux/epoll_stats (proc_misc.c; not
 *       listed by getdents);
 *   /proc/PID/mounts, mountinfo (proc_namespace.c), made at each read
 *       from 0, with mounts_poll's EPOLLPRI|EPOLLERR at each change;
 *   /proc/slabinfo  objects in use per kmem_cache;
 *   /proc/sys/...   the registered tunables, writable (pollux/sysctl.h);
 *   /proc/PID/{comm,cmdline}  (proc_base.c, which also lists /proc
 *       and /proc/PID), {stat,status} (proc_array.c).
 * /proc/profile (read and reset live, not made at open) is the
 * profiler's own file (kernel/profile.c).
 * Linux: fs/proc/fd.c seq_show(), mm/slab_common.c
 * slab_show(), fs/proc/proc_sysctl.c.
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/poll.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <pollux/printk.h>
#include <pollux/mm.h>
#include <pollux/sysctl.h>
#include <pollux/seq_file.h>
#include <pollux/profile.h>
#include <uapi/errno.h>

#define SLABINFO_MAX 8192

struct proc_text {
	char *text;			/* NULL: not made yet (lazy) */
	size_t len;
	const struct ctl_table *sysctl;	/* a /proc/sys file, or NULL */
	/* made at the first read and after an lseek: fdinfo, mounts */
	int (*lazy)(struct seq_file *m, void *pt);
	pid_t pid;			/* fdinfo: of this task */
	unsigned int fd;		/* ... and fd */
	u64 poll_event;			/* mounts: the namespace's event seen */
};

static int fdinfo_show(struct seq_file *m, void *v);

/* Linux: fs/seq_file.c seq_read_iter(), over text made at open or, for
 * fdinfo, at the first read: reads at any offset, in any sizes, return
 * the bytes of that one text. */
static ssize_t proc_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	struct proc_text *pt = f->private_data;

	if (pt->lazy && !pt->text) {
		struct seq_file m;
		int err = seq_read_all(&m, pt->lazy, pt);

		if (err)
			return err;
		pt->text = m.buf;
		pt->len = m.count;
	}
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

/* Linux: fs/proc/proc_sysctl.c proc_sys_write().  As Linux's default
 * (sysctl_writes_strict), a write that does not start at 0 is ignored.
 * Procfs's own files have no write: EIO (Linux: proc_reg_write()). */
static ssize_t proc_write(struct file *f, const char __user *buf,
			  size_t n, loff_t *pos)
{
	struct proc_text *pt = f->private_data;
	char text[32];
	int err;

	if (!pt->sysctl)
		return -EIO;
	if (*pos || !n)
		return n;
	if (n >= sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, n))
		return -EFAULT;
	err = sysctl_write(pt->sysctl, text, n);
	if (err)
		return err;
	*pos += n;
	return n;
}

/* SEEK_SET and SEEK_CUR to a position >= 0; a lazy text is made anew
 * by the next read, as Linux's traverse() runs show() again.
 * Linux: fs/seq_file.c seq_lseek() */
static loff_t proc_lseek(struct file *f, loff_t offset, int whence)
{
	struct proc_text *pt = f->private_data;

	if (whence == SEEK_CUR)
		offset += f->f_pos;
	if (whence == SEEK_END || offset < 0)
		return -EINVAL;
	if (pt->lazy) {
		kfree(pt->text);
		pt->text = NULL;
	}
	f->f_pos = offset;
	return offset;
}

static const struct file_operations proc_fops = {
	.read = proc_read,
	.splice_read = copy_splice_read,
	.write = proc_write,
	.release = proc_release,
	.llseek = proc_lseek,
};

/* fdinfo files have no ->write at all: write(2) gives EINVAL */
static const struct file_operations proc_fdinfo_fops = {
	.read = proc_read,
	.splice_read = copy_splice_read,
	.release = proc_release,
	.llseek = proc_lseek,
};

/* EPOLLIN always; EPOLLERR|EPOLLPRI once for each change of the mount
 * list since the open or the last poll that saw one (a poll, not a
 * read, takes it).  Linux: fs/proc_namespace.c mounts_poll() */
static __poll_t mounts_poll(struct file *f, struct poll_table_struct *wait)
{
	struct proc_text *pt = f->private_data;
	struct mnt_namespace *ns = &init_mnt_ns;
	__poll_t res = EPOLLIN | EPOLLRDNORM;

	poll_wait(f, &ns->poll, wait);
	if (pt->poll_event != ns->event) {
		pt->poll_event = ns->event;
		res |= EPOLLERR | EPOLLPRI;
	}
	return res;
}

/* /proc/PID/mounts and mountinfo: no ->write (EINVAL), as fdinfo */
static const struct file_operations proc_mounts_fops = {
	.read = proc_read,
	.splice_read = copy_splice_read,
	.release = proc_release,
	.llseek = proc_lseek,
	.poll = mounts_poll,
};

/* Whether f is a /proc file (fstatfs: PROC_SUPER_MAGIC) */
bool is_proc_file(struct file *f)
{
	return f->f_op == &proc_fops || f->f_op == &proc_fdinfo_fops ||
	       f->f_op == &proc_mounts_fops;
}

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

/* The id of the mount f was opened on; files of no mount (pipes,
 * sockets, anon inodes), or of an unmounted one, 15: on Linux they are
 * on internal mounts, which have ids too.  Linux: real_mount(f_path.mnt) */
static int fdinfo_mnt_id(struct file *f)
{
	struct mount *m;
	int id;

	namespace_lock();
	m = f->f_dentry ? mount_of_root(d_mount(f->f_dentry)) : NULL;
	id = m ? m->mnt_id : 15;
	namespace_unlock();
	return id;
}

/* Linux: fs/proc/fd.c seq_show() — the fd is looked up again when the
 * text is made: closed since the open, the read fails with ENOENT. */
static int fdinfo_show(struct seq_file *m, void *v)
{
	struct proc_text *pt = v;
	struct task_struct *t = find_task(pt->pid);
	bool cloexec = false;
	struct file *f = NULL;

	if (t) {
		f = fget_task(t, pt->fd, &cloexec);
		put_task_struct(t);
	}
	if (!f)
		return -ENOENT;
	seq_printf(m, "pos:\t%ld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
		   (long)f->f_pos, f->f_flags | (cloexec ? O_CLOEXEC : 0),
		   fdinfo_mnt_id(f), f->f_inode->i_ino);
	if (f->f_op->show_fdinfo && !seq_has_overflowed(m))
		f->f_op->show_fdinfo(m, f);
	fput(f);
	return 0;
}

/* The open of /proc/PID/fdinfo/N: the fd must be open now (ENOENT);
 * its text is made at the first read.  Linux: fs/proc/fd.c
 * proc_fdinfo_instantiate() + seq_fdinfo_open() */
static int fdinfo_open(struct task_struct *t, long fd, struct proc_text *pt)
{
	struct file *f = fget_task(t, fd, NULL);

	if (!f)
		return -ENOENT;
	fput(f);
	pt->lazy = fdinfo_show;
	pt->pid = t->pid;
	pt->fd = fd;
	return 0;
}

static int slabinfo_text(struct proc_text *pt)
{
	pt->text = kmalloc(SLABINFO_MAX);
	if (!pt->text)
		return -ENOMEM;
	pt->len = slabinfo_show(pt->text, SLABINFO_MAX);
	return 0;
}

/* Linux: fs/proc/proc_sysctl.c proc_sys_read() of a number */
static int sysctl_text(const struct ctl_table *t, struct proc_text *pt)
{
	pt->text = kmalloc(32);
	if (!pt->text)
		return -ENOMEM;
	pt->len = snprintf(pt->text, 32, "%ld\n", *t->data);
	pt->sysctl = t;
	return 0;
}

struct task_struct *proc_task(const char **p)
{
	struct task_struct *t;

	if (!strncmp(*p, "self/", 5)) {
		*p += 5;
		return current;
	}
	t = proc_pid_lookup(p);
	if (!t || *(*p)++ != '/')
		return NULL;
	return t;
}

/* A mounts or mountinfo file: its text is made at each read from 0, so
 * that a reader woken by mounts_poll sees the change after an lseek.
 * Linux: fs/proc_namespace.c mounts_open_common() */
static int mounts_open(struct proc_text *pt,
		       int (*show)(struct seq_file *m, void *v))
{
	pt->lazy = show;
	pt->poll_event = init_mnt_ns.event;
	return 0;
}

/* After proc_pid_text() made the text of p ("mounts", "task/TID/mountinfo"
 * ...): a mounts file's is made again at its first read instead. */
static int proc_pid_mounts_open(const char *p, struct proc_text *pt)
{
	const char *name = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;

	if (strcmp(name, "mounts") && strcmp(name, "mountinfo"))
		return 0;
	kfree(pt->text);
	pt->text = NULL;
	return mounts_open(pt, strcmp(name, "mounts") ? show_mountinfo :
			   show_vfsmnt);
}

/*
 * Makes the text of the file at p (the path after "/proc/").  Any file
 * opens for writing: everyone is root, whom Linux lets open even the
 * read-only ones (mode 0444); writing them then fails.
 */
static int proc_text(const char *p, struct proc_text *pt)
{
	const struct ctl_table *t;
	struct task_struct *task;
	long fd;
	int err;

	if (!strncmp(p, "sys/", 4)) {
		t = sysctl_lookup(p + 4);
		return t ? sysctl_text(t, pt) : -ENOENT;
	}
	if (!strcmp(p, "slabinfo"))
		return slabinfo_text(pt);
	if (!strcmp(p, "mounts"))
		return mounts_open(pt, show_vfsmnt);
	err = proc_misc_text(p, &pt->text, &pt->len);
	if (err != -ENOENT)
		return err;
	task = proc_task(&p);
	if (!task)
		return -ENOENT;
	if (strncmp(p, "fdinfo/", 7)) {
		err = proc_pid_text(task, p, &pt->text, &pt->len);
		return err ? err : proc_pid_mounts_open(p, pt);
	}
	p += 7;
	fd = parse_num(&p);
	if (fd < 0 || *p)
		return -ENOENT;
	return fdinfo_open(task, fd, pt);
}

/* Opens one of the /proc files above; other paths are ENOENT.
 * Linux: fs/proc/ lookup of the few files Pollux has */
struct file *proc_open(const char *path, int flags, int *err)
{
	const struct file_operations *dir_ops, *fops;
	struct task_struct *t;
	struct proc_text *pt;
	struct file *f;
	bool fdinfo;

	if (!strcmp(path, "/proc/profile"))
		return profile_proc_open(path + strlen("/proc/"), flags, err);
	dir_ops = proc_dir(path, &t);
	if (dir_ops)	/* dr-xr-xr-x, as Linux's */
		return proc_dir_file(t ? t : current, flags, dir_ops,
				     S_IFDIR | 0555, err);
	t = proc_fd_dir(path, &fdinfo);
	if (t)
		return proc_fd_dir_open(t, fdinfo, flags, err);
	pt = kzalloc(sizeof(*pt));
	*err = pt ? proc_text(path + strlen("/proc/"), pt) : -ENOMEM;
	if (*err) {
		kfree(pt);
		return NULL;
	}
	fops = pt->lazy == fdinfo_show ? &proc_fdinfo_fops :
	       pt->lazy ? &proc_mounts_fops : &proc_fops;
	f = anon_inode_getfile("proc", fops, pt, flags & O_ACCMODE);
	if (f)	/* opened by path: Linux's do_dentry_open() */
		f->f_mode |= FMODE_PREAD | FMODE_PWRITE;
	if (!f)
		proc_release(NULL, &(struct file){ .private_data = pt });
	*err = f ? 0 : -ENOMEM;
	return f;
}
