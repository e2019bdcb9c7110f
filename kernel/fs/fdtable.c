/*
 * The per-process file descriptor table: fd -> struct file *, plus one
 * close-on-exec bit per fd.  fork copies the table (the files are shared,
 * their counts go up); execve closes the close-on-exec ones; exit closes
 * all.  Linux: fs/file.c.
 */
#include <pollux/fs.h>
#include <pollux/sched.h>
#include <pollux/string.h>
#include <uapi/errno.h>

/* Reserved by get_unused_fd_flags, not yet installed. */
#define FD_RESERVED ((struct file *)1)

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kmalloc(sizeof(*files));

	if (files)
		files->count = 1;
	return files;
}

/* Linux: dup_fd() */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files)
		return NULL;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = old->fd[fd];

		if (f && f != FD_RESERVED)
			files->fd[fd] = get_file(f);
	}
	memcpy(files->close_on_exec, old->close_on_exec,
	       sizeof(files->close_on_exec));
	return files;
}

static void close_files(struct files_struct *files, bool only_cloexec)
{
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = files->fd[fd];
		bool cloexec = files->close_on_exec[fd / 64] & (1UL << (fd % 64));

		if (!f || f == FD_RESERVED || (only_cloexec && !cloexec))
			continue;
		files->fd[fd] = NULL;
		files->close_on_exec[fd / 64] &= ~(1UL << (fd % 64));
		fput(f);
	}
}

/* Linux: put_files_struct() */
void put_files_struct(struct files_struct *files)
{
	if (--files->count > 0)
		return;
	close_files(files, false);
	kfree(files);
}

/* Linux: do_close_on_exec() */
void do_close_on_exec(struct files_struct *files)
{
	close_files(files, true);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	u64 *word = &current->files->close_on_exec[fd / 64];

	if (on)
		*word |= 1UL << (fd % 64);
	else
		*word &= ~(1UL << (fd % 64));
}

bool get_close_on_exec(unsigned int fd)
{
	return current->files->close_on_exec[fd / 64] & (1UL << (fd % 64));
}

/* The lowest free fd at or above start, reserved; -EMFILE if none.
 * Linux: alloc_fd(). */
int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;

	for (unsigned int fd = start; fd < NR_OPEN_DEFAULT; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = FD_RESERVED;
			set_close_on_exec(fd, flags & O_CLOEXEC);
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

struct file *fget_raw(unsigned int fd)
{
	struct file *f;

	if (fd >= NR_OPEN_DEFAULT)
		return NULL;
	f = current->files->fd[fd];
	return f == FD_RESERVED ? NULL : f;
}

/* Linux: fget() */
struct file *fget(unsigned int fd)
{
	struct file *f = fget_raw(fd);

	return f ? get_file(f) : NULL;
}

/* Linux: close_fd() */
int close_fd(unsigned int fd)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	set_close_on_exec(fd, false);
	fput(f);
	return 0;
}
