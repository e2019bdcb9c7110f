/*
 * umount.c - umount2(2): a mount in use (an open file or directory, a
 * cwd inside it, a mount below it) is EBUSY, even with MNT_FORCE;
 * MNT_DETACH takes it (and the mounts below) out at once, its open files
 * still readable; MNT_EXPIRE marks first (EAGAIN) and unmounts at the
 * second call; what is not a mount point is EINVAL; bad flags, paths and
 * pointers.  Run as root; everything mounted is unmounted, even after a
 * failure.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mount_util.h"
#include "test.h"

static char dir[64], sub[80], file[80];

static int mount_tmpfs(const char *path)
{
	return mount("none", path, "tmpfs", 0, NULL);
}

static void make_file(void)
{
	int fd = open(file, O_CREAT | O_WRONLY, 0644);

	CHECK_EQ(write(fd, "kept", 4), 4, "a file in the mount");
	close(fd);
}

static void test_busy(void)
{
	int fd;

	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	make_file();
	fd = open(file, O_RDONLY);
	CHECK_ERR(umount(dir), EBUSY, "a file open in it: EBUSY");
	CHECK_ERR(umount2(dir, MNT_FORCE), EBUSY, "MNT_FORCE: EBUSY too");
	CHECK_ERR(umount2(dir, MNT_EXPIRE), EBUSY, "MNT_EXPIRE: EBUSY");
	close(fd);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK_ERR(umount(dir), EBUSY, "its root open: EBUSY");
	close(fd);
	CHECK_EQ(chdir(dir), 0, "chdir into it");
	CHECK_ERR(umount(dir), EBUSY, "the cwd in it: EBUSY");
	CHECK_EQ(chdir("/"), 0, "chdir out");
	CHECK_EQ(mkdir(sub, 0755), 0, "mkdir in it");
	CHECK_EQ(mount_tmpfs(sub), 0, "mount below it");
	CHECK_ERR(umount(dir), EBUSY, "a mount below it: EBUSY");
	CHECK_EQ(umount(sub), 0, "umount the one below");
	CHECK_EQ(umount2(dir, MNT_FORCE | UMOUNT_NOFOLLOW), 0,
		 "unused: MNT_FORCE|UMOUNT_NOFOLLOW unmounts");
	CHECK(!is_mounted(dir), "gone from mounts");
	CHECK_ERR(access(file, F_OK), ENOENT, "and its files with it");
}

/* A child's cwd inside the mount makes it busy too */
static void test_child_cwd(void)
{
	int p[2], status;
	char c;
	pid_t pid;

	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	CHECK_EQ(pipe(p), 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (chdir(dir))
			_exit(1);
		read(p[0], &c, 1);	/* until the parent has tried */
		_exit(0);
	}
	close(p[0]);
	usleep(100000);
	CHECK_ERR(umount(dir), EBUSY, "a child's cwd in it: EBUSY");
	close(p[1]);
	waitpid(pid, &status, 0);
	CHECK_EQ(status, 0, "the child exited");
	CHECK_EQ(umount(dir), 0, "then it unmounts");
}

static void test_detach(void)
{
	char buf[8] = "";
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, n = 0;

	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	make_file();
	CHECK_EQ(mkdir(sub, 0755), 0, "mkdir in it");
	CHECK_EQ(mount_tmpfs(sub), 0, "mount below it");
	fd = open(file, O_RDONLY);
	CHECK_EQ(umount2(dir, MNT_DETACH), 0, "MNT_DETACH with a file open");
	CHECK(!is_mounted(dir), "gone from mounts");
	CHECK(!is_mounted(sub), "the one below too");
	CHECK_EQ(read(fd, buf, 4), 4, "the open file still reads");
	CHECK_STR(buf, "kept", "its data");
	CHECK_EQ(fstat(fd, &st), 0, "fstat it");
	CHECK_EQ(st.st_size, 4, "its size");
	close(fd);
	CHECK_ERR(access(file, F_OK), ENOENT, "its name is gone");
	d = opendir(dir);
	while (d && (de = readdir(d)))
		n++;
	if (d)
		closedir(d);
	CHECK_EQ(n, 2, "the directory under it is empty: . and ..");
	CHECK_ERR(umount2(dir, MNT_DETACH), EINVAL, "again: not a mount point");
}

static void test_expire(void)
{
	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	CHECK_ERR(umount2(dir, MNT_EXPIRE), EAGAIN, "MNT_EXPIRE: marked, EAGAIN");
	CHECK(is_mounted(dir), "still mounted");
	CHECK_EQ(umount2(dir, MNT_EXPIRE), 0, "MNT_EXPIRE again: unmounted");
	CHECK(!is_mounted(dir), "gone");
	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	CHECK_ERR(umount2(dir, MNT_EXPIRE | MNT_DETACH), EINVAL,
		  "MNT_EXPIRE|MNT_DETACH: EINVAL");
	CHECK_ERR(umount2(dir, MNT_EXPIRE | MNT_FORCE), EINVAL,
		  "MNT_EXPIRE|MNT_FORCE: EINVAL");
	CHECK_EQ(umount(dir), 0, "umount");
}

static void test_errors(void)
{
	CHECK_ERR(umount(dir), EINVAL, "not a mount point: EINVAL");
	CHECK_ERR(umount("/tmp/umount_none"), ENOENT, "no such path: ENOENT");
	CHECK_ERR(umount(""), ENOENT, "empty path: ENOENT");
	CHECK_ERR(umount(bad_addr(1)), EFAULT, "bad pointer: EFAULT");
	CHECK_ERR(umount2(dir, 0x10), EINVAL, "an unknown flag: EINVAL");
	CHECK_ERR(umount2("/tmp/umount_none", 0x10), EINVAL,
		  "flags are checked before the path: EINVAL");
	CHECK_ERR(umount2(bad_addr(1), -1), EINVAL, "... and the pointer");
	CHECK_EQ(mount_tmpfs(dir), 0, "mount");
	CHECK_ERR(umount(file), ENOENT, "a missing name in it: ENOENT");
	CHECK_EQ(mkdir(sub, 0755), 0, "mkdir in it");
	CHECK_ERR(umount(sub), EINVAL, "a directory in it: EINVAL");
	make_file();
	CHECK_ERR(umount(file), EINVAL, "a file in it: EINVAL");
	strcat(file, "/x");
	CHECK_ERR(umount(file), ENOTDIR, "a path through a file: ENOTDIR");
	file[strlen(file) - 2] = 0;
	CHECK_EQ(umount(dir), 0, "umount");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/umount.%d", (int)getpid());
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(file, sizeof(file), "%s/file", dir);
	CHECK_EQ(mkdir(dir, 0755), 0, "mkdir the mount point");

	test_busy();
	test_child_cwd();
	test_detach();
	test_expire();
	test_errors();

	cleanup_dir(dir);
	CHECK_ERR(access(dir, F_OK), ENOENT, "the scratch directory is gone");
	return test_done();
}
