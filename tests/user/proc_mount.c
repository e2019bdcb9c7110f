/*
 * proc_mount.c - /proc is a mount point: the names under it are
 * procfs's, so nothing can be created there, and /proc itself cannot be
 * removed or renamed, or replaced by a rename.  (Before, mkdir("/proc")
 * made a ramfs directory that hid nothing and was never removed: the
 * fuzzer saw it as a leak.)  Scratch names in /tmp carry the pid.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

int main(void)
{
	char file[64], dir[64];
	int fd;

	snprintf(file, sizeof(file), "/tmp/proc_mount.%d.f", (int)getpid());
	snprintf(dir, sizeof(dir), "/tmp/proc_mount.%d.d", (int)getpid());
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0, "create a scratch file");
	close(fd);
	CHECK_EQ(mkdir(dir, 0755), 0, "create a scratch directory");

	CHECK_ERR(mkdir("/proc", 0755), EEXIST, "mkdir /proc: EEXIST");
	CHECK_ERR(mkdir("/proc/x", 0755), ENOENT, "mkdir /proc/x: ENOENT");
	CHECK_ERR(mkdir("/proc/1/x", 0755), ENOENT, "mkdir /proc/1/x: ENOENT");
	CHECK_ERR(open("/proc/x", O_CREAT | O_WRONLY, 0644), ENOENT,
		  "open /proc/x O_CREAT: ENOENT");
	CHECK_ERR(open("/proc", O_CREAT | O_WRONLY, 0644), EISDIR,
		  "open /proc O_CREAT|O_WRONLY: EISDIR");
	CHECK_ERR(open("/proc", O_CREAT | O_RDONLY, 0644), EISDIR,
		  "open /proc O_CREAT|O_RDONLY: EISDIR");
	CHECK_ERR(rmdir("/proc"), EBUSY, "rmdir /proc: EBUSY");
	CHECK_ERR(unlink("/proc"), EISDIR, "unlink /proc: EISDIR");
	CHECK_ERR(unlink("/proc/x"), ENOENT, "unlink /proc/x: ENOENT");
	/* in the root file system, whether /tmp is a mount or not (EXDEV) */
	CHECK_ERR(rename("/dev", "/proc"), EBUSY, "rename /dev onto /proc: EBUSY");
	CHECK_ERR(rename("/proc", "/proc_mount_y"), EBUSY, "rename /proc away: EBUSY");
	CHECK_EQ(access("/proc_mount_y", F_OK), -1, "nothing was moved");
	CHECK_ERR(rename(file, "/proc/x"), EXDEV, "rename a file into /proc: EXDEV");
	CHECK_ERR(rename(dir, "/proc/x"), EXDEV, "rename a directory into /proc: EXDEV");

	CHECK_EQ(unlink(file), 0, "remove the scratch file");
	CHECK_EQ(rmdir(dir), 0, "remove the scratch directory");
	return test_done();
}
