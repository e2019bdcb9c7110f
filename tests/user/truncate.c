/*
 * truncate.c - truncate and ftruncate (grow with zeros, shrink, the
 * errors), and statfs/fstatfs's file-system magic numbers for /proc,
 * /dev/shm (tmpfs) and the internal pipe and socket file systems.
 * Scratch names in /tmp carry the pid and are never printed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "test.h"

static char file[64], shmfile[64];

static long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

static void test_truncate(void)
{
	char buf[16], zeros[16] = { 0 };
	int fd = open(file, O_CREAT | O_RDWR | O_TRUNC, 0644);
	int ro;

	CHECK_EQ(write(fd, "hello world", 11), 11, "write 11 bytes");
	CHECK_EQ(ftruncate(fd, 5), 0, "ftruncate to 5");
	CHECK_EQ(size_of(file), 5, "size 5");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11, "the offset is not moved");
	CHECK_EQ(truncate(file, 16), 0, "truncate to 16");
	CHECK_EQ(size_of(file), 16, "size 16");
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ(read(fd, buf, 16), 16, "read all 16");
	CHECK_MEM(buf, "hello", 5, "the first 5 bytes kept");
	CHECK_MEM(buf + 5, zeros, 11, "the rest reads as zeros");
	CHECK_EQ(ftruncate(fd, 0), 0, "ftruncate to 0");
	CHECK_EQ(size_of(file), 0, "size 0");
	CHECK_ERR(ftruncate(fd, -1), EINVAL, "negative length: EINVAL");
	CHECK_ERR(truncate(file, -1), EINVAL, "truncate negative: EINVAL");
	CHECK_ERR(ftruncate(-1, 0), EBADF, "fd -1: EBADF");
	CHECK_ERR(ftruncate(-1, -1), EINVAL, "fd -1, length -1: EINVAL first");
	ro = open(file, O_RDONLY);
	CHECK_ERR(ftruncate(ro, 0), EINVAL, "an O_RDONLY fd: EINVAL");
	close(ro);
	ro = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK_ERR(ftruncate(ro, 0), EINVAL, "a directory fd: EINVAL");
	close(ro);
	CHECK_ERR(truncate("/tmp", 0), EISDIR, "truncate a directory: EISDIR");
	CHECK_ERR(truncate("/dev/null", 0), EINVAL, "a device: EINVAL");
	CHECK_ERR(truncate("/nonexistent-pollux", 0), ENOENT, "ENOENT");
	CHECK_ERR(truncate(bad_addr(1), 0), EFAULT, "bad path: EFAULT");
	close(fd);
	unlink(file);
}

static void test_statfs(void)
{
	struct statfs sf;
	int fds[2], fd;

	CHECK_EQ(statfs("/proc", &sf), 0, "statfs /proc");
	CHECK_HEX(sf.f_type, 0x9fa0, "PROC_SUPER_MAGIC");
	CHECK_EQ(sf.f_namelen, 255, "names up to 255 bytes");
	CHECK_EQ(statfs("/proc/self/status", &sf), 0, "a /proc file");
	CHECK_HEX(sf.f_type, 0x9fa0, "PROC_SUPER_MAGIC");
	CHECK_EQ(statfs("/dev/shm", &sf), 0, "statfs /dev/shm");
	CHECK_HEX(sf.f_type, 0x01021994, "TMPFS_MAGIC");
	CHECK_EQ(sf.f_bsize, 4096, "4096-byte blocks");
	fd = open(shmfile, O_CREAT | O_RDWR, 0600);
	CHECK_EQ(fstatfs(fd, &sf), 0, "fstatfs of a file in /dev/shm");
	CHECK_HEX(sf.f_type, 0x01021994, "TMPFS_MAGIC");
	close(fd);
	unlink(shmfile);
	fd = open("/proc/meminfo", O_RDONLY);
	CHECK_EQ(fstatfs(fd, &sf), 0, "fstatfs of a /proc file");
	CHECK_HEX(sf.f_type, 0x9fa0, "PROC_SUPER_MAGIC");
	close(fd);
	pipe(fds);
	CHECK_EQ(fstatfs(fds[0], &sf), 0, "fstatfs of a pipe");
	CHECK_HEX(sf.f_type, 0x50495045, "PIPEFS_MAGIC");
	close(fds[0]);
	close(fds[1]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
	CHECK_EQ(fstatfs(fds[0], &sf), 0, "fstatfs of a socket");
	CHECK_HEX(sf.f_type, 0x534f434b, "SOCKFS_MAGIC");
	close(fds[0]);
	close(fds[1]);
	CHECK_ERR(statfs("/nonexistent-pollux", &sf), ENOENT, "ENOENT");
	CHECK_ERR(statfs("/tmp", bad_addr(1)), EFAULT, "bad buffer: EFAULT");
	CHECK_ERR(fstatfs(-1, &sf), EBADF, "fd -1: EBADF");
}

int main(void)
{
	snprintf(file, sizeof(file), "/tmp/pollux-truncate-%d", getpid());
	snprintf(shmfile, sizeof(shmfile), "/dev/shm/pollux-truncate-%d",
		 getpid());
	test_truncate();
	test_statfs();
	return test_done();
}
