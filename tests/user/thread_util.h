/*
 * thread_util.h - raw threads for the project libc (which has no
 * pthreads): clone with a new stack, the child calling fn(arg) there
 * and leaving with exit(2) (one thread) when fn returns.
 */
#ifndef THREAD_UTIL_H
#define THREAD_UTIL_H

#include <sys/syscall.h>
#include <unistd.h>

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
/* What musl's and glibc's pthread_create pass */
#define PTHREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		       CLONE_THREAD | CLONE_SYSVSEM)

#define THREAD_STACK 16384

/* clone(flags, stack_top, ptid, ctid, tls); in the child, fn(arg) and
 * exit(fn's value).  The parent gets clone's result (raw: -errno). */
static inline long thread_clone(unsigned long flags, void *stack_top,
				int *ptid, int *ctid, unsigned long tls,
				int (*fn)(void *), void *arg)
{
	void **sp = (void **)stack_top;
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = (long)tls;
	long ret;

	*--sp = arg;
	*--sp = (void *)fn;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "pop %%rax\n\t"
			 "pop %%rdi\n\t"
			 "call *%%rax\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone), "D"(flags), "S"(sp), "d"(ptid),
			   "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_gettid(void)
{
	return syscall(SYS_gettid);
}

#endif
