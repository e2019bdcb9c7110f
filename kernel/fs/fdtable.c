/*
 * The per-process file descriptor table: fd -> struct file *, plus one
 * close-on-exec bit per fd.  The arrays start at 64 fds and double when
 * an fd beyond them is needed, up to the RLIMIT_NOFILE the process set.
 * fork copies the table (the files are shared, their counts go up);
 * execve closes the close-on-exec ones; exit closes all.
 * Linux: fs/file.c.
 */
#include <pollux/fs.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* Reserved by get_unused_fd_flags, not yet installed. */
#define FD_RESERVED ((struct file *)1)
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

/* Linux: fs/file.c expand_fdtable() */
int expand_files(struct files_struct *files, unsigned int fd)
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
	if (expand_files(files, FD_INITIAL - 1)) {
		free_fdtable(files);
		return NULL;
	}
	return files;
}

/* Linux: dup_fd() */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files || expand_files(files, old->max_fds - 1)) {
		if (files)
			free_fdtable(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < old->max_fds; fd++) {
		struct file *f = old->fd[fd];

		if (f && f != FD_RESERVED)
			files->fd[fd] = get_file(f);
	}
	memcpy(files->close_on_exec, old->close_on_exec, old->max_fds / 8);
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

/* Linux: fs/file.c files_lookup_fd_raw() */
struct file *files_lookup_fd_raw(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	if (!files || fd >= files->max_fds)
		return NULL;
	f = files->fd[fd];
	return f == FD_RESERVED ? NULL : f;
}

struct file *files_replace(struct files_struct *files, unsigned int fd,
			   struct file *f, bool cloexec)
{
	struct file *old = files->fd[fd];

	files->fd[fd] = f;
	assign_cloexec(files, fd, f && cloexec);
	return old == FD_RESERVED ? NULL : old;
}

static void close_files(struct files_struct *files, bool only_cloexec)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *f = files_lookup_fd_raw(files, fd);

		if (f && (!only_cloexec || test_cloexec(files, fd)))
			fput(files_replace(files, fd, NULL, false));
	}
}

/* Linux: put_files_struct() */
void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	close_files(files, false);
	free_fdtable(files);
}

/* Linux: do_close_on_exec() */
void do_close_on_exec(struct files_struct *files)
{
	close_files(files, true);
}

/* Linux: fs/file.c set_close_on_exec() — current's table only */
void set_close_on_exec(unsigned int fd, bool on)
{
	assign_cloexec(current->files, fd, on);
}

/* Linux: fs/file.c get_close_on_exec() */
bool get_close_on_exec(unsigned int fd)
{
	return test_cloexec(current->files, fd);
}

/* The lowest free fd at or above start, reserved; -EMFILE past the
 * RLIMIT_NOFILE soft limit.  Linux: alloc_fd(). */
int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned long end = rlimit_nofile();

	for (unsigned int fd = start; fd < end; fd++) {
		if (fd >= files->max_fds && expand_files(files, fd))
			return -EMFILE;
		if (!files->fd[fd]) {
			files->fd[fd] = FD_RESERVED;
			assign_cloexec(files, fd, flags & O_CLOEXEC);
			return fd;
		}
	}
	return -EMFILE;
}

/* Linux: get_unused_fd_flags() */
int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, flags);
}

/* Linux: put_unused_fd() */
void put_unused_fd(int fd)
{
	current->files->fd[fd] = NULL;
}

/* Linux: fd_install() */
void fd_install(int fd, struct file *f)
{
	current->files->fd[fd] = f;
}

/* Linux: fs/file.c fget() */
struct file *fget(unsigned int fd)
{
	struct file *f = files_lookup_fd_raw(current->files, fd);

	return f ? get_file(f) : NULL;
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
	struct file *f = files_lookup_fd_raw(current->files, fd);

	if (!f)
		return -EBADF;
	fput(files_replace(current->files, fd, NULL, false));
	return 0;
}
