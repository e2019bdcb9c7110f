/*
 * /proc's directories and each process's text files:
 *   /proc        the named files, "self", then one directory per process;
 *   /proc/PID    fd, fdinfo, status and stat (proc_array.c), comm,
 *                cmdline, maps (proc_task_mmu.c), mounts;
 *   /proc/PID/comm, cmdline  in Linux's formats.
 * Everyone is root, so nothing is masked as Linux masks it for others.
 * Linux: fs/proc/root.c, fs/proc/base.c.
 */
#include <pollux/fs.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/seq_file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

/* Linux: fs/proc/base.c comm_show() */
static int proc_pid_comm(struct seq_file *m, struct task_struct *t)
{
	seq_printf(m, "%s\n", t->comm);
	return 0;
}

/* argv's strings as they are now in the process's memory, NUL after
 * each.  Linux: fs/proc/base.c proc_pid_cmdline_read() */
static int proc_pid_cmdline(struct seq_file *m, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	size_t len = mm ? mm->arg_end - mm->arg_start : 0;

	if (m->size < len) {
		m->count = m->size;	/* seq_read_all retries bigger */
		return 0;
	}
	if (len && access_remote_vm(mm, mm->arg_start, m->buf, len))
		return 0;	/* Linux reads nothing it cannot access */
	m->count = len;
	return 0;
}

/* Linux: fs/proc_namespace.c mounts_open(): one namespace for all */
static int proc_pid_mounts(struct seq_file *m, struct task_struct *t)
{
	(void)t;
	return show_vfsmnt(m);
}

/* A process directory's entries.  Linux: fs/proc/base.c
 * tgid_base_stuff[], in its order */
static const struct pid_entry {
	const char *name;
	unsigned char type;
	int (*show)(struct seq_file *m, struct task_struct *t);
} tgid_base_stuff[] = {
	{ "fd", DT_DIR, NULL },
	{ "fdinfo", DT_DIR, NULL },
	{ "status", DT_REG, proc_pid_status },
	{ "comm", DT_REG, proc_pid_comm },
	{ "cmdline", DT_REG, proc_pid_cmdline },
	{ "stat", DT_REG, proc_pid_stat },
	{ "maps", DT_REG, proc_pid_maps },
	{ "mounts", DT_REG, proc_pid_mounts },
};

struct pid_show {
	int (*show)(struct seq_file *m, struct task_struct *t);
	pid_t pid;
};

static int pid_show(struct seq_file *m, void *v)
{
	struct pid_show *ps = v;
	struct task_struct *t = find_task(ps->pid);

	return t ? ps->show(m, t) : -ESRCH;
}

int proc_pid_text(struct task_struct *t, const char *name, char **text,
		  size_t *len)
{
	struct seq_file m;
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(tgid_base_stuff); i++) {
		struct pid_show ps = { tgid_base_stuff[i].show, t->pid };

		if (!ps.show || strcmp(name, tgid_base_stuff[i].name))
			continue;
		err = seq_read_all(&m, pid_show, &ps);
		if (err)
			return err;
		*text = m.buf;
		*len = m.count;
		return 0;
	}
	return -ENOENT;
}

/* /proc's own files, by length then name as Linux's proc_match() sorts
 * them, then "self".  Linux: fs/proc/root.c proc_root_readdir() */
static const struct pid_entry proc_root_stuff[] = {
	{ "sys", DT_DIR, NULL },
	{ "stat", DT_REG, NULL },
	{ "mounts", DT_LNK, NULL },
	{ "uptime", DT_REG, NULL },
	{ "cpuinfo", DT_REG, NULL },
	{ "loadavg", DT_REG, NULL },
	{ "meminfo", DT_REG, NULL },
	{ "slabinfo", DT_REG, NULL },
	{ "self", DT_LNK, NULL },
};

#define FIRST_PROCESS_ENTRY 256

/* The task with the smallest pid >= pid, or NULL.  Linux: next_tgid() */
static struct task_struct *next_tgid(pid_t pid)
{
	struct task_struct *t, *best = NULL;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid >= pid && t->pid > 0 && (!best || t->pid < best->pid))
			best = t;
	return best;
}

/* One entry at f_pos (d_off: next); false once the buffer is full */
static bool emit(struct file *f, void __user *buf, size_t n, size_t *used,
		 long *len, const char *name, unsigned char type, loff_t next)
{
	*len = emit_dirent((char __user *)buf + *used, n - *used,
			   f->f_inode->i_ino, next, name, type);
	if (*len <= 0)
		return false;
	*used += *len;
	return true;
}

/* ".", "..", then the table's entries at f_pos 2.. */
static bool emit_table(struct file *f, void __user *buf, size_t n,
		       size_t *used, long *len, const struct pid_entry *e,
		       size_t ne)
{
	for (; f->f_pos < 2 + (loff_t)ne; f->f_pos++) {
		const char *name = f->f_pos == 0 ? "." : f->f_pos == 1 ? ".." :
				   e[f->f_pos - 2].name;
		unsigned char type = f->f_pos < 2 ? DT_DIR : e[f->f_pos - 2].type;

		if (!emit(f, buf, n, used, len, name, type, f->f_pos + 1))
			return false;
	}
	return true;
}

/* Linux: fs/proc/root.c proc_root_readdir() + base.c proc_pid_readdir():
 * the pids at f_pos FIRST_PROCESS_ENTRY + pid, in increasing order */
static long proc_root_readdir(struct file *f, void __user *buf, size_t n)
{
	size_t used = 0;
	long len = 0;
	struct task_struct *t;
	char name[16];

	if (!emit_table(f, buf, n, &used, &len, proc_root_stuff,
			ARRAY_SIZE(proc_root_stuff)))
		goto out;
	if (f->f_pos < FIRST_PROCESS_ENTRY)
		f->f_pos = FIRST_PROCESS_ENTRY;
	while ((t = next_tgid(f->f_pos - FIRST_PROCESS_ENTRY))) {
		f->f_pos = FIRST_PROCESS_ENTRY + t->pid;
		snprintf(name, sizeof(name), "%d", t->pid);
		if (!emit(f, buf, n, &used, &len, name, DT_DIR, f->f_pos + 1))
			goto out;
		f->f_pos++;
	}
	return used;
out:
	/* a record that does not fit ends this call; alone, it is EINVAL */
	return used ? (long)used : (len ? len : -EINVAL);
}

/* Linux: fs/proc/base.c proc_tgid_base_readdir() */
static long proc_tgid_base_readdir(struct file *f, void __user *buf, size_t n)
{
	size_t used = 0;
	long len = 0;

	if (!find_task((pid_t)(long)f->private_data))
		return -ENOENT;
	if (emit_table(f, buf, n, &used, &len, tgid_base_stuff,
		       ARRAY_SIZE(tgid_base_stuff)))
		return used;
	return used ? (long)used : (len ? len : -EINVAL);
}

static const struct file_operations proc_root_operations = {
	.iterate = proc_root_readdir,
	.llseek = proc_fd_llseek,
};

static const struct file_operations proc_tgid_base_operations = {
	.iterate = proc_tgid_base_readdir,
	.llseek = proc_fd_llseek,
};

/* "/proc", "/proc/PID", "/proc/self" (with or without a last '/') as a
 * directory: its task in *t (NULL for /proc itself); false otherwise. */
bool proc_dir(const char *path, struct task_struct **t)
{
	const char *p = path + strlen("/proc");
	pid_t pid;

	*t = NULL;
	if (!*p || !strcmp(p, "/"))
		return true;
	p++;
	if (!strncmp(p, "self", 4) && (!p[4] || !strcmp(p + 4, "/"))) {
		*t = current;
		return true;
	}
	if (*p < '0' || *p > '9')
		return false;
	for (pid = 0; *p >= '0' && *p <= '9' && pid < (1 << 22); p++)
		pid = pid * 10 + (*p - '0');
	*t = find_task(pid);
	return *t && (!*p || !strcmp(p, "/"));
}

struct file *proc_dir_open(struct task_struct *t, int flags, int *err)
{
	return proc_dir_file(t ? t : current, flags, t ? &proc_tgid_base_operations
						      : &proc_root_operations, err);
}
