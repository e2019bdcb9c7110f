/* A process's place in the file tree: the cwd and the umask, shared by
 * threads made with CLONE_FS.  Linux: include/linux/fs_struct.h */
#ifndef POLLUX_FS_STRUCT_H
#define POLLUX_FS_STRUCT_H

#include <pollux/sched.h>

struct fs_struct {
	spinlock_t lock;	/* Linux's: users, against threads exiting at once */
	int users;		/* tasks sharing it */
	unsigned int umask;	/* cleared from new files' modes */
	char cwd[256];		/* kept as a path */
};

/* A copy of old (a fresh one, "/" and 022, from NULL), users 1. */
struct fs_struct *copy_fs_struct(struct fs_struct *old);
/* Drops tsk's reference.  Linux: fs/fs_struct.c exit_fs() */
void exit_fs(struct task_struct *tsk);

#endif
