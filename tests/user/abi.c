/*
 * abi.c - what a Linux x86-64 program may assume at entry (the initial stack:
 * argc, argv, envp, auxv) and the error paths every syscall shares: EFAULT
 * for bad pointers, EBADF for bad fds, ENOSYS for unknown numbers.
 *
 * The program re-executes itself ("abi exec-args ...") to check that execve
 * passes argv and envp through exactly.
 */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

/* The two ELF structures this test reads (Linux: include/uapi/linux/elf.h),
 * cut down to the fields used; the layout up to them is exact. */
struct elf64_hdr {
	unsigned char e_ident[16];
	unsigned short e_type, e_machine;
	unsigned int e_version;
	unsigned long e_entry, e_phoff, e_shoff;
	unsigned int e_flags;
	unsigned short e_ehsize, e_phentsize, e_phnum;
};

struct elf64_phdr {
	unsigned int p_type, p_flags;
	unsigned long p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define PT_LOAD 1
#define PF_EXEC 1	/* PF_X */

extern char _start[];				/* crt0's entry point */
extern const struct elf64_hdr __ehdr_start;	/* from the linker */

#define KERNEL_ADDR 0xffff800000000000UL	/* first kernel-half address */
#define NONCANONICAL_ADDR 0x0000800000000000UL	/* just above user space */

static unsigned long auxv_get(unsigned long *auxv, unsigned long key)
{
	for (; auxv[0] != AT_NULL; auxv += 2)
		if (auxv[0] == key)
			return auxv[1];
	return 0;
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The stack at _start is: argc, argv[0..argc-1], NULL, envp..., NULL, auxv. */
static unsigned long *test_stack_layout(int argc, char **argv, char **envp)
{
	long *sp = (long *)argv - 1;
	char **e = envp;

	CHECK_EQ(sp[0], argc, "argc sits just below argv on the stack");
	CHECK_EQ((unsigned long)sp % 16, 0, "initial stack pointer is 16-aligned");
	CHECK(argv[argc] == NULL, "argv[argc] is NULL");
	CHECK(envp == argv + argc + 1, "envp follows argv's NULL");
	CHECK_STR(basename_of(argv[0]), "abi", "argv[0] names this program");
	while (*e)
		e++;
	return (unsigned long *)(e + 1);
}

static void test_auxv(unsigned long *auxv)
{
	const struct elf64_phdr *ph;
	unsigned long entry = auxv_get(auxv, AT_ENTRY);
	const unsigned char *rnd;
	int nonzero = 0, text = 0;

	CHECK_EQ(auxv_get(auxv, AT_PAGESZ), 4096, "AT_PAGESZ");
	CHECK_EQ(auxv_get(auxv, AT_PHENT), 56, "AT_PHENT");
	CHECK(entry == (unsigned long)_start, "AT_ENTRY is _start");
	CHECK(auxv_get(auxv, AT_PHDR) ==
		      (unsigned long)&__ehdr_start + __ehdr_start.e_phoff,
	      "AT_PHDR points at the program headers");
	CHECK_EQ(auxv_get(auxv, AT_PHNUM), __ehdr_start.e_phnum, "AT_PHNUM");

	/* The entry point lies inside an executable PT_LOAD segment. */
	ph = (const struct elf64_phdr *)auxv_get(auxv, AT_PHDR);
	for (unsigned long i = 0; i < auxv_get(auxv, AT_PHNUM); i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_EXEC) &&
		    entry >= ph[i].p_vaddr &&
		    entry < ph[i].p_vaddr + ph[i].p_memsz)
			text++;
	CHECK_EQ(text, 1, "one executable PT_LOAD holds the entry point");

	rnd = (const unsigned char *)auxv_get(auxv, AT_RANDOM);
	CHECK(rnd != NULL, "AT_RANDOM is present");
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	CHECK(nonzero, "AT_RANDOM's 16 bytes are not all zero");
}

/* Run by the re-executed copy: return a bit per mismatch, 0 when all match. */
static int exec_args_child(int argc, char **argv, char **envp)
{
	int bad = 0;

	bad |= (argc != 4) << 0;
	bad |= (strcmp(argv[2], "two words") != 0) << 1;
	bad |= (strcmp(argv[3], "") != 0) << 2;
	bad |= (envp[0] == NULL || strcmp(envp[0], "POLLUX=1") != 0) << 3;
	bad |= (envp[0] == NULL || envp[1] == NULL ||
		strcmp(envp[1], "EMPTY=") != 0) << 4;
	bad |= (envp[0] == NULL || envp[1] == NULL || envp[2] != NULL) << 5;
	return bad;
}

static void test_execve_args(const char *self)
{
	char *argv[] = { (char *)self, "exec-args", "two words", "", NULL };
	char *envp[] = { "POLLUX=1", "EMPTY=", NULL };
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execve(self, argv, envp);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	CHECK_HEX(status, 0, "execve passes argv and envp exactly");
}

static void test_efault(void)
{
	int fds[2], fd, next;
	struct timespec ts = { 0, 0 };
	struct iovec iov = { bad_addr(1), 4 };

	pipe(fds);
	write(fds[1], "data", 4);
	CHECK_ERR(read(fds[0], bad_addr(1), 4), EFAULT, "read into address 1");
	CHECK_ERR(read(fds[0], bad_addr(KERNEL_ADDR), 4), EFAULT,
		  "read into a kernel address");
	CHECK_ERR(write(fds[1], bad_addr(1), 4), EFAULT, "write from address 1");
	CHECK_ERR(write(fds[1], bad_addr(KERNEL_ADDR), 4), EFAULT,
		  "write from a kernel address");
	CHECK_ERR(write(fds[1], bad_addr(NONCANONICAL_ADDR), 4), EFAULT,
		  "write from a non-canonical address");
	CHECK_ERR(writev(fds[1], bad_addr(1), 1), EFAULT, "writev of a bad iovec array");
	CHECK_ERR(writev(fds[1], &iov, 1), EFAULT, "writev of a bad buffer");

	/* A failed pipe() must not leak the fds it allocated. */
	fd = dup(0);
	close(fd);
	CHECK_ERR(pipe(bad_addr(1)), EFAULT, "pipe into address 1");
	CHECK_ERR(pipe(bad_addr(KERNEL_ADDR)), EFAULT, "pipe into a kernel address");
	next = dup(0);
	CHECK_EQ(next, fd, "a failed pipe leaks no fd");
	close(next);

	CHECK_ERR(open(bad_addr(1), O_RDONLY), EFAULT, "open with path at address 1");
	CHECK_ERR(open(bad_addr(KERNEL_ADDR), O_RDONLY), EFAULT,
		  "open with a kernel-address path");
	CHECK_ERR(fstat(fds[0], bad_addr(1)), EFAULT, "fstat into address 1");
	CHECK_ERR(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, bad_addr(1)), EFAULT,
		  "clock_gettime into address 1");
	CHECK_ERR(nanosleep(bad_addr(1), &ts), EFAULT, "nanosleep from address 1");
	close(fds[0]);
	close(fds[1]);
}

static void test_ebadf(void)
{
	char c;
	struct stat st;

	CHECK_ERR(read(-1, &c, 1), EBADF, "read fd -1");
	CHECK_ERR(write(999, &c, 1), EBADF, "write fd 999 (not open)");
	CHECK_ERR(close(-1), EBADF, "close fd -1");
	CHECK_ERR(fstat(100000, &st), EBADF, "fstat fd 100000");
	CHECK_ERR(dup(-5), EBADF, "dup fd -5");
}

/*
 * The kernel reads each argument register as Linux's type for it, which is
 * not always the C library's (include/pollux/syscall_list.h, __KU): an fd
 * is an unsigned int (the high half of the register is ignored), so is the
 * count of iovecs by the time readv uses it, and poll's nfds (glibc's
 * nfds_t is cut to 32 bits); lseek's whence is unsigned (-1 is unknown),
 * mprotect's prot an unsigned long (a bit above 32 is seen).
 */
static void test_arg_widths(void)
{
	int fds[2], fd;
	char c, page[8192], *p = (char *)(((unsigned long)page + 4095) & ~4095UL);
	struct iovec iov = { &c, 1 };
	struct pollfd pfd = { .fd = -1 };

	pipe(fds);
	write(fds[1], "x", 1);
	fd = syscall(SYS_dup, (1L << 32) | fds[0]);
	CHECK(fd > fds[1], "dup: only an fd's low 32 bits count");
	close(fd);
	CHECK_EQ(syscall(SYS_readv, fds[0], &iov, (1L << 32) | 1), 1,
		  "readv: a count of 2^32 + 1 is 1 iovec");
	CHECK_ERR(lseek(fds[0], 0, -1), EINVAL, "lseek: whence -1, even on a pipe");
	CHECK_ERR(syscall(SYS_mprotect, p, 4096, (1L << 32) | 1), EINVAL,
		  "mprotect: a prot bit above 32 is unknown");
	CHECK_EQ(poll(&pfd, (nfds_t)1 << 32, 0), 0, "poll: nfds 2^32 is 0 fds");
	close(fds[0]);
	close(fds[1]);
}

/* Not 335 or 336: since Linux 6.11 they are uretprobe/uprobe, which kill a
 * caller outside a probe trampoline with SIGILL. */
static void test_enosys(void)
{
	CHECK_ERR(syscall(214), ENOSYS, "syscall 214 (epoll_ctl_old) is ENOSYS");
	CHECK_ERR(syscall(215), ENOSYS, "syscall 215 (epoll_wait_old) is ENOSYS");
	CHECK_ERR(syscall(400), ENOSYS, "syscall 400 (unassigned) is ENOSYS");
	CHECK_ERR(syscall(9999), ENOSYS, "syscall 9999 is ENOSYS");
	CHECK_ERR(syscall(-1), ENOSYS, "syscall -1 is ENOSYS");
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && strcmp(argv[1], "exec-args") == 0)
		return exec_args_child(argc, argv, envp);

	test_auxv(test_stack_layout(argc, argv, envp));
	test_execve_args(argv[0]);
	test_efault();
	test_ebadf();
	test_enosys();
	test_arg_widths();
	return test_done();
}
