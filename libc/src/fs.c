/* Calls on path names and directories that are more than one plain call
 * (access, chmod, chown, truncate, statfs, chdir, fstat, getdents64 are generated: syscalls.c). */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int unlink(const char *path)
{
	return syscall3(__NR_unlinkat, AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return syscall3(__NR_unlinkat, AT_FDCWD, path, AT_REMOVEDIR);
}

int mkdir(const char *path, mode_t mode)
{
	return syscall3(__NR_mkdirat, AT_FDCWD, path, mode);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return syscall4(__NR_faccessat2, dirfd, path, mode, flags);
}

/* The system call returns the length; the C function returns the buffer. */
char *getcwd(char *buf, size_t size)
{
	return syscall2(__NR_getcwd, buf, size) < 0 ? NULL : buf;
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return syscall4(__NR_newfstatat, dirfd, path, st, flags);
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* glibc's umount(): x86-64 has no umount call of its own */
int umount(const char *target)
{
	return syscall2(__NR_umount2, target, 0);
}
