/*
 * The per-process file descriptor table: fd -> struct file *, plus one
 * close-on-exec bit per fd.  The arrays start at 64 fds and double when
 * an fd beyond them is needed, up to the RLIMIT_NOFILE the process set.
 * fork copies the table (the files are shared, their counts go up);
 * execve closes the close-on-exec ones; exit closes all.
 *
 * files->file_lock (Linux's) guards fd[], close_on_exec and max_fds: two
 * threads of a process (on two CPUs, or one preempted) install, close and
 * dup fds of one table at once.  Linux's readers (fget) go lockless under
 * RCU and free an old table after a grace period; Pollux has no RCU, so
 * its readers take file_lock too and a resize frees the old arrays at
 * once.  A file is fput only after the lock is dropped: its ->release may
 * sleep (pipe->mutex, ep->mtx).  Lock order: file_lock > the slab's locks.
 * Linux: fs/file.c.
 */
#include <pollux/fs.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <uapi/errno.h>

#define FD_INITIAL 64

/* Linux: include/linux/sched/signal.h rlimit(RLIMIT_NOFILE) */
unsigned long rlimit_nofile(void)
{
	return current->signal->rlim_nofile.rlim_cur;
}

static void free_fdtable(struct files_struct *files)
{
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

/* Under file_lock.  kmalloc never sleeps in Pollux, so unlike Linux's
 * expand_files() the lock is kept across the allocation.
 * Linux: fs/file.c expand_fdtable() */
static int expand_files(struct files_struct *files, unsigned int fd)
{
	unsigned int n = files->max_fds ? files->max_fds : FD_INITIAL;
	struct file **fdarr;
	u64 *bits;

	if (fd < files->max_fds)
		return 0;
	if (fd >= NR_OPEN_MAX)
		return -EMFILE;
	while (n <= fd)
		n *= 2;
	fdarr = kzalloc(n * sizeof(*fdarr));	/* the new slots are empty */
	bits = kzalloc(n / 8);
	if (!fdarr || !bits) {
		kfree(fdarr);
		kfree(bits);
		return -ENOMEM;
	}
	if (files->max_fds) {
		memcpy(fdarr, files->fd, files->max_fds * sizeof(*fdarr));
		memcpy(bits, files->close_on_exec, files->max_fds / 8);
	}
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fdarr;
	files->close_on_exec = bits;
	files->max_fds = n;
	return 0;
}

/* A fresh table for init.  Linux: the init task's init_files */
struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files));

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init(&files->file_lock);
	if (expand_files(files, FD_INITIAL - 1)) {
		free_fdtable(files);
		return NULL;
	}
	return files;
}

/* Linux: dup_fd() — the copy under old's file_lock: another thread of
 * old's process may be closing one of its fds */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files)
		return NULL;
	spin_lock(&old->file_lock);
	if (expand_files(files, old->max_fds - 1)) {
		spin_unlock(&old->file_lock);
		free_fdtable(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < old->max_fds; fd++) {
		struct file *f = old->fd[fd];

		if (f && f != FD_RESERVED)
			files->fd[fd] = get_file(f);
	}
	memcpy(files->close_on_exec, old->close_on_exec, old->max_fds / 8);
	spin_unlock(&old->file_lock);
	return files;
}

static bool test_cloexec(struct files_struct *files, unsigned int fd)
{
	return files->close_on_exec[fd / 64] & (1UL << (fd % 64));
}

static void assign_cloexec(struct files_struct *files, unsigned int fd, bool on)
{
	if (on)
		files->close_on_exec[fd / 64] |= 1UL << (fd % 64);
	else
		files->close_on_exec[fd / 64] &= ~(1UL << (fd % 64));
}

/* Under file_lock */
static struct file *replace_fd_locked(struct files_struct *files,
				      unsigned int fd, struct file *f,
				      bool cloexec)
{
	struct file *old = files->fd[fd];

	files->fd[fd] = f;
	assign_cloexec(files, fd, f && cloexec);
	return old == FD_RESERVED ? NULL : old;
}

struct file *files_replace(struct files_struct *files, unsigned int fd,
			   struct file *f, bool cloexec)
{
	struct file *old;

	spin_lock(&files->file_lock);
	old = replace_fd_locked(files, fd, f, cloexec);
	spin_unlock(&files->file_lock);
	return old;
}

/* Each file is taken out under file_lock and fput after it is dropped,
 * as Linux's do_close_on_exec() does. */
static void close_files(struct files_struct *files, bool only_cloexec)
{
	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *f = files_lookup_fd_raw(files, fd);

		if (!f || (only_cloexec && !test_cloexec(files, fd)))
			continue;
		replace_fd_locked(files, fd, NULL, false);
		spin_unlock(&files->file_lock);
		fput(f);
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

/* Linux: put_files_struct() */
void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	close_files(files, false);
	free_fdtable(files);
}

/* tsk's table becomes files (NULL at exit), under task_lock against
 * fget_task(); the old one is put after.  Linux: kernel/exit.c
 * exit_files(), kernel/fork.c unshare_files() */
void swap_files(struct task_struct *tsk, struct files_struct *files)
{
	struct files_struct *old;

	task_lock(tsk);
	old = tsk->files;
	tsk->files = files;
	task_unlock(tsk);
	put_files_struct(old);
}

/* Linux: do_close_on_exec() */
void do_close_on_exec(struct files_struct *files)
{
	close_files(files, true);
}

/* Linux: fs/file.c set_close_on_exec() — current's table only */
void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (files_lookup_fd_raw(files, fd))	/* closed meanwhile: nothing */
		assign_cloexec(files, fd, on);
	spin_unlock(&files->file_lock);
}

/* Linux: fs/file.c get_close_on_exec() */
bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool on;

	spin_lock(&files->file_lock);
	on = files_lookup_fd_raw(files, fd) && test_cloexec(files, fd);
	spin_unlock(&files->file_lock);
	return on;
}

/* The lowest free fd at or above start, reserved; -EMFILE past the
 * RLIMIT_NOFILE soft limit.  Linux: alloc_fd(). */
int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned long end = rlimit_nofile();
	int ret = -EMFILE;

	spin_lock(&files->file_lock);
	for (unsigned int fd = start; fd < end; fd++) {
		if (fd >= files->max_fds && expand_files(files, fd))
			break;
		if (!files->fd[fd]) {
			files->fd[fd] = FD_RESERVED;
			assign_cloexec(files, fd, flags & O_CLOEXEC);
			ret = fd;
			break;
		}
	}
	spin_unlock(&files->file_lock);
	return ret;
}

/* Linux: get_unused_fd_flags() */
int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, flags);
}

/* Linux: put_unused_fd() */
void put_unused_fd(int fd)
{
	files_replace(current->files, fd, NULL, false);
}

/* Linux: fd_install() — under file_lock, where Linux's takes
 * rcu_read_lock_sched() against a resize */
void fd_install(int fd, struct file *f)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	files->fd[fd] = f;
	spin_unlock(&files->file_lock);
}

/* The file at fd with a reference, taken before file_lock is dropped:
 * a close by another thread cannot free it between the two.  Linux's
 * __fget_files() does the lookup under RCU and takes the reference with
 * atomic_long_inc_not_zero(). */
static struct file *__fget_files(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	spin_lock(&files->file_lock);
	f = files_lookup_fd_raw(files, fd);
	if (f)
		get_file(f);
	spin_unlock(&files->file_lock);
	return f;
}

/* Linux: fs/file.c fget() */
struct file *fget(unsigned int fd)
{
	return __fget_files(current->files, fd);
}

/* t's table, locked, or NULL once t has exited.  task_lock keeps
 * t->files from being dropped by t's exit or exec meanwhile (Linux's
 * exit_files() and unshare_files() take it); lock order: task_lock >
 * file_lock.  Linux: fs/file.c fget_task() */
static struct files_struct *lock_task_files(struct task_struct *t)
{
	struct files_struct *files;

	task_lock(t);
	files = t->files;
	if (files)
		spin_lock(&files->file_lock);
	else
		task_unlock(t);
	return files;
}

static void unlock_task_files(struct task_struct *t,
			      struct files_struct *files)
{
	spin_unlock(&files->file_lock);
	task_unlock(t);
}

/* Another task's file at fd, with a reference, or NULL; *cloexec (if
 * asked) its close-on-exec bit.  Linux: fs/file.c fget_task(),
 * fs/proc/fd.c seq_show() */
struct file *fget_task(struct task_struct *t, unsigned int fd, bool *cloexec)
{
	struct files_struct *files = lock_task_files(t);
	struct file *f;

	if (!files)
		return NULL;
	f = files_lookup_fd_raw(files, fd);
	if (f) {
		get_file(f);
		if (cloexec)
			*cloexec = test_cloexec(files, fd);
	}
	unlock_task_files(t, files);
	return f;
}

/* Linux: fs/file.c fget_task_next() */
struct file *fget_task_next(struct task_struct *t, unsigned int *fd)
{
	struct files_struct *files = lock_task_files(t);
	struct file *f = NULL;
	unsigned int n = *fd;

	if (!files)
		return NULL;
	for (; !f && n < files->max_fds; n++)
		f = files_lookup_fd_raw(files, n);
	if (f) {
		get_file(f);
		*fd = n - 1;
	}
	unlock_task_files(t, files);
	return f;
}

/* Linux: fs/file.c fget_raw() — fget() that also returns O_PATH files;
 * Pollux has none (open ignores O_PATH), so the two are the same */
struct file *fget_raw(unsigned int fd)
{
	return fget(fd);
}

/* Linux: close_fd() */
int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	spin_lock(&files->file_lock);
	f = files_lookup_fd_raw(files, fd);
	if (f)
		replace_fd_locked(files, fd, NULL, false);
	spin_unlock(&files->file_lock);
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* Linux: fs/file.c do_dup2() + ksys_dup3(): oldfd's lookup and newfd's
 * replacement under one hold of file_lock, so that another thread's
 * close(oldfd) cannot free the file in between */
int do_dup2(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *f, *old = NULL;
	int err;

	spin_lock(&files->file_lock);
	f = files_lookup_fd_raw(files, oldfd);
	err = f ? expand_files(files, newfd) : -EBADF;
	if (!err)
		old = replace_fd_locked(files, newfd, get_file(f),
					flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	if (old)
		fput(old);
	return err ? err : (int)newfd;
}
