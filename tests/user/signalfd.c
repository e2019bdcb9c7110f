/*
 * signalfd.c - signalfd and signalfd4, as Linux 6.18 answers: every
 * errno, reads that dequeue (the lowest signal first, several per read),
 * the signalfd_siginfo fields of kill, tgkill and SIGCHLD, blocking and
 * EINTR, readiness in poll, select and epoll (level, edge, one-shot),
 * a new mask through the same fd, fork (the child reads its own
 * signals), exec and SCM_RIGHTS, an epoll entry that outlives the task that made it, and the
 * fdinfo line.
 *
 * The signals read are blocked with sigprocmask first, so they wait for
 * the read instead of a handler.  Waits that must block are released by
 * a child that sleeps 50 ms first, then signals the parent.
 *
 *   lifetime:  child -(epoll_ctl ADD)-> e0 { sfd }   (the entry hangs on
 *              the child's signal queue; the child exits, is reaped)
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define SSI sizeof(struct signalfd_siginfo)

static struct signalfd_siginfo si[4];

static sigset_t set_of(int a, int b)
{
	sigset_t s;

	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

/* A new signalfd for signals a and b (0: none); flags as signalfd()'s. */
static int sfd_for(int a, int b, int flags)
{
	sigset_t s = set_of(a, b);

	return signalfd(-1, &s, flags);
}

/* One read of one siginfo into si[0]: its signal number, or -1. */
static int rd1(int fd)
{
	memset(si, 0, sizeof(si));
	return read(fd, si, SSI) == SSI ? (int)si[0].ssi_signo : -1;
}

/* What poll(2) says about fd for POLLIN, with a zero timeout */
static int poll_in(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void block(int a, int b)
{
	sigset_t s = set_of(a, b);

	sigprocmask(SIG_BLOCK, &s, NULL);
}

static void test_create(void)
{
	int s = sfd_for(SIGUSR1, 0, 0);
	int t = sfd_for(SIGUSR1, 0, SFD_NONBLOCK | SFD_CLOEXEC);
	sigset_t m = set_of(SIGUSR1, 0);
	int p[2], e = eventfd(0, 0);
	char buf[SSI];
	struct stat st;

	pipe(p);
	CHECK(s >= 0 && t >= 0, "signalfd(-1, {USR1}, 0) and with both flags");
	CHECK_HEX(fcntl(s, F_GETFL), O_RDWR, "F_GETFL: O_RDWR");
	CHECK_EQ(fcntl(s, F_GETFD), 0, "F_GETFD: no FD_CLOEXEC");
	CHECK_HEX(fcntl(t, F_GETFL), O_RDWR | O_NONBLOCK, "SFD_NONBLOCK: O_RDWR|O_NONBLOCK");
	CHECK_EQ(fcntl(t, F_GETFD), FD_CLOEXEC, "SFD_CLOEXEC: FD_CLOEXEC");
	CHECK_EQ(fstat(s, &st), 0, "fstat");
	CHECK_HEX(st.st_mode, 0600, "st_mode 0600: an anon inode");

	CHECK_ERR(signalfd(-1, &m, 1), EINVAL, "flag 1: EINVAL");
	CHECK_ERR(signalfd(-1, &m, O_APPEND), EINVAL, "O_APPEND: EINVAL");
	CHECK_ERR(signalfd(-1, &m, -1), EINVAL, "every flag bit: EINVAL");
	CHECK_ERR(syscall(SYS_signalfd4, -1, &m, 4, 0), EINVAL, "sizemask 4: EINVAL");
	CHECK_ERR(syscall(SYS_signalfd4, -1, &m, 16, 0), EINVAL, "sizemask 16: EINVAL");
	CHECK_ERR(syscall(SYS_signalfd4, -1, &m, 0, 0), EINVAL, "sizemask 0: EINVAL");
	CHECK_ERR(syscall(SYS_signalfd, -1, &m, 128), EINVAL, "signalfd: sizemask 128: EINVAL");
	CHECK_ERR(syscall(SYS_signalfd4, -1, bad_addr(1), 8, 0), EFAULT, "bad mask pointer: EFAULT");
	CHECK_ERR(syscall(SYS_signalfd4, -1, bad_addr(1), 8, 1), EFAULT,
		  "bad pointer and bad flags: EFAULT (the mask is read first)");
	CHECK_ERR(syscall(SYS_signalfd4, -1, bad_addr(1), 4, 0), EINVAL,
		  "bad pointer and bad size: EINVAL (the size is checked first)");
	CHECK_ERR(syscall(SYS_signalfd4, -1, NULL, 8, 0), EFAULT, "NULL mask: EFAULT");

	CHECK_ERR(signalfd(p[0], &m, 0), EINVAL, "a pipe's fd: EINVAL");
	CHECK_ERR(signalfd(e, &m, 0), EINVAL, "an eventfd: EINVAL");
	CHECK_ERR(signalfd(999, &m, 0), EBADF, "fd 999: EBADF");
	CHECK_ERR(signalfd(-2, &m, 0), EBADF, "fd -2: EBADF");
	CHECK_ERR(signalfd(s, &m, 1), EINVAL, "an existing signalfd, bad flags: EINVAL");
	CHECK_EQ(signalfd(s, &m, SFD_NONBLOCK), s, "an existing signalfd: returns it");
	CHECK_HEX(fcntl(s, F_GETFL), O_RDWR, "  its flags unchanged");
	CHECK_EQ(signalfd(s, &m, SFD_CLOEXEC), s, "again with SFD_CLOEXEC");
	CHECK_EQ(fcntl(s, F_GETFD), 0, "  no FD_CLOEXEC: flags only count for a new fd");
	t = syscall(SYS_signalfd, t, &m, 8);
	CHECK_EQ(fcntl(t, F_GETFD), FD_CLOEXEC, "signalfd (282) on an existing fd: the same fd");
	close(t);
	t = syscall(SYS_signalfd, -1, &m, 8);
	CHECK_HEX(fcntl(t, F_GETFL), O_RDWR, "signalfd (282): a new fd, O_RDWR");

	CHECK_ERR(read(s, buf, SSI - 1), EINVAL, "read of 127 bytes: EINVAL");
	CHECK_ERR(read(s, buf, 0), EINVAL, "read of 0 bytes: EINVAL");
	CHECK_ERR(write(s, buf, SSI), EINVAL, "write: EINVAL");
	CHECK_EQ(lseek(s, 5, SEEK_SET), 0, "lseek: 0, nothing moves");
	close(s);
	close(t);
	close(p[0]);
	close(p[1]);
	close(e);
}

static void check_kill_info(int idx, int sig, int code, const char *what)
{
	char w[96];

	snprintf(w, sizeof(w), "%s: ssi_signo", what);
	CHECK_EQ(si[idx].ssi_signo, sig, w);
	snprintf(w, sizeof(w), "  ssi_code, ssi_errno, ssi_pid, ssi_uid");
	CHECK(si[idx].ssi_code == code && si[idx].ssi_errno == 0 &&
	      si[idx].ssi_pid == (uint32_t)getpid() &&
	      si[idx].ssi_uid == getuid() && si[idx].ssi_status == 0 &&
	      si[idx].ssi_addr == 0, w);
}

static void test_dequeue(void)
{
	int s = sfd_for(SIGUSR1, SIGUSR2, SFD_NONBLOCK);
	sigset_t pend;

	block(SIGUSR1, SIGUSR2);
	block(SIGTERM, 0);
	CHECK_ERR(rd1(s), EAGAIN, "nothing pending: EAGAIN");
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGTERM);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(rd1(s), SIGUSR1, "USR2, TERM, USR1 sent: USR1 read first (the lowest)");
	check_kill_info(0, SIGUSR1, SI_USER, "kill()");
	CHECK_EQ(rd1(s), SIGUSR2, "then USR2");
	CHECK_ERR(rd1(s), EAGAIN, "then EAGAIN: TERM is not in the mask");
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGTERM) && !sigismember(&pend, SIGUSR1) &&
	      !sigismember(&pend, SIGUSR2), "TERM still pending, USR1 and USR2 dequeued");

	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	memset(si, 0, sizeof(si));
	CHECK_EQ(read(s, si, 3 * SSI), 2 * SSI,
		 "USR1 twice and USR2, a read of room for 3: 2 (standard signals do not queue)");
	CHECK(si[0].ssi_signo == SIGUSR1 && si[1].ssi_signo == SIGUSR2, "  USR1 then USR2");
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	CHECK_EQ(read(s, si, 2 * SSI - 1), SSI, "a read of 255 bytes: one siginfo");
	CHECK_EQ(rd1(s), SIGUSR2, "  the other still there");
	kill(getpid(), SIGUSR2);
	struct iovec iov[2] = { { si, 12 }, { (char *)si + 12, SSI - 12 } };
	memset(si, 0, sizeof(si));
	CHECK_EQ(readv(s, iov, 2), SSI, "readv over 12 + 116 bytes: one siginfo");
	CHECK(si[0].ssi_signo == SIGUSR2 && si[0].ssi_pid == (uint32_t)getpid(),
	      "  spread over both (ssi_pid in the second)");

	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
	CHECK_EQ(rd1(s), SIGUSR2, "tgkill()");
	check_kill_info(0, SIGUSR2, SI_TKILL, "tgkill()");
	kill(getpid(), SIGUSR1);
	CHECK_EQ(read(s, bad_addr(1), SSI), -1, "a bad buffer: -1");
	CHECK_EQ(errno, EFAULT, "  EFAULT");
	CHECK_ERR(rd1(s), EAGAIN, "  and the signal was taken");

	/* a new mask through the same fd: TERM, pending all along */
	CHECK_EQ(poll_in(s), 0, "TERM pending, not in the mask: poll 0");
	sigset_t m = set_of(SIGTERM, 0);
	CHECK_EQ(signalfd(s, &m, 0), s, "signalfd(s, {TERM}): s");
	CHECK_EQ(poll_in(s), POLLIN, "  now POLLIN");
	CHECK_EQ(rd1(s), SIGTERM, "  and TERM is read");
	kill(getpid(), SIGUSR1);
	CHECK_ERR(rd1(s), EAGAIN, "USR1 is no longer in the mask");
	CHECK_EQ(signalfd(s, &(sigset_t){ set_of(SIGUSR1, 0) }, 0), s, "back to {USR1}");
	CHECK_EQ(rd1(s), SIGUSR1, "  USR1 read");
	close(s);
}

/* SIGKILL and SIGSTOP leave the mask silently: fdinfo shows the rest */
static void test_fdinfo(void)
{
	sigset_t m = set_of(SIGKILL, SIGSTOP);
	char info[512];
	int s;

	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGUSR2);
	sigaddset(&m, 64);
	s = signalfd(-1, &m, SFD_CLOEXEC | SFD_NONBLOCK);
	CHECK(read_fdinfo(s, info, sizeof(info)) > 0, "fdinfo readable");
	CHECK_STR(line_of(info, "pos:", 0), "pos:\t0", "pos line");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02004002",
		  "flags: O_RDWR|O_NONBLOCK|O_CLOEXEC");
	CHECK_STR(line_of(info, "sigmask:", 0), "sigmask:\t8000000000000a00",
		  "sigmask: USR1, USR2, 64; KILL and STOP dropped");
	CHECK(strstr(info, "\nino:") < strstr(info, "\nsigmask:"), "after the ino line");
	CHECK_EQ(info[strlen(info) - 1], '\n', "ends with a newline");
	m = set_of(SIGKILL, 0);
	signalfd(s, &m, 0);
	read_fdinfo(s, info, sizeof(info));
	CHECK_STR(line_of(info, "sigmask:", 0), "sigmask:\t0000000000000000",
		  "new mask {KILL}: empty");
	close(s);
}

static void test_sigchld(void)
{
	int s = sfd_for(SIGCHLD, 0, SFD_NONBLOCK);
	pid_t pid;

	block(SIGCHLD, 0);
	pid = fork();
	if (pid == 0)
		_exit(7);
	wait_child(pid);
	CHECK_EQ(rd1(s), SIGCHLD, "a child's _exit(7): SIGCHLD");
	CHECK(si[0].ssi_code == CLD_EXITED && si[0].ssi_pid == (uint32_t)pid &&
	      si[0].ssi_uid == getuid() && si[0].ssi_errno == 0,
	      "  CLD_EXITED, the child's pid, uid");
	CHECK_EQ(si[0].ssi_status, 7, "  ssi_status 7");

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	wait_child(pid);
	CHECK_EQ(rd1(s), SIGCHLD, "a child killed: SIGCHLD");
	CHECK(si[0].ssi_code == CLD_KILLED && si[0].ssi_pid == (uint32_t)pid,
	      "  CLD_KILLED, the child's pid");
	CHECK_EQ(si[0].ssi_status, SIGKILL, "  ssi_status SIGKILL");
	CHECK_ERR(rd1(s), EAGAIN, "then EAGAIN");
	close(s);
}

/* A child that signals its parent with sig once it is asleep; it exits
 * 1 if the parent was not (and signals all the same: no hang). */
static pid_t signal_when_asleep(int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		int asleep = wait_parent_asleep();

		kill(getppid(), sig);
		_exit(!asleep);
	}
	return pid;
}

static int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void test_blocking(void)
{
	int s = sfd_for(SIGUSR1, 0, 0), ep = epoll_create1(0);
	struct pollfd p = { .fd = s, .events = POLLIN };
	struct epoll_event ev;
	fd_set rf;
	pid_t pid;

	block(SIGUSR1, 0);
	pid = signal_when_asleep(SIGUSR1);
	CHECK_EQ(rd1(s), SIGUSR1, "a blocking read wakes for USR1 from a child");
	CHECK_EQ(si[0].ssi_pid, pid, "  ssi_pid: the child's");
	CHECK_EQ(wait_child(pid), 0, "  the child signalled us asleep");

	pid = signal_when_asleep(SIGUSR1);
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll wakes for the signal");
	CHECK_EQ(p.revents, POLLIN, "  POLLIN");
	CHECK_EQ(wait_child(pid), 0, "  the child signalled us asleep");
	rd1(s);

	pid = signal_when_asleep(SIGUSR1);
	FD_ZERO(&rf);
	FD_SET(s, &rf);
	CHECK_EQ(select(s + 1, &rf, NULL, NULL, NULL), 1, "select wakes for the signal");
	CHECK_EQ(wait_child(pid), 0, "  the child signalled us asleep");
	rd1(s);

	ep_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 5);
	pid = signal_when_asleep(SIGUSR1);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll_wait wakes for the signal");
	CHECK(ev.events == EPOLLIN && ev.data.u64 == 5, "  EPOLLIN, data 5");
	CHECK_EQ(wait_child(pid), 0, "  the child signalled us asleep");
	rd1(s);

	alarms = 0;
	arm_alarm(20, 0, on_alarm);
	CHECK_ERR(rd1(s), EINTR, "a SIGALRM with a handler into a blocking read: EINTR");
	CHECK_EQ(alarms, 1, "  the handler ran");
	close(ep);
	close(s);
}

static void test_readiness(void)
{
	int s = sfd_for(SIGUSR1, SIGUSR2, SFD_NONBLOCK);
	int lt = epoll_create1(0), et = epoll_create1(0), os = epoll_create1(0);
	struct timeval tv = { 0, 0 };
	struct epoll_event ev;
	fd_set rf;

	block(SIGUSR1, SIGUSR2);
	block(SIGTERM, 0);
	ep_ctl(lt, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLOUT, 1);
	ep_ctl(et, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLET, 2);
	ep_ctl(os, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLONESHOT, 3);
	CHECK_EQ(poll_in(s), 0, "nothing pending: poll 0");
	CHECK_EQ(wait1(lt, &ev, 0), 0, "  epoll: nothing (never EPOLLOUT)");
	kill(getpid(), SIGTERM);
	CHECK_EQ(poll_in(s), 0, "TERM pending, outside the mask: poll 0");
	CHECK_EQ(wait1(et, &ev, 0), 0, "  epoll ET: nothing");

	kill(getpid(), SIGUSR1);
	CHECK_EQ(poll_in(s), POLLIN, "USR1 pending: POLLIN");
	struct pollfd po = { .fd = s, .events = POLLOUT | POLLRDNORM };
	CHECK(poll(&po, 1, 0) == 0 && po.revents == 0, "  poll for POLLOUT|POLLRDNORM: nothing");
	FD_ZERO(&rf);
	FD_SET(s, &rf);
	CHECK_EQ(select(s + 1, &rf, NULL, NULL, &tv), 1, "  select: readable");
	CHECK(wait1(lt, &ev, 0) == 1 && ev.events == EPOLLIN && ev.data.u64 == 1,
	      "  epoll LT: EPOLLIN");
	CHECK_EQ(wait1(lt, &ev, 0), 1, "  LT again: EPOLLIN");
	CHECK(wait1(et, &ev, 0) == 1 && ev.events == EPOLLIN, "  epoll ET: EPOLLIN");
	CHECK_EQ(wait1(et, &ev, 0), 0, "  ET again: nothing");
	kill(getpid(), SIGUSR1);
	CHECK_EQ(wait1(et, &ev, 0), 0, "  USR1 again while pending (dropped): ET nothing");
	kill(getpid(), SIGUSR2);
	CHECK_EQ(wait1(et, &ev, 0), 1, "  USR2 queued: ET EPOLLIN again");
	kill(getpid(), SIGTERM);
	CHECK_EQ(wait1(et, &ev, 0), 0, "  TERM (pending already): ET nothing");
	CHECK(wait1(os, &ev, 0) == 1 && ev.data.u64 == 3, "  ONESHOT: EPOLLIN");
	CHECK_EQ(wait1(os, &ev, 0), 0, "  ONESHOT again: disarmed");
	ep_ctl(os, EPOLL_CTL_MOD, s, EPOLLIN | EPOLLONESHOT, 4);
	CHECK(wait1(os, &ev, 0) == 1 && ev.data.u64 == 4, "  re-armed with MOD: EPOLLIN");

	CHECK_EQ(read(s, si, 4 * SSI), 2 * SSI, "read both");
	CHECK_EQ(poll_in(s), 0, "read: poll 0");
	CHECK_EQ(wait1(lt, &ev, 0), 0, "  epoll LT: nothing");
	kill(getpid(), SIGUSR2);
	CHECK_EQ(wait1(et, &ev, 0), 1, "USR2 again: ET EPOLLIN");
	rd1(s);
	sigset_t m = set_of(SIGTERM, 0);
	signalfd(s, &m, 0);
	CHECK_EQ(wait1(lt, &ev, 0), 1, "new mask {TERM} with TERM pending: LT EPOLLIN");
	CHECK_EQ(rd1(s), SIGTERM, "  TERM read");
	close(lt);
	close(et);
	close(os);
	close(s);
}

/* The child's signals are its own: none inherited, its own read. */
static int child_reads(void)
{
	int s = 3;

	if (rd1(s) != -1 || errno != EAGAIN)
		return 1;
	if (poll_in(s) != 0)
		return 2;
	kill(getpid(), SIGUSR2);
	if (poll_in(s) != POLLIN)
		return 3;
	if (rd1(s) != SIGUSR2 || si[0].ssi_pid != (uint32_t)getpid())
		return 4;
	return 0;
}

static void test_fork(void)
{
	int s = sfd_for(SIGUSR1, SIGUSR2, SFD_NONBLOCK);

	block(SIGUSR1, SIGUSR2);
	dup2(s, 3);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(run_child(child_reads), 0,
		 "fork: the child's inherited signalfd reads the child's signals, not the parent's");
	CHECK_EQ(rd1(s), SIGUSR1, "the parent's USR1 still pending, read by the parent");
	CHECK_ERR(rd1(s), EAGAIN, "  and the child's USR2 never reached it");
	close(3);
	close(s);
}

/*
 * Readiness is the polling task's: the parent's USR1 puts the item on the
 * ready list, the child's epoll_wait re-polls it with the child's (empty)
 * pending set and drops it; the parent then finds nothing until a new
 * signal wakes the entry (which hangs on the parent's queue).
 *
 *   parent: USR1 -> e0 { sfd } <- epoll_wait: child (0 events), parent
 */
static int child_epoll_waits(void)
{
	struct epoll_event ev;

	return wait1(4, &ev, 0);
}

static void test_epoll_other_task(void)
{
	int s = sfd_for(SIGUSR1, SIGUSR2, SFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event ev;

	block(SIGUSR1, SIGUSR2);
	dup2(ep, 4);
	kill(getpid(), SIGUSR1);
	ep_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 7);
	CHECK_EQ(run_child(child_epoll_waits) >> 8, 0,
		 "USR1 pending in the parent: the child's epoll_wait gets 0 events");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  then the parent's gets 0 too (the item was dropped)");
	CHECK_EQ(poll_in(s), POLLIN, "  though poll in the parent says POLLIN");
	kill(getpid(), SIGUSR2);
	CHECK(wait1(ep, &ev, 0) == 1 && ev.data.u64 == 7, "USR2 wakes the entry: EPOLLIN");
	CHECK_EQ(read(s, si, 2 * SSI), 2 * SSI, "  both read");
	close(4);
	close(ep);
	close(s);
}

/* An epoll entry hooked on a child's signal queue outlives the child. */
static void test_lifetime(void)
{
	int s = sfd_for(SIGUSR1, 0, SFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event ev;
	pid_t pid;

	block(SIGUSR1, 0);
	pid = fork();
	if (pid == 0)
		_exit(ep_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 9) != 0);
	CHECK_EQ(wait_child(pid), 0, "a child adds the signalfd to the shared epoll");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "the child reaped: nothing pending here, no event");
	kill(getpid(), SIGUSR1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "USR1 for the parent: no wake-up (the entry was unhooked)");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, s, EPOLLIN, 10), 0, "MOD re-polls it in the parent");
	CHECK(wait1(ep, &ev, 0) == 1 && ev.data.u64 == 10, "  EPOLLIN");
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL), 0, "DEL after the child's queue is gone");
	rd1(s);
	close(ep);
	close(s);
}

/* Exec'd with "exec-check A B": A (SFD_CLOEXEC) must be closed, B a
 * signalfd that reads the USR1 pending and blocked across the exec. */
static int exec_check(const char *a, const char *b)
{
	int fa = atoi(a), fb = atoi(b);
	sigset_t blocked;

	if (fcntl(fa, F_GETFD) != -1 || errno != EBADF)
		return 1;
	sigprocmask(SIG_BLOCK, NULL, &blocked);
	if (!sigismember(&blocked, SIGUSR1))
		return 2;
	if (rd1(fb) != SIGUSR1 || si[0].ssi_code != SI_USER)
		return 3;
	return rd1(fb) == -1 && errno == EAGAIN ? 0 : 4;
}

/* A control message with room for one fd. */
static union {
	struct cmsghdr align;
	char buf[CMSG_SPACE(sizeof(int))];
} one_fd;

/* The child makes a signalfd for USR2, sends it over sock, exits. */
static int child_sends_sfd(int sock)
{
	struct iovec iov = { "s", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = one_fd.buf,
			      .msg_controllen = sizeof(one_fd.buf) };
	int s = sfd_for(SIGUSR2, 0, SFD_NONBLOCK);

	one_fd.align.cmsg_len = CMSG_LEN(sizeof(int));
	one_fd.align.cmsg_level = SOL_SOCKET;
	one_fd.align.cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(&one_fd.align), &s, sizeof(int));
	return sendmsg(sock, &msg, 0) != 1;
}

/* A signalfd passed with SCM_RIGHTS outlives its maker and reads the
 * receiver's signals. */
static void test_scm_rights(void)
{
	char c;
	struct iovec iov = { &c, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = one_fd.buf,
			      .msg_controllen = sizeof(one_fd.buf) };
	int sv[2], s = -1;
	pid_t pid;

	block(SIGUSR2, 0);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0)
		_exit(child_sends_sfd(sv[1]));
	CHECK_EQ(wait_child(pid), 0, "a child sends its signalfd with SCM_RIGHTS and exits");
	CHECK_EQ(recvmsg(sv[0], &msg, 0), 1, "  received");
	memcpy(&s, CMSG_DATA(&one_fd.align), sizeof(int));
	CHECK_ERR(rd1(s), EAGAIN, "  nothing pending here: EAGAIN");
	kill(getpid(), SIGUSR2);
	CHECK_EQ(rd1(s), SIGUSR2, "  it reads the receiver's USR2");
	CHECK_EQ(si[0].ssi_pid, getpid(), "  sent by the receiver");
	close(s);
	close(sv[0]);
	close(sv[1]);
}

/* In the child, before its exec: USR1 blocked and pending. */
static void usr1_pending(void)
{
	block(SIGUSR1, 0);
	kill(getpid(), SIGUSR1);
}

static void test_exec(const char *self)
{
	int cloexec = sfd_for(SIGUSR1, 0, SFD_CLOEXEC);
	int keep = sfd_for(SIGUSR1, 0, SFD_NONBLOCK);

	CHECK_EQ(run_exec_check(self, cloexec, keep, usr1_pending), 0,
		 "after execve: the SFD_CLOEXEC fd is closed, the other reads the USR1 pending across it");
	close(cloexec);
	close(keep);
}

int main(int argc, char **argv)
{
	if (argc == 4)
		return exec_check(argv[2], argv[3]);
	test_create();
	test_dequeue();
	test_fdinfo();
	test_sigchld();
	test_blocking();
	test_readiness();
	test_fork();
	test_epoll_other_task();
	test_lifetime();
	test_scm_rights();
	test_exec(argv[0]);
	return test_done();
}
