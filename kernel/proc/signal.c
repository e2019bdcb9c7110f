/*
 * Signals, the sending side: the shared actions (sighand_struct) and
 * signal_struct, generation (send_signal: what a signal does when it is
 * sent, and which thread of the process takes it), the parent's
 * SIGCHLD, signals a task cannot refuse (force_sig).  (A CPU fault's
 * siginfo is made in kernel/arch/traps.c.)  kill, tkill, tgkill and the
 * other senders are in signal_kill.c, delivery
 * is in signal_deliver.c, job control in jobctl.c, the mask and action
 * system calls in signal_sys.c, the alternate stack in sigaltstack.c,
 * the x86 frame and sigreturn in kernel/arch/signal.c.
 * Linux: kernel/signal.c (generation half).
 *
 * Lock order: sighand->siglock > a signalfd's wait queue lock
 * (signalfd_notify) > runqueue_lock (signal_wake_up).  The parent's
 * siglock is never taken under a child's: the SIGCHLD of a continue is
 * sent after the child's is dropped (send_signal).
 */
#include <pollux/fs.h>
#include <pollux/pid.h>
#include <pollux/signal.h>
#include <pollux/signalfd.h>
#include <pollux/syscalls.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <pollux/arch/cpu.h>
#include <uapi/errno.h>
#include <uapi/pidfd.h>
#include <uapi/wait.h>

/* A copy of old's actions (all SIG_DFL from NULL), count 1. */
struct sighand_struct *sighand_alloc(const struct sighand_struct *old)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh));

	if (!sh)
		return NULL;
	refcount_set(&sh->count, 1);
	spin_lock_init(&sh->siglock);
	if (old)
		memcpy(sh->action, old->action, sizeof(sh->action));
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

/* Linux: kernel/fork.c __cleanup_sighand() */
void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (!refcount_dec_and_test(&sighand->count))
		return;
	signalfd_cleanup(sighand);
	kfree(sighand);
}

/* Linux: the allocation in kernel/fork.c copy_signal() */
struct signal_struct *alloc_signal_struct(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig));

	if (!sig)
		return NULL;
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	INIT_LIST_HEAD(&sig->real_timer.entry);
	return sig;
}

/* Linux: kernel/fork.c put_signal_struct() */
void put_signal_struct(struct signal_struct *sig)
{
	if (refcount_dec_and_test(&sig->sigcnt))
		kfree(sig);
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

bool sig_ignored(struct task_struct *t, int sig)
{
	__sighandler_t h = t->sighand->action[sig - 1].sa_handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && (SIG_KERNEL_IGNORE_MASK & sigmask(sig)));
}

/* Linux: kernel/signal.c sig_fatal(): the default action ends the process */
static bool sig_fatal(struct task_struct *t, int sig)
{
	return t->sighand->action[sig - 1].sa_handler == SIG_DFL &&
	       !(sigmask(sig) & (SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK));
}

/* Linux: kernel/signal.c flush_sigqueue_mask() */
static void flush_sigqueue_mask(u64 mask, struct sigpending *s)
{
	s->signal &= ~mask;
}

void flush_group_mask(struct task_struct *p, u64 mask)
{
	struct task_struct *t;

	flush_sigqueue_mask(mask, &p->signal->shared_pending);
	for_each_thread(p, t)
		flush_sigqueue_mask(mask, &t->pending);
}

/* SIGCONT ends a group stop, complete or under way: every thread runs
 * again; true if the stop was complete: the parent is to hear of it. */
static bool group_continue(struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t, *leader = p->group_leader;
	bool was_stopped = signal->flags & SIGNAL_STOP_STOPPED;

	signal->flags &= ~SIGNAL_STOP_STOPPED;
	signal->group_stop_count = 0;
	for_each_thread(p, t) {
		t->jobctl &= ~JOBCTL_STOP_PENDING;
		wake_up_state(t, TASK_STOPPED);
	}
	if (was_stopped)
		leader->jobctl = (leader->jobctl & ~JOBCTL_STOP_REPORT) |
				 JOBCTL_CONT_REPORT;
	return was_stopped;
}

/*
 * What sending sig does before (and whether or not) it is queued: a
 * dying group takes nothing more; a stop signal cancels a pending
 * SIGCONT; SIGCONT cancels pending stops and resumes a stopped group at
 * once, even if it is blocked or ignored.  False: drop it (ignored and
 * not blocked by p).  Linux: kernel/signal.c prepare_signal()
 */
static bool prepare_signal(int sig, struct task_struct *p, bool *continued)
{
	if (p->signal->flags & SIGNAL_GROUP_EXIT)
		return false;
	if (SIG_KERNEL_STOP_MASK & sigmask(sig))
		flush_group_mask(p, sigmask(SIGCONT));
	else if (sig == SIGCONT) {
		flush_group_mask(p, SIG_KERNEL_STOP_MASK);
		*continued = group_continue(p);
	}
	return !(sig_ignored(p, sig) && !(p->blocked & sigmask(sig)));
}

/* Wakes t to look at its signals; a fatal one wakes a stopped or
 * killable t too.  Linux: kernel/signal.c signal_wake_up() */
static void signal_wake_up(struct task_struct *t, bool fatal)
{
	wake_up_state(t, TASK_INTERRUPTIBLE |
			 (fatal ? TASK_STOPPED | TASK_WAKEKILL : 0));
}

/* Whether t can take sig now without delay: it does not block it, is
 * not exiting or stopped, and has nothing else to deliver first.
 * Linux: kernel/signal.c wants_signal() */
static bool wants_signal(int sig, struct task_struct *t)
{
	if ((t->blocked & sigmask(sig)) || task_exited(t))
		return false;
	if (sig == SIGKILL)
		return true;
	if (t->state & TASK_STOPPED)
		return false;
	return t == current ||
	       !(task_pending(t) & ~t->blocked & ~sigmask(sig));
}

/* SIGKILL to t, which ends it wherever it sleeps (not stopped either). */
static void zap_thread(struct task_struct *t)
{
	t->jobctl &= ~JOBCTL_STOP_PENDING;
	t->pending.signal |= sigmask(SIGKILL);
	signal_wake_up(t, true);
}

int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		if (t == p || task_exited(t))
			continue;
		count++;
		zap_thread(t);
	}
	return count;
}

/* Linux: kernel/signal.c retarget_shared_pending() */
void retarget_shared_pending(struct task_struct *tsk, u64 which)
{
	u64 retarget = which & tsk->signal->shared_pending.signal;
	struct task_struct *t;

	for_each_thread(tsk, t) {
		if (!retarget)
			break;
		if (t == tsk || task_exited(t) || !(retarget & ~t->blocked))
			continue;
		retarget &= t->blocked;
		signal_wake_up(t, false);
	}
}

/* A fatal signal takes the whole group: each thread gets SIGKILL and
 * ends with sig's status.  Linux: the fatal branch of complete_signal() */
static void start_group_exit(struct task_struct *p, int sig)
{
	p->signal->flags = SIGNAL_GROUP_EXIT;
	p->signal->group_exit_code = sig;
	zap_other_threads(p);
	zap_thread(p);
}

/*
 * Which thread takes the signal just queued: p if it can, else (for a
 * process-directed signal) the next thread that can, round robin from
 * the last one chosen.  None: it waits in shared_pending until a thread
 * unblocks it.  Linux: kernel/signal.c complete_signal()
 */
static void complete_signal(int sig, struct task_struct *p, enum pid_type type)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		if (type == PIDTYPE_PID || signal->nr_threads == 1)
			return;
		t = signal->curr_target;
		while (!wants_signal(sig, t)) {
			t = list_next_entry_circular(t, &signal->thread_head,
						     thread_node);
			if (t == signal->curr_target)
				return;
		}
		signal->curr_target = t;
	}
	if (sig_fatal(p, sig) && !(t->blocked & sigmask(sig))) {
		start_group_exit(t, sig);
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Linux: kernel/signal.c __send_signal_locked() (its signalfd_notify()
 * too); interrupts are off because the timer interrupt sends SIGALRM. */
void send_signal(int sig, const struct kernel_siginfo *info,
		 struct task_struct *t, enum pid_type type)
{
	struct sigpending *pending = type == PIDTYPE_PID ?
		&t->pending : &t->signal->shared_pending;
	unsigned long flags;
	bool continued = false;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	/* one already pending keeps its siginfo (legacy_queue()) */
	if (prepare_signal(sig, t, &continued) &&
	    !(pending->signal & sigmask(sig))) {
		pending->info[sig - 1] = *info;
		pending->signal |= sigmask(sig);
		signalfd_notify(t, sig);
		complete_signal(sig, t, type);
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	/* The parent's SIGCHLD takes the parent's siglock: not under the
	 * child's (the lock checker's "recursive locking" on &sh->siglock).
	 * Linux defers it to the continued task's get_signal()
	 * (SIGNAL_CLD_CONTINUED); here the sender sends it, unlocked. */
	if (continued)
		do_notify_parent_cldstop(t->group_leader, CLD_CONTINUED,
					 SIGCONT);
}

void send_sig_info(int sig, const struct kernel_siginfo *info,
		   struct task_struct *t)
{
	send_signal(sig, info, t, PIDTYPE_PID);
}

void group_send_sig_info(int sig, const struct kernel_siginfo *info,
			 struct task_struct *t)
{
	send_signal(sig, info, t, PIDTYPE_TGID);
}

struct kernel_siginfo info_from_current(int code)
{
	struct kernel_siginfo info = { .si_code = code };

	info.fields.proc.pid = current->tgid;
	info.fields.proc.uid = 0;	/* everyone is root */
	return info;
}

void send_sig(int sig, struct task_struct *t)
{
	struct kernel_siginfo info = info_from_current(SI_USER);

	send_sig_info(sig, &info, t);
}

/*
 * tsk->exit_code is a wait status: the exit code in bits 8-15, or the
 * killing signal in bits 0-6.  The parent gets tsk's exit_signal
 * (SIGCHLD, another from clone, or none).  A parent that ignores
 * SIGCHLD, or set SA_NOCLDWAIT, will not wait for a SIGCHLD child: true
 * tells do_exit() to reap tsk itself (autoreap); SIG_IGN also means no
 * signal.  Linux: kernel/signal.c
 * do_notify_parent()
 */
bool do_notify_parent(struct task_struct *tsk)
{
	struct kernel_siginfo info = { .si_code = CLD_EXITED };
	struct kernel_sigaction *ka = &tsk->parent->sighand->action[SIGCHLD - 1];
	int status = tsk->exit_code, sig = tsk->exit_signal;
	bool autoreap = false;

	info.fields.proc.pid = tsk->tgid;
	if (WIFEXITED(status)) {
		info.fields.proc.status = WEXITSTATUS(status);
	} else {
		info.si_code = CLD_KILLED;
		info.fields.proc.status = WTERMSIG(status);
	}
	if (sig == SIGCHLD && (ka->sa_handler == SIG_IGN ||
			       (ka->sa_flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (ka->sa_handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && sig <= _NSIG)
		group_send_sig_info(sig, &info, tsk->parent);
	return autoreap;
}

/*
 * A signal current cannot refuse (a fault, a bad sigreturn): blocked or
 * ignored, it would be lost or loop, so it is unblocked and its action
 * reset to the default, as Linux does.  Linux: kernel/signal.c
 * force_sig_info_to_task()
 */
void force_sig_info(int sig, const struct kernel_siginfo *info)
{
	struct kernel_sigaction *ka = &current->sighand->action[sig - 1];

	if ((current->blocked & sigmask(sig)) || ka->sa_handler == SIG_IGN) {
		current->blocked &= ~sigmask(sig);
		ka->sa_handler = SIG_DFL;
	}
	/* its own siginfo replaces that of a pending tkill */
	current->pending.signal &= ~sigmask(sig);
	send_sig_info(sig, info, current);
}

/* Linux: kernel/signal.c force_sig() */
void force_sig(int sig)
{
	struct kernel_siginfo info = { .si_code = SI_KERNEL };

	force_sig_info(sig, &info);
}
