#ifndef _SYS_PIDFD_H
#define _SYS_PIDFD_H

#include <signal.h>
#include <sys/types.h>
#include <uapi/pidfd.h>

/* glibc's (2.36): one system call each; -1 and errno on failure */
int pidfd_open(pid_t pid, unsigned int flags);
int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags);

#endif
