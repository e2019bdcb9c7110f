/*
 * fsattr.c - file modes and owners: umask at creat/open/mkdir, chmod,
 * fchmod, fchmodat, chown, fchown, lchown, fchownat (set-user-ID
 * dropped), stat showing them, and root's permissions: read and write
 * anything, execute only with some x bit (access, faccessat, execve).
 * Runs as root, as Pollux runs everything.  Scratch names in /tmp carry
 * the pid and are never printed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

static char file[64], dir[64], sub[96];

static long mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)(st.st_mode & 07777);
}

/* The mode of an AF_UNIX socket's node, bound as sub. */
static long bind_mode(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	long mode;

	strcpy(sun.sun_path, sub);
	mode = bind(s, (struct sockaddr *)&sun, sizeof(sun)) ? -1 : mode_of(sub);
	close(s);
	unlink(sub);
	return mode;
}

static void test_umask(void)
{
	int fd;

	umask(022);
	CHECK_EQ(umask(027), 022, "umask returns the old mask");
	CHECK_EQ(umask(0777 | 07000), 027, "umask returns 027");
	CHECK_EQ(umask(022), 0777, "only the permission bits were kept");
	fd = creat(file, 0666);
	CHECK(fd >= 0, "creat");
	CHECK_EQ(mode_of(file), 0644, "creat 0666 with umask 022: 0644");
	CHECK_ERR(read(fd, sub, 1), EBADF, "creat's fd is write-only");
	close(fd);
	unlink(file);
	umask(077);
	fd = open(file, O_CREAT | O_RDWR | O_EXCL, 04777);
	CHECK_EQ(mode_of(file), 04700, "O_CREAT 04777 with umask 077: 04700");
	close(fd);
	CHECK_EQ(mkdir(dir, 01777), 0, "mkdir");
	CHECK_EQ(mode_of(dir), 01700, "mkdir 01777 with umask 077: 01700");
	CHECK_EQ(bind_mode(), 0700, "a bound socket's node: 0777 less 077");
	CHECK_EQ(syscall(SYS_umask, 022), 077, "the raw call, too");
	CHECK_EQ(syscall(SYS_creat, sub, 0777), 3, "raw creat: fd 3");
	close(3);
	CHECK_EQ(mode_of(sub), 0755, "raw creat 0777 with umask 022: 0755");
	unlink(sub);
}

static void test_chmod(void)
{
	int fd = open(file, O_RDONLY);
	struct stat st;

	CHECK_EQ(chmod(file, 0600), 0, "chmod 0600");
	CHECK_EQ(mode_of(file), 0600, "mode 0600");
	CHECK_EQ(chmod(file, 0177777), 0, "chmod with type bits set");
	CHECK_EQ(stat(file, &st), 0, "stat");
	CHECK_HEX(st.st_mode, S_IFREG | 07777, "still a regular file, 07777");
	CHECK_EQ(fchmod(fd, 0640), 0, "fchmod of an O_RDONLY fd");
	CHECK_EQ(mode_of(file), 0640, "mode 0640");
	CHECK_EQ(syscall(SYS_fchmodat, AT_FDCWD, file, 0604), 0, "fchmodat");
	CHECK_EQ(mode_of(file), 0604, "mode 0604");
	CHECK_EQ(chmod(dir, 0755), 0, "chmod a directory");
	CHECK_EQ(mode_of(dir), 0755, "mode 0755");
	CHECK_ERR(chmod("/nonexistent-pollux", 0600), ENOENT, "ENOENT");
	CHECK_ERR(chmod("", 0600), ENOENT, "empty path: ENOENT");
	CHECK_ERR(chmod(bad_addr(1), 0600), EFAULT, "bad path: EFAULT");
	CHECK_ERR(fchmod(-1, 0600), EBADF, "fchmod -1: EBADF");
	CHECK_ERR(fchmod(999, 0600), EBADF, "fchmod 999: EBADF");
	close(fd);
}

static void test_chown(void)
{
	int fd = open(file, O_RDONLY);
	struct stat st;

	CHECK_EQ(chown(file, 1000, 100), 0, "chown 1000:100");
	CHECK_EQ(stat(file, &st), 0, "stat");
	CHECK_EQ(st.st_uid, 1000, "uid 1000");
	CHECK_EQ(st.st_gid, 100, "gid 100");
	CHECK_EQ(fchown(fd, -1, 7), 0, "fchown -1:7");
	CHECK_EQ(fstat(fd, &st), 0, "fstat");
	CHECK_EQ(st.st_uid, 1000, "-1 kept the uid");
	CHECK_EQ(st.st_gid, 7, "gid 7");
	CHECK_EQ(lchown(file, 5, -1), 0, "lchown 5:-1");
	CHECK_EQ(stat(file, &st), 0, "stat");
	CHECK_EQ(st.st_uid, 5, "uid 5");
	CHECK_EQ(st.st_gid, 7, "-1 kept the gid");
	CHECK_EQ(fchownat(AT_FDCWD, file, 0, 0, AT_SYMLINK_NOFOLLOW), 0,
		 "fchownat back to 0:0");
	CHECK_EQ(fstat(fd, &st), 0, "fstat");
	CHECK_EQ(st.st_uid + st.st_gid, 0, "root's again");
	CHECK_EQ(fchownat(fd, "", 3, 3, AT_EMPTY_PATH), 0,
		 "fchownat AT_EMPTY_PATH on the fd");
	CHECK_EQ(fstat(fd, &st), 0, "fstat");
	CHECK_EQ(st.st_uid, 3, "uid 3");
	CHECK_ERR(fchownat(AT_FDCWD, file, 0, 0, 0x4), EINVAL,
		  "an unknown flag: EINVAL");
	CHECK_ERR(fchownat(fd, "", 0, 0, 0), ENOENT, "empty path: ENOENT");
	CHECK_ERR(fchown(-1, 0, 0), EBADF, "fchown -1: EBADF");

	chmod(file, 06755);
	CHECK_EQ(chown(file, -1, -1), 0, "chown -1:-1 of a 06755 file");
	CHECK_EQ(mode_of(file), 0755, "set-user-ID and set-group-ID dropped");
	chmod(file, 06745);
	chown(file, 0, 0);
	CHECK_EQ(mode_of(file), 02745, "without g+x set-group-ID stays");
	chmod(dir, 07755);
	chown(dir, 0, 0);
	CHECK_EQ(mode_of(dir), 07755, "a directory keeps both");
	chmod(dir, 0755);
	close(fd);
}

static void test_access(void)
{
	char *argv[] = { file, NULL };

	chmod(file, 0);
	CHECK_EQ(access(file, R_OK | W_OK), 0, "root reads and writes mode 0");
	CHECK_ERR(access(file, X_OK), EACCES, "but may not execute it");
	CHECK_ERR(faccessat(AT_FDCWD, file, X_OK, AT_EACCESS), EACCES,
		  "faccessat AT_EACCESS: the same");
	CHECK_ERR(execve(file, argv, NULL), EACCES, "execve of mode 0: EACCES");
	CHECK(open(file, O_RDWR) >= 0, "open O_RDWR of mode 0");
	chmod(file, 0001);
	CHECK_EQ(access(file, X_OK), 0, "one x bit (other) is enough");
	CHECK_EQ(syscall(SYS_faccessat, AT_FDCWD, file, X_OK), 0,
		 "faccessat, the 3-argument call");
	chmod(dir, 0);
	CHECK_EQ(access(dir, X_OK | R_OK | W_OK), 0, "a mode-0 directory: all");
	CHECK_ERR(access(file, 8), EINVAL, "mode 8: EINVAL");
	CHECK_ERR(faccessat(AT_FDCWD, file, F_OK, 0x4), EINVAL,
		  "an unknown flag: EINVAL");
	CHECK_ERR(access("/nonexistent-pollux", F_OK), ENOENT, "ENOENT");
}

int main(void)
{
	snprintf(file, sizeof(file), "/tmp/pollux-fsattr-%d", getpid());
	snprintf(dir, sizeof(dir), "/tmp/pollux-fsattr-%d.d", getpid());
	snprintf(sub, sizeof(sub), "%s/f", dir);
	test_umask();
	test_chmod();
	test_chown();
	test_access();
	unlink(file);
	rmdir(dir);
	return test_done();
}
