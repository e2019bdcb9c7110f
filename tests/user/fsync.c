/*
 * fsync.c - sync, syncfs, fsync, fdatasync: nothing to write back on a
 * memory file system, but each checks its fd as Linux does: 0 for a
 * tmpfs file or directory, EINVAL for a pipe, socket, eventfd, device
 * or procfs file (no ->fsync), EBADF for no fd; syncfs takes any fd.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

int main(void)
{
	char file[64];
	int fd, ro, dir, p[2], sv[2], efd = eventfd(0, 0);
	int nul = open("/dev/null", O_RDWR), cpu = open("/proc/cpuinfo", O_RDONLY);
	int self = open("/proc/self", O_RDONLY | O_DIRECTORY);

	snprintf(file, sizeof(file), "/dev/shm/pollux-fsync-%d", getpid());
	fd = open(file, O_CREAT | O_RDWR | O_TRUNC, 0600);
	ro = open(file, O_RDONLY);
	dir = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	sync();
	CHECK(1, "sync returns");
	CHECK_EQ(fsync(fd), 0, "fsync a tmpfs file");
	CHECK_EQ(fdatasync(fd), 0, "fdatasync a tmpfs file");
	CHECK_EQ(fsync(ro), 0, "fsync an O_RDONLY file");
	CHECK_EQ(fsync(dir), 0, "fsync a tmpfs directory");
	CHECK_EQ(fdatasync(dir), 0, "fdatasync a tmpfs directory");
	CHECK_ERR(fsync(-1), EBADF, "fsync fd -1: EBADF");
	CHECK_ERR(fdatasync(-1), EBADF, "fdatasync fd -1: EBADF");
	CHECK_ERR(fsync(p[0]), EINVAL, "fsync a pipe: EINVAL");
	CHECK_ERR(fdatasync(p[1]), EINVAL, "fdatasync a pipe: EINVAL");
	CHECK_ERR(fsync(sv[0]), EINVAL, "fsync a socket: EINVAL");
	CHECK_ERR(fsync(efd), EINVAL, "fsync an eventfd: EINVAL");
	CHECK_ERR(fsync(nul), EINVAL, "fsync /dev/null: EINVAL");
	CHECK_ERR(fsync(cpu), EINVAL, "fsync /proc/cpuinfo: EINVAL");
	CHECK_ERR(fsync(self), EINVAL, "fsync /proc/self: EINVAL");
	CHECK_EQ(syncfs(fd), 0, "syncfs a file");
	CHECK_EQ(syncfs(p[0]), 0, "syncfs a pipe");
	CHECK_EQ(syncfs(efd), 0, "syncfs an eventfd");
	CHECK_EQ(syncfs(cpu), 0, "syncfs a procfs file");
	CHECK_ERR(syncfs(-1), EBADF, "syncfs fd -1: EBADF");
	unlink(file);
	return test_done();
}
