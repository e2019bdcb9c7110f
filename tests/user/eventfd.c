/*
 * eventfd.c - eventfd and eventfd2, as Linux 6.18 answers: the 64-bit
 * counter and EFD_SEMAPHORE, every errno, blocking and EINTR/restart,
 * readiness in poll, select and epoll (level, edge, one-shot, and the
 * keyed wake-ups that let epoll skip an entry not interested), the
 * fdinfo lines, and lifetime across dup, fork and exec.
 *
 * Waits that must block are released by a child that sleeps 50 ms first
 * (or by a SIGALRM 20 ms in); the parent checks what it got.
 *
 *   keyed wake-ups:  write -(EPOLLIN)-> e0 { efd: OUT|ET }   (not queued)
 *                    read  -(EPOLLOUT)-> e0 { efd: IN|ET }   (not queued)
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epoll_util.h"
#include "test.h"

#define MAXCOUNT 0xfffffffffffffffeULL	/* the most a counter holds */

static int wr(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v));
}

/* The value read, or -1 (errno set); a count of 2^63 or more comes
 * back negative, compared as (long long) */
static long long rd(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? (long long)v : -1;
}

/* What poll(2) says about fd for events, with a zero timeout */
static int poll_mask(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void test_create(void)
{
	int e = eventfd(0, 0), s = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
	int ep = epoll_create1(0);
	struct stat st, est;
	int nb = 0;

	CHECK(e >= 0 && s >= 0, "eventfd(0, 0) and eventfd2 with all three flags");
	CHECK_HEX(fcntl(e, F_GETFL), O_RDWR, "F_GETFL: O_RDWR");
	CHECK_EQ(fcntl(e, F_GETFD), 0, "F_GETFD: no FD_CLOEXEC");
	CHECK_HEX(fcntl(s, F_GETFL), O_RDWR | O_NONBLOCK, "EFD_NONBLOCK: O_RDWR|O_NONBLOCK");
	CHECK_EQ(fcntl(s, F_GETFD), FD_CLOEXEC, "EFD_CLOEXEC: FD_CLOEXEC");
	CHECK_ERR(eventfd(0, 2), EINVAL, "flag 2 (O_RDWR): EINVAL");
	CHECK_ERR(eventfd(0, O_APPEND), EINVAL, "O_APPEND: EINVAL");
	CHECK_ERR(eventfd(0, EFD_SEMAPHORE | 0x10000000), EINVAL, "a bit beside valid ones: EINVAL");
	CHECK_ERR(eventfd(0, -1), EINVAL, "every bit: EINVAL");
	CHECK_ERR(syscall(SYS_eventfd2, 0, 1UL << 32 | 8), EINVAL,
		  "eventfd2: flags is an int, bit 3 set: EINVAL");

	CHECK_EQ(fstat(e, &st), 0, "fstat");
	CHECK_HEX(st.st_mode, 0600, "st_mode 0600: an anon inode, no type bits");
	CHECK_EQ(st.st_size, 0, "st_size 0");
	CHECK_EQ(fstat(ep, &est), 0, "fstat of an epoll fd");
	CHECK(st.st_ino == est.st_ino, "eventfd and epoll share the anon inode");

	CHECK_EQ(lseek(e, 10, SEEK_SET), 0, "lseek: succeeds, moves nothing");
	CHECK_EQ(lseek(e, 5, SEEK_END), 0, "lseek SEEK_END: 0");
	CHECK_ERR(ioctl(e, FIONREAD, &nb), ENOTTY, "FIONREAD: ENOTTY");
	CHECK_ERR(ioctl(e, FIOASYNC, &(int){ 1 }), ENOTTY, "FIOASYNC: ENOTTY (no ->fasync)");
	CHECK_EQ(ioctl(e, FIONBIO, &(int){ 1 }), 0, "FIONBIO: the generic ioctl works");
	CHECK_HEX(fcntl(e, F_GETFL), O_RDWR | O_NONBLOCK, "  and sets O_NONBLOCK");
	close(e);
	close(s);
	close(ep);

	e = syscall(SYS_eventfd, 3);
	CHECK(e >= 0, "eventfd (284) with a count");
	CHECK_HEX(fcntl(e, F_GETFL), O_RDWR, "  no flags");
	CHECK_EQ(rd(e), 3, "  read gives the initial count");
	close(e);
	e = eventfd(UINT_MAX, 0);
	CHECK_EQ(rd(e), UINT_MAX, "initial count UINT_MAX");
	close(e);
	e = syscall(SYS_eventfd2, 1UL << 32 | 6, 0);
	CHECK_EQ(rd(e), 6, "eventfd2: the count is an unsigned int, bit 32 dropped");
	close(e);
}

static void test_counter(void)
{
	int e = eventfd(0, EFD_NONBLOCK);
	char buf[16] = { 0 };
	uint64_t v;

	CHECK_ERR(rd(e), EAGAIN, "read at 0, O_NONBLOCK: EAGAIN");
	CHECK_EQ(wr(e, 1), 8, "write 1: 8 bytes");
	CHECK_EQ(wr(e, 2), 8, "write 2");
	CHECK_EQ(rd(e), 3, "read: the sum, 3");
	CHECK_ERR(rd(e), EAGAIN, "read reset it to 0: EAGAIN");

	CHECK_EQ(eventfd_write(e, 4), 0, "eventfd_write(4): 0");
	CHECK_EQ(eventfd_read(e, &v), 0, "eventfd_read: 0");
	CHECK_EQ(v, 4, "  it read 4");
	CHECK_ERR(eventfd_read(e, &v), EAGAIN, "eventfd_read at 0: -1, EAGAIN");

	CHECK_EQ(wr(e, 0), 8, "write 0: succeeds");
	CHECK_ERR(rd(e), EAGAIN, "  and adds nothing");
	CHECK_ERR(write(e, buf, 7), EINVAL, "write of 7 bytes: EINVAL");
	CHECK_ERR(write(e, buf, 9), EINVAL, "write of 9 bytes: EINVAL");
	CHECK_ERR(write(e, buf, 0), EINVAL, "write of 0 bytes: EINVAL");
	CHECK_ERR(wr(e, ~0ULL), EINVAL, "write 0xffffffffffffffff: EINVAL");
	CHECK_ERR(write(e, bad_addr(1), 8), EFAULT, "write from a bad pointer: EFAULT");
	CHECK_ERR(rd(e), EAGAIN, "  nothing was added");

	wr(e, 5);
	CHECK_ERR(read(e, buf, 7), EINVAL, "read into 7 bytes: EINVAL");
	CHECK_ERR(read(e, buf, 0), EINVAL, "read into 0 bytes: EINVAL");
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(read(e, buf, 16), 8, "read into 16 bytes: 8");
	memcpy(&v, buf, 8);
	CHECK_EQ(v, 5, "  the count");
	CHECK_EQ((unsigned char)buf[8], 0xaa, "  the rest untouched");

	wr(e, 6);
	CHECK_ERR(read(e, bad_addr(1), 8), EFAULT, "read into a bad pointer: EFAULT");
	CHECK_ERR(rd(e), EAGAIN, "  the count was taken all the same");

	CHECK_EQ(wr(e, MAXCOUNT), 8, "write 0xfffffffffffffffe at 0");
	CHECK_ERR(wr(e, 1), EAGAIN, "write 1 more: would pass the most, EAGAIN");
	CHECK_EQ(wr(e, 0), 8, "write 0 at the most: fits");
	CHECK_EQ(rd(e), (long long)MAXCOUNT, "read: 0xfffffffffffffffe");
	wr(e, 10);
	CHECK_ERR(wr(e, MAXCOUNT - 9), EAGAIN, "10 + (max - 9) passes the most: EAGAIN");
	CHECK_EQ(wr(e, MAXCOUNT - 10), 8, "10 + (max - 10) reaches it: fits");
	CHECK_EQ(rd(e), (long long)MAXCOUNT, "  read: the most");
	close(e);
}

static void test_iov(void)
{
	int e = eventfd(0, EFD_NONBLOCK);
	uint64_t v = 1, two[2] = { 4, 5 }, r[2] = { 0, 0 };
	struct iovec halves[2] = { { &v, 4 }, { (char *)&v + 4, 4 } };
	struct iovec wholes[2] = { { &two[0], 8 }, { &two[1], 8 } };
	struct iovec split[2] = { { &r[0], 4 }, { &r[1], 8 } };

	CHECK_ERR(writev(e, halves, 2), EINVAL, "writev of 4+4 bytes: EINVAL (8 per segment)");
	CHECK_EQ(writev(e, wholes, 2), 16, "writev of 8+8: both segments added");
	CHECK_EQ(readv(e, split, 2), 8, "readv into 4+8: 8 bytes across segments");
	CHECK_EQ(r[0] & 0xffffffff, 9, "  the low half in the first");
	CHECK_EQ(r[1], 0, "  the high half (0) in the second");
	close(e);
}

static void test_semaphore(void)
{
	int e = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);

	CHECK_EQ(rd(e), 1, "semaphore at 3: read 1");
	CHECK_EQ(rd(e), 1, "  read 1");
	CHECK_EQ(rd(e), 1, "  read 1");
	CHECK_ERR(rd(e), EAGAIN, "  at 0: EAGAIN");
	wr(e, 2);
	CHECK_EQ(rd(e), 1, "write 2, read 1");
	CHECK_EQ(poll_mask(e, POLLIN), POLLIN, "  still readable");
	CHECK_EQ(rd(e), 1, "  read 1");
	CHECK_EQ(poll_mask(e, POLLIN), 0, "  no longer readable");
	close(e);
}

static void test_poll_select(void)
{
	int e = eventfd(0, EFD_NONBLOCK);
	fd_set r, w;
	struct timeval tv = { 0, 0 };

	CHECK_HEX(poll_mask(e, POLLIN | POLLOUT), POLLOUT, "poll at 0: OUT");
	wr(e, 5);
	CHECK_HEX(poll_mask(e, POLLIN | POLLOUT), POLLIN | POLLOUT, "poll at 5: IN|OUT");
	CHECK_HEX(poll_mask(e, POLLRDNORM | POLLWRNORM), 0,
		  "poll for RDNORM|WRNORM: 0 (eventfd reports only IN and OUT)");
	rd(e);
	wr(e, MAXCOUNT);
	CHECK_HEX(poll_mask(e, POLLIN | POLLOUT), POLLIN, "poll at the most: IN only");
	wr(e, 0);
	CHECK_HEX(poll_mask(e, POLLIN | POLLOUT), POLLIN, "  still (a 0 write fits)");

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(e, &r);
	FD_SET(e, &w);
	CHECK_EQ(select(e + 1, &r, &w, NULL, &tv), 1, "select at the most: 1");
	CHECK(FD_ISSET(e, &r) && !FD_ISSET(e, &w), "  readable, not writable");
	rd(e);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(e, &r);
	FD_SET(e, &w);
	CHECK_EQ(select(e + 1, &r, &w, NULL, &tv), 1, "select at 0: 1");
	CHECK(!FD_ISSET(e, &r) && FD_ISSET(e, &w), "  writable, not readable");
	wr(e, 1);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(e, &r);
	FD_SET(e, &w);
	CHECK_EQ(select(e + 1, &r, &w, NULL, &tv), 2, "select at 1: 2");
	close(e);
}

static void test_epoll_levels(void)
{
	int e = eventfd(0, EFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event ev;

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, e, EPOLLIN, 1), 0, "epoll: add IN (level)");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  at 0: nothing");
	wr(e, 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  at 2: 1 event");
	CHECK_HEX(ev.events, EPOLLIN, "  EPOLLIN");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  level: again");
	rd(e);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  after the read: nothing");

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLIN | EPOLLOUT, 2), 0, "MOD to IN|OUT");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  at 0: 1 event");
	CHECK_HEX(ev.events, EPOLLOUT, "  EPOLLOUT");
	wr(e, MAXCOUNT);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  at the most: 1 event");
	CHECK_HEX(ev.events, EPOLLIN, "  EPOLLIN only");
	rd(e);

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLIN | EPOLLONESHOT, 3), 0, "MOD to IN|ONESHOT");
	wr(e, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  one event");
	CHECK_EQ(ev.data.u64, 3, "  data 3");
	wr(e, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  disarmed: another write gives nothing");
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLIN | EPOLLONESHOT, 4), 0, "  re-armed by MOD");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  one event");
	CHECK_EQ(ev.data.u64, 4, "  data 4");
	close(e);
	close(ep);
}

static void test_epoll_edge(void)
{
	int e = eventfd(0, EFD_NONBLOCK), ep = epoll_create1(0);
	int sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	struct epoll_event ev;

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, e, EPOLLIN | EPOLLET, 1), 0, "epoll: add IN|ET");
	wr(e, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  a write: 1 event");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  edge: not again");
	wr(e, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  another write, still unread: an event again");
	wr(e, 0);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  a write of 0 wakes too");
	CHECK_EQ(rd(e), 2, "  read 2");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  the read (key OUT) does not wake an IN watcher");

	/* e0 { sem: IN|ET }: a semaphore read leaves it readable, but its
	 * wake-up carries EPOLLOUT only, so the IN|ET entry is not queued */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_ADD, sem, EPOLLIN | EPOLLET, 2), 0, "add a semaphore at 2, IN|ET");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  ready at once");
	CHECK_EQ(rd(sem), 1, "  read 1");
	CHECK_HEX(poll_mask(sem, POLLIN), POLLIN, "  still readable");
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  no event: the read's key is EPOLLOUT");
	close(sem);

	/* e0 { e: OUT|ET }: writes wake with EPOLLIN only */
	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLOUT | EPOLLET, 3), 0, "MOD to OUT|ET");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  writable: 1 event");
	CHECK_HEX(ev.events, EPOLLOUT, "  EPOLLOUT");
	wr(e, 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "  a write (key IN) does not wake an OUT watcher");
	rd(e);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  a read (key OUT) does");
	CHECK_HEX(ev.events, EPOLLOUT, "  EPOLLOUT");
	wr(e, MAXCOUNT);
	rd(e);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  a read at the most: writable again");

	CHECK_EQ(ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLIN | EPOLLOUT | EPOLLET, 4), 0, "MOD to IN|OUT|ET");
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  1 event");
	CHECK_HEX(ev.events, EPOLLOUT, "  EPOLLOUT");
	wr(e, 7);
	CHECK_EQ(wait1(ep, &ev, 0), 1, "  a write: 1 event");
	CHECK_HEX(ev.events, EPOLLIN | EPOLLOUT, "  EPOLLIN|EPOLLOUT");
	close(e);
	CHECK_EQ(wait1(ep, &ev, 0), 0, "closed: the item is gone");
	close(ep);
}

/* A child that writes v (or reads, for v == 0) ms after we sleep; it
 * exits 0 if that moved 8 bytes and it found us asleep. */
static pid_t child_when_asleep(int e, uint64_t v, int ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		int asleep = wait_parent_asleep();

		sleep_ms(ms);
		_exit((v ? wr(e, v) : read(e, &v, sizeof(v))) != 8 || !asleep);
	}
	return pid;
}

static void test_blocking(void)
{
	int e = eventfd(0, 0), ep = epoll_create1(0);
	struct epoll_event ev;
	struct pollfd p = { .fd = e, .events = POLLIN };
	fd_set r;
	pid_t pid;

	pid = child_when_asleep(e, 7, 0);
	CHECK_EQ(rd(e), 7, "blocked read: woken by the child's write of 7");
	CHECK_EQ(wait_child(pid), 0, "  child ok");

	wr(e, MAXCOUNT);
	pid = child_when_asleep(e, 0, 0);
	CHECK_EQ(wr(e, 3), 8, "blocked write at the most: done after the child's read");
	CHECK_EQ(wait_child(pid), 0, "  child ok");
	CHECK_EQ(rd(e), 3, "  read: 3");

	pid = child_when_asleep(e, 4, 0);
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll blocked: woken by the write");
	CHECK_HEX(p.revents, POLLIN, "  POLLIN");
	CHECK_EQ(wait_child(pid), 0, "  child ok");
	rd(e);

	FD_ZERO(&r);
	FD_SET(e, &r);
	pid = child_when_asleep(e, 2, 0);
	CHECK_EQ(select(e + 1, &r, NULL, NULL, NULL), 1, "select blocked: woken by the write");
	CHECK(FD_ISSET(e, &r), "  readable");
	CHECK_EQ(wait_child(pid), 0, "  child ok");
	rd(e);

	ep_ctl(ep, EPOLL_CTL_ADD, e, EPOLLIN | EPOLLET, 5);
	pid = child_when_asleep(e, 1, 0);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll_wait blocked: woken by the write");
	CHECK_EQ(ev.data.u64, 5, "  data 5");
	CHECK_EQ(wait_child(pid), 0, "  child ok");
	CHECK_EQ(rd(e), 1, "  read 1");

	wr(e, MAXCOUNT);
	ep_ctl(ep, EPOLL_CTL_MOD, e, EPOLLOUT, 6);
	pid = child_when_asleep(e, 0, 0);
	CHECK_EQ(wait1(ep, &ev, 5000), 1, "epoll_wait for OUT at the most: woken by the read");
	CHECK_HEX(ev.events, EPOLLOUT, "  EPOLLOUT");
	CHECK_EQ(wait_child(pid), 0, "  child ok");
	close(ep);
	close(e);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* SIGALRM 20 ms from now, into the call that blocks next */
static void alarm_in_20ms(int flags)
{
	alarms = 0;
	arm_alarm(20, flags, on_alarm);
}

static void test_signals(void)
{
	int e = eventfd(0, 0);
	pid_t pid;

	alarm_in_20ms(0);
	CHECK_ERR(rd(e), EINTR, "blocked read, a signal: EINTR");
	CHECK_EQ(alarms, 1, "  the handler ran");

	/* the alarm first, the write 50 ms after we sleep: a busy host
	 * cannot push the alarm past the write */
	alarm_in_20ms(SA_RESTART);
	pid = child_when_asleep(e, 9, 50);
	CHECK_EQ(rd(e), 9, "blocked read, SA_RESTART: restarted, reads 9");
	CHECK_EQ(alarms, 1, "  the handler ran");
	wait_child(pid);

	wr(e, MAXCOUNT);
	alarm_in_20ms(0);
	CHECK_ERR(wr(e, 1), EINTR, "blocked write, a signal: EINTR");
	CHECK_EQ(alarms, 1, "  the handler ran");

	alarm_in_20ms(SA_RESTART);
	pid = child_when_asleep(e, 0, 50);
	CHECK_EQ(wr(e, 2), 8, "blocked write, SA_RESTART: restarted, done after the read");
	CHECK_EQ(alarms, 1, "  the handler ran");
	wait_child(pid);
	CHECK_EQ(rd(e), 2, "  read: 2");
	signal(SIGALRM, SIG_DFL);
	close(e);
}

static char info[1024];

/* The eventfd-id of fd, or -1 if the line is missing or malformed */
static long fdinfo_id(int fd)
{
	const char *l;
	char *end;
	long id;

	read_fdinfo(fd, info, sizeof(info));
	l = line_of(info, "eventfd-id: ", 0);
	if (!*l)
		return -1;
	id = strtol(l + 12, &end, 10);
	return *end == '\0' && end != l + 12 ? id : -1;
}

static void test_fdinfo(void)
{
	int e = eventfd(5, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC), f = eventfd(0, 0);
	char want[64];
	struct stat st;
	long ide, idf;

	CHECK(read_fdinfo(e, info, sizeof(info)) > 0, "fdinfo readable");
	CHECK_STR(line_of(info, "pos:", 0), "pos:\t0", "pos line");
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02004002",
		  "flags: O_RDWR|O_NONBLOCK|O_CLOEXEC");
	fstat(e, &st);
	snprintf(want, sizeof(want), "ino:\t%lu", (unsigned long)st.st_ino);
	CHECK_STR(line_of(info, "ino:", 0), want, "ino: the anon inode's");
	CHECK_STR(line_of(info, "eventfd-count:", 0), "eventfd-count:                5",
		  "eventfd-count: %16llx");
	CHECK_STR(line_of(info, "eventfd-semaphore:", 0), "eventfd-semaphore: 1",
		  "eventfd-semaphore: 1");
	CHECK(strstr(info, "\nino:") < strstr(info, "\neventfd-count:") &&
	      strstr(info, "\neventfd-count:") < strstr(info, "\neventfd-id:") &&
	      strstr(info, "\neventfd-id:") < strstr(info, "\neventfd-semaphore:"),
	      "lines in Linux's order");
	CHECK_EQ(info[strlen(info) - 1], '\n', "ends with a newline");

	read_fdinfo(f, info, sizeof(info));
	CHECK_STR(line_of(info, "flags:", 0), "flags:\t02", "plain eventfd: flags 02");
	CHECK_STR(line_of(info, "eventfd-count:", 0), "eventfd-count:                0", "count 0");
	CHECK_STR(line_of(info, "eventfd-semaphore:", 0), "eventfd-semaphore: 0", "semaphore 0");
	wr(f, MAXCOUNT);
	read_fdinfo(f, info, sizeof(info));
	CHECK_STR(line_of(info, "eventfd-count:", 0), "eventfd-count: fffffffffffffffe",
		  "count at the most");

	ide = fdinfo_id(e);
	idf = fdinfo_id(f);
	CHECK(ide >= 0 && idf >= 0, "eventfd-id: a number");
	CHECK(ide != idf, "  different for two eventfds");
	close(e);
	close(f);
}

static void test_dup_fork(void)
{
	int e = eventfd(0, EFD_NONBLOCK), d = dup(e);
	pid_t pid;

	wr(d, 2);
	CHECK_EQ(rd(e), 2, "write through a dup, read through the original");
	close(e);
	wr(d, 3);
	CHECK_EQ(rd(d), 3, "original closed: the dup still works");

	pid = fork();
	if (pid == 0)
		_exit(wr(d, 11) != 8);
	CHECK_EQ(wait_child(pid), 0, "a child writes 11 to the inherited fd");
	CHECK_EQ(rd(d), 11, "  the parent reads 11");
	wr(d, 12);
	pid = fork();
	if (pid == 0)
		_exit(rd(d) != 12);
	CHECK_EQ(wait_child(pid), 0, "the child reads what the parent wrote");
	CHECK_ERR(rd(d), EAGAIN, "  and took it");
	close(d);
}

/* Exec'd with "exec-check A B": A must be closed, B an eventfd at 42. */
static int exec_check(const char *a, const char *b)
{
	int fa = atoi(a), fb = atoi(b);

	if (fcntl(fa, F_GETFD) != -1 || errno != EBADF)
		return 1;
	if (fcntl(fb, F_GETFD) != 0)
		return 2;
	if (rd(fb) != 42)
		return 3;
	return 0;
}

static void test_exec(const char *self)
{
	int cloexec = eventfd(1, EFD_CLOEXEC), keep = eventfd(40, 0);

	wr(keep, 2);
	CHECK_EQ(run_exec_check(self, cloexec, keep, NULL), 0,
		 "after execve: the EFD_CLOEXEC fd is closed, the other keeps its count (42)");
	close(cloexec);
	close(keep);
}

int main(int argc, char **argv)
{
	if (argc == 4)
		return exec_check(argv[2], argv[3]);
	test_create();
	test_counter();
	test_iov();
	test_semaphore();
	test_poll_select();
	test_epoll_levels();
	test_epoll_edge();
	test_blocking();
	test_signals();
	test_fdinfo();
	test_dup_fork();
	test_exec(argv[0]);
	return test_done();
}
