#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <uapi/select.h>
#include <signal.h>
#include <time.h>

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout);
int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *sigmask);

#endif
