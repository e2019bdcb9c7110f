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
	spin_lock_init(&fs->lock);
	fs->users = 1;
	fs->umask = old ? old->umask : 0022;
	strlcpy(fs->cwd, old ? old->cwd : "/", sizeof(fs->cwd));
	return fs;
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs;
	bool kill = false;

	/* Linux: fs/fs_struct.c exit_fs() — task_lock against a reader of
	 * tsk->fs, fs->lock against another thread's exit on another CPU
	 * (a lost decrement leaked the fs_struct: the fuzzer, 4 CPUs) */
	task_lock(tsk);
	fs = tsk->fs;
	tsk->fs = NULL;
	if (fs) {
		spin_lock(&fs->lock);
		kill = !--fs->users;
		spin_unlock(&fs->lock);
	}
	task_unlock(tsk);
	if (kill)
		kfree(fs);
}
