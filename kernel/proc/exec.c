/*
 * execve: load a static ELF64 executable (ET_EXEC, or a static-pie:
 * ET_DYN without an interpreter, which relocates itself) into a fresh
 * address space and build Linux's initial stack.  Linux: fs/exec.c, fs/binfmt_elf.c
 * (load_elf_binary, create_elf_tables), without interpreters.
 *
 * The initial stack, from high addresses down (as Linux lays it out):
 *   the filename, the environment strings, the argument strings,
 *   16 random bytes (AT_RANDOM), "x86_64" (AT_PLATFORM), padding,
 *   auxv pairs ending with AT_NULL, NULL, envp[], NULL, argv[], argc <- rsp
 * rsp is 16-byte aligned at the entry point.
 */
#include <pollux/sched.h>
#include <pollux/fs.h>
#include <pollux/pid.h>
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/auxv.h>
#include <uapi/limits.h>

#define STACK_TOP USER_STACK_TOP
#define STACK_SIZE (128 * 1024UL)	/* mapped at exec; the rest on demand */
#define MAX_ARG_STRLEN (128 * 1024)	/* all strings together, here */
#define MAX_ARGS 1024
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1
#define PT_INTERP 3
/* Where a static-pie (ET_DYN, no interpreter) is loaded: Linux's
 * ELF_ET_DYN_BASE for x86-64, without the randomisation. */
#define ELF_ET_DYN_BASE 0x0000555555554000UL
#define PF_X 1
#define PF_W 2

struct elf64_hdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* What execve copied out of the caller before the point of no return. */
struct linux_binprm {
	const char *filename;
	char *strings;		/* argv then envp strings, NUL-separated */
	size_t strings_len;
	int argc, envc;
	struct inode *inode;	/* the program's file */
	size_t size;
	struct elf64_hdr eh;	/* its ELF header */
	struct elf64_phdr *phdrs;	/* and program headers (kmalloc'd) */
	u64 load_bias;		/* 0 for ET_EXEC, ELF_ET_DYN_BASE for static-pie */
	struct mm_struct *mm;
	u64 phdr_addr;
};

/* Reads the ELF header and the program headers (at most 64 KiB of
 * them, as Linux's elf_read_phdrs()).  Linux: load_elf_binary()'s checks */
static int check_elf(struct linux_binprm *b)
{
	const struct elf64_hdr *eh = &b->eh;
	size_t phsize;

	if (ramfs_read_data(b->inode, &b->eh, sizeof(b->eh), 0) < sizeof(*eh) ||
	    memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->e_ident[4] != 2 || eh->e_machine != 62 ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN))
		return -ENOEXEC;	/* 64-bit, x86-64, executable or PIE */
	if (eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phoff + (u64)eh->e_phnum * sizeof(struct elf64_phdr) > b->size)
		return -ENOEXEC;
	phsize = eh->e_phnum * sizeof(struct elf64_phdr);
	if (phsize > 65536)
		return -ENOEXEC;
	if (!(b->phdrs = kmalloc(phsize ? phsize : 1)))
		return -ENOMEM;
	ramfs_read_data(b->inode, b->phdrs, phsize, eh->e_phoff);
	return 0;
}

/* Copies n bytes of the file at off to vaddr in the new mm, through a
 * page of kernel memory.  Linux maps the file's pages instead
 * (elf_map()), which a private file mapping in Pollux could do too. */
static int copy_segment(struct linux_binprm *b, u64 vaddr, u64 off, u64 n)
{
	void *page = get_zeroed_page();

	if (!page)
		return -ENOMEM;
	for (u64 done = 0, chunk; done < n; done += chunk) {
		chunk = MIN(n - done, PAGE_SIZE);
		ramfs_read_data(b->inode, page, chunk, off + done);
		mm_write(b->mm, vaddr + done, page, chunk);
	}
	free_page(page);
	return 0;
}

/* Maps and fills one PT_LOAD segment.  Linux: elf_load() */
static int load_segment(struct linux_binprm *b, const struct elf64_phdr *ph)
{
	u64 vaddr = ph->p_vaddr + b->load_bias;
	u64 start = ALIGN_DOWN(vaddr, PAGE_SIZE);
	u64 end = ALIGN_UP(vaddr + ph->p_memsz, PAGE_SIZE);
	u64 flags = (ph->p_flags & PF_W ? PTE_W : 0) |
		    (ph->p_flags & PF_X ? 0 : pte_nx);
	int err;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset + ph->p_filesz > b->size ||
	    end > STACK_TOP - USER_STACK_MAX || end < start)
		return -ENOEXEC;
	err = mm_map_zeroed(b->mm, start, end, flags);
	if (err)
		return err;
	err = copy_segment(b, vaddr, ph->p_offset, ph->p_filesz);
	if (err)
		return err;
	if (ph->p_offset <= b->eh.e_phoff &&
	    b->eh.e_phoff < ph->p_offset + ph->p_filesz)
		b->phdr_addr = vaddr + b->eh.e_phoff - ph->p_offset;
	if (end > b->mm->start_brk)
		b->mm->start_brk = b->mm->brk = end;
	return 0;
}

static int load_elf(struct linux_binprm *b)
{
	const struct elf64_phdr *ph = b->phdrs;
	int err;

	/* A dynamically linked program names its interpreter (ld.so); Pollux
	 * has none, so, as Linux with a missing interpreter: ENOENT. */
	for (int i = 0; i < b->eh.e_phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			return -ENOENT;
	b->load_bias = b->eh.e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
	b->mm = mm_alloc();
	if (!b->mm)
		return -ENOMEM;
	b->mm->mmap_base = 0x0000100000000000UL;
	for (int i = 0; i < b->eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		err = load_segment(b, &ph[i]);
		if (err)
			return err;
	}
	return mm_map_zeroed(b->mm, STACK_TOP - STACK_SIZE, STACK_TOP, pte_nx | PTE_W);
}

/* Pushes n bytes below *sp in the new stack; returns their address. */
static u64 push_bytes(struct linux_binprm *b, u64 *sp, const void *src, size_t n)
{
	*sp -= n;
	mm_write(b->mm, *sp, src, n);
	return *sp;
}

/* Linux: fs/binfmt_elf.c create_elf_tables() */
static u64 create_elf_tables(struct linux_binprm *b)
{
	u64 sp = STACK_TOP, strings, random, platform, *vec;
	u64 random_bytes[2] = { rdtsc() * 6364136223846793005UL + jiffies,
				rdtsc() ^ 0x9e3779b97f4a7c15UL };
	size_t nvec = 1 + b->argc + 1 + b->envc + 1 + 2 * 9, i = 0;
	const char *s;

	push_bytes(b, &sp, b->filename, strlen(b->filename) + 1);
	strings = push_bytes(b, &sp, b->strings, b->strings_len);
	random = push_bytes(b, &sp, random_bytes, 16);
	platform = push_bytes(b, &sp, "x86_64", 7);
	sp = ALIGN_DOWN(sp - nvec * 8, 16);
	vec = kmalloc(nvec * 8);
	if (!vec)
		return 0;
	vec[i++] = b->argc;
	s = b->strings;
	for (int n = 0; n < b->argc; n++, s += strlen(s) + 1)
		vec[i++] = strings + (s - b->strings);
	b->mm->arg_start = strings;
	b->mm->arg_end = strings + (s - b->strings);
	vec[i++] = 0;
	for (int n = 0; n < b->envc; n++, s += strlen(s) + 1)
		vec[i++] = strings + (s - b->strings);
	vec[i++] = 0;
#define AUX(type, val) do { vec[i++] = (type); vec[i++] = (val); } while (0)
	AUX(AT_PHDR, b->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, b->eh.e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_ENTRY, b->eh.e_entry + b->load_bias);
	AUX(AT_RANDOM, random);
	AUX(AT_PLATFORM, platform);
	AUX(AT_EXECFN, STACK_TOP - strlen(b->filename) - 1);
	AUX(AT_NULL, 0);
#undef AUX
	mm_write(b->mm, sp, vec, i * 8);
	kfree(vec);
	return sp;
}

/* Copies a user argv/envp vector's strings into b->strings. */
static int copy_strings(struct linux_binprm *b, const char __user *const __user *uv,
			int *count)
{
	for (*count = 0; uv; (*count)++) {
		const char __user *us;
		long len, max = MAX_ARG_STRLEN - b->strings_len;

		if (get_user(us, &uv[*count]))
			return -EFAULT;
		if (!us)
			break;
		if (*count >= MAX_ARGS)
			return -E2BIG;
		len = strncpy_from_user(b->strings + b->strings_len, us, max);
		if (len == max)		/* no room for its NUL */
			return -E2BIG;
		if (len < 0)
			return len;
		b->strings_len += len + 1;
	}
	return 0;
}

/* The same for a kernel vector (init's argv from the command line). */
static int copy_kernel_strings(struct linux_binprm *b, char *const *v,
			       int *count)
{
	for (*count = 0; v && v[*count]; (*count)++) {
		size_t len = strlen(v[*count]);

		if (b->strings_len + len + 1 > MAX_ARG_STRLEN)
			return -E2BIG;
		memcpy(b->strings + b->strings_len, v[*count], len + 1);
		b->strings_len += len + 1;
	}
	return 0;
}

static int open_image(struct linux_binprm *b)
{
	int err;
	struct dentry *d = path_lookup(b->filename, &err);

	if (!d)
		return err;
	if (S_ISDIR(d->d_inode->i_mode) || !S_ISREG(d->d_inode->i_mode))
		return -EACCES;
	err = may_access(d->d_inode, MAY_EXEC);
	if (err)
		return err;
	b->inode = d->d_inode;
	b->size = d->d_inode->i_size;
	return check_elf(b);
}

/* The process's pidfds now name tsk; a pidfd of tsk's own tid sees
 * it gone.  Linux: kernel/pid.c transfer_pid() */
static void transfer_pid(struct task_struct *old, struct task_struct *tsk)
{
	pidfs_exit(tsk);
	tsk->thread_pid = old->thread_pid;
	old->thread_pid = NULL;
	if (tsk->thread_pid)
		tsk->thread_pid->task = tsk;
}

/* An exec from a thread that is not the leader: it takes the leader's
 * place (its pid, its parent, its pidfds) and the zombie leader goes.
 * Linux: the !thread_group_leader() half of fs/exec.c de_thread() */
static void take_leader_place(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader, *t;
	pid_t tid = tsk->pid;
	unsigned long flags;

	/* Linux: de_thread()'s write_lock_irq(&tasklist_lock), retried
	 * until the old leader is a zombie: past its live decrement it may
	 * not yet have reached exit_notify() (on another CPU, or
	 * preempted), which, finding it no longer the leader, would make it
	 * TASK_DEAD and have its CPU release it too (a refcount underflow
	 * in free_task) */
	for (;;) {
		spin_lock_irqsave(&tasklist_lock, flags);
		if (leader->state == TASK_ZOMBIE)
			break;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		schedule();	/* runnable: lets the leader get there */
	}
	tsk->pid = leader->pid;
	leader->pid = tid;
	tsk->parent = leader->parent;
	tsk->exit_signal = leader->exit_signal;
	leader->exit_signal = -1;
	list_move(&tsk->sibling, &leader->sibling);	/* in the parent's children */
	list_del_init(&leader->sibling);
	for_each_thread(tsk, t)
		t->group_leader = tsk;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	transfer_pid(leader, tsk);
	release_task(leader);
}

/*
 * execve in a thread group: every other thread ends (with status 0),
 * then the caller is the only one, with the process id.  -EAGAIN if an
 * exit_group or another exec came first (its SIGKILL ends us).
 * Linux: fs/exec.c de_thread()
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;

	if (atomic_read(&sig->live) == 1 && thread_group_leader(tsk))
		return 0;
	if (signal_group_exit(sig))
		return -EAGAIN;
	spin_lock_irqsave(&tsk->sighand->siglock, flags);	/* the threads */
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	/* the last of them to exit wakes us (do_exit()) */
	while (atomic_read(&sig->live) > 1) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (atomic_read(&sig->live) > 1)
			schedule();
		set_current_state(TASK_RUNNING);
	}
	if (!thread_group_leader(tsk))
		take_leader_place(tsk);
	/* under siglock: an exiting thread may be waking us (do_exit()) */
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	sig->group_exec_task = NULL;
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	return 0;
}

/* A thread made with CLONE_FILES or CLONE_SIGHAND but not in our group
 * (a vfork or raw clone child) gets its own before exec changes them.
 * Linux: fs/exec.c unshare_sighand(), kernel/fork.c unshare_files() */
static int unshare_for_exec(struct task_struct *tsk)
{
	if (atomic_read(&tsk->files->count) > 1) {
		struct files_struct *files = dup_fd(tsk->files);

		if (!files)
			return -ENOMEM;
		swap_files(tsk, files);
	}
	if (refcount_read(&tsk->sighand->count) > 1) {
		struct sighand_struct *sh = sighand_alloc(tsk->sighand);

		if (!sh)
			return -ENOMEM;
		__cleanup_sighand(tsk->sighand);
		tsk->sighand = sh;
	}
	return 0;
}

/* Past the point of no return: the task becomes the new program. */
static void begin_new_exec(struct task_struct *t, struct linux_binprm *b, u64 sp)
{
	struct mm_struct *old = t->mm;
	const char *base = strrchr(b->filename, '/');

	/* the robust list and clear_child_tid are in the old memory, still
	 * the active one (Linux: exec_mmap()) */
	if (t == current)
		exec_mm_release(t, old);
	/* the mm and the loaded page tables change together (Linux:
	 * exec_mmap()'s task_lock(), exit_mm() says why) */
	preempt_disable();
	task_lock(t);		/* get_task_mm() of a /proc reader */
	t->mm = b->mm;
	task_unlock(t);
	if (t == current)
		mm_activate(t->mm);
	preempt_enable();
	if (t == current) {
		mmput(old);
		do_close_on_exec(t->files);
		flush_signal_handlers(t);
	}
	strlcpy(t->comm, base ? base + 1 : b->filename, sizeof(t->comm));
	memset(t->tf, 0, sizeof(*t->tf));
	t->tf->rip = b->eh.e_entry + b->load_bias;
	t->tf->rsp = sp;
	t->tf->cs = USER_CS;
	t->tf->ss = USER_DS;
	t->tf->rflags = 0x202;	/* IF */
	fpu_init_state(&t->fpu);
	t->fs_base = 0;		/* the new program sets up its own TLS */
	t->gs_base = 0;
	t->sas_ss_sp = t->sas_ss_size = 0;	/* and its own altstack */
	t->sas_ss_flags = 0;
	if (t == current) {
		fpu_restore(&t->fpu);
		wrmsr(MSR_FS_BASE, 0);
		wrmsr(MSR_KERNEL_GS_BASE, 0);	/* the user's, in the kernel */
	}
}

/* Loads path into task t (current for execve; a new task for init). */
int do_execve(struct task_struct *t, const char *path,
	      const char __user *const __user *argv,
	      const char __user *const __user *envp, bool kernel_args)
{
	struct linux_binprm b = { .filename = path };
	int err;
	u64 sp;

	b.strings = kmalloc(MAX_ARG_STRLEN);
	if (!b.strings)
		return -ENOMEM;
	err = kernel_args ? copy_kernel_strings(&b, (char *const *)argv, &b.argc)
			  : copy_strings(&b, argv, &b.argc);
	/* a NULL or empty argv gets one empty string: argc is never 0
	 * (Linux 5.18 and later: fs/exec.c do_execveat_common()) */
	if (!err && !b.argc) {
		b.strings[b.strings_len++] = '\0';
		b.argc = 1;
	}
	if (!err)
		err = kernel_args ? copy_kernel_strings(&b, (char *const *)envp, &b.envc)
				  : copy_strings(&b, envp, &b.envc);
	if (!err)
		err = open_image(&b);
	if (!err)
		err = load_elf(&b);
	if (!err && !(sp = create_elf_tables(&b)))
		err = -ENOMEM;
	if (!err && t == current)
		err = de_thread(t);
	if (!err && t == current)
		err = unshare_for_exec(t);
	if (err) {
		if (b.mm)
			mm_free(b.mm);
	} else {
		begin_new_exec(t, &b, sp);
	}
	kfree(b.strings);
	kfree(b.phdrs);
	return err;
}

long sys_execve(const char __user *upath, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	int err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = do_execve(current, path, argv, envp, false);
	kfree(path);
	return err;
}
