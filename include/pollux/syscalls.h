/* Prototypes of the system call handlers, made from the list in
 * syscall_list.h: long sys_NAME(the kernel's argument types).
 * Arguments arrive in Linux's registers (rdi, rsi, rdx, r10, r8, r9);
 * each handler returns a value or -errno.  Linux: include/linux/syscalls.h */
#ifndef POLLUX_SYSCALLS_H
#define POLLUX_SYSCALLS_H

#include <pollux/types.h>
#include <uapi/types.h>
#include <uapi/signal.h>	/* stack_t, kernel_sigset_t, struct kernel_sigaction */
#include <uapi/uio.h>	/* __kernel_rwf_t */

typedef long loff_t;	/* as pollux/fs.h */

struct timespec;
struct pollfd;
struct epoll_event;
struct iovec;
struct stat;
struct statfs;
struct rlimit;
struct utsname;
struct sysinfo;
struct timeval;
struct itimerval;
struct itimerspec;
struct sockaddr;
struct user_msghdr;
struct clone_args;

#define SYSCALL(n, ret, name, ...) long sys_##name(__MAP(n, __SC_DECL, __VA_ARGS__));
#define SYSCALL_NOWRAP SYSCALL
#include <pollux/syscall_list.h>
#undef SYSCALL
#undef SYSCALL_NOWRAP

#endif
