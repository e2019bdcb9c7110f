/*
 * A program built the way any Linux toolchain builds a static binary with
 * no C library (gcc -static -nostdlib): raw syscalls only.  make test
 * runs it with tools/run-elf and checks its output and exit status, so
 * Pollux keeps running binaries it did not build against its own libc.
 */
static long raw_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

void _start(void)
{
	static const char msg[] = "hello from a raw binary\n";

	raw_syscall3(1, 1, (long)msg, sizeof(msg) - 1);	/* write */
	raw_syscall3(231, 7, 0, 0);			/* exit_group(7) */
	for (;;)
		;
}
