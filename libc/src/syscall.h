/*
 * Raw system calls, libc-internal. x86-64 Linux convention: number in rax,
 * arguments in rdi, rsi, rdx, r10, r8, r9; the syscall instruction clobbers
 * rcx (return rip) and r11 (rflags); the result comes back in rax, and a
 * value in [-4095, -1] is a negated errno.
 */
#ifndef _LIBC_SYSCALL_H
#define _LIBC_SYSCALL_H

#include <uapi/unistd.h>

static inline long __syscall0(long n)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

/* r10, r8 and r9 have no constraint letter: bind them with register variables. */
static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			 "r"(r8) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			 "r"(r8), "r"(r9) : "rcx", "r11", "memory");
	return ret;
}

/* Turn a raw result into the C convention: -1 with errno set on failure. */
long __syscall_ret(long ret);

#define __sc(x) ((long)(x))
#define syscall0(n)                     __syscall_ret(__syscall0(n))
#define syscall1(n, a)                  __syscall_ret(__syscall1(n, __sc(a)))
#define syscall2(n, a, b)               __syscall_ret(__syscall2(n, __sc(a), __sc(b)))
#define syscall3(n, a, b, c)            __syscall_ret(__syscall3(n, __sc(a), __sc(b), __sc(c)))
#define syscall4(n, a, b, c, d) \
	__syscall_ret(__syscall4(n, __sc(a), __sc(b), __sc(c), __sc(d)))
#define syscall5(n, a, b, c, d, e) \
	__syscall_ret(__syscall5(n, __sc(a), __sc(b), __sc(c), __sc(d), __sc(e)))
#define syscall6(n, a, b, c, d, e, f) \
	__syscall_ret(__syscall6(n, __sc(a), __sc(b), __sc(c), __sc(d), __sc(e), __sc(f)))

#endif
