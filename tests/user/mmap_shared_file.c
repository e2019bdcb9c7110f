/*
 * mmap_shared_file.c - a MAP_SHARED mapping of a file is the file's own
 * pages (Linux's page cache): write(2) shows through the mapping and a
 * store through it shows to read(2); a child after fork and an
 * unrelated process (this program exec'd again, "peer", which opens the
 * file by path) see the same bytes; a MAP_PRIVATE mapping sees the file
 * until it writes, then keeps its copy to itself.  Also mmap's errors
 * for files, mprotect and munmap of a part, mremap growth, an unlinked
 * file, and the /proc/self/maps line (offset, device, inode, path).
 *
 *   parent --fork--> child      peer (exec'd, opens PATH)
 *      \__ map ___/  \__ map ___/
 *            file PATH (in /tmp)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)

static char path[64];

/* A new file of pages pages of 'a', 'b', 'c'..., open O_RDWR. */
static int make_file(int pages)
{
	static char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	for (int i = 0; i < pages; i++) {
		memset(buf, 'a' + i, PAGE);
		write(fd, buf, PAGE);
	}
	return fd;
}

/* The byte at off, by read(2). */
static char file_byte(int fd, off_t off)
{
	char c = 0;

	lseek(fd, off, SEEK_SET);
	read(fd, &c, 1);
	return c;
}

static void put_string(int fd, off_t off, const char *s)
{
	lseek(fd, off, SEEK_SET);
	write(fd, s, strlen(s));
}

static void test_errors(void)
{
	int fd = make_file(1), ro = open(path, O_RDONLY);
	int wo = open(path, O_WRONLY), p[2];
	char *m;

	pipe(p);
	CHECK_ERR(mmap(NULL, PAGE, RW, MAP_SHARED, -1, 0), EBADF, "mmap fd -1: EBADF");
	CHECK_ERR(mmap(NULL, PAGE, RW, MAP_SHARED, fd, 1), EINVAL,
		  "mmap offset not page-aligned: EINVAL");
	CHECK_ERR(mmap(NULL, PAGE, RW, MAP_SHARED, ro, 0), EACCES,
		  "MAP_SHARED PROT_WRITE of an O_RDONLY fd: EACCES");
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wo, 0), EACCES,
		  "mmap of an O_WRONLY fd: EACCES");
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, p[0], 0), ENODEV,
		  "mmap of a pipe: ENODEV");
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(m != MAP_FAILED, "MAP_SHARED PROT_READ of an O_RDONLY fd");
	CHECK_ERR(mprotect(m, PAGE, RW), EACCES,
		  "mprotect PROT_WRITE of it: EACCES");
	munmap(m, PAGE);
	m = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 0);
	CHECK_EQ(mprotect(m, PAGE, RW), 0,
		 "mprotect PROT_WRITE of a MAP_PRIVATE one: allowed");
	m[0] = 'z';
	CHECK_EQ(file_byte(fd, 0), 'a', "its write stays private");
	munmap(m, PAGE);
	close(p[0]);
	close(p[1]);
	close(wo);
	close(ro);
	close(fd);
}

/* write(2) <-> mapping, both ways, on each page. */
static void test_coherent(void)
{
	int fd = make_file(3);
	char *m = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);

	CHECK(m[0] == 'a' && m[PAGE] == 'b' && m[2 * PAGE + 4095] == 'c',
	      "the mapping shows the file's bytes");
	put_string(fd, PAGE + 10, "written");
	CHECK_MEM(m + PAGE + 10, "written", 7, "write(2) shows in the mapping");
	memcpy(m + 2 * PAGE + 100, "stored", 6);
	CHECK_EQ(file_byte(fd, 2 * PAGE + 100), 's', "a store shows to read(2)");
	CHECK_EQ(msync(m, 3 * PAGE, MS_SYNC), 0, "msync MS_SYNC");
	CHECK_STR(maps_perms(m), "rw-s", "/proc/self/maps: rw-s");
	munmap(m, 3 * PAGE);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
	CHECK_MEM(m + 100, "stored", 6, "a new mapping at offset 2 pages sees it");
	munmap(m, PAGE);
	close(fd);
}

/* Parent and child, both ways, through the one mapping and write(2). */
static void test_fork(void)
{
	int fd = make_file(2);
	char *m = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);
	pid_t pid = lockstep_fork();

	if (pid == 0) {
		int bad = m[0] != 'a';

		memcpy(m + 8, "child", 5);
		child_turn();
		bad |= (memcmp(m + PAGE, "parent", 6) != 0) << 1;
		bad |= (memcmp(m + PAGE + 8, "by write", 8) != 0) << 2;
		_exit(bad);
	}
	parent_turn();
	CHECK_MEM(m + 8, "child", 5, "the parent's mapping shows the child's store");
	CHECK_EQ(file_byte(fd, 8), 'c', "and read(2) does");
	memcpy(m + PAGE, "parent", 6);
	put_string(fd, PAGE + 8, "by write");
	parent_done();
	CHECK_EQ(lockstep_wait(pid), 0,
		 "the child sees the parent's store and write(2)");
	munmap(m, 2 * PAGE);
	close(fd);
}

/* The peer: maps the file's second page only, checks what the parent
 * stored, stores its own answer; exit 0 if all was as expected. */
static int peer(void)
{
	int fd = open(path, O_RDWR);
	char *m = mmap(NULL, PAGE, RW, MAP_SHARED, fd, PAGE);

	if (m == MAP_FAILED)
		return 1;
	if (memcmp(m, "to the peer", 11) != 0)
		return 2;
	memcpy(m + 100, "from the peer", 13);
	return 0;
}

static void test_unrelated(const char *self)
{
	int fd = make_file(2), status = -1;
	char *m = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);
	char *argv[] = { (char *)self, "peer", path, NULL }, *envp[] = { NULL };
	pid_t pid;

	memcpy(m + PAGE, "to the peer", 11);
	pid = fork();
	if (pid == 0) {
		close(fd);
		munmap(m, 2 * PAGE);
		execve(self, argv, envp);
		_exit(100);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "an exec'd process maps the file by path and sees our store");
	CHECK_MEM(m + PAGE + 100, "from the peer", 13, "we see its store");
	munmap(m, 2 * PAGE);
	close(fd);
}

/* MAP_PRIVATE: the file's bytes until the first write, then a copy. */
static void test_private(void)
{
	int fd = make_file(2);
	char *m = mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE, fd, 0);
	char *s = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);

	CHECK_EQ(m[0], 'a', "MAP_PRIVATE reads the file");
	put_string(fd, 0, "new");
	CHECK_MEM(m, "new", 3, "a write(2) shows in a page not yet written");
	memcpy(m, "mine", 4);
	CHECK_EQ(file_byte(fd, 0), 'n', "a private store does not reach the file");
	CHECK_MEM(s, "new", 3, "nor a shared mapping");
	put_string(fd, 10, "later");
	CHECK(m[10] == 'a', "the copied page no longer follows the file");
	CHECK(m[PAGE] == 'b', "the other page is still the file's");
	CHECK_STR(maps_perms(m), "rw-p", "/proc/self/maps: rw-p");
	munmap(m, 2 * PAGE);
	munmap(s, 2 * PAGE);
	close(fd);
}

/* munmap and mprotect of the middle page of three; mremap growth. */
static void test_parts(void)
{
	int fd = make_file(4);
	char *m = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);

	CHECK_EQ(mprotect(m + PAGE, PAGE, PROT_READ), 0, "mprotect the middle page");
	CHECK_STR(maps_perms(m + PAGE), "r--s", "it is r--s");
	CHECK_STR(maps_perms(m + 2 * PAGE), "rw-s", "the last is still rw-s");
	CHECK_EQ(munmap(m + PAGE, PAGE), 0, "munmap the middle page");
	CHECK_STR(maps_perms(m + PAGE), "", "it is gone");
	m[2 * PAGE] = 'X';
	CHECK_EQ(file_byte(fd, 2 * PAGE), 'X', "the last page still maps page 2");
	m[0] = 'Y';
	CHECK_EQ(file_byte(fd, 0), 'Y', "the first still maps page 0");
	munmap(m, 3 * PAGE);
	m = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 2 * PAGE);
	m = mremap(m, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
	CHECK(m != MAP_FAILED && m[0] == 'X' && m[PAGE] == 'd',
	      "mremap growth maps the file's next page");
	munmap(m, 2 * PAGE);
	close(fd);
}

/* The heap does not grow over a file mapping: brk returns the old break. */
static void test_brk(void)
{
	int fd = make_file(1);
	unsigned long brk0 = syscall(SYS_brk, 0);
	unsigned long at = ((brk0 + PAGE - 1) & ~(PAGE - 1)) + 4 * PAGE;
	char *m = mmap((void *)at, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);

	CHECK(m == (char *)at, "a file mapped 4 pages above the break");
	CHECK_EQ(syscall(SYS_brk, at + PAGE) - brk0, 0,
		 "brk over it fails: the break stays");
	CHECK_EQ(syscall(SYS_brk, brk0 + PAGE) - brk0, PAGE,
		 "brk below it works");
	syscall(SYS_brk, brk0);
	munmap(m, PAGE);
	close(fd);
}

/* The line of /proc/self/maps whose range starts at addr. */
static const char *maps_line(const void *addr)
{
	static char text[16384];
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "%08lx-", (unsigned long)addr);
	read_text("/proc/self/maps", text, sizeof(text));
	return line_of(text, prefix, 0);
}

/* "OFFSET MAJ:MIN INODE PATH" as maps shows a file mapping of fd. */
static void maps_fields(int fd, off_t off, const char *name, char *buf, size_t n)
{
	struct stat st;
	unsigned dev;

	fstat(fd, &st);
	dev = st.st_dev;
	snprintf(buf, n, "%08lx %02x:%02x %lu %s", (unsigned long)off,
		 (dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00),
		 (unsigned long)st.st_ino, name);
}

static void test_maps(void)
{
	int fd = make_file(3);
	char *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	char want[160], got[160];
	const char *line = maps_line(m), *p;

	maps_fields(fd, PAGE, path, want, sizeof(want));
	/* the fields after "start-end perms ", the blanks squeezed */
	p = strchr(line, ' ');
	p = p ? strchr(p + 1, ' ') : NULL;
	got[0] = '\0';
	for (size_t i = 0; p && *++p && i < sizeof(got) - 1; )
		if (*p != ' ' || got[i - 1] != ' ')
			got[i++] = *p, got[i] = '\0';
	CHECK_STR(got, want, "maps: offset, device, inode and path as fstat says");
	unlink(path);
	line = maps_line(m);
	CHECK(strstr(line, " (deleted)") && strstr(line, path),
	      "maps: an unlinked file's path ends in \" (deleted)\"");
	close(fd);
	CHECK(m[0] == 'b', "the mapping outlives the name and the fd");
	munmap(m, 2 * PAGE);
}

int main(int argc, char **argv)
{
	snprintf(path, sizeof(path), "/tmp/mmap_shared_file.%d", getpid());
	if (argc == 3 && !strcmp(argv[1], "peer")) {
		snprintf(path, sizeof(path), "%s", argv[2]);
		return peer();
	}
	test_errors();
	test_coherent();
	test_fork();
	test_unrelated(argv[0]);
	test_private();
	test_parts();
	test_brk();
	test_maps();
	unlink(path);
	return test_done();
}
