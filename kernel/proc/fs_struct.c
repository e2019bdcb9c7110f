/* The cwd and umask, shared under CLONE_FS.  Linux: fs/fs_struct.c */
#include <pollux/fs_struct.h>
#include <pollux/mm.h>
#include <pollux/string.h>

/* Linux: fs/fs_struct.c copy_fs_struct() (init_fs from NULL) */
struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old ? old->umask : 0022;
	strlcpy(fs->cwd, old ? old->cwd : "/", sizeof(fs->cwd));
	return fs;
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	tsk->fs = NULL;
	if (fs && --fs->users == 0)
		kfree(fs);
}
