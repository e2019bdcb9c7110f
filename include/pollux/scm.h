/*
 * Control messages a sendmsg carries to its receiver: SCM_RIGHTS, open
 * files passed from one process to another.  The sender's fds become
 * file references (a struct scm_fp_list) riding on the sk_buff; the
 * receiver's recvmsg turns them into new fds.  Linux: include/net/scm.h,
 * net/core/scm.c.  SCM_CREDENTIALS carries a pid, uid and gid: the
 * sender's own, or (Pollux: everyone is root) any existing pid and any
 * valid ids.  No SCM_SECURITY, no SCM_PIDFD.
 */
#ifndef POLLUX_SCM_H
#define POLLUX_SCM_H

#include <pollux/net.h>

/* The most fds one message may carry.  Linux: SCM_MAX_FD */
#define SCM_MAX_FD 253

/* Linux: include/net/scm.h struct scm_fp_list */
struct scm_fp_list {
	struct list_head link;		/* while waiting to be put */
	short count;
	struct file *fp[SCM_MAX_FD];
};

/* What one sendmsg's control messages asked for, or what a receive
 * hands over.  Linux: scm_cookie */
struct scm_cookie {
	struct scm_fp_list *fp;		/* SCM_RIGHTS' files, or NULL */
	struct ucred creds;		/* SCM_CREDENTIALS: pid 0 for none */
};

/* Reads msg's control messages (a kernel copy) into scm: EINVAL for a
 * malformed or unknown one, EBADF for a bad fd, ESRCH for a pid nobody
 * has.  Linux: __scm_send() */
int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm);
/* Drops the files scm still holds.  Linux: scm_destroy() */
void scm_destroy(struct scm_cookie *scm);
/* A second reference to every file in fpl (MSG_PEEK).  Linux: scm_fp_dup() */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
/* Frees fpl and puts its files, after the put already running if there
 * is one (a socket in flight holds more in flight: no recursion).
 * Linux: __scm_destroy() (whose fput defers to task work) */
void scm_fp_destroy(struct scm_fp_list *fpl);
/* Hands scm's credentials (if the receiver has SO_PASSCRED) and files
 * to the receiver, the files as new fds, in the user's control buffer
 * (MSG_CTRUNC for what does not fit, or no buffer at all) and drops
 * scm.  Linux: scm_recv() + put_cmsg() + scm_detach_fds() */
void scm_recv(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm,
	      int flags);

#endif
