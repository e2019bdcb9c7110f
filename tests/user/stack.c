/*
 * The user stack grows on demand, as Linux's does up to RLIMIT_STACK
 * (8 MiB by default): deep recursion and a large local array work, and so
 * does a system call writing into a part of the stack never touched yet.
 */
#include <string.h>
#include <unistd.h>
#include "test.h"

/* 1 MiB of frames (256 of 4 KiB), each touched. */
static int deep(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	return n ? deep(n - 1) + frame[0] - frame[4095] : 0;
}

/* A 2 MiB local array whose far end the kernel fills first: read() must
 * grow the stack for the copy, not fail with EFAULT. */
static int read_into_fresh_stack(int fd)
{
	char big[2 << 20];

	return read(fd, big, 5) == 5 && !memcmp(big, "hello", 5);
}

int main(void)
{
	int p[2];

	CHECK_EQ(deep(256), 0, "1 MiB of recursion");
	CHECK_EQ(pipe(p), 0, "pipe");
	CHECK_EQ(write(p[1], "hello", 5), 5, "write 5 bytes");
	CHECK_EQ(read_into_fresh_stack(p[0]), 1, "read() into an untouched 2 MiB stack array");
	return test_done();
}
