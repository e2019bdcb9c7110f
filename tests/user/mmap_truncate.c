/*
 * mmap_truncate.c - a file mapping and the file's size: a page wholly
 * past the end of the file is SIGBUS (si_code BUS_ADRERR, si_addr the
 * address touched), the rest of the last page reads as zeros; ftruncate
 * growing the file makes such pages usable (and zero), shrinking it takes
 * pages out of every mapping of it (a forked child's, a private copy),
 * and zeroes the rest of the new last page.  A system call reading from
 * such a page fails with EFAULT, not a signal.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)

/* siginfo of a fault: si_addr follows si_code (and padding), as in Linux. */
struct fault_info {
	int si_signo, si_errno, si_code, pad;
	void *si_addr;
};
#define BUS_ADRERR 2

static char path[64];
static volatile char *expect_addr;

/* Exits 10 for SIGBUS BUS_ADRERR at expect_addr, 11 for another SIGBUS. */
static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	const struct fault_info *fi = (const void *)si;

	(void)sig;
	(void)uc;
	_exit(fi->si_code == BUS_ADRERR && fi->si_addr == expect_addr ? 10 : 11);
}

/* What a touch of addr (a read, or a write) does, in a child: 0 if it
 * went through, 10 for the right SIGBUS (on_sigbus), else the status. */
static int touch(volatile char *addr, int write)
{
	struct sigaction sa;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGBUS, &sa, NULL);
		expect_addr = addr;
		if (write)
			*addr = 'w';
		else
			(void)*addr;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + status;
}

static int make_file(size_t size)
{
	static char buf[4 * PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	memset(buf, 'x', sizeof(buf));
	write(fd, buf, size);
	return fd;
}

static int all_zero(const volatile char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* A mapping longer than the file: the last page's tail is zeros, the
 * pages after it SIGBUS, until the file grows. */
static void test_past_eof(void)
{
	int fd = make_file(PAGE + 100), p[2];
	char *m = mmap(NULL, 4 * PAGE, RW, MAP_SHARED, fd, 0);

	CHECK(m != MAP_FAILED, "mmap 4 pages of a 1-page-and-100-byte file");
	CHECK(m[PAGE + 99] == 'x' && all_zero(m + PAGE + 100, PAGE - 100),
	      "the last page: the file's bytes, then zeros");
	CHECK_EQ(touch(m + 2 * PAGE, 0), 10, "a read past the end: SIGBUS BUS_ADRERR at it");
	CHECK_EQ(touch(m + 3 * PAGE + 5, 1), 10, "a write past the end: SIGBUS BUS_ADRERR");
	pipe(p);
	CHECK_ERR(write(p[1], m + 2 * PAGE, 10), EFAULT,
		  "write(2) from a page past the end: EFAULT");
	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0, "ftruncate to 3 pages");
	CHECK_EQ(touch(m + 2 * PAGE, 0), 0, "the third page is usable");
	CHECK(all_zero(m + PAGE + 100, 2 * PAGE - 100), "the new bytes are zeros");
	CHECK_EQ(touch(m + 3 * PAGE, 0), 10, "the fourth still SIGBUS");
	munmap(m, 4 * PAGE);
	m = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 16 * PAGE);
	CHECK(m != MAP_FAILED, "mmap wholly past the end succeeds");
	CHECK_EQ(touch(m, 0), 10, "and its page SIGBUS");
	munmap(m, PAGE);
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* Shrinking takes the pages from every mapping, a child's too. */
static void test_shrink(void)
{
	int fd = make_file(3 * PAGE);
	char *m = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);
	char *p = mmap(NULL, 3 * PAGE, RW, MAP_PRIVATE, fd, 0);
	pid_t pid;

	memset(m + 2 * PAGE, 's', 10);
	p[2 * PAGE] = 'p';		/* a private copy */
	p[PAGE] = 'q';
	pid = lockstep_fork();
	if (pid == 0) {
		child_turn();		/* the parent shrinks the file */
		_exit(touch(m + 2 * PAGE, 0) == 10 && m[PAGE] == 'x' ? 0 : 1);
	}
	parent_turn();
	CHECK_EQ(ftruncate(fd, PAGE + 10), 0, "ftruncate to 1 page and 10 bytes");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "the child's mapping: the third page SIGBUS, the second the file's");
	CHECK_EQ(touch(m + 2 * PAGE, 0), 10, "ours: the third page SIGBUS");
	CHECK_EQ(touch(p + 2 * PAGE, 0), 10, "a private copy past the end goes too");
	CHECK(p[PAGE] == 'q', "a private copy inside the file stays");
	CHECK(m[PAGE + 9] == 'x' && all_zero(m + PAGE + 10, PAGE - 10),
	      "the new last page: zeros after the end");
	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0, "ftruncate back to 3 pages");
	CHECK(all_zero(m + PAGE + 10, 2 * PAGE - 10),
	      "the old bytes are gone: zeros");
	CHECK_EQ(ftruncate(fd, 0), 0, "ftruncate to 0");
	CHECK_EQ(touch(m, 0), 10, "the first page SIGBUS too");
	munmap(m, 3 * PAGE);
	munmap(p, 3 * PAGE);
	close(fd);
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/mmap_truncate.%d", getpid());
	test_past_eof();
	test_shrink();
	unlink(path);
	return test_done();
}
