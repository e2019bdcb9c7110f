#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>
#include <uapi/fcntl.h>	/* F_OK..R_OK, SEEK_* */

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t readlink(const char *path, char *buf, size_t bufsiz);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread64(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);
/* off_t is 64 bits: pread is pread64, as glibc's __REDIRECT makes it */
ssize_t pread(int fd, void *buf, size_t n, off_t off) __asm__("pread64");
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) __asm__("pwrite64");
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int pipe(int *fds);	/* fds[0] to read, fds[1] to write */
int pipe2(int *fds, int flags);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int chown(const char *path, uid_t user, gid_t group);
int fchown(int fd, uid_t user, gid_t group);
int lchown(const char *path, uid_t user, gid_t group);
int fchownat(int dirfd, const char *path, uid_t user, gid_t group, int flag);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flag);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int isatty(int fd);
void sync(void);
int syncfs(int fd);
int fsync(int fd);
int fdatasync(int fd);

pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void _exit(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
pid_t gettid(void);
uid_t getuid(void);
gid_t getgid(void);

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);
unsigned int alarm(unsigned int seconds);
int pause(void);

int brk(void *addr);
void *sbrk(long increment);

long syscall(long nr, ...);

#endif
