/* clone(2) and clone3(2) flags and struct clone_args.
 * Linux: include/uapi/linux/sched.h */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#include <uapi/types.h>

#define CSIGNAL			0x000000ff	/* the signal sent to the parent at exit */
#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200	/* share the cwd and umask */
#define CLONE_FILES		0x00000400	/* share the fd table */
#define CLONE_SIGHAND		0x00000800	/* share the signal actions */
#define CLONE_PIDFD		0x00001000	/* a pidfd for the child in the parent */
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000	/* the parent sleeps until exec or exit */
#define CLONE_PARENT		0x00008000	/* the caller's parent is the child's */
#define CLONE_THREAD		0x00010000	/* same thread group */
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000	/* the child's fs base */
#define CLONE_PARENT_SETTID	0x00100000	/* the tid at ptid, in the parent */
#define CLONE_CHILD_CLEARTID	0x00200000	/* zeroed and futex-woken at exit */
#define CLONE_DETACHED		0x00400000	/* ignored (legacy) */
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000	/* the tid at ctid, in the child */
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
/* clone3 only */
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* handlers back to SIG_DFL */
#define CLONE_INTO_CGROUP	0x200000000ULL
#define CLONE_NEWTIME		0x00000080

/* clone3's argument; sizes of its versions */
struct clone_args {
	__u64 flags;
	__u64 pidfd;
	__u64 child_tid;
	__u64 parent_tid;
	__u64 exit_signal;
	__u64 stack;
	__u64 stack_size;
	__u64 tls;
	__u64 set_tid;
	__u64 set_tid_size;
	__u64 cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER1 80
#define CLONE_ARGS_SIZE_VER2 88

#endif
