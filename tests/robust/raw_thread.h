/*
 * raw_thread.h - threads for the robustness programs, which use Pollux's
 * own libc (no pthreads, no clone wrapper): clone(2) with the flags of
 * pthread_create, on a stack the caller gives.  The thread shares the
 * creator's TLS, errno among it, so its body should make raw calls only
 * (raw_syscall6 below), and it must end with SYS_exit: it has nothing
 * to return to.
 */
#ifndef RAW_THREAD_H
#define RAW_THREAD_H

/* Linux's include/uapi/linux/sched.h (Pollux's libc has no <sched.h>) */
#define RT_CLONE_VM		0x00000100
#define RT_CLONE_FS		0x00000200
#define RT_CLONE_FILES		0x00000400
#define RT_CLONE_SIGHAND	0x00000800
#define RT_CLONE_THREAD		0x00010000
#define RT_CLONE_SYSVSEM	0x00040000
#define RT_CLONE_CHILD_CLEARTID	0x00200000
#define RT_CLONE_CHILD_SETTID	0x01000000
#define RT_THREAD_FLAGS (RT_CLONE_VM | RT_CLONE_FS | RT_CLONE_FILES | \
			 RT_CLONE_SIGHAND | RT_CLONE_THREAD | RT_CLONE_SYSVSEM | \
			 RT_CLONE_CHILD_SETTID | RT_CLONE_CHILD_CLEARTID)

/* A system call without libc: the result, or -errno; errno untouched. */
static inline long raw_syscall6(long nr, long a, long b, long c, long d,
				long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * Starts fn(arg) in a new thread of this process on the stack
 * [stack, stack + size); the kernel writes its tid to *ctid and, at its
 * exit, zeroes *ctid and futex-wakes it (CLONE_CHILD_CLEARTID).  Returns
 * the tid, or -errno.  The child pops fn and arg off its new stack:
 * nothing on the old one (the creator's frame) is touched by it.
 */
static inline long raw_thread(void (*fn)(void *), void *arg, char *stack,
			      unsigned long size, int *ctid)
{
	unsigned long *top = (unsigned long *)((unsigned long)(stack + size) & ~15UL);
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = 0;
	long ret;

	*--top = (unsigned long)arg;
	*--top = (unsigned long)fn;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "pop %%rax\n\t"	/* the child: fn */
			 "pop %%rdi\n\t"	/* arg; rsp 16-aligned */
			 "call *%%rax\n\t"
			 "ud2\n"		/* fn returned: it must not */
			 "1:"
			 : "=a"(ret)
			 : "0"(56L /* SYS_clone */), "D"((long)RT_THREAD_FLAGS),
			   "S"(top), "d"(0L), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

#endif
