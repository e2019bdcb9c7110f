/*
 * Signals: sending, blocking, and delivery on the way back to user mode.
 * A handled signal gets Linux's x86-64 rt_sigframe on the user stack:
 * the return address (sa_restorer, which calls rt_sigreturn), a ucontext
 * with the interrupted registers and signal mask, the siginfo, and the
 * FPU state.  Linux: kernel/signal.c, arch/x86/kernel/signal.c.
 */
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <pollux/timer.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/time.h>
#include <uapi/unistd.h>
#include <uapi/wait.h>

/* Signals whose default action is to do nothing.  (SIGCONT's real work,
 * resuming a stopped task, is done when it is sent: prepare_signal().) */
#define SIG_KERNEL_IGNORE_MASK                                          \
	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) |       \
	 sigmask(SIGCONT))
/* Signals whose default action is to stop the task. */
#define SIG_KERNEL_STOP_MASK                                            \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) |       \
	 sigmask(SIGTTOU))
#define UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct sighand *copy_sighand(struct sighand *old)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (!sh)
		return NULL;
	if (old)
		memcpy(sh->action, old->action, sizeof(sh->action));
	/* a child starts with no timer armed (POSIX) */
	INIT_LIST_HEAD(&sh->real_timer.entry);
	return sh;
}

/* execve: handled signals go back to default; ignored stay ignored. */
void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct kernel_sigaction *ka = &t->sighand->action[i];

		if (ka->sa_handler != SIG_IGN)
			memset(ka, 0, sizeof(*ka));
	}
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	__sighandler_t h = t->sighand->action[sig - 1].sa_handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && (SIG_KERNEL_IGNORE_MASK & sigmask(sig)));
}

/*
 * A stop or continue the parent hears of: SIGCHLD with CLD_STOPPED or
 * CLD_CONTINUED (unless it set SA_NOCLDSTOP), and a wake-up of its wait4.
 * Linux: kernel/signal.c do_notify_parent_cldstop()
 */
static void do_notify_parent_cldstop(struct task_struct *t, int why, int sig)
{
	struct task_struct *parent = t->parent;
	struct kernel_siginfo info = { .si_code = why };

	info.fields.proc.pid = t->pid;
	info.fields.proc.status = sig;
	if (!(parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		send_sig_info(SIGCHLD, &info, parent);
	wake_up_all(&parent->wait_chldexit);
}

/*
 * What sending sig does before (and whether or not) it is queued: a stop
 * signal cancels a pending SIGCONT; SIGCONT cancels pending stops and
 * resumes a stopped task at once, even if it is blocked or ignored.
 * Linux: kernel/signal.c prepare_signal()
 */
static void prepare_signal(int sig, struct task_struct *t)
{
	if (SIG_KERNEL_STOP_MASK & sigmask(sig)) {
		t->sigpending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		t->sigpending &= ~SIG_KERNEL_STOP_MASK;
		if (t->state == TASK_STOPPED) {
			t->jobctl = (t->jobctl & ~JOBCTL_STOP_REPORT) |
				    JOBCTL_CONT_REPORT;
			do_notify_parent_cldstop(t, CLD_CONTINUED, SIGCONT);
			wake_up_state(t, TASK_STOPPED);
		}
	}
}

/* Linux: send_signal_locked() + signal_wake_up(); interrupts are off
 * because the timer interrupt sends SIGALRM. */
void send_sig_info(int sig, const struct kernel_siginfo *info,
		   struct task_struct *t)
{
	unsigned long flags = local_irq_save();

	prepare_signal(sig, t);
	/* an ignored, unblocked signal is dropped at once, as Linux does;
	 * one already pending keeps its siginfo (legacy_queue()) */
	if (!(sig_ignored(t, sig) && !(t->blocked & sigmask(sig))) &&
	    !(t->sigpending & sigmask(sig))) {
		t->sighand->info[sig - 1] = *info;
		t->sigpending |= sigmask(sig);
		if (t->state == TASK_INTERRUPTIBLE && signal_pending(t))
			wake_up_process(t);
		if (sig == SIGKILL)	/* a stopped task must wake to die */
			wake_up_state(t, TASK_STOPPED);
	}
	local_irq_restore(flags);
}

/* The siginfo of a signal current sends by itself (kill, SIGPIPE). */
static struct kernel_siginfo info_from_current(int code)
{
	struct kernel_siginfo info = { .si_code = code };

	info.fields.proc.pid = current->pid;
	info.fields.proc.uid = 0;	/* everyone is root */
	return info;
}

void send_sig(int sig, struct task_struct *t)
{
	struct kernel_siginfo info = info_from_current(SI_USER);

	send_sig_info(sig, &info, t);
}

/* tsk->exit_code is a wait status: the exit code in bits 8-15, or the
 * killing signal in bits 0-6. */
void do_notify_parent(struct task_struct *tsk)
{
	struct kernel_siginfo info = { .si_code = CLD_EXITED };
	int status = tsk->exit_code;

	info.fields.proc.pid = tsk->pid;
	if (WIFEXITED(status)) {
		info.fields.proc.status = WEXITSTATUS(status);
	} else {
		info.si_code = CLD_KILLED;
		info.fields.proc.status = WTERMSIG(status);
	}
	send_sig_info(SIGCHLD, &info, tsk->parent);
}

/* si_code and si_addr of a CPU exception, as Linux's trap handlers set
 * them (arch/x86/kernel/traps.c, mm/fault.c). */
static struct kernel_siginfo fault_info(const struct trapframe *tf)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	switch (tf->vector) {
	case 14:	/* page fault: error bit 0 says the page was present */
		info.si_code = (tf->error & 1) ? SEGV_ACCERR : SEGV_MAPERR;
		info.fields.addr = read_cr2();
		break;
	case 0:
		info.si_code = FPE_INTDIV;
		info.fields.addr = tf->rip;
		break;
	case 6:
		info.si_code = ILL_ILLOPN;
		info.fields.addr = tf->rip;
		break;
	case 17:
		info.si_code = BUS_ADRALN;
		info.fields.addr = tf->rip;
		break;
	}
	return info;	/* #GP, int3...: SI_KERNEL, no address */
}

/* Linux: force_sig_fault() + force_sig_info_to_task() */
void force_sig_fault(int sig, struct trapframe *tf, const char *what)
{
	struct kernel_sigaction *ka = &current->sighand->action[sig - 1];
	struct kernel_siginfo info = fault_info(tf);

	/* a fault that is blocked or ignored would loop: kill, as Linux does */
	if ((current->blocked & sigmask(sig)) || ka->sa_handler == SIG_IGN) {
		current->blocked &= ~sigmask(sig);
		ka->sa_handler = SIG_DFL;
	}
	if (ka->sa_handler == SIG_DFL)	/* Linux: show_unhandled_signals */
		printk("pid %d (%s): %s at rip %lx, address %lx: signal %d\n",
		       current->pid, current->comm, what, tf->rip,
		       info.fields.addr, sig);
	/* the fault's own siginfo replaces that of a pending kill */
	current->sigpending &= ~sigmask(sig);
	send_sig_info(sig, &info, current);
}

/* Linux: include/uapi/asm/sigcontext.h, ucontext.h, signal.c rt_sigframe */
struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2, fpstate;
	u64 reserved1[8];
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct { u64 ss_sp; s32 ss_flags; s32 pad; u64 ss_size; } uc_stack;
	struct sigcontext uc_mcontext;
	u64 uc_sigmask;
};

struct siginfo {
	s32 si_signo, si_errno, si_code, pad;
	union sigfields fields;
	u8 rest[128 - 16 - sizeof(union sigfields)];
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	struct siginfo info;
	struct fpu_state fpstate;
};

static void save_sigcontext(struct sigcontext *sc, const struct trapframe *tf)
{
	sc->r8 = tf->r8; sc->r9 = tf->r9; sc->r10 = tf->r10; sc->r11 = tf->r11;
	sc->r12 = tf->r12; sc->r13 = tf->r13; sc->r14 = tf->r14; sc->r15 = tf->r15;
	sc->rdi = tf->rdi; sc->rsi = tf->rsi; sc->rbp = tf->rbp; sc->rbx = tf->rbx;
	sc->rdx = tf->rdx; sc->rax = tf->rax; sc->rcx = tf->rcx; sc->rsp = tf->rsp;
	sc->rip = tf->rip; sc->eflags = tf->rflags; sc->cs = tf->cs; sc->ss = tf->ss;
	sc->err = tf->error; sc->trapno = tf->vector;
}

static void restore_sigcontext(struct trapframe *tf, const struct sigcontext *sc)
{
	tf->r8 = sc->r8; tf->r9 = sc->r9; tf->r10 = sc->r10; tf->r11 = sc->r11;
	tf->r12 = sc->r12; tf->r13 = sc->r13; tf->r14 = sc->r14; tf->r15 = sc->r15;
	tf->rdi = sc->rdi; tf->rsi = sc->rsi; tf->rbp = sc->rbp; tf->rbx = sc->rbx;
	tf->rdx = sc->rdx; tf->rax = sc->rax; tf->rcx = sc->rcx; tf->rsp = sc->rsp;
	tf->rip = sc->rip;
	/* user may change only the arithmetic flags, TF, DF, AC */
	tf->rflags = (tf->rflags & ~0x40dd5UL) | (sc->eflags & 0x40dd5UL);
	tf->vector = 0;	/* not a syscall any more: no restart */
}

/* ------------------------------------------------ alternate signal stack */

/* Whether sp lies on current's alternate stack (which grows down from
 * sas_ss_sp + sas_ss_size).  Linux: include/linux/sched/signal.h */
static bool on_sig_stack(u64 sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

static int sas_ss_flags(u64 sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* sp is the user stack pointer: the altstack cannot change under a
 * handler running on it.  Linux: kernel/signal.c do_sigaltstack() */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp)
{
	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void *)current->sas_ss_sp;
		oss->ss_size = current->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) |
				(current->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int mode = ss->ss_flags & ~SS_FLAG_BITS;
		u64 ss_sp = (u64)ss->ss_sp, ss_size = ss->ss_size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE)
			ss_sp = ss_size = 0;
		else if (ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		current->sas_ss_sp = ss_sp;
		current->sas_ss_size = ss_size;
		current->sas_ss_flags = ss->ss_flags;
	}
	return 0;
}

/* Linux: kernel/signal.c SYSCALL_DEFINE2(sigaltstack) */
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, &old, current->tf->rsp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* Builds the frame and points the registers at the handler.
 * Linux: arch/x86/kernel/signal_64.c x64_setup_rt_frame() */
static int setup_rt_frame(int sig, struct kernel_sigaction *ka,
			  const struct kernel_siginfo *info,
			  struct trapframe *tf, u64 oldmask)
{
	struct rt_sigframe *frame, kf;
	u64 sp = tf->rsp - 128;	/* skip the red zone */

	memset(&kf, 0, sizeof(kf));
	/* the frame records the altstack as it was: sigreturn restores it */
	kf.uc.uc_stack.ss_sp = current->sas_ss_sp;
	kf.uc.uc_stack.ss_flags = sas_ss_flags(tf->rsp) | current->sas_ss_flags;
	kf.uc.uc_stack.ss_size = current->sas_ss_size;
	/* SA_ONSTACK: onto the alternate stack, unless already there
	 * (Linux: arch/x86/kernel/signal.c get_sigframe()) */
	if ((ka->sa_flags & SA_ONSTACK) && sas_ss_flags(tf->rsp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		if (current->sas_ss_flags & SS_AUTODISARM)
			current->sas_ss_sp = current->sas_ss_size = 0;
	}
	sp = ALIGN_DOWN(sp - sizeof(kf), 16) - 8;	/* as after a call */
	frame = (struct rt_sigframe *)sp;
	kf.pretcode = (u64)ka->sa_restorer;
	save_sigcontext(&kf.uc.uc_mcontext, tf);
	kf.uc.uc_mcontext.oldmask = oldmask;
	kf.uc.uc_mcontext.fpstate = (u64)&frame->fpstate;
	kf.uc.uc_sigmask = oldmask;
	kf.info.si_signo = sig;
	kf.info.si_code = info->si_code;
	kf.info.fields = info->fields;
	fpu_save(&current->fpu);
	kf.fpstate = current->fpu;
	if (copy_to_user(frame, &kf, sizeof(kf)))
		return -EFAULT;
	tf->rdi = sig;
	tf->rsi = (u64)&frame->info;
	tf->rdx = (u64)&frame->uc;
	tf->rax = 0;
	tf->rsp = sp;
	tf->rip = (u64)ka->sa_handler;
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct trapframe *tf = current->tf;
	struct rt_sigframe *frame = (struct rt_sigframe *)(tf->rsp - 8);
	struct rt_sigframe kf;

	if (copy_from_user(&kf, frame, sizeof(kf))) {
		do_exit(SIGSEGV);
	}
	restore_sigcontext(tf, &kf.uc.uc_mcontext);
	current->blocked = kf.uc.uc_sigmask & ~UNBLOCKABLE;
	{
		/* Linux: restore_altstack(): re-arms an SS_AUTODISARM stack;
		 * refused (and ignored) while still running on it */
		stack_t st = { (void *)kf.uc.uc_stack.ss_sp,
			       kf.uc.uc_stack.ss_flags, kf.uc.uc_stack.ss_size };

		do_sigaltstack(&st, NULL, tf->rsp);
	}
	current->fpu = kf.fpstate;
	fpu_restore(&current->fpu);
	return tf->rax;
}

/* A syscall interrupted by a signal: restart it or fail with EINTR.
 * Linux: arch/x86/kernel/signal.c handle_signal() */
static void syscall_restart(struct trapframe *tf, struct kernel_sigaction *ka)
{
	long ret = tf->rax;

	if (tf->vector != VECTOR_SYSCALL)
		return;
	if (ret == -ERESTARTNOHAND || ret == -ERESTARTSYS ||
	    ret == -ERESTARTNOINTR || ret == -ERESTART_RESTARTBLOCK) {
		if (ret == -ERESTARTNOINTR ||
		    (ret == -ERESTARTSYS && (ka->sa_flags & SA_RESTART))) {
			tf->rax = tf->error;	/* the syscall number */
			tf->rip -= 2;		/* re-execute "syscall" */
		} else {
			tf->rax = -EINTR;
		}
	}
}

/* No handler ran: every restartable syscall is restarted; one that
 * keeps state in current->restart_block through restart_syscall. */
static void syscall_restart_nohandler(struct trapframe *tf)
{
	long ret = tf->rax;

	if (tf->vector != VECTOR_SYSCALL)
		return;
	if (ret == -ERESTARTNOHAND || ret == -ERESTARTSYS ||
	    ret == -ERESTARTNOINTR) {
		tf->rax = tf->error;
		tf->rip -= 2;
	} else if (ret == -ERESTART_RESTARTBLOCK) {
		tf->rax = __NR_restart_syscall;
		tf->rip -= 2;
	}
}

static int next_signal(struct task_struct *t)
{
	u64 pending = t->sigpending & ~t->blocked;

	return pending ? __builtin_ctzl(pending) + 1 : 0;
}

/*
 * The default action of SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: tell the
 * parent, then sleep in TASK_STOPPED until SIGCONT (or SIGKILL) wakes us.
 * Nothing can send SIGCONT between the notice and schedule(): the kernel
 * is not preempted and no interrupt sends it.
 * Linux: kernel/signal.c do_signal_stop() — one thread, no group stop
 */
static void do_signal_stop(int sig)
{
	current->stop_code = (sig << 8) | 0x7f;
	current->jobctl = (current->jobctl & ~JOBCTL_CONT_REPORT) |
			  JOBCTL_STOP_REPORT;
	set_current_state(TASK_STOPPED);
	do_notify_parent_cldstop(current, CLD_STOPPED, sig);
	schedule();
}

/*
 * A process group is orphaned when no member has a parent in another
 * group of the same session: no shell is left to resume it, so the
 * terminal's stop signals are discarded (POSIX).  Linux: kernel/exit.c
 * will_become_orphaned_pgrp()
 */
static bool is_current_pgrp_orphaned(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		struct task_struct *p = t->parent;

		if (t->pgid != current->pgid || t->state == TASK_ZOMBIE || !p)
			continue;
		if (p->pgid != t->pgid && p->sid == t->sid)
			return false;
	}
	return true;
}

/* Linux: arch/x86/kernel/signal.c arch_do_signal_or_restart() */
void do_signal(struct trapframe *tf)
{
	int sig;
	u64 oldmask = current->restore_sigmask ? current->saved_sigmask
					       : current->blocked;

	while ((sig = next_signal(current))) {
		struct kernel_sigaction *ka = &current->sighand->action[sig - 1];
		struct kernel_siginfo info = current->sighand->info[sig - 1];

		current->sigpending &= ~sigmask(sig);
		if (sig_ignored(current, sig))
			continue;
		if (ka->sa_handler == SIG_DFL &&
		    (SIG_KERNEL_STOP_MASK & sigmask(sig))) {
			/* Linux: get_signal(): SIGSTOP always stops */
			if (sig == SIGSTOP || !is_current_pgrp_orphaned())
				do_signal_stop(sig);
			continue;
		}
		if (ka->sa_handler == SIG_DFL)
			do_exit(sig);	/* the default action: terminate */
		syscall_restart(tf, ka);
		if (setup_rt_frame(sig, ka, &info, tf, oldmask))
			do_exit(SIGSEGV);
		current->blocked |= ka->sa_mask;
		if (!(ka->sa_flags & SA_NODEFER))
			current->blocked |= sigmask(sig);
		current->blocked &= ~UNBLOCKABLE;
		if (ka->sa_flags & SA_RESETHAND)
			ka->sa_handler = SIG_DFL;
		current->restore_sigmask = false;
		return;
	}
	syscall_restart_nohandler(tf);
	if (current->restore_sigmask) {
		current->blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}

/*
 * Every deliverable signal gets its frame before the return, each on top
 * of the last, as in Linux (exit_to_user_mode_loop()): with SIGUSR1 and
 * SIGUSR2 pending, SIGUSR2's handler runs first, then returns into
 * SIGUSR1's.  Each round consumes a signal, so the loop ends.
 */
void exit_to_user_mode(struct trapframe *tf)
{
	current->tf = tf;
	for (;;) {
		while (need_resched)
			schedule();
		if (!signal_pending(current) && !current->restore_sigmask)
			return;
		do_signal(tf);
	}
}

long sys_rt_sigaction(int sig, const struct kernel_sigaction __user *act,
		      struct kernel_sigaction __user *oact, size_t sigsetsize)
{
	struct kernel_sigaction new, *ka;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (act && (UNBLOCKABLE & sigmask(sig))))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (oact && copy_to_user(oact, ka, sizeof(*ka)))
		return -EFAULT;
	if (act) {
		new.sa_mask &= ~UNBLOCKABLE;
		*ka = new;
		/* setting SIG_IGN discards a pending instance (POSIX) */
		if (sig_ignored(current, sig))
			current->sigpending &= ~sigmask(sig);
	}
	return 0;
}

long sys_rt_sigprocmask(int how, const u64 __user *set, u64 __user *oset,
			size_t sigsetsize)
{
	u64 new, old = current->blocked;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: new = old | new; break;
		case SIG_UNBLOCK: new = old & ~new; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
		current->blocked = new & ~UNBLOCKABLE;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(u64 __user *set, size_t sigsetsize)
{
	u64 pending = current->sigpending & current->blocked;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	return copy_to_user(set, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Sleeps until a signal the current mask lets through is pending. */
static void sleep_until_signal(void)
{
	for (;;) {
		/* state before the test: a signal in between still wakes us */
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* Linux: kernel/signal.c sigsuspend() */
long sys_rt_sigsuspend(const u64 __user *umask, size_t sigsetsize)
{
	u64 mask;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~UNBLOCKABLE;
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* Linux: kernel/signal.c sys_pause() */
long sys_pause(void)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

static bool valid_signal(int sig)
{
	return sig >= 0 && sig <= _NSIG;
}

/* sig 0 sends nothing: it only asks whether the target exists. */
static void send_from_current(int sig, int code, struct task_struct *t)
{
	struct kernel_siginfo info = info_from_current(code);

	if (sig)
		send_sig_info(sig, &info, t);
}

/*
 * pid > 0: that process (a zombie too, until it is reaped); 0: the
 * caller's process group; -1: every process but init and the caller;
 * < -1: the process group -pid.
 * Linux: kernel/signal.c kill_something_info()
 */
static bool kill_matches(struct task_struct *t, pid_t pid)
{
	if (pid > 0)
		return t->pid == pid;
	if (pid == 0)
		return t->pgid == current->pgid;
	if (pid < -1)
		return t->pgid == -pid;
	return t->pid != 1 && t != current;
}

/* A signal from the kernel to every member of a process group (the tty's
 * ^C, ^\); 0 or -ESRCH.  Linux: kernel/signal.c kill_pgrp() */
int kill_pgrp(pid_t pgrp, int sig)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };
	struct task_struct *t;
	int found = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0 || t->state == TASK_ZOMBIE || t->pgid != pgrp)
			continue;
		found++;
		send_sig_info(sig, &info, t);
	}
	return found ? 0 : -ESRCH;
}

long sys_kill(pid_t pid, int sig)
{
	struct task_struct *t;
	int found = 0;

	if (!valid_signal(sig))
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0 || t->state == TASK_DEAD || !kill_matches(t, pid))
			continue;
		found++;
		send_from_current(sig, SI_USER, t);
	}
	return found ? 0 : -ESRCH;
}

/* One thread per process: a thread id is a pid, and its thread group
 * id too; tgid 0 matches any.  Linux: kernel/signal.c do_tkill() */
static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *t;

	if (!valid_signal(sig) || tid <= 0)
		return -EINVAL;
	t = find_task(tid);
	if (!t || (tgid && tgid != tid))
		return -ESRCH;
	send_from_current(sig, SI_TKILL, t);
	return 0;
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

long sys_tkill(pid_t tid, int sig)
{
	return do_tkill(0, tid, sig);
}

/*
 * epoll_pwait, ppoll and pselect6 sleep with the caller's mask in place
 * of the blocked set: blocked becomes *umask, the old mask waits in
 * saved_sigmask (SIGKILL and SIGSTOP stay unblockable).
 * Linux: kernel/signal.c set_user_sigmask()
 */
int set_user_sigmask(const u64 __user *umask, size_t sigsetsize)
{
	u64 kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = kmask & ~UNBLOCKABLE;
	return 0;
}

/*
 * After the wait.  Interrupted: the mask stays until the signal is
 * delivered (its handler runs under the temporary mask; do_signal() puts
 * saved_sigmask in the frame, so sigreturn restores it).  Otherwise it
 * is restored at once, so a signal unblocked only by the temporary mask
 * stays pending.  Linux: include/linux/sched/signal.h
 * restore_saved_sigmask_unless()
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->restore_sigmask)
		return;
	current->restore_sigmask = false;
	current->blocked = current->saved_sigmask;
}

/* Takes the lowest pending signal of set off the queue, its siginfo in
 * *info; 0 if none.  Linux: kernel/signal.c dequeue_signal() */
static int dequeue_signal(u64 set, struct siginfo *info)
{
	u64 pending = current->sigpending & set;
	int sig;

	if (!pending)
		return 0;
	sig = __builtin_ctzl(pending) + 1;
	current->sigpending &= ~sigmask(sig);
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = current->sighand->info[sig - 1].si_code;
	info->fields = current->sighand->info[sig - 1].fields;
	return sig;
}

/*
 * Waits for one of the signals in *uthese without running a handler:
 * they are unblocked only while we sleep, so one arriving wakes us and
 * is then taken off the queue here.  Any other signal ends the wait with
 * EINTR; the timeout with EAGAIN.  Linux: kernel/signal.c
 * do_sigtimedwait()
 */
long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize)
{
	struct siginfo info;
	struct timespec ts;
	u64 these, saved;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int sig;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		timeout = ts.tv_sec * HZ + (ts.tv_nsec + 999999) / 1000000;
		if (timeout)
			timeout++;	/* the tick in progress: never early */
	}
	sig = dequeue_signal(these, &info);
	if (!sig && timeout) {
		saved = current->blocked;
		current->blocked &= ~these;
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule_timeout(timeout);
		set_current_state(TASK_RUNNING);
		current->blocked = saved;
		sig = dequeue_signal(these, &info);
	}
	if (!sig)
		return signal_pending(current) ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
