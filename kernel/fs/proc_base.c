/*
 * /proc's directories and each process's text files:
 *   /proc        the named files, "self", then one directory per process
 *                (thread-group leaders only, as Linux);
 *   /proc/PID    task, fd, fdinfo, status and stat (proc_array.c), comm,
 *                cmdline, maps (proc_task_mmu.c), mounts;
 *   /proc/PID/task       one directory per thread, by thread id;
 *   /proc/PID/task/TID   that thread's status, comm, cmdline, stat...;
 *   /proc/PID/comm, cmdline  in Linux's formats.
 * Everyone is root, so nothing is masked as Linux masks it for others.
 * Linux: fs/proc/root.c, fs/proc/base.c.
 */
#include <pollux/fs.h>
#include <pollux/mount.h>
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/seq_file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

/* Linux: include/linux/sched/signal.h same_thread_group() */
static bool same_thread_group(struct task_struct *a, struct task_struct *b)
{
	return a->signal == b->signal;
}

/* The id of the nth thread of t's process (from 0), or 0; the thread
 * list under tasklist_lock (a thread of t exiting on another CPU).
 * Linux: first_tid() */
static pid_t nth_thread(struct task_struct *t, loff_t n)
{
	struct task_struct *thread;
	unsigned long flags;
	pid_t tid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(t, thread)
		if (n-- == 0) {
			tid = thread->pid;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return tid;
}

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

/* Linux: fs/proc_namespace.c mounts_open(): one namespace for all;
 * the text is made again at each read from 0 (proc.c, mounts_poll) */
static int proc_pid_mounts(struct seq_file *m, struct task_struct *t)
{
	(void)t;
	return show_vfsmnt(m, NULL);
}

/* Linux: fs/proc_namespace.c mountinfo_open() */
static int proc_pid_mountinfo(struct seq_file *m, struct task_struct *t)
{
	(void)t;
	return show_mountinfo(m, NULL);
}

/* A process directory's entries.  Linux: fs/proc/base.c
 * tgid_base_stuff[], in its order */
static const struct pid_entry {
	const char *name;
	unsigned char type;
	int (*show)(struct seq_file *m, struct task_struct *t);
} tgid_base_stuff[] = {
	{ "task", DT_DIR, NULL },
	{ "fd", DT_DIR, NULL },
	{ "fdinfo", DT_DIR, NULL },
	{ "status", DT_REG, proc_pid_status },
	{ "comm", DT_REG, proc_pid_comm },
	{ "cmdline", DT_REG, proc_pid_cmdline },
	{ "stat", DT_REG, proc_tgid_stat },
	{ "maps", DT_REG, proc_pid_maps },
	{ "mounts", DT_REG, proc_pid_mounts },
	{ "mountinfo", DT_REG, proc_pid_mountinfo },
};

/* A thread's directory, /proc/PID/task/TID: the same files, stat for
 * the thread alone (no fd directories here yet).  Linux: tid_base_stuff[] */
static const struct pid_entry tid_base_stuff[] = {
	{ "status", DT_REG, proc_pid_status },
	{ "comm", DT_REG, proc_pid_comm },
	{ "cmdline", DT_REG, proc_pid_cmdline },
	{ "stat", DT_REG, proc_tid_stat },
	{ "maps", DT_REG, proc_pid_maps },
	{ "mounts", DT_REG, proc_pid_mounts },
	{ "mountinfo", DT_REG, proc_pid_mountinfo },
};

struct pid_show {
	int (*show)(struct seq_file *m, struct task_struct *t);
	pid_t pid;
};

static int pid_show(struct seq_file *m, void *v)
{
	struct pid_show *ps = v;
	struct task_struct *t = find_task(ps->pid);
	int ret;

	if (!t)
		return -ESRCH;
	ret = ps->show(m, t);
	put_task_struct(t);
	return ret;
}

/* The text of the entry name of table e, made for task t */
static int pid_entry_text(const struct pid_entry *e, size_t ne,
			  struct task_struct *t, const char *name, char **text,
			  size_t *len)
{
	struct seq_file m;
	int err;

	for (size_t i = 0; i < ne; i++) {
		struct pid_show ps = { e[i].show, t->pid };

		if (!ps.show || strcmp(name, e[i].name))
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

/* Linux: fs/proc/base.c proc_pid_lookup() */
struct task_struct *proc_pid_lookup(const char **p)
{
	struct task_struct *t;
	pid_t pid = 0;

	if (**p < '0' || **p > '9')
		return NULL;
	for (; **p >= '0' && **p <= '9' && pid < (1 << 22); (*p)++)
		pid = pid * 10 + (**p - '0');
	t = pid ? find_task(pid) : NULL;	/* the idle task is not in /proc */
	/* No reference kept: a lookup reads only the ids, and each text
	 * is made under a reference of its own (pid_show).  Linux holds
	 * one from the dentry; an exit on another CPU between the two is
	 * the window left. */
	if (t)
		put_task_struct(t);
	return t;
}

/* The thread of t's process whose id starts p ("TID"), p moved past
 * it; NULL if there is none.  Linux: fs/proc/base.c proc_task_lookup() */
static struct task_struct *proc_tid(struct task_struct *t, const char **p)
{
	struct task_struct *thread = proc_pid_lookup(p);

	return thread && same_thread_group(thread, t) ? thread : NULL;
}

/* NAME or task/TID/NAME of a process directory */
int proc_pid_text(struct task_struct *t, const char *name, char **text,
		  size_t *len)
{
	if (strncmp(name, "task/", 5))
		return pid_entry_text(tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff),
				      t, name, text, len);
	name += 5;
	t = proc_tid(t, &name);
	if (!t || *name++ != '/')
		return -ENOENT;
	return pid_entry_text(tid_base_stuff, ARRAY_SIZE(tid_base_stuff), t,
			      name, text, len);
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

/* The id of the process (thread-group leader) with the smallest pid >=
 * pid, or 0: /proc lists processes, not threads.  The walk under
 * tasklist_lock; the directory entry is written after it (a fault there
 * may sleep).  Linux: next_tgid() */
static pid_t next_tgid(pid_t pid)
{
	struct task_struct *t;
	unsigned long flags;
	pid_t best = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid >= pid && t->pid > 0 && thread_group_leader(t) &&
		    (!best || t->pid < best))
			best = t->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
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

/* The end of a getdents64 that filled buf: the bytes given; if not even
 * one record fits, EINVAL (or emit_dirent()'s error) */
static long readdir_full(size_t used, long len)
{
	return used ? (long)used : (len ? len : -EINVAL);
}

/* A process's or thread's directory at f_pos, named by its id */
static bool emit_pid(struct file *f, void __user *buf, size_t n,
		     size_t *used, long *len, pid_t pid)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", pid);
	return emit(f, buf, n, used, len, name, DT_DIR, f->f_pos + 1);
}

/* Linux: fs/proc/root.c proc_root_readdir() + base.c proc_pid_readdir():
 * the pids at f_pos FIRST_PROCESS_ENTRY + pid, in increasing order */
static long proc_root_readdir(struct file *f, void __user *buf, size_t n)
{
	size_t used = 0;
	long len = 0;
	pid_t tgid;

	if (!emit_table(f, buf, n, &used, &len, proc_root_stuff,
			ARRAY_SIZE(proc_root_stuff)))
		return readdir_full(used, len);
	if (f->f_pos < FIRST_PROCESS_ENTRY)
		f->f_pos = FIRST_PROCESS_ENTRY;
	while ((tgid = next_tgid(f->f_pos - FIRST_PROCESS_ENTRY))) {
		f->f_pos = FIRST_PROCESS_ENTRY + tgid;
		if (!emit_pid(f, buf, n, &used, &len, tgid))
			return readdir_full(used, len);
		f->f_pos++;
	}
	return used;
}

/* A directory listing a table: ".", "..", its entries.  Linux:
 * fs/proc/base.c proc_pident_readdir() */
static long pident_readdir(struct file *f, void __user *buf, size_t n,
			   const struct pid_entry *e, size_t ne)
{
	struct task_struct *t = find_task((pid_t)(long)f->private_data);
	size_t used = 0;
	long len = 0;

	if (!t)
		return -ENOENT;
	put_task_struct(t);
	if (emit_table(f, buf, n, &used, &len, e, ne))
		return used;
	return readdir_full(used, len);
}

/* Linux: fs/proc/base.c proc_tgid_base_readdir() */
static long proc_tgid_base_readdir(struct file *f, void __user *buf, size_t n)
{
	return pident_readdir(f, buf, n, tgid_base_stuff,
			      ARRAY_SIZE(tgid_base_stuff));
}

/* Linux: fs/proc/base.c proc_tid_base_readdir() */
static long proc_tid_base_readdir(struct file *f, void __user *buf, size_t n)
{
	return pident_readdir(f, buf, n, tid_base_stuff,
			      ARRAY_SIZE(tid_base_stuff));
}

/* Linux: fs/proc/base.c proc_task_readdir(): ".", "..", then one
 * directory per thread, in the group's order, at f_pos 2 + its index */
static long proc_task_readdir(struct file *f, void __user *buf, size_t n)
{
	struct task_struct *t = find_task((pid_t)(long)f->private_data);
	size_t used = 0;
	long len = 0, ret = 0;
	pid_t tid;

	if (!t)
		return -ENOENT;
	if (!emit_table(f, buf, n, &used, &len, NULL, 0))
		ret = readdir_full(used, len);
	while (!ret && (tid = nth_thread(t, f->f_pos - 2))) {
		if (!emit_pid(f, buf, n, &used, &len, tid))
			ret = readdir_full(used, len);
		else
			f->f_pos++;
	}
	put_task_struct(t);
	return ret ? ret : (long)used;
}

static const struct file_operations proc_root_operations = {
	.iterate = proc_root_readdir,
	.llseek = proc_fd_llseek,
};

static const struct file_operations proc_tgid_base_operations = {
	.iterate = proc_tgid_base_readdir,
	.llseek = proc_fd_llseek,
};

static const struct file_operations proc_task_operations = {
	.iterate = proc_task_readdir,
	.llseek = proc_fd_llseek,
};

static const struct file_operations proc_tid_base_operations = {
	.iterate = proc_tid_base_readdir,
	.llseek = proc_fd_llseek,
};

/* Whether p is the end of a directory's path: nothing, or one '/' */
static bool dir_end(const char *p)
{
	return !*p || !strcmp(p, "/");
}

/*
 * The directory at path, with or without a last '/': "/proc",
 * "/proc/PID" (or "self"), "/proc/PID/task", "/proc/PID/task/TID".
 * Returns how it is listed, its task in *t (NULL for /proc itself);
 * NULL if path is none of them.  PID may be any thread's id, listed
 * or not, as Linux's proc_pid_lookup() finds it.
 */
const struct file_operations *proc_dir(const char *path,
				       struct task_struct **t)
{
	const char *p = path + strlen("/proc");

	*t = NULL;
	if (dir_end(p))
		return &proc_root_operations;
	p++;
	if (!strncmp(p, "self", 4)) {
		*t = current;
		p += 4;
	} else if (!(*t = proc_pid_lookup(&p))) {
		return NULL;
	}
	if (dir_end(p))
		return &proc_tgid_base_operations;
	if (strncmp(p, "/task", 5))
		return NULL;
	p += 5;
	if (dir_end(p))
		return &proc_task_operations;
	p++;
	*t = proc_tid(*t, &p);
	return *t && dir_end(p) ? &proc_tid_base_operations : NULL;
}
