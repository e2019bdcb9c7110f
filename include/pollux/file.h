/* Files looked up for one system call.  Linux: include/linux/file.h */
#ifndef POLLUX_FILE_H
#define POLLUX_FILE_H

#include <pollux/fs.h>
#include <pollux/sched.h>

/*
 * A file looked up for the length of one system call: with a reference
 * (FDPUT_FPUT) only if another task shares the fd table; fdput() drops
 * it.  A table nobody else shares changes only by its owner, whose table
 * keeps the file open until the call returns.
 * Linux: include/linux/file.h struct fd (before 6.12: .file, .flags),
 * fdget(), fdput(); fs/file.c __fget_light()
 */
struct fd {
	struct file *file;
	unsigned int flags;
};
#define FDPUT_FPUT	1
static inline void fdput(struct fd f)
{
	if (f.flags & FDPUT_FPUT)
		fput(f.file);
}

/* files->count is 1: no other thread shares the table (only current
 * could clone one) and nobody else installs or closes in it, so neither
 * file_lock nor a reference is needed.  (fget_task() of /proc only reads
 * it, with the lock and a reference of its own.) */
static inline struct fd fdget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	if (likely(atomic_read(&files->count) == 1))
		return (struct fd){ files_lookup_fd_raw(files, fd), 0 };
	f = fget(fd);
	return (struct fd){ f, f ? FDPUT_FPUT : 0 };
}

#endif
