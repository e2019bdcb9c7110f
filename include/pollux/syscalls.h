/* Prototypes of the system call handlers listed in syscall_list.h.
 * Arguments arrive in Linux's registers (rdi, rsi, rdx, r10, r8, r9);
 * each handler returns a value or -errno.  Linux: include/linux/syscalls.h */
#ifndef POLLUX_SYSCALLS_H
#define POLLUX_SYSCALLS_H

#include <pollux/types.h>
#include <uapi/types.h>

struct timespec;
struct pollfd;
struct epoll_event;
struct iovec;
struct stat;
struct rlimit;
struct utsname;
struct timeval;
struct kernel_sigaction;
struct sigaltstack;
struct itimerval;

long sys_sched_yield(void);
long sys_restart_syscall(void);
long sys_nanosleep(const struct timespec __user *req, struct timespec __user *rem);
long sys_getpid(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       int __user *ctid, unsigned long tls);
long sys_fork(void);
long sys_vfork(void);
long sys_execve(const char __user *path, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_exit(int code);
long sys_wait4(pid_t pid, int __user *status, int options, void __user *ru);
long sys_kill(pid_t pid, int sig);
long sys_uname(struct utsname __user *name);
long sys_gettimeofday(struct timeval __user *tv, void __user *tz);
long sys_settimeofday(const struct timeval __user *tv, const void __user *tz);
long sys_time(long __user *tloc);
long sys_getuid(void);
long sys_getgid(void);
long sys_geteuid(void);
long sys_getegid(void);
long sys_getppid(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, const struct rlimit __user *rlim);
long sys_prlimit64(pid_t pid, unsigned int resource,
		   const struct rlimit __user *new, struct rlimit __user *old);
long sys_arch_prctl(int code, unsigned long addr);
long sys_gettid(void);
long sys_set_tid_address(int __user *tidptr);
long sys_set_robust_list(void __user *head, size_t len);
long sys_clock_gettime(int clk, struct timespec __user *tp);
long sys_clock_settime(int clk, const struct timespec __user *tp);
long sys_clock_getres(int clk, struct timespec __user *tp);
long sys_clock_nanosleep(int clk, int flags, const struct timespec __user *req,
			 struct timespec __user *rem);
long sys_exit_group(int code);
long sys_rt_sigaction(int sig, const struct kernel_sigaction __user *act,
		      struct kernel_sigaction __user *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const u64 __user *set, u64 __user *oset,
			size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(u64 __user *set, size_t sigsetsize);
long sys_sigaltstack(const struct sigaltstack __user *uss,
		     struct sigaltstack __user *uoss);
long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize);
long sys_rt_sigsuspend(const u64 __user *mask, size_t sigsetsize);
long sys_pause(void);
long sys_tkill(pid_t tid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
long sys_alarm(unsigned int seconds);
long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_mprotect(unsigned long addr, size_t len, unsigned long prot);
long sys_munmap(unsigned long addr, size_t len);
long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr);
long sys_madvise(unsigned long start, size_t len, int advice);

long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_open(const char __user *path, int flags, unsigned int mode);
long sys_close(unsigned int fd);
long sys_stat(const char __user *path, struct stat __user *st);
long sys_fstat(unsigned int fd, struct stat __user *st);
long sys_lstat(const char __user *path, struct stat __user *st);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_access(const char __user *path, int mode);
long sys_dup(unsigned int fd);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_chdir(const char __user *path);
long sys_mkdir(const char __user *path, unsigned int mode);
long sys_unlink(const char __user *path);
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count);
long sys_openat(int dfd, const char __user *path, int flags, unsigned int mode);
long sys_mkdirat(int dfd, const char __user *path, unsigned int mode);
long sys_newfstatat(int dfd, const char __user *path, struct stat __user *st,
		    int flag);
long sys_readlinkat(int dfd, const char __user *path, char __user *buf,
		    int bufsiz);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_unlinkat(int dfd, const char __user *path, int flag);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);

long sys_pipe(int __user *fds);
long sys_pipe2(int __user *fds, int flags);
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_select(int n, void __user *inp, void __user *outp, void __user *exp,
		struct timeval __user *tvp);
long sys_pselect6(int n, void __user *inp, void __user *outp, void __user *exp,
		  struct timespec __user *tsp, void __user *sig);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct timespec __user *tsp, const u64 __user *sigmask,
	       size_t sigsetsize);

long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event);
long sys_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents,
		    int timeout);
long sys_epoll_pwait(int epfd, struct epoll_event __user *events,
		     int maxevents, int timeout, const u64 __user *sigmask,
		     size_t sigsetsize);
long sys_epoll_pwait2(int epfd, struct epoll_event __user *events,
		      int maxevents, const struct timespec __user *timeout,
		      const u64 __user *sigmask, size_t sigsetsize);

#endif
