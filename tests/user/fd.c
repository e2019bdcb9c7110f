/*
 * fd.c - the fd table: dup/dup2/dup3, fcntl, the RLIMIT_NOFILE limit
 * (EMFILE and the lowest-free-fd rule) and close-on-exec across execve.
 *
 * The soft fd limit is set to Linux's default, 1024, first, so the counts
 * are the same on a host whose shell raised it and inside Pollux.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define FD_LIMIT 1024

static int fds[2];	/* a pipe most checks duplicate */

static void test_dup(const char *self)
{
	struct stat st;
	char c = 0;
	int a = dup(fds[0]), b = dup(fds[0]);
	int file = open(self, O_RDONLY), copy = dup(file);

	CHECK(a >= 0 && b == a + 1, "dup returns increasing free fds");
	close(a);
	CHECK_EQ(dup(fds[0]), a, "dup reuses the lowest free fd");
	close(a);
	close(b);

	read(file, &st, 4);
	CHECK_EQ(lseek(copy, 0, SEEK_CUR), 4, "a dup shares the file offset");
	close(file);
	close(copy);

	CHECK_EQ(dup2(fds[0], fds[0]), fds[0], "dup2 onto itself returns the fd");
	CHECK_ERR(dup2(fds[0], -1), EBADF, "dup2 to fd -1");
	CHECK_ERR(dup2(FD_LIMIT + 5, 70), EBADF, "dup2 of a closed fd");
	CHECK_ERR(dup2(fds[0], FD_LIMIT), EBADF, "dup2 to fd 1024 (the limit)");
	CHECK_EQ(dup2(fds[0], 70), 70, "dup2 to fd 70");
	CHECK_EQ(fstat(70, &st), 0, "fd 70 is usable");
	CHECK(S_ISFIFO(st.st_mode), "fd 70 is the pipe");
	write(fds[1], "p", 1);
	CHECK_EQ(read(70, &c, 1), 1, "read through fd 70");
	CHECK_EQ(dup2(fds[1], 70), 70, "dup2 onto an open fd replaces it");
	CHECK_EQ(write(70, "q", 1), 1, "fd 70 is now the write end");
	read(fds[0], &c, 1);
	close(70);

	CHECK_ERR(dup3(fds[0], fds[0], 0), EINVAL, "dup3 onto itself");
	CHECK_ERR(dup3(fds[0], 71, O_NONBLOCK), EINVAL, "dup3 with O_NONBLOCK");
	CHECK_EQ(dup3(fds[0], 71, O_CLOEXEC), 71, "dup3 O_CLOEXEC");
	CHECK_EQ(fcntl(71, F_GETFD), FD_CLOEXEC, "dup3 set FD_CLOEXEC");
	a = dup(71);
	CHECK_EQ(fcntl(a, F_GETFD), 0, "dup does not copy FD_CLOEXEC");
	close(a);
	CHECK_EQ(dup2(fds[0], 71), 71, "dup2 onto the O_CLOEXEC fd");
	CHECK_EQ(fcntl(71, F_GETFD), 0, "dup2 clears FD_CLOEXEC");
	close(71);
}

static void test_fcntl_fd(void)
{
	close(10);	/* in case the caller left them open */
	close(11);
	close(20);
	CHECK_EQ(fcntl(fds[0], F_DUPFD, 10), 10, "F_DUPFD 10");
	CHECK_EQ(fcntl(fds[0], F_DUPFD, 10), 11, "F_DUPFD 10 again gives 11");
	CHECK_EQ(fcntl(10, F_GETFD), 0, "F_GETFD is 0 by default");
	CHECK_EQ(fcntl(fds[0], F_DUPFD_CLOEXEC, 20), 20, "F_DUPFD_CLOEXEC 20");
	CHECK_EQ(fcntl(20, F_GETFD), FD_CLOEXEC, "it has FD_CLOEXEC");
	CHECK_EQ(fcntl(10, F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
	CHECK_EQ(fcntl(10, F_GETFD), FD_CLOEXEC, "F_GETFD sees it");
	CHECK_EQ(fcntl(11, F_GETFD), 0, "another fd of the same file is unaffected");
	CHECK_EQ(fcntl(10, F_SETFD, 0), 0, "F_SETFD 0");
	CHECK_EQ(fcntl(10, F_GETFD), 0, "FD_CLOEXEC cleared");
	CHECK_ERR(fcntl(fds[0], F_DUPFD, FD_LIMIT), EINVAL, "F_DUPFD at the limit");
	CHECK_ERR(fcntl(fds[0], F_DUPFD, -1), EINVAL, "F_DUPFD -1");
	CHECK_ERR(fcntl(FD_LIMIT + 5, F_GETFD), EBADF, "F_GETFD of a closed fd");
	CHECK_ERR(fcntl(fds[0], 9999), EINVAL, "unknown fcntl command");
	close(10);
	close(11);
	close(20);
}

static void test_fcntl_fl(const char *self)
{
	char c;
	int copy = dup(fds[0]);
	int file = open(self, O_RDONLY);

	CHECK_HEX(fcntl(fds[0], F_GETFL), O_RDONLY, "F_GETFL of a pipe read end");
	CHECK_HEX(fcntl(fds[1], F_GETFL), O_WRONLY, "F_GETFL of a pipe write end");
	CHECK_HEX(fcntl(file, F_GETFL), 0x8000,
		  "F_GETFL of a file shows O_LARGEFILE (forced on x86-64)");
	close(file);

	CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0, "F_SETFL O_NONBLOCK");
	CHECK_HEX(fcntl(fds[0], F_GETFL), O_NONBLOCK, "F_GETFL shows O_NONBLOCK");
	CHECK_HEX(fcntl(copy, F_GETFL), O_NONBLOCK,
		  "a dup shares the status flags");
	CHECK_ERR(read(fds[0], &c, 1), EAGAIN, "read of an empty pipe: EAGAIN");
	CHECK_EQ(fcntl(copy, F_SETFL, 0), 0, "F_SETFL 0 through the dup");
	CHECK_HEX(fcntl(fds[0], F_GETFL), O_RDONLY, "O_NONBLOCK cleared");
	close(copy);
}

/* F_SETFL changes only O_APPEND, O_NONBLOCK and a few others: the access
 * mode and O_CREAT/O_TRUNC are ignored. */
static void test_setfl_append(void)
{
	char path[64];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "/tmp/pollux-fd-%d", getpid());
	fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
	write(fd, "abc", 3);
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND | O_CREAT | O_TRUNC | O_WRONLY), 0,
		 "F_SETFL O_APPEND with mode and creation bits");
	CHECK_HEX(fcntl(fd, F_GETFL), O_RDWR | O_APPEND | 0x8000,
		  "only O_APPEND was taken");
	CHECK_EQ(write(fd, "d", 1), 1, "write after F_SETFL O_APPEND");
	fstat(fd, &st);
	CHECK_EQ(st.st_size, 4, "it appended instead of writing at 0");
	close(fd);
	unlink(path);
}

/* Fill the table with dups of the pipe until EMFILE; mine[] remembers which
 * fds this test opened so it closes nothing it did not open. */
static void test_emfile(void)
{
	static char mine[FD_LIMIT];
	int fd, first = -1, last = -1, open_fds = 0, p[2];

	while ((fd = dup(fds[0])) >= 0) {
		mine[fd] = 1;
		if (first < 0)
			first = fd;
		last = fd;
	}
	CHECK_EQ(errno, EMFILE, "dup until EMFILE");
	CHECK_EQ(last, FD_LIMIT - 1, "the last fd given is 1023");
	for (fd = 0; fd < FD_LIMIT; fd++)
		open_fds += fcntl(fd, F_GETFD) >= 0;
	CHECK_EQ(open_fds, FD_LIMIT, "all 1024 fds are open");
	CHECK_ERR(open("/", O_RDONLY), EMFILE, "open at the limit");
	CHECK_ERR(pipe(p), EMFILE, "pipe at the limit");
	CHECK_ERR(fcntl(fds[0], F_DUPFD, 0), EMFILE, "F_DUPFD at the limit");

	close(500);
	close(700);
	CHECK_EQ(dup(fds[0]), 500, "after closing 500 and 700, dup gives 500");
	CHECK_ERR(pipe(p), EMFILE, "pipe needs two free fds");
	close(600);
	CHECK_EQ(pipe(p), 0, "pipe with two free fds");
	CHECK(p[0] == 600 && p[1] == 700, "pipe took 600 and 700");
	mine[p[0]] = mine[p[1]] = 1;
	for (fd = 0; fd < FD_LIMIT; fd++)
		if (mine[fd])
			close(fd);
	fd = dup(fds[0]);
	CHECK_EQ(fd, first, "after closing them, dup gives the first one again");
	close(fd);
}

#define RLIMIT_NOFILE 7	/* include/uapi/asm-generic/resource.h */

/* Linux: struct rlimit64 in include/uapi/linux/resource.h */
struct rlim64 {
	unsigned long long cur, max;
};

/* prlimit64 on another process: the parent lowers a child's
 * RLIMIT_NOFILE, which the child then reads as its own. */
static void test_prlimit_other(void)
{
	struct rlim64 old = { 0, 0 }, new = { 100, 200 };
	int go[2], status = -1;
	pid_t pid;
	char c;

	pipe(go);
	pid = fork();
	if (pid == 0) {
		struct rlim64 mine;

		read(go[0], &c, 1);
		syscall(__NR_prlimit64, 0, RLIMIT_NOFILE, NULL, &mine);
		_exit(mine.cur == 100 && mine.max == 200 ? 0 : 1);
	}
	CHECK_EQ(syscall(__NR_prlimit64, pid, RLIMIT_NOFILE, &new, &old), 0,
		 "prlimit64(child, NOFILE, {100, 200}) -> 0");
	CHECK(old.cur == FD_LIMIT, "the old soft limit is the parent's 1024");
	write(go[1], "g", 1);
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the child reads {100, 200} as its own");
	CHECK_ERR(syscall(__NR_prlimit64, pid, RLIMIT_NOFILE, NULL, &old), ESRCH,
		  "prlimit64 of the reaped child");
	CHECK_ERR(syscall(__NR_prlimit64, -1, RLIMIT_NOFILE, NULL, &old), ESRCH,
		  "prlimit64 of pid -1");
	close(go[0]);
	close(go[1]);
}

/* Run by the re-executed copy: report which of fds 40..43 survived. */
static int exec_fds_child(void)
{
	char c = 0;
	int mask = 0;

	for (int i = 0; i < 4; i++)
		if (fcntl(40 + i, F_GETFD) >= 0)
			mask |= 1 << i;
	if (fcntl(40, F_GETFD) == 0)
		mask |= 0x10;
	if (read(40, &c, 1) == 1 && c == 'z')
		mask |= 0x20;
	return mask;
}

static void test_cloexec_exec(const char *self)
{
	char *argv[] = { (char *)self, "exec-fds", NULL };
	char *envp[] = { NULL };
	int status = -1;
	pid_t pid;

	write(fds[1], "z", 1);
	pid = fork();
	if (pid == 0) {
		close(43);	/* F_DUPFD_CLOEXEC takes the lowest free >= 43 */
		dup2(fds[0], 40);
		dup3(fds[0], 41, O_CLOEXEC);
		dup2(fds[0], 42);
		fcntl(42, F_SETFD, FD_CLOEXEC);
		fcntl(fds[0], F_DUPFD_CLOEXEC, 43);
		execve(self, argv, envp);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status), "re-executed child exited");
	CHECK_HEX(WEXITSTATUS(status), 0x31,
		  "after execve only the fd without FD_CLOEXEC is open, "
		  "still the pipe");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-fds") == 0)
		return exec_fds_child();

	CHECK_EQ(set_fd_limit(FD_LIMIT), 0, "set RLIMIT_NOFILE to 1024");
	pipe(fds);
	test_dup(argv[0]);
	test_fcntl_fd();
	test_fcntl_fl(argv[0]);
	test_setfl_append();
	test_emfile();
	test_prlimit_other();
	test_cloexec_exec(argv[0]);
	return test_done();
}
