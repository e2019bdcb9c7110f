/* Wrappers for process calls: fork, exec, exit, wait, ids, kill. */
#include <signal.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

pid_t fork(void)
{
	return syscall0(__NR_fork);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return syscall3(__NR_execve, path, argv, envp);
}

/* exit_group, not exit: it ends every thread, which is what C's exit means. */
void _exit(int status)
{
	for (;;)
		__syscall1(__NR_exit_group, status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return syscall4(__NR_wait4, pid, status, options, ru);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

pid_t getpid(void)
{
	return syscall0(__NR_getpid);
}

pid_t getppid(void)
{
	return syscall0(__NR_getppid);
}

pid_t gettid(void)
{
	return syscall0(__NR_gettid);
}

uid_t getuid(void)
{
	return syscall0(__NR_getuid);
}

gid_t getgid(void)
{
	return syscall0(__NR_getgid);
}

int kill(pid_t pid, int sig)
{
	return syscall2(__NR_kill, pid, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int uname(struct utsname *buf)
{
	return syscall1(__NR_uname, buf);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return syscall2(__NR_setpgid, pid, pgid);
}

pid_t getpgid(pid_t pid)
{
	return syscall1(__NR_getpgid, pid);
}

pid_t getpgrp(void)
{
	return syscall0(__NR_getpgrp);
}

pid_t setsid(void)
{
	return syscall0(__NR_setsid);
}

pid_t getsid(pid_t pid)
{
	return syscall1(__NR_getsid, pid);
}
