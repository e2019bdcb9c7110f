/* Memory mapping and the program break: the calls that return an address
 * (munmap, mprotect, madvise are generated: syscalls.c). */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)syscall6(__NR_mmap, addr, len, prot, flags, fd, off);
}

void *mremap(void *addr, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)syscall5(__NR_mremap, addr, old_len, new_len, flags,
				new_addr);
}

/* The current break; 0 until the first call asks the kernel for it. */
static char *cur_brk;

/* The brk system call never fails: it returns the new break, or the old
 * one when it could not move it. */
int brk(void *addr)
{
	cur_brk = (char *)__syscall1(__NR_brk, (long)addr);
	if (cur_brk != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	char *old;

	if (!cur_brk)
		cur_brk = (char *)__syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment && brk(old + increment) < 0)
		return (void *)-1;
	return old;
}
