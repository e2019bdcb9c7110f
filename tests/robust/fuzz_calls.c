/*
 * fuzz_calls.c - the fuzzer's random calls: every syscall the kernel
 * implements (the kernel's own list, include/pollux/syscall_list.h), and
 * now and then a number it does not, each with arguments drawn by kind
 * (an fd, a pointer, a length, flags, a path...) from random and boundary
 * values: negative and huge fds, NULL, 1, kernel-half, non-canonical and
 * unmapped pointers, a buffer that runs into an unmapped page, huge
 * lengths, every flag bit.  Two helper threads (raw clone with
 * pthread_create's flags) wait on, wake and requeue four futex words
 * meanwhile, so the random futex calls meet waiters, and tgkill, exit,
 * execve and fork act on a process of three threads.  Pollux only (see
 * fuzz.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fuzz.h"
#include "raw_thread.h"

/* Every implemented call, from the list that makes the kernel's table. */
static const struct call {
	long nr;
	const char *name;
} calls[] = {
#define SYSCALL(n, ret, name, ...) { __NR_##name, #name },
#define SYSCALL_NOWRAP SYSCALL
#include <pollux/syscall_list.h>
#undef SYSCALL
#undef SYSCALL_NOWRAP
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

/*
 * The kind of each argument, by name; a call not listed gets "xxxxxx".
 * f fd, p pointer to memory the kernel writes, s path, n length or count,
 * i flags or int, o small command/op, m timeout in ms, t timespec or
 * timeval, r pointer to a record of mixed words (pollfd, epoll_event,
 * fd_set, sigaction, rlimit...), v iovec array, a sigset, z sigset size,
 * d pid, g signal number, u socket address, c msghdr (with control
 * messages: SCM_RIGHTS of live and bad fds), w futex word, q futex op,
 * M a mount(2)/umount2(2) target, y a file system type, e mount options,
 * x anything.
 */
static const struct {
	const char *name, *kinds;
} signatures[] = {
	{ "read", "fpn" }, { "write", "frn" }, { "open", "sii" },
	{ "close", "f" }, { "stat", "sp" }, { "fstat", "fp" },
	{ "lstat", "sp" }, { "lseek", "fio" }, { "ioctl", "fir" },
	{ "readv", "fvn" }, { "writev", "fvn" }, { "access", "si" },
	{ "pread64", "fpnn" }, { "pwrite64", "frnn" }, { "preadv", "fvnn" },
	{ "pwritev", "fvnn" }, { "preadv2", "fvnnni" },
	{ "pwritev2", "fvnnni" }, { "sendfile", "ffrn" },
	{ "sync", "" }, { "syncfs", "f" }, { "fsync", "f" },
	{ "fdatasync", "f" },
	{ "dup", "f" }, { "dup2", "ff" }, { "dup3", "ffi" },
	{ "fcntl", "for" }, { "getcwd", "pn" }, { "chdir", "s" },
	{ "mkdir", "si" }, { "unlink", "s" }, { "getdents64", "fpn" },
	{ "openat", "fsii" }, { "mkdirat", "fsi" }, { "newfstatat", "fspi" },
	{ "unlinkat", "fsi" }, { "pipe", "p" }, { "pipe2", "pi" },
	{ "poll", "rnm" }, { "select", "nrrrt" }, { "pselect6", "nrrrtr" },
	{ "ppoll", "rntaz" }, { "epoll_create", "i" },
	{ "epoll_wait", "fpnm" }, { "epoll_ctl", "forr" },
	{ "epoll_pwait", "fpnmaz" }, { "epoll_create1", "i" },
	{ "epoll_pwait2", "fpntaz" }, { "eventfd", "n" },
	{ "eventfd2", "ni" }, { "timerfd_create", "oi" },
	{ "timerfd_settime", "fitp" }, { "timerfd_gettime", "fp" },
	{ "signalfd", "faz" }, { "signalfd4", "fazi" },
	{ "nanosleep", "tp" },
	{ "pidfd_open", "di" }, { "pidfd_send_signal", "fgri" },
	{ "getrandom", "pni" }, { "faccessat", "fsi" },
	{ "faccessat2", "fsii" }, { "creat", "si" }, { "chmod", "si" },
	{ "fchmod", "fi" }, { "fchmodat", "fsi" }, { "chown", "sii" },
	{ "fchown", "fii" }, { "lchown", "sii" }, { "fchownat", "fsiii" },
	{ "umask", "i" }, { "truncate", "sn" }, { "ftruncate", "fn" },
	{ "rename", "ss" }, { "renameat", "fsfs" },
	{ "renameat2", "fsfsi" }, { "statfs", "sp" }, { "fstatfs", "fp" },
	{ "mount", "sMyie" }, { "umount2", "Mi" },
	{ "clone", "ixppi" }, { "execve", "srr" }, { "exit", "i" },
	{ "wait4", "dpip" }, { "kill", "dg" }, { "uname", "p" },
	{ "gettimeofday", "pp" }, { "settimeofday", "tr" }, { "time", "p" },
	{ "setpgid", "dd" }, { "getpgid", "d" },
	{ "getsid", "d" }, { "getrlimit", "op" }, { "setrlimit", "or" },
	{ "prlimit64", "dorp" }, { "arch_prctl", "ox" },
	{ "prctl", "oprxx" }, { "sysinfo", "p" }, { "getgroups", "np" },
	{ "sched_getaffinity", "dnp" }, { "syslog", "opn" }, { "link", "ss" }, { "linkat", "fsfsi" },
	{ "set_tid_address", "p" }, { "clock_gettime", "op" },
	{ "clock_settime", "ot" }, { "clock_getres", "op" },
	{ "clock_nanosleep", "oitp" }, { "exit_group", "i" },
	{ "rt_sigaction", "grpz" }, { "rt_sigprocmask", "oapz" },
	{ "rt_sigpending", "pz" }, { "rt_sigsuspend", "az" },
	{ "rt_sigtimedwait", "aptz" }, { "sigaltstack", "rp" },
	{ "tkill", "dg" }, { "tgkill", "ddg" }, { "alarm", "n" },
	{ "rt_sigqueueinfo", "dgr" }, { "rt_tgsigqueueinfo", "ddgr" },
	{ "getitimer", "op" }, { "setitimer", "otp" }, { "brk", "x" },
	{ "mmap", "xnoifn" }, { "mprotect", "xno" }, { "munmap", "xn" },
	{ "msync", "xni" },
	{ "socket", "iii" }, { "socketpair", "iiip" }, { "shutdown", "fo" },
	{ "sendto", "frniun" }, { "recvfrom", "fpnipp" },
	{ "sendmsg", "fci" }, { "recvmsg", "fci" },
	{ "setsockopt", "fiirn" }, { "getsockopt", "fiipp" },
	{ "bind", "fun" }, { "listen", "fi" }, { "connect", "fun" },
	{ "accept", "fpp" }, { "accept4", "fppi" },
	{ "getsockname", "fpp" }, { "getpeername", "fpp" },
	{ "futex", "wqntwi" }, { "set_robust_list", "rn" },
	{ "get_robust_list", "dpp" }, { "clone3", "rn" },
};
#define NSIGNATURES (sizeof(signatures) / sizeof(signatures[0]))

#define SCRATCH 65536
#define LIVE_FDS 32	/* the fds a child opens are below this */

static char scratch[SCRATCH];	/* memory the kernel may read and write */
static char *edge;		/* the end of a mapping: an unmapped page follows */
static char *file_map;		/* /fz/f mapped, 3 pages: the file's size varies */
static pid_t self;

static unsigned long arg(char kind);

static unsigned long bad_pointer(void)
{
	static const unsigned long bad[] = {
		0, 1, 8, 4096,			/* NULL and the first page */
		0x00007ffffffff000UL,		/* the top user page, unmapped */
		0x00007fffffffffffUL,		/* the last user byte */
		0x0000800000000000UL,		/* the first non-canonical */
		0xffff800000000000UL,		/* kernel half: the direct map */
		0xffffffff80100000UL,		/* kernel text */
		~0UL,
	};

	switch (below(4)) {
	case 0:
		return (unsigned long)edge - below(64);	/* runs off a mapping */
	case 1:
		return (unsigned long)&bad_pointer;	/* read-only text */
	default:
		return PICK(bad);
	}
}

/* Memory the kernel writes: the scratch buffer, at times misaligned. */
static unsigned long out_pointer(void)
{
	if (below(4) == 0)
		return bad_pointer();
	if (below(8) == 0 && file_map != MAP_FAILED)
		return (unsigned long)file_map + below(3 * 4096);
	return (unsigned long)scratch + below(SCRATCH / 2);
}

static unsigned long length(void)
{
	static const unsigned long lens[] = {
		0, 1, 2, 3, 8, 12, 16, 64, 100, 4095, 4096, 4097, 65536,
		65537, 1UL << 20, INT_MAX, 0x80000000UL, UINT_MAX, LONG_MAX,
		~0UL,
	};

	return below(3) ? PICK(lens) : below(256);
}

static unsigned long flags(void)
{
	switch (below(5)) {
	case 0:
		return 0;
	case 1:
		return 1UL << below(64);	/* every flag bit, one at a time */
	case 2:
		return below(16);
	case 3:
		return (unsigned int)rnd();
	default:
		return rnd();
	}
}

static unsigned long fd(void)
{
	static const long odd[] = {
		-1, -2, INT_MIN, INT_MAX, 1023, 1024, 4096, 65536, 1L << 32,
		LONG_MIN, LONG_MAX,
	};

	return below(4) ? below(LIVE_FDS) : (unsigned long)PICK(odd);
}

/* Files from before the run that a call could remove: see aim_at_self */
static const char dev_null[] = "/dev/null", bin[] = "/bin";

static unsigned long path(void)
{
	static const char *const paths[] = {
		"/", "/fz", "/fz/f", "/fz/g", "/fz/d", "/fz/d/x", "/fz/f/x",
		"/proc/meminfo", "/proc/self/fdinfo/3", "/proc/1/fdinfo/0",
		"/proc/slabinfo", "/proc/nope", "/proc/self/fd", "/proc/1/fd/",
		"/proc/self/fd/3", "/proc/self", "/proc", "/proc/1",
		"/proc/self/stat", "/proc/1/status", "/proc/self/maps",
		"/proc/self/cmdline", "/proc/cpuinfo", "/proc/stat",
		dev_null, bin, "/nope/x",
		"", ".", "..", "//fz//f/",
	};
	static char longpath[PATH_MAX + 16];

	switch (below(6)) {
	case 0:
		return bad_pointer();
	case 1:
		memset(longpath, 'a', sizeof(longpath) - 1);
		longpath[0] = '/';
		return (unsigned long)longpath + below(32);
	case 2:
		/* no NUL before the unmapped page */
		return (unsigned long)edge - 1 - below(8);
	default:
		return (unsigned long)PICK(paths);
	}
}

/* A mount or umount2 target: in /fz only, where the run's end unmounts
 * what is left (unmount_fz in fuzz.c); a mount elsewhere could outlive
 * the run or hide /proc, an umount take /dev or /tmp away.  Or a path
 * that faults, or is too long. */
static unsigned long mount_target(void)
{
	static const char *const targets[] = {
		"/fz", "/fz/d", "/fz/g", "/fz/d/x", "/fz/f", "/fz/nope/x",
		"//fz//d/", "",
	};
	static const unsigned long faults[] = {
		0, 1, 0x0000800000000000UL, 0xffff800000000000UL,
	};

	switch (below(8)) {
	case 0:
		return PICK(faults);
	case 1:
		return (unsigned long)edge - 1 - below(8);
	default:
		return (unsigned long)PICK(targets);
	}
}

/* A file system type for mount: known, unknown, empty or faulting */
static unsigned long fs_type(void)
{
	static const char *const types[] = {
		"tmpfs", "tmpfs", "ramfs", "proc", "rootfs", "nofs", "",
	};

	return below(8) ? (unsigned long)PICK(types) : bad_pointer();
}

/* mount's options: valid, invalid, none, or memory that faults */
static unsigned long mount_options(void)
{
	static const char *const opts[] = {
		"size=1m", "mode=0,nr_inodes=3", "ro,sync", "bogus", "size=",
		",,mode=1777,", "hidepid=2",
	};

	switch (below(4)) {
	case 0:
		return 0;
	case 1:
		return bad_pointer();
	default:
		return (unsigned long)PICK(opts);
	}
}

/* {sec, nsec} (also read as a timeval): valid, edge and invalid values. */
static unsigned long timespec(void)
{
	static const long t[][2] = {
		{ 0, 0 }, { 0, 1000000 }, { 0, 999999999 }, { 0, 1000000000 },
		{ -1, 0 }, { 0, -1 }, { LONG_MAX, 999999999 }, { 1, 0 },
	};
	long *ts = (long *)(scratch + SCRATCH - 64);

	if (below(4) == 0)
		return bad_pointer();
	memcpy(ts, PICK(t), sizeof(t[0]));
	return (unsigned long)ts;
}

/* A record of mixed words: the shape of pollfd, epoll_event, fd_set,
 * sigaction (whose handler may be garbage), rlimit, itimerval... */
static unsigned long record(void)
{
	unsigned long *r;

	if (below(4) == 0)
		return bad_pointer();
	r = (unsigned long *)(scratch + SCRATCH / 2 + below(SCRATCH / 4));
	for (int i = 0; i < 16; i++)
		r[i] = below(2) ? fd() | flags() << 32 : arg("fnipx"[below(5)]);
	return (unsigned long)r;
}

static unsigned long iovecs(void)
{
	struct iovec *v = (struct iovec *)(scratch + SCRATCH - 4096);

	if (below(4) == 0)
		return bad_pointer();
	for (int i = 0; i < 8; i++) {
		v[i].iov_base = (void *)out_pointer();
		v[i].iov_len = below(2) ? below(4096) : length();
	}
	return (unsigned long)v;
}

/* The ports of the child's inet sockets (child_setup), 0 and others */
static unsigned short inet_ports[6] = { 0, 1, 9, 65535 };

/* A sockaddr_in or sockaddr_in6: loopback, any, a mapped or a foreign
 * address, the port of one of the child's inet sockets or another. */
static unsigned long sockaddr_inet(void)
{
	static const unsigned char addrs[][16] = {
		{ [15] = 1 },				/* ::1 */
		{ 0 },					/* :: */
		{ [10] = 0xff, 0xff, 127, 0, 0, 1 },	/* ::ffff:127.0.0.1 */
		{ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },	/* 2001:db8::1 */
	};
	static const unsigned int addrs4[] = {
		0x0100007f, 0, 0x0302017f, 0x010200c0, 0xffffffff,
	};
	unsigned short *a = (void *)(scratch + SCRATCH - 8192);
	unsigned short port = PICK(inet_ports);

	memset(a, 0, 32);
	a[1] = __builtin_bswap16(port);
	if (below(2)) {
		a[0] = below(8) ? AF_INET : AF_UNSPEC;
		memcpy(a + 2, &PICK(addrs4), 4);
	} else {
		a[0] = AF_INET6;
		memcpy(a + 4, PICK(addrs), 16);
	}
	return (unsigned long)a;
}

/* A sockaddr_un: a path, an abstract name (the child's own sockets'
 * among them), the family alone, AF_UNSPEC, another family; an inet
 * address; or a record.  Lengths come from 'n'. */
static unsigned long sockaddr(void)
{
	static const char *const names[] = {
		"/fz/s", "/fz/f", "/fz/d", "\0fzd", "\0fzl", "\0fzx", "",
	};
	struct {
		unsigned short family;
		char path[108];
	} *sun = (void *)(scratch + SCRATCH - 8192);
	const char *name = PICK(names);

	if (below(4) == 0)
		return record();
	if (below(3) == 0)
		return sockaddr_inet();
	memset(sun, 0, sizeof(*sun));
	sun->family = below(4) ? AF_UNIX : below(2) ? AF_UNSPEC : flags();
	memcpy(sun->path, name, name[0] ? strlen(name) : 1 + strlen(name + 1));
	return (unsigned long)sun;
}

/* The words the helper threads wait on and wake (start_helpers). */
static int futex_words[4];

/* A futex word: a helper's, at times misaligned or a bad pointer. */
static unsigned long futex_word(void)
{
	switch (below(8)) {
	case 0:
		return bad_pointer();
	case 1:
		return (unsigned long)&futex_words[below(4)] + 1 + below(3);
	default:
		return (unsigned long)&futex_words[below(4)];
	}
}

/* A futex op: every command (PI ones too: ENOSYS), with or without
 * FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME; or random bits. */
static unsigned long futex_op(void)
{
	unsigned long op = below(14);

	if (below(2))
		op |= 128;	/* FUTEX_PRIVATE_FLAG */
	if (below(4) == 0)
		op |= 256;	/* FUTEX_CLOCK_REALTIME */
	return below(8) ? op : flags();
}

static unsigned long pid(void);

/* Control messages: mostly SCM_RIGHTS of live, bad and too many fds,
 * some SCM_CREDENTIALS, at times a wrong length, level or type; returns
 * msg_controllen. */
static size_t control(char *ctl, size_t room)
{
	size_t off = 0;

	for (int i = below(3); i > 0; i--) {
		struct cmsghdr *cm = (struct cmsghdr *)(ctl + off);
		int nfds = below(4) ? (int)below(4) : (int)below(260);

		if (off + CMSG_SPACE(nfds * sizeof(int)) > room)
			break;
		cm->cmsg_len = below(8) ? CMSG_LEN(nfds * sizeof(int)) : length();
		cm->cmsg_level = below(8) ? SOL_SOCKET : (int)flags();
		cm->cmsg_type = below(8) ? SCM_RIGHTS : (int)below(4);
		for (int j = 0; j < nfds; j++)
			((int *)CMSG_DATA(cm))[j] = (int)fd();
		if (below(4) == 0 && nfds == 3) {	/* a struct ucred */
			cm->cmsg_type = SCM_CREDENTIALS;
			((int *)CMSG_DATA(cm))[0] = (int)pid();
		}
		off += CMSG_SPACE(nfds * sizeof(int));
	}
	return below(8) ? off : length();
}

/* A struct msghdr: a name, iovecs, control messages, or a record */
static unsigned long msghdr(void)
{
	struct msghdr *m = (void *)(scratch + SCRATCH - 12288);
	char *ctl = scratch + SCRATCH - 12288 + 256;

	if (below(4) == 0)
		return record();
	m->msg_name = below(2) ? NULL : (void *)sockaddr();
	m->msg_namelen = below(4) ? below(112) : length();
	m->msg_iov = (struct iovec *)iovecs();
	m->msg_iovlen = below(4) ? below(9) : length();
	m->msg_control = below(8) ? ctl : (void *)bad_pointer();
	m->msg_controllen = control(ctl, 3000);
	m->msg_flags = flags();
	return (unsigned long)m;
}

/* A signal mask never blocks SIGALRM: the per-call timer that ends a
 * blocking call (arm_timer) must always get through. */
static unsigned long sigset(void)
{
	unsigned long *set = (unsigned long *)(scratch + SCRATCH - 128);

	if (below(4) == 0)
		return below(2) ? 0 : bad_pointer();
	*set = rnd() & ~(1UL << (SIGALRM - 1));
	return (unsigned long)set;
}

static unsigned long pid(void)
{
	static const long pids[] = { 0, -1, 1, INT_MAX, INT_MIN, 2, 3 };

	return below(3) ? (unsigned long)self : (unsigned long)PICK(pids);
}

static unsigned long timeout_ms(void)
{
	static const int ms[] = { -1, 0, 1, 10, INT_MAX, INT_MIN, -2 };

	return (unsigned long)(long)PICK(ms);
}

static unsigned long anything(void)
{
	return below(3) ? arg("fpsnirtvdg"[below(10)]) : rnd();
}

static unsigned long arg(char kind)
{
	switch (kind) {
	case 'f': return fd();
	case 'p': return out_pointer();
	case 's': return path();
	case 'n': return length();
	case 'i': return flags();
	case 'o': return below(4) ? below(12) : flags();
	case 'm': return timeout_ms();
	case 't': return timespec();
	case 'r': return record();
	case 'v': return iovecs();
	case 'a': return sigset();
	case 'z': return below(4) ? 8 : length();
	case 'd': return pid();
	case 'g': return below(4) ? below(70) : flags();
	case 'u': return sockaddr();
	case 'c': return msghdr();
	case 'w': return futex_word();
	case 'q': return futex_op();
	case 'M': return mount_target();
	case 'y': return fs_type();
	case 'e': return mount_options();
	default: return anything();
	}
}

static int is_stop(unsigned long sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/*
 * A signal may only go to the child itself: kill(-1), kill(0), pid 1 or
 * the fuzzer's own pid would end the run (or, from the shell, the shell
 * and init); and a stop signal is turned into SIGCONT, as a stopped child
 * would only sit until the watchdog (stops are tested in
 * tests/user/signal_stop.c).  prlimit64 may act on the child only, so the
 * fuzzer's own limits stay.  /dev/null is never unlinked: with no mknod
 * the run could not put it back, and its dentry would read as a leak;
 * nor is it or /bin renamed, as source or as the target replaced.
 */
static void keep_in_place(unsigned long *path)
{
	if (*path == (unsigned long)dev_null || *path == (unsigned long)bin)
		*path = (unsigned long)"/fz/null";
}

#define HELPERS 2
#define HELPER_STACK 16384
#define HELPER_CALLS 300
static int helper_tid[HELPERS];	/* CLONE_CHILD_CLEARTID words */
static char helper_stack[HELPERS][HELPER_STACK];

static void aim_at_self(long nr, unsigned long *a)
{
	if (nr == SYS_kill || nr == SYS_tkill || nr == SYS_rt_sigqueueinfo)
		a[0] = self;
	if (nr == SYS_tgkill || nr == SYS_rt_tgsigqueueinfo)
		a[0] = a[1] = self;
	if (nr == SYS_tgkill && below(2))
		a[1] = helper_tid[below(HELPERS)];	/* 0 once it exited */
	/* half the waits find the value they expect, and sleep */
	if (nr == SYS_futex && below(2) && a[0] >= (unsigned long)futex_words &&
	    a[0] < (unsigned long)(futex_words + 4) && !(a[0] & 3))
		a[2] = *(int *)a[0];
	if ((nr == SYS_kill || nr == SYS_tkill || nr == SYS_rt_sigqueueinfo) &&
	    is_stop(a[1]))
		a[1] = SIGCONT;
	if ((nr == SYS_tgkill || nr == SYS_rt_tgsigqueueinfo) && is_stop(a[2]))
		a[2] = SIGCONT;
	if (nr == SYS_prlimit64 && a[0] != 0)
		a[0] = self;
	if (nr == SYS_unlink || nr == SYS_rename)
		keep_in_place(&a[0]);
	if (nr == SYS_rename)
		keep_in_place(&a[1]);
	if (nr == SYS_unlinkat || nr == SYS_renameat || nr == SYS_renameat2)
		keep_in_place(&a[1]);
	if (nr == SYS_renameat || nr == SYS_renameat2)
		keep_in_place(&a[3]);
}

/* The argument kinds of call number nr; "xxxxxx" for one not listed. */
static const char *kinds_of(long nr)
{
	for (unsigned c = 0; c < NCALLS; c++)
		for (unsigned s = 0; calls[c].nr == nr && s < NSIGNATURES; s++)
			if (!strcmp(signatures[s].name, calls[c].name))
				return signatures[s].kinds;
	return "xxxxxx";
}

/* Makes one call: an implemented one, or (1 in 16) any number at all,
 * mostly near the table; returns the syscall's number. */
static long one_call(long *ret)
{
	unsigned long a[6];
	const char *kinds;
	long nr;

	if (below(16))
		nr = calls[below(NCALLS)].nr;
	else
		nr = below(4) ? (long)below(600) : (long)rnd();
	kinds = kinds_of(nr);
	for (int i = 0; i < 6; i++)
		a[i] = arg(kinds[i] ? kinds[i] : 'x');
	aim_at_self(nr, a);
	*ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	return nr;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Before every call: SIGALRM caught (no SA_RESTART) and unblocked, and a
 * one-shot 5 ms timer, so a call that blocks returns EINTR, whatever the
 * previous call did to the signal state. */
static void arm_timer(void)
{
	static const struct itimerval tick = { { 0, 0 }, { 0, 5000 } };
	struct sigaction sa = { .sa_handler = on_alarm };
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &tick, NULL);
}

/* A unix socket of type bound to the abstract name "\0<name>" */
static int bound_socket(int type, const char *name)
{
	struct {
		unsigned short family;
		char path[8];
	} sun = { AF_UNIX, { 0 } };
	int s = socket(AF_UNIX, type, 0);

	strcpy(sun.path + 1, name);
	bind(s, (struct sockaddr *)&sun, 3 + strlen(name));
	return s;
}

/* TCP and UDP sockets on loopback: a listener, a connection (both
 * ends), a UDP socket on 127.0.0.1 and one on ::1; their ports go to
 * inet_ports for the addresses the calls use */
static void inet_setup(void)
{
	struct sockaddr_in6 a6 = { AF_INET6, 0, 0, { { { [15] = 1 } } }, 0 };
	struct sockaddr_in a = { AF_INET, 0, { 0x0100007f }, { 0 } };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), u, u6, c;

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 4);
	getsockname(l, (struct sockaddr *)&a, &len);
	inet_ports[4] = __builtin_bswap16(a.sin_port);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	accept(l, NULL, NULL);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_port = 0;
	bind(u, (struct sockaddr *)&a, sizeof(a));
	u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	bind(u6, (struct sockaddr *)&a6, sizeof(a6));
	len = sizeof(a);
	getsockname(u, (struct sockaddr *)&a, &len);
	inet_ports[5] = __builtin_bswap16(a.sin_port);
}

/* The fds a call picks from (below LIVE_FDS): /dev/null on 0-5, pipes,
 * nested epoll instances watching them, a /proc file, a ramfs file, a
 * directory, unix socket pairs, a bound datagram socket and a listener,
 * inet sockets (inet_setup); and the edge of a mapping, and a shared
 * mapping of the ramfs file. */
static void child_setup(void)
{
	struct epoll_event ev = { EPOLLIN | EPOLLOUT, { 0 } };
	int p[2], q[2], sv[2], ep, outer, f;
	char *m;

	pipe(p);
	pipe2(q, O_NONBLOCK);
	write(p[1], "fuzz", 4);
	ep = epoll_create1(0);
	outer = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	epoll_ctl(ep, EPOLL_CTL_ADD, q[1], &ev);
	epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev);
	open("/proc/meminfo", O_RDONLY);
	f = open("/fz/f", O_RDWR | O_CREAT, 0644);
	open("/", O_RDONLY | O_DIRECTORY);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	bound_socket(SOCK_DGRAM, "fzd");
	listen(bound_socket(SOCK_STREAM, "fzl"), 4);
	inet_setup();
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m + 4096, 4096);
	memset(m, 'a', 4096);
	edge = m + 4096;
	/* a file mapping longer than the file: past its end, a pointer is
	 * SIGBUS in user mode and EFAULT to the kernel, until a random
	 * truncate or write moves the end */
	ftruncate(f, 4096);
	file_map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			f, 0);
	self = getpid();
}

/*
 * A helper thread: waits (1 ms at most) on the futex words, wakes them,
 * requeues between them and changes them, so the main thread's random
 * futex calls meet waiters, then exits; an execve, exit_group or fatal
 * signal of the main thread ends it sooner.  It blocks every signal, so
 * the per-call SIGALRM (process-directed) always reaches the main
 * thread.  Raw calls only: errno is the main thread's.
 */
static void helper(void *arg)
{
	unsigned long long r = (unsigned long)arg;
	const long ms[2] = { 0, 1000000 };
	unsigned long all = ~0UL;

	raw_syscall6(SYS_rt_sigprocmask, SIG_BLOCK, (long)&all, 0, 8, 0, 0);
	for (int i = 0; i < HELPER_CALLS; i++) {
		int *w, *w2;

		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		w = &futex_words[(r >> 33) & 3];
		w2 = &futex_words[(r >> 35) & 3];
		switch ((r >> 40) & 7) {
		case 0:
		case 1:
			raw_syscall6(SYS_futex, (long)w, (r >> 43) & 128, *w,
				     (long)ms, 0, 0);
			break;
		case 2:	/* WAIT_BITSET, an absolute deadline long past */
			raw_syscall6(SYS_futex, (long)w, 9, *w, (long)ms, 0,
				     1 << ((r >> 44) & 3));
			break;
		case 3:
			raw_syscall6(SYS_futex, (long)w, 1, 1, 0, 0, 0);
			break;
		case 4:	/* CMP_REQUEUE one waiter on */
			raw_syscall6(SYS_futex, (long)w, 4, 0, 1, (long)w2, *w);
			break;
		default:
			__atomic_add_fetch(w, 1, __ATOMIC_SEQ_CST);
		}
	}
	raw_syscall6(SYS_exit, 0, 0, 0, 0, 0, 0);
}

static void start_helpers(void)
{
	for (int i = 0; i < HELPERS; i++)
		raw_thread(helper, (void *)(rnd() | 1), helper_stack[i],
			   HELPER_STACK, &helper_tid[i]);
}

void fuzz_calls(int count)
{
	child_setup();
	start_helpers();
	for (int i = 0; i < count; i++) {
		long ret, nr;

		arm_timer();
		nr = one_call(&ret);
		/* a fork made by the call: the new child leaves at once */
		if (ret == 0 && (nr == SYS_fork || nr == SYS_vfork ||
				 nr == SYS_clone) && getpid() != self)
			_exit(0);
		report(ret == -1 ? errno : 0);
	}
	report(REPORT_DONE);
	_exit(0);
}
