/*
 * The first user process (pid 1): fds 0, 1, 2 on /dev/console, then the
 * program from the command line (init=..., default /bin/init).
 * Linux: init/main.c kernel_init(), console_on_rootfs().
 */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/fs_struct.h>
#include <pollux/signal.h>
#include <pollux/kernel.h>
#include <pollux/printk.h>

void start_init(char *const argv[])
{
	static char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct task_struct *t = alloc_task("init");
	struct file *console;
	int err;

	BUG_ON(!t);
	t->files = files_alloc();
	t->fs = copy_fs_struct(NULL);
	t->sighand = sighand_alloc(NULL);
	t->signal = alloc_signal_struct();
	t->pgid = t->sid = t->pid;	/* init leads the first session */
	console = filp_open("/dev/console", O_RDWR, 0, &err);
	if (!t->files || !t->fs || !t->sighand || !t->signal || !console)
		panic("cannot set up init (console: %d)", err);
	t->signal->rlim_nofile.rlim_cur = NR_OPEN_DEFAULT;
	t->signal->rlim_nofile.rlim_max = NR_OPEN_HARD;
	for (int fd = 0; fd < 3; fd++)
		files_replace(t->files, fd, fd ? get_file(console) : console, false);
	err = do_execve(t, argv[0], (const char *const *)argv,
			(const char *const *)envp, true);
	if (err)
		panic("cannot run init %s: error %d", argv[0], err);
	t->tgid = t->pid;
	t->group_leader = t;
	t->exit_signal = SIGCHLD;
	refcount_set(&t->signal->sigcnt, 1);
	atomic_set(&t->signal->live, 1);
	t->signal->nr_threads = 1;
	t->signal->curr_target = t;
	list_add_tail(&t->thread_node, &t->signal->thread_head);
	t->parent = current;	/* the idle task */
	list_add_tail(&t->sibling, &current->children);
	printk("starting init: %s\n", argv[0]);
	wake_up_process(t);
}
