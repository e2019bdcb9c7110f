/*
 * pipe.c - pipes as Linux's fs/pipe.c behaves: pipe2 flags, the 64 KiB
 * capacity kept in 16 page-sized slots, non-blocking EAGAIN, EOF, atomic
 * writes up to PIPE_BUF, and sleepers woken by the other end.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096
#define WRITERS 4
#define RECORDS 64

static char buf[200000];

static void close_pipe(int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void test_pipe2_flags(void)
{
	int p[2];

	CHECK_EQ(pipe2(p, O_CLOEXEC), 0, "pipe2 O_CLOEXEC");
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC, "read end has FD_CLOEXEC");
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC, "write end has FD_CLOEXEC");
	CHECK_HEX(fcntl(p[0], F_GETFL), O_RDONLY, "read end F_GETFL");
	CHECK_HEX(fcntl(p[1], F_GETFL), O_WRONLY, "write end F_GETFL");
	close_pipe(p);

	CHECK_EQ(pipe2(p, O_NONBLOCK), 0, "pipe2 O_NONBLOCK");
	CHECK_EQ(fcntl(p[0], F_GETFD), 0, "read end has no FD_CLOEXEC");
	CHECK_HEX(fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK,
		  "read end is O_NONBLOCK");
	CHECK_HEX(fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK,
		  "write end is O_NONBLOCK");
	close_pipe(p);

	CHECK_ERR(pipe2(p, O_APPEND), EINVAL, "pipe2 O_APPEND");
	CHECK_ERR(pipe2(p, O_RDWR), EINVAL, "pipe2 O_RDWR");
	CHECK_ERR(pipe2(p, O_TRUNC), EINVAL, "pipe2 O_TRUNC");
}

/* Write chunk-sized pieces into a fresh non-blocking pipe until EAGAIN. */
static long fill(long chunk)
{
	int p[2];
	long total = 0, n;

	pipe2(p, O_NONBLOCK);
	while ((n = write(p[1], buf, chunk)) > 0)
		total += n;
	CHECK_EQ(errno, EAGAIN, "the pipe filled up with EAGAIN");
	close_pipe(p);
	return total;
}

static void test_capacity(void)
{
	CHECK_EQ(fill(1), 65536, "1-byte writes: capacity 65536");
	CHECK_EQ(fill(4096), 65536, "4096-byte writes: capacity 65536");
	/* A small write is merged into the last page only if it fits whole. */
	CHECK_EQ(fill(1000), 64000, "1000-byte writes: 4 per page, 64000");
	CHECK_EQ(fill(100000), 65536, "a 100000-byte write stops at 65536");
}

/* Space is freed a page slot at a time, not a byte at a time. */
static void test_slots(void)
{
	int p[2];
	char c[PAGE];

	pipe2(p, O_NONBLOCK);
	CHECK_EQ(write(p[1], buf, 65536), 65536, "fill the pipe in one write");
	CHECK_ERR(write(p[1], buf, 1), EAGAIN, "a full pipe: EAGAIN");
	CHECK_EQ(read(p[0], c, 1), 1, "read 1 byte");
	CHECK_ERR(write(p[1], buf, 1), EAGAIN,
		  "one byte read frees no slot: still EAGAIN");
	CHECK_EQ(read(p[0], c, PAGE - 1), PAGE - 1, "read the rest of the page");
	CHECK_EQ(write(p[1], buf, 1), 1, "a freed slot takes 1 byte");
	CHECK_ERR(write(p[1], buf, PAGE), EAGAIN,
		  "4096 bytes do not fit in that slot's 4095");
	CHECK_EQ(write(p[1], buf, PAGE - 1), PAGE - 1, "4095 bytes do");
	close_pipe(p);
}

static void test_read_write(void)
{
	int p[2];
	char c[16] = "";

	pipe2(p, O_NONBLOCK);
	CHECK_ERR(read(p[0], c, 1), EAGAIN, "read of an empty O_NONBLOCK pipe");
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe");
	CHECK_ERR(write(p[0], "x", 1), EBADF, "write to the read end");
	CHECK_ERR(read(p[1], c, 1), EBADF, "read from the write end");
	CHECK_EQ(write(p[1], "ab", 2), 2, "write 2");
	CHECK_EQ(write(p[1], "cd", 2), 2, "write 2 more");
	CHECK_EQ(write(p[1], "", 0), 0, "write of 0 bytes");
	CHECK_EQ(read(p[0], c, 0), 0, "read of 0 bytes");
	CHECK_EQ(read(p[0], c, 3), 3, "read 3 of 4");
	CHECK_MEM(c, "abc", 3, "bytes come out in order");
	CHECK_EQ(read(p[0], c, sizeof(c)), 1, "a big read returns what is there");
	CHECK_EQ(c[0], 'd', "the last byte");
	CHECK_EQ(write(p[1], "xyz", 3), 3, "write 3");
	close(p[1]);
	CHECK_EQ(read(p[0], c, sizeof(c)), 3, "data written before the close");
	CHECK_EQ(read(p[0], c, sizeof(c)), 0, "then EOF");
	CHECK_EQ(read(p[0], c, sizeof(c)), 0, "EOF again");
	close(p[0]);
}

static int all_bytes_are(const char *p, long n, char c)
{
	while (n > 0 && p[n - 1] == c)
		n--;
	return n == 0;
}

/* Each writer sends RECORDS records of PIPE_BUF bytes of its own letter;
 * records must arrive whole, never interleaved. */
static void test_atomic_writes(void)
{
	int p[2], counts[WRITERS] = { 0 }, torn = 0, status, ok = 0;

	pipe(p);
	for (int w = 0; w < WRITERS; w++) {
		if (fork() == 0) {
			memset(buf, 'a' + w, PAGE);
			for (int r = 0; r < RECORDS; r++)
				write(p[1], buf, PAGE);
			_exit(0);
		}
	}
	close(p[1]);
	for (;;) {
		long got = 0, n = 1;
		while (got < PAGE && (n = read(p[0], buf + got, PAGE - got)) > 0)
			got += n;
		if (got < PAGE)
			break;
		int w = buf[0] - 'a';
		if (w < 0 || w >= WRITERS || !all_bytes_are(buf, PAGE, buf[0]))
			torn++;
		else
			counts[w]++;
	}
	close(p[0]);
	while (wait(&status) > 0)
		ok += status == 0;
	CHECK_EQ(ok, WRITERS, "all writers exited 0");
	CHECK_EQ(torn, 0, "no torn 4096-byte record");
	for (int w = 0; w < WRITERS; w++)
		CHECK_EQ(counts[w], RECORDS, "a writer's records all arrived");
}

static void test_wakeups(void)
{
	int p[2], status;
	char c[16];

	pipe(p);
	if (fork() == 0) {
		int asleep = wait_parent_asleep();

		write(p[1], "wake", 4);
		_exit(!asleep);
	}
	CHECK_EQ(read(p[0], c, sizeof(c)), 4, "a blocked read is woken by a write");
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");

	if (fork() == 0)	/* its copy of the write end closes at exit */
		_exit(!wait_parent_asleep());
	close(p[1]);
	CHECK_EQ(read(p[0], c, sizeof(c)), 0,
		 "a blocked read is woken by the last writer's exit");
	wait(&status);
	CHECK_HEX(status, 0, "  the child found us asleep");
	close(p[0]);

	/* A writer blocked on a full pipe wakes when the reader drains it. */
	pipe(p);
	if (fork() == 0) {
		long got = 0, n;
		close(p[1]);
		if (!wait_parent_asleep())
			_exit(2);
		while ((n = read(p[0], buf, sizeof(buf))) > 0)
			got += n;
		_exit(got == 200000 ? 0 : 1);
	}
	close(p[0]);
	CHECK_EQ(write(p[1], buf, 200000), 200000,
		 "a 200000-byte blocking write completes");
	close(p[1]);
	wait(&status);
	CHECK_HEX(status, 0, "the reader got all 200000 bytes");
}

int main(void)
{
	test_pipe2_flags();
	test_capacity();
	test_slots();
	test_read_write();
	test_atomic_writes();
	test_wakeups();
	return test_done();
}
