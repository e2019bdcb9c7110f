/*
 * The x86-64 side of signal delivery: Linux's rt_sigframe on the user
 * stack (the return address sa_restorer, which calls rt_sigreturn; a
 * ucontext with the interrupted registers and signal mask; the siginfo;
 * the FPU state), rt_sigreturn, and syscall restart.
 * Linux: arch/x86/kernel/signal.c, signal_64.c.
 */
#include <pollux/signal.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/printk.h>
#include <uapi/errno.h>
#include <uapi/unistd.h>

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

/*
 * A user's FPU image for current, checked first: fxrstor of an MXCSR
 * with a bit the CPU reserves raises #GP, here in the kernel.  (QEMU's
 * TCG masks the bits instead: the self-test checks the refusal.)  A
 * refused image leaves current the initial state, as Linux's
 * fpu__clear_user_states().  Linux: arch/x86/kernel/fpu/signal.c
 * __fpu_restore_sig() ("Reject invalid MXCSR values")
 */
int fpu_restore_sig(const struct fpu_state *f)
{
	u32 mxcsr = *(const u32 *)&f->data[FXSAVE_MXCSR];
	int err = 0;

	if (mxcsr & ~mxcsr_feature_mask) {
		fpu_init_state(&current->fpu);
		err = -EINVAL;
	} else {
		current->fpu = *f;
	}
	fpu_restore(&current->fpu);
	return err;
}

/*
 * The registers, mask, FPU state and alternate stack that the handler's
 * frame holds, as it may have edited them.  A frame that cannot be read
 * or restored is a SIGSEGV, with what was restored so far in place.
 * Linux: arch/x86/kernel/signal_64.c SYSCALL_DEFINE0(rt_sigreturn)
 */
long sys_rt_sigreturn(void)
{
	struct trapframe *tf = current->tf;
	struct rt_sigframe *frame = (struct rt_sigframe *)(tf->rsp - 8);
	struct rt_sigframe kf;

	if (copy_from_user(&kf, frame, sizeof(kf)))
		goto badframe;
	current->blocked = kf.uc.uc_sigmask & ~UNBLOCKABLE;
	restore_sigcontext(tf, &kf.uc.uc_mcontext);
	if (fpu_restore_sig(&kf.fpstate))
		goto badframe;
	{
		/* Linux: restore_altstack(): re-arms an SS_AUTODISARM stack;
		 * refused (and ignored) while still running on it */
		stack_t st = { (void *)kf.uc.uc_stack.ss_sp,
			       kf.uc.uc_stack.ss_flags, kf.uc.uc_stack.ss_size };

		do_sigaltstack(&st, NULL, tf->rsp);
	}
	return tf->rax;

badframe:
	/* Linux: signal_fault(), a line in the log, then force_sig() */
	printk("pid %d (%s): bad frame in rt_sigreturn at %lx: signal %d\n",
	       current->pid, current->comm, (u64)frame, SIGSEGV);
	force_sig(SIGSEGV);
	return 0;
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

/* The frame, the registers and the mask for the handler of ksig.
 * Linux: arch/x86/kernel/signal.c handle_signal() + signal_setup_done() */
static void handle_signal(struct ksignal *ksig, struct trapframe *tf,
			  u64 oldmask)
{
	syscall_restart(tf, &ksig->ka);
	if (setup_rt_frame(ksig->sig, &ksig->ka, &ksig->info, tf, oldmask))
		do_exit(SIGSEGV);
	current->blocked |= ksig->ka.sa_mask;
	if (!(ksig->ka.sa_flags & SA_NODEFER))
		current->blocked |= sigmask(ksig->sig);
	current->blocked &= ~UNBLOCKABLE;
	current->restore_sigmask = false;
}

/* Linux: arch/x86/kernel/signal.c arch_do_signal_or_restart() */
void arch_do_signal_or_restart(struct trapframe *tf)
{
	struct ksignal ksig;
	u64 oldmask = current->restore_sigmask ? current->saved_sigmask
					       : current->blocked;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, tf, oldmask);
		return;
	}
	syscall_restart_nohandler(tf);
	if (current->restore_sigmask) {
		current->blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}
