/*
 * The plain wrappers: one system call, then -1 and errno on failure.
 * Each SYSCALLn line of the kernel's list (include/pollux/syscall_list.h)
 * becomes one function here, e.g.
 *
 *   ssize_t read(int fd, void *buf, size_t count)
 *   {
 *           return syscall3(__NR_read, fd, buf, count);
 *   }
 *
 * The headers below declare every one of them, so the compiler checks
 * the list's C types against the prototypes programs see.  Calls with a
 * hand-written wrapper (SYSCALLn_NOWRAP) live in the other files.
 */
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <uapi/sysinfo.h>	/* sysinfo(): no C function yet */
#include "syscall.h"

/* f(args) once the arguments are expanded: syscall3 then sees three. */
#define __SC_APPLY(f, ...) f(__VA_ARGS__)

#define SYSCALL(n, ret, name, ...)					\
	ret name(__MAP(n, __SC_DECL, __VA_ARGS__))			\
	{								\
		return __SC_APPLY(syscall##n, __NR_##name		\
			__VA_OPT__(, __MAP(n, __SC_ARG, __VA_ARGS__)));	\
	}
/* A _NOWRAP line makes no function, but its types must compile here too:
 * the list holds no type a user program cannot see. */
#define SYSCALL_NOWRAP(n, ret, name, ...)				\
	typedef ret __nowrap_##name##_t(__MAP(n, __SC_DECL, __VA_ARGS__));

struct rlimit;
struct clone_args;
#include <pollux/syscall_list.h>
