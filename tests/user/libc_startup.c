/*
 * libc_startup.c - system calls that a static glibc program makes before
 * main (strace of tests/raw/glibc_static), called raw as glibc does:
 * set_robust_list, and readlink, which glibc calls on /proc/self/exe to
 * find its own path (Pollux has no such file: -ENOENT, as a Linux without
 * /proc mounted).  rseq and getrandom are left out: Pollux answers them
 * -ENOSYS, as a Linux built without them would, and this Linux has both.
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

static void test_set_robust_list(void)
{
	long head[3] = { 0, 0, 0 };

	head[0] = (long)head;	/* an empty list points to itself */
	CHECK_EQ(syscall(SYS_set_robust_list, head, sizeof(head)), 0,
		 "set_robust_list of an empty list");
	CHECK_ERR(syscall(SYS_set_robust_list, head, sizeof(head) - 1), EINVAL,
		  "set_robust_list with a wrong length");
	CHECK_ERR(syscall(SYS_set_robust_list, head, 0), EINVAL,
		  "set_robust_list with length 0");
}

static void test_readlink(void)
{
	char buf[64];

	CHECK_ERR(syscall(SYS_readlink, "/", buf, sizeof(buf)), EINVAL,
		  "readlink of a directory: not a link");
	CHECK_ERR(syscall(SYS_readlink, "/dev/null", buf, sizeof(buf)), EINVAL,
		  "readlink of a device: not a link");
	CHECK_ERR(syscall(SYS_readlink, "/no/such/file", buf, sizeof(buf)),
		  ENOENT, "readlink of a missing path");
	CHECK_ERR(syscall(SYS_readlink, "", buf, sizeof(buf)), ENOENT,
		  "readlink of an empty path");
	CHECK_ERR(syscall(SYS_readlink, "/", buf, 0), EINVAL,
		  "readlink into a buffer of size 0");
	CHECK_ERR(syscall(SYS_readlink, bad_addr(1), buf, sizeof(buf)), EFAULT,
		  "readlink of a bad path pointer");
	CHECK_ERR(syscall(SYS_readlinkat, AT_FDCWD, "/", buf, sizeof(buf)),
		  EINVAL, "readlinkat(AT_FDCWD) of a directory");
	CHECK_ERR(syscall(SYS_readlinkat, 99, "dev", buf, sizeof(buf)), EBADF,
		  "readlinkat relative to a closed fd");
}

int main(void)
{
	test_set_robust_list();
	test_readlink();
	return test_done();
}
