/*
 * Every system call Pollux implements, one line each, with its C types:
 *
 *   SYSCALL3(ssize_t, read, __KU(unsigned int, int), fd, ...)
 *            |        |     `- then (type, name) per argument, as Linux's
 *            |        |        SYSCALL_DEFINE3(read, unsigned int, fd, ...)
 *            |        `- the name: number __NR_read, handler sys_read()
 *            `- what the C library's read() returns (the handler: long)
 *
 * One list makes
 *   - the handlers' prototypes, long sys_read(unsigned int fd, ...):
 *     include/pollux/syscalls.h (so each definition is checked against it);
 *   - the table, number -> handler: kernel/syscall_table.c;
 *   - the C library's wrapper, ssize_t read(int fd, void *buf, size_t count),
 *     for each SYSCALLn line: one system call, then -1 and errno on
 *     failure (libc/src/syscalls.c; checked against the libc's headers);
 *   - the fuzzer's list of calls (tests/robust/fuzz_calls.c).
 * A SYSCALLn_NOWRAP line makes all but the C wrapper: the libc's own is
 * hand-written for the reason given on the line, or there is none yet
 * (syscall(SYS_...) reaches every number).  The libc also wraps a few
 * calls the kernel lacks (pread64, pwrite64): by hand, so they work on
 * Linux and answer ENOSYS here.
 *
 * Types must be visible to the kernel and to user programs (uapi types,
 * structs by pointer only: the libc compiles every line's).  __user,
 * empty for user programs, marks pointers the kernel must copy through.
 * Where the kernel's type (Linux's) and the C library's differ,
 * __KU(kernel type, C type) gives both: the wrapper converts its argument
 * to long for the register, and the handler reads that register as its
 * own type, as on Linux with glibc (tests/user/abi.c, test_arg_widths).
 *
 * A number not listed returns -ENOSYS, logged once by its Linux name.
 * Linux: include/linux/syscalls.h, arch/x86/entry/syscalls/syscall_64.tbl.
 */
#ifndef POLLUX_SYSCALL_LIST_MACROS
#define POLLUX_SYSCALL_LIST_MACROS
/* Each includer defines SYSCALL(n, ret, name, ...) and SYSCALL_NOWRAP. */
#define SYSCALL0(...) SYSCALL(0, __VA_ARGS__)
#define SYSCALL1(...) SYSCALL(1, __VA_ARGS__)
#define SYSCALL2(...) SYSCALL(2, __VA_ARGS__)
#define SYSCALL3(...) SYSCALL(3, __VA_ARGS__)
#define SYSCALL4(...) SYSCALL(4, __VA_ARGS__)
#define SYSCALL5(...) SYSCALL(5, __VA_ARGS__)
#define SYSCALL6(...) SYSCALL(6, __VA_ARGS__)
#define SYSCALL0_NOWRAP(...) SYSCALL_NOWRAP(0, __VA_ARGS__)
#define SYSCALL1_NOWRAP(...) SYSCALL_NOWRAP(1, __VA_ARGS__)
#define SYSCALL2_NOWRAP(...) SYSCALL_NOWRAP(2, __VA_ARGS__)
#define SYSCALL3_NOWRAP(...) SYSCALL_NOWRAP(3, __VA_ARGS__)
#define SYSCALL4_NOWRAP(...) SYSCALL_NOWRAP(4, __VA_ARGS__)
#define SYSCALL5_NOWRAP(...) SYSCALL_NOWRAP(5, __VA_ARGS__)
#define SYSCALL6_NOWRAP(...) SYSCALL_NOWRAP(6, __VA_ARGS__)

/* __MAP(n, m, t1, a1, ..., tn, an): m(t1, a1), ..., m(tn, an); "void" for
 * n = 0, the empty parameter list (Linux: __MAP in include/linux/syscalls.h). */
#define __MAP0(m, ...) void
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)
#define __SC_DECL(t, a) t a
#define __SC_ARG(t, a) a

#ifdef __KERNEL__
#define __KU(ktype, ctype) ktype
#else
#define __KU(ktype, ctype) ctype
#define __user
#endif
#endif /* POLLUX_SYSCALL_LIST_MACROS */

/* processes: kernel/proc/; time: kernel/time/ */
SYSCALL0(int, sched_yield)
SYSCALL2(int, nanosleep, const struct timespec __user *, req, struct timespec __user *, rem)
SYSCALL0_NOWRAP(long, restart_syscall)	/* made by the kernel after a signal */
SYSCALL0(pid_t, getpid)
SYSCALL5_NOWRAP(long, clone, unsigned long, flags, unsigned long, newsp, int __user *, ptid, int __user *, ctid, unsigned long, tls)	/* the child may start on a new stack: no C wrapper can return there */
SYSCALL0(pid_t, fork)
SYSCALL0_NOWRAP(pid_t, vfork)	/* the child runs on the parent's stack: a C wrapper's return would corrupt it */
SYSCALL3(int, execve, const char __user *, path, __KU(const char __user *const __user *, char *const *), argv, __KU(const char __user *const __user *, char *const *), envp)
SYSCALL1_NOWRAP(void, exit, int, code)	/* ends one thread; C's _exit() is exit_group */
SYSCALL4(pid_t, wait4, pid_t, pid, int __user *, status, int, options, __KU(void __user *, struct rusage *), ru)
SYSCALL2(int, kill, pid_t, pid, int, sig)
SYSCALL1(int, uname, struct utsname __user *, name)
SYSCALL2(int, gettimeofday, struct timeval __user *, tv, __KU(void __user *, struct timezone *), tz)
SYSCALL2(int, settimeofday, const struct timeval __user *, tv, __KU(const void __user *, const struct timezone *), tz)
SYSCALL1(time_t, time, __KU(long __user *, time_t *), tloc)
SYSCALL0(uid_t, getuid)
SYSCALL0(gid_t, getgid)
SYSCALL0_NOWRAP(uid_t, geteuid)	/* no C function yet */
SYSCALL0_NOWRAP(gid_t, getegid)	/* no C function yet */
SYSCALL0(pid_t, getppid)
SYSCALL2(int, setpgid, pid_t, pid, pid_t, pgid)
SYSCALL0(pid_t, getpgrp)
SYSCALL0(pid_t, setsid)
SYSCALL1(pid_t, getpgid, pid_t, pid)
SYSCALL1(pid_t, getsid, pid_t, pid)
SYSCALL2_NOWRAP(int, getrlimit, unsigned int, resource, struct rlimit __user *, rlim)	/* no C function yet */
SYSCALL2_NOWRAP(int, setrlimit, unsigned int, resource, const struct rlimit __user *, rlim)	/* no C function yet */
SYSCALL4_NOWRAP(int, prlimit64, pid_t, pid, unsigned int, resource, const struct rlimit __user *, new, struct rlimit __user *, old)	/* no C function yet */
SYSCALL2_NOWRAP(int, arch_prctl, int, code, unsigned long, addr)	/* no C function yet */
SYSCALL5_NOWRAP(int, prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4, unsigned long, arg5)	/* no C function yet */
SYSCALL1_NOWRAP(int, sysinfo, struct sysinfo __user *, info)	/* no C function yet */
SYSCALL3_NOWRAP(int, syslog, int, type, char __user *, buf, int, len)	/* klogctl(): no C function yet */
SYSCALL2_NOWRAP(int, getgroups, int, gidsetsize, unsigned int __user *, grouplist)	/* no C function yet */
SYSCALL3_NOWRAP(int, sched_setaffinity, pid_t, pid, unsigned int, len, const unsigned long __user *, mask)	/* no C function yet */
SYSCALL3_NOWRAP(int, sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, mask)	/* no C function yet */
SYSCALL3_NOWRAP(int, getcpu, unsigned int __user *, cpu, unsigned int __user *, node, void __user *, unused)	/* no C function yet */
SYSCALL0(pid_t, gettid)
SYSCALL1_NOWRAP(pid_t, set_tid_address, int __user *, tidptr)	/* for a threads library */
SYSCALL2_NOWRAP(long, set_robust_list, void __user *, head, size_t, len)	/* for a threads library */
SYSCALL2(int, clock_gettime, __kernel_clockid_t, clk, struct timespec __user *, tp)
SYSCALL2(int, clock_settime, __kernel_clockid_t, clk, const struct timespec __user *, tp)
SYSCALL2(int, clock_getres, __kernel_clockid_t, clk, struct timespec __user *, tp)
SYSCALL4_NOWRAP(int, clock_nanosleep, __kernel_clockid_t, clk, int, flags, const struct timespec __user *, req, struct timespec __user *, rem)	/* returns the error number, errno untouched */
SYSCALL1_NOWRAP(void, exit_group, int, code)	/* _exit(): never returns */
SYSCALL4_NOWRAP(int, rt_sigaction, int, sig, const struct kernel_sigaction __user *, act, struct kernel_sigaction __user *, oact, size_t, sigsetsize)	/* sigaction(): glibc's struct, and our restorer */
SYSCALL4_NOWRAP(int, rt_sigprocmask, int, how, const kernel_sigset_t __user *, set, kernel_sigset_t __user *, oset, size_t, sigsetsize)	/* sigprocmask(): adds the set's size */
SYSCALL0_NOWRAP(long, rt_sigreturn)	/* the restorer's, libc/arch/x86_64/sigreturn.S */
SYSCALL2_NOWRAP(int, rt_sigpending, kernel_sigset_t __user *, set, size_t, sigsetsize)	/* sigpending(): adds the set's size */
SYSCALL2_NOWRAP(int, rt_sigsuspend, const kernel_sigset_t __user *, mask, size_t, sigsetsize)	/* sigsuspend(): adds the set's size */
SYSCALL4_NOWRAP(int, rt_sigtimedwait, const kernel_sigset_t __user *, uthese, void __user *, uinfo, const struct timespec __user *, uts, size_t, sigsetsize)	/* sigtimedwait(): adds the set's size */
SYSCALL2(int, sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
SYSCALL0(int, pause)
SYSCALL2_NOWRAP(int, tkill, pid_t, tid, int, sig)	/* no C function (nor in glibc) */
SYSCALL3_NOWRAP(int, tgkill, pid_t, tgid, pid_t, tid, int, sig)	/* no C function yet */
SYSCALL1(unsigned int, alarm, unsigned int, seconds)
SYSCALL2(int, getitimer, int, which, struct itimerval __user *, value)
SYSCALL3(int, setitimer, int, which, const struct itimerval __user *, value, struct itimerval __user *, ovalue)
/* memory: kernel/mm/ */
SYSCALL1_NOWRAP(int, brk, unsigned long, brk)	/* returns the break, never an errno */
SYSCALL6_NOWRAP(void *, mmap, unsigned long, addr, unsigned long, len, unsigned long, prot, unsigned long, flags, unsigned long, fd, unsigned long, off)	/* returns an address, MAP_FAILED on error */
SYSCALL3(int, mprotect, __KU(unsigned long, void *), addr, size_t, len, __KU(unsigned long, int), prot)
SYSCALL2(int, munmap, __KU(unsigned long, void *), addr, size_t, len)
SYSCALL5_NOWRAP(void *, mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len, unsigned long, flags, unsigned long, new_addr)	/* new_addr is optional (...), and an address comes back */
SYSCALL3(int, madvise, __KU(unsigned long, void *), start, size_t, len, int, advice)
SYSCALL3(int, msync, __KU(unsigned long, void *), start, size_t, len, int, flags)
/* files: kernel/fs/ */
SYSCALL3(ssize_t, read, __KU(unsigned int, int), fd, __KU(char __user *, void *), buf, size_t, count)
SYSCALL3(ssize_t, write, __KU(unsigned int, int), fd, __KU(const char __user *, const void *), buf, size_t, count)
SYSCALL3_NOWRAP(int, open, const char __user *, path, int, flags, unsigned int, mode)	/* mode is optional (...); open() calls openat, as glibc */
SYSCALL1(int, close, __KU(unsigned int, int), fd)
SYSCALL2_NOWRAP(int, stat, const char __user *, path, struct stat __user *, st)	/* stat() calls newfstatat, as glibc */
SYSCALL2(int, fstat, __KU(unsigned int, int), fd, struct stat __user *, st)
SYSCALL2_NOWRAP(int, lstat, const char __user *, path, struct stat __user *, st)	/* lstat() calls newfstatat, as glibc */
SYSCALL3(off_t, lseek, __KU(unsigned int, int), fd, off_t, offset, __KU(unsigned int, int), whence)
SYSCALL3_NOWRAP(int, ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)	/* arg is optional (...) */
SYSCALL3(ssize_t, readv, __KU(unsigned long, int), fd, const struct iovec __user *, vec, __KU(unsigned long, int), vlen)
SYSCALL3(ssize_t, writev, __KU(unsigned long, int), fd, const struct iovec __user *, vec, __KU(unsigned long, int), vlen)
SYSCALL2(int, access, const char __user *, path, int, mode)
SYSCALL3_NOWRAP(int, faccessat, int, dfd, const char __user *, path, int, mode)	/* faccessat() has flags: it calls faccessat2, as glibc */
SYSCALL4_NOWRAP(int, faccessat2, int, dfd, const char __user *, path, int, mode, int, flags)	/* the C name is faccessat() */
SYSCALL2_NOWRAP(int, creat, const char __user *, path, unsigned int, mode)	/* creat() calls openat, as glibc */
SYSCALL2(int, chmod, const char __user *, path, __KU(unsigned int, mode_t), mode)
SYSCALL2(int, fchmod, __KU(unsigned int, int), fd, __KU(unsigned int, mode_t), mode)
SYSCALL3_NOWRAP(int, fchmodat, int, dfd, const char __user *, path, __KU(unsigned int, mode_t), mode)	/* fchmodat() has flags: no C function yet */
SYSCALL3(int, chown, const char __user *, path, __KU(unsigned int, uid_t), user, __KU(unsigned int, gid_t), group)
SYSCALL3(int, fchown, __KU(unsigned int, int), fd, __KU(unsigned int, uid_t), user, __KU(unsigned int, gid_t), group)
SYSCALL3(int, lchown, const char __user *, path, __KU(unsigned int, uid_t), user, __KU(unsigned int, gid_t), group)
SYSCALL5(int, fchownat, int, dfd, const char __user *, path, __KU(unsigned int, uid_t), user, __KU(unsigned int, gid_t), group, int, flag)
SYSCALL1(mode_t, umask, __KU(int, mode_t), mask)
SYSCALL2(int, truncate, const char __user *, path, __KU(long, off_t), length)
SYSCALL2(int, ftruncate, __KU(unsigned int, int), fd, __KU(long, off_t), length)
SYSCALL2(int, rename, const char __user *, oldname, const char __user *, newname)
SYSCALL4(int, renameat, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname)
SYSCALL5(int, renameat2, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname, unsigned int, flags)
SYSCALL2(int, statfs, const char __user *, path, struct statfs __user *, buf)
SYSCALL2(int, fstatfs, __KU(unsigned int, int), fd, struct statfs __user *, buf)
SYSCALL1(int, dup, __KU(unsigned int, int), fd)
SYSCALL2(int, dup2, __KU(unsigned int, int), oldfd, __KU(unsigned int, int), newfd)
SYSCALL3_NOWRAP(int, fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)	/* arg is optional (...) */
SYSCALL2_NOWRAP(char *, getcwd, char __user *, buf, unsigned long, size)	/* getcwd() returns buf, not the length */
SYSCALL1(int, chdir, const char __user *, path)
SYSCALL2_NOWRAP(int, mkdir, const char __user *, path, unsigned int, mode)	/* mkdir() calls mkdirat */
SYSCALL1_NOWRAP(int, unlink, const char __user *, path)	/* unlink() calls unlinkat */
SYSCALL1_NOWRAP(int, rmdir, const char __user *, path)	/* rmdir() calls unlinkat */
SYSCALL2_NOWRAP(int, link, const char __user *, oldname, const char __user *, newname)	/* no C function yet */
SYSCALL5_NOWRAP(int, linkat, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname, int, flags)	/* no C function yet */
SYSCALL3(ssize_t, getdents64, __KU(unsigned int, int), fd, void __user *, dirent, __KU(unsigned int, size_t), count)
SYSCALL4_NOWRAP(int, openat, int, dfd, const char __user *, path, int, flags, unsigned int, mode)	/* mode is optional (...) */
SYSCALL3(int, mkdirat, int, dfd, const char __user *, path, __KU(unsigned int, mode_t), mode)
SYSCALL4_NOWRAP(int, newfstatat, int, dfd, const char __user *, path, struct stat __user *, st, int, flag)	/* the C name is fstatat() */
SYSCALL3(ssize_t, readlink, const char __user *, path, char __user *, buf, __KU(int, size_t), bufsiz)
SYSCALL4_NOWRAP(ssize_t, readlinkat, int, dfd, const char __user *, path, char __user *, buf, int, bufsiz)	/* no C function yet */
SYSCALL3(int, unlinkat, int, dfd, const char __user *, path, int, flag)
SYSCALL4_NOWRAP(int, utimensat, int, dfd, const char __user *, path, const struct timespec __user *, times, int, flags)	/* no C function yet */
SYSCALL3(int, dup3, __KU(unsigned int, int), oldfd, __KU(unsigned int, int), newfd, int, flags)
/* random bytes: drivers/random.c */
SYSCALL3(ssize_t, getrandom, __KU(char __user *, void *), buf, size_t, count, unsigned int, flags)
/* pipes: kernel/fs/pipe.c; poll and select: kernel/fs/select.c */
SYSCALL1(int, pipe, int __user *, fds)
SYSCALL2(int, pipe2, int __user *, fds, int, flags)
SYSCALL3(int, poll, struct pollfd __user *, ufds, __KU(unsigned int, nfds_t), nfds, int, timeout_msecs)
SYSCALL5(int, select, int, n, __KU(void __user *, fd_set *), inp, __KU(void __user *, fd_set *), outp, __KU(void __user *, fd_set *), exp, struct timeval __user *, tvp)	/* the time left comes back in *tvp */
SYSCALL6_NOWRAP(int, pselect6, int, n, void __user *, inp, void __user *, outp, void __user *, exp, struct timespec __user *, tsp, void __user *, sig)	/* pselect(): copies the timeout, packs the mask with its size */
SYSCALL5_NOWRAP(int, ppoll, struct pollfd __user *, ufds, unsigned int, nfds, struct timespec __user *, tsp, const kernel_sigset_t __user *, sigmask, size_t, sigsetsize)	/* ppoll(): copies the timeout, adds the set's size */
/* eventpoll: kernel/fs/eventpoll.c */
SYSCALL1(int, epoll_create, int, size)
SYSCALL4(int, epoll_wait, int, epfd, struct epoll_event __user *, events, int, maxevents, int, timeout)
SYSCALL4(int, epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event __user *, event)
SYSCALL6_NOWRAP(int, epoll_pwait, int, epfd, struct epoll_event __user *, events, int, maxevents, int, timeout, const kernel_sigset_t __user *, sigmask, size_t, sigsetsize)	/* epoll_pwait(): adds the set's size */
SYSCALL1(int, epoll_create1, int, flags)
SYSCALL6_NOWRAP(int, epoll_pwait2, int, epfd, struct epoll_event __user *, events, int, maxevents, const struct timespec __user *, timeout, const kernel_sigset_t __user *, sigmask, size_t, sigsetsize)	/* epoll_pwait2(): adds the set's size */
/* anon-inode files: kernel/fs/eventfd.c, timerfd.c, signalfd.c */
SYSCALL1_NOWRAP(int, eventfd, unsigned int, count)	/* no C function: eventfd() calls eventfd2, as glibc */
SYSCALL2_NOWRAP(int, eventfd2, unsigned int, count, int, flags)	/* the C name is eventfd() (libc/src/fd.c) */
SYSCALL2(int, timerfd_create, int, clockid, int, flags)
SYSCALL4(int, timerfd_settime, int, ufd, int, flags, const struct itimerspec __user *, utmr, struct itimerspec __user *, otmr)
SYSCALL2(int, timerfd_gettime, int, ufd, struct itimerspec __user *, otmr)
SYSCALL3_NOWRAP(int, signalfd, int, ufd, const kernel_sigset_t __user *, user_mask, size_t, sizemask)	/* no C function: signalfd() calls signalfd4, as glibc */
SYSCALL4_NOWRAP(int, signalfd4, int, ufd, const kernel_sigset_t __user *, user_mask, size_t, sizemask, int, flags)	/* signalfd(): adds the set's size */
/* pidfds: kernel/fs/pidfs.c (pidfd_send_signal: kernel/proc/signal_kill.c) */
SYSCALL2(int, pidfd_open, pid_t, pid, unsigned int, flags)
SYSCALL4(int, pidfd_send_signal, int, pidfd, int, sig, __KU(void __user *, siginfo_t *), info, unsigned int, flags)
/* sockets: kernel/net/socket.c (AF_UNIX: kernel/net/unix/af_unix.c) */
SYSCALL3(int, socket, int, family, int, type, int, protocol)
SYSCALL4(int, socketpair, int, family, int, type, int, protocol, int __user *, usockvec)
SYSCALL2(int, shutdown, int, fd, int, how)
SYSCALL6(ssize_t, sendto, int, fd, __KU(void __user *, const void *), buff, size_t, len, __KU(unsigned int, int), flags, __KU(struct sockaddr __user *, const struct sockaddr *), addr, __KU(int, socklen_t), addr_len)
SYSCALL6(ssize_t, recvfrom, int, fd, __KU(void __user *, void *), ubuf, size_t, size, __KU(unsigned int, int), flags, struct sockaddr __user *, addr, __KU(int __user *, socklen_t *), addr_len)
SYSCALL3(ssize_t, sendmsg, int, fd, __KU(struct user_msghdr __user *, const struct msghdr *), msg, __KU(unsigned int, int), flags)
SYSCALL3(ssize_t, recvmsg, int, fd, __KU(struct user_msghdr __user *, struct msghdr *), msg, __KU(unsigned int, int), flags)
SYSCALL5(int, setsockopt, int, fd, int, level, int, optname, __KU(char __user *, const void *), optval, __KU(int, socklen_t), optlen)
SYSCALL5(int, getsockopt, int, fd, int, level, int, optname, __KU(char __user *, void *), optval, __KU(int __user *, socklen_t *), optlen)
SYSCALL3(int, bind, int, fd, __KU(struct sockaddr __user *, const struct sockaddr *), umyaddr, __KU(int, socklen_t), addrlen)
SYSCALL2(int, listen, int, fd, int, backlog)
SYSCALL3(int, connect, int, fd, __KU(struct sockaddr __user *, const struct sockaddr *), uservaddr, __KU(int, socklen_t), addrlen)
SYSCALL3(int, accept, int, fd, struct sockaddr __user *, upeer_sockaddr, __KU(int __user *, socklen_t *), upeer_addrlen)
SYSCALL4(int, accept4, int, fd, struct sockaddr __user *, upeer_sockaddr, __KU(int __user *, socklen_t *), upeer_addrlen, int, flags)
SYSCALL3(int, getsockname, int, fd, struct sockaddr __user *, usockaddr, __KU(int __user *, socklen_t *), usockaddr_len)
SYSCALL3(int, getpeername, int, fd, struct sockaddr __user *, usockaddr, __KU(int __user *, socklen_t *), usockaddr_len)
/* futexes: kernel/futex/ */
SYSCALL6_NOWRAP(long, futex, __u32 __user *, uaddr, int, op, __u32, val, const struct timespec __user *, utime, __u32 __user *, uaddr2, __u32, val3)	/* no C function (nor in glibc) */
SYSCALL3_NOWRAP(long, get_robust_list, int, pid, void __user *__user *, head_ptr, size_t __user *, len_ptr)	/* no C function (nor in glibc) */
SYSCALL2_NOWRAP(long, clone3, struct clone_args __user *, uargs, size_t, size)	/* the child may start on a new stack, as clone's */
SYSCALL3_NOWRAP(int, rt_sigqueueinfo, pid_t, pid, int, sig, const void __user *, uinfo)	/* no C function yet (sigqueue) */
SYSCALL4_NOWRAP(int, rt_tgsigqueueinfo, pid_t, tgid, pid_t, tid, int, sig, const void __user *, uinfo)	/* no C function (nor in glibc) */
/* mounts: kernel/fs/namespace.c */
SYSCALL5(int, mount, __KU(char __user *, const char *), dev_name, __KU(char __user *, const char *), dir_name, __KU(char __user *, const char *), type, unsigned long, flags, __KU(void __user *, const void *), data)
SYSCALL2(int, umount2, __KU(char __user *, const char *), name, int, flags)
