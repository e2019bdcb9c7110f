/*
 * SCM_RIGHTS: files passed in a control message (pollux/scm.h).
 * Linux: net/core/scm.c.
 */
#include <pollux/mm.h>
#include <pollux/sched.h>
#include <pollux/scm.h>
#include <pollux/sock.h>
#include <pollux/string.h>
#include <pollux/uaccess.h>
#include <uapi/errno.h>

/* What an id no one can map reads as.  Linux: DEFAULT_OVERFLOWUID,
 * DEFAULT_OVERFLOWGID (/proc/sys/kernel/overflowuid) */
#define OVERFLOWUID 65534
#define OVERFLOWGID 65534

/* Linux: include/linux/socket.h CMSG_OK(), __CMSG_FIRSTHDR(),
 * __cmsg_nxthdr() over the kernel copy of the control buffer */
static bool cmsg_ok(const struct msghdr *msg, const struct cmsghdr *cmsg)
{
	return cmsg->cmsg_len >= sizeof(struct cmsghdr) &&
	       cmsg->cmsg_len <= msg->msg_controllen -
				 ((char *)cmsg - (char *)msg->msg_control);
}

static struct cmsghdr *cmsg_first(const struct msghdr *msg)
{
	return msg->msg_controllen >= sizeof(struct cmsghdr)
		       ? msg->msg_control : NULL;
}

static struct cmsghdr *cmsg_next(const struct msghdr *msg,
				 struct cmsghdr *cmsg)
{
	struct cmsghdr *next = (struct cmsghdr *)((char *)cmsg +
						  CMSG_ALIGN(cmsg->cmsg_len));

	if ((size_t)((char *)(next + 1) - (char *)msg->msg_control) >
	    msg->msg_controllen)
		return NULL;
	return next;
}

/* The fds of one SCM_RIGHTS message, appended to *fplp as files.
 * Linux: net/core/scm.c scm_fp_copy() */
static int scm_fp_copy(struct cmsghdr *cmsg, struct scm_fp_list **fplp)
{
	int *fdp = (int *)CMSG_DATA(cmsg);
	struct scm_fp_list *fpl = *fplp;
	long num = (cmsg->cmsg_len - sizeof(struct cmsghdr)) / sizeof(int);

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	if (!fpl) {
		fpl = kmalloc(sizeof(*fpl));
		if (!fpl)
			return -ENOMEM;
		fpl->count = 0;
		*fplp = fpl;
	}
	if (fpl->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (long i = 0; i < num; i++) {
		struct file *file = fdp[i] < 0 ? NULL : fget_raw(fdp[i]);

		if (!file)
			return -EBADF;
		fpl->fp[fpl->count++] = file;
	}
	return 0;
}

/* Linux: the SCM_CREDENTIALS case of __scm_send() — scm_check_creds()
 * lets root (everyone, in Pollux) name any pid and ids; the pid must
 * exist, the ids be valid (not -1) */
static int scm_creds_copy(struct cmsghdr *cmsg, struct ucred *creds)
{
	struct task_struct *t;
	struct ucred uc;

	if (cmsg->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
		return -EINVAL;
	memcpy(&uc, CMSG_DATA(cmsg), sizeof(uc));
	t = uc.pid > 0 ? find_task(uc.pid) : NULL;
	if (!t)
		return -ESRCH;
	put_task_struct(t);
	if (uc.uid == (__kernel_uid_t)-1 || uc.gid == (__kernel_gid_t)-1)
		return -EINVAL;
	*creds = uc;
	return 0;
}

/* Linux: net/core/scm.c __scm_send() — SOL_SOCKET messages only; other
 * levels are the protocol's (AF_UNIX has none: skipped) */
int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm)
{
	struct cmsghdr *cmsg;
	int err = 0;

	scm->fp = NULL;
	scm->creds = (struct ucred){ 0, -1, -1 };
	for (cmsg = cmsg_first(msg); cmsg; cmsg = cmsg_next(msg, cmsg)) {
		err = -EINVAL;
		if (!cmsg_ok(msg, cmsg))
			goto error;
		if (cmsg->cmsg_level != SOL_SOCKET)
			continue;
		if (cmsg->cmsg_type == SCM_CREDENTIALS)
			err = scm_creds_copy(cmsg, &scm->creds);
		else if (cmsg->cmsg_type == SCM_RIGHTS &&
			 sock->ops->family == PF_UNIX)
			err = scm_fp_copy(cmsg, &scm->fp);
		if (err)
			goto error;
	}
	return 0;
error:
	scm_destroy(scm);
	return err;
}

/* Lists whose files wait to be put, and whether a put is running */
static LIST_HEAD(scm_fp_deferred);
static bool scm_fp_putting;

static void scm_fp_put(struct scm_fp_list *fpl)
{
	for (int i = 0; i < fpl->count; i++)
		fput(fpl->fp[i]);
	kfree(fpl);
}

/* Putting a socket's file may free its queue and the lists of files in
 * flight there, which may hold sockets...: the first put works through
 * a list, the ones it causes only join it, so a chain of sockets in
 * flight, however deep, takes no kernel stack. */
void scm_fp_destroy(struct scm_fp_list *fpl)
{
	list_add_tail(&fpl->link, &scm_fp_deferred);
	if (scm_fp_putting)
		return;
	scm_fp_putting = true;
	while (!list_empty(&scm_fp_deferred)) {
		fpl = list_first_entry(&scm_fp_deferred, struct scm_fp_list,
				       link);
		list_del(&fpl->link);
		scm_fp_put(fpl);
	}
	scm_fp_putting = false;
}

/* Linux: include/net/scm.h scm_destroy() */
void scm_destroy(struct scm_cookie *scm)
{
	if (scm->fp)
		scm_fp_destroy(scm->fp);
	scm->fp = NULL;
}

/* Linux: net/core/scm.c scm_fp_dup() */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	struct scm_fp_list *new = kmalloc(sizeof(*new));

	if (!new)
		return NULL;
	new->count = fpl->count;
	for (int i = 0; i < fpl->count; i++)
		new->fp[i] = get_file(fpl->fp[i]);
	return new;
}

/* One file as a new fd, its number at ufd.  Linux: fs/file.c receive_fd() */
static int receive_fd(struct file *file, int __user *ufd, unsigned int o_flags)
{
	int fd = get_unused_fd_flags(o_flags);

	if (fd < 0)
		return fd;
	if (put_user(fd, ufd)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, get_file(file));
	return 0;
}

/* As many fds as the user's buffer holds, one SCM_RIGHTS message; the
 * rest are closed (MSG_CTRUNC).  msg_control moves past what was
 * written.  Linux: net/core/scm.c scm_detach_fds() */
static void scm_detach_fds(struct msghdr *msg, struct scm_cookie *scm)
{
	struct cmsghdr __user *cm = msg->msg_control;
	unsigned int o_flags = (msg->msg_flags & MSG_CMSG_CLOEXEC) ? O_CLOEXEC
								  : 0;
	int __user *cmsg_data = (int __user *)CMSG_DATA(cm);
	long fdmax = msg->msg_controllen <= sizeof(struct cmsghdr) ? 0 :
		     (msg->msg_controllen - sizeof(struct cmsghdr)) / sizeof(int);
	int i, err = 0;

	fdmax = MIN(fdmax, (long)scm->fp->count);
	for (i = 0; i < fdmax; i++)
		if (receive_fd(scm->fp->fp[i], cmsg_data + i, o_flags) < 0)
			break;
	if (i > 0) {
		size_t cmlen = CMSG_LEN(i * sizeof(int));

		err = put_user(SOL_SOCKET, &cm->cmsg_level);
		if (!err)
			err = put_user(SCM_RIGHTS, &cm->cmsg_type);
		if (!err)
			err = put_user(cmlen, &cm->cmsg_len);
		if (!err) {
			cmlen = MIN(CMSG_SPACE(i * sizeof(int)),
				    msg->msg_controllen);
			msg->msg_control = (char __user *)msg->msg_control +
					   cmlen;
			msg->msg_controllen -= cmlen;
		}
	}
	if (i < scm->fp->count || (scm->fp->count && fdmax <= 0))
		msg->msg_flags |= MSG_CTRUNC;
	scm_destroy(scm);	/* the installed fds hold their own references */
}

/* One control message into the user's buffer, cut (MSG_CTRUNC) to
 * what fits.  Linux: net/core/scm.c put_cmsg() */
static void put_cmsg(struct msghdr *msg, int level, int type, size_t len,
		     const void *data)
{
	struct cmsghdr __user *cm = msg->msg_control;
	struct cmsghdr cmhdr;
	size_t cmlen = CMSG_LEN(len);

	if (msg->msg_controllen < sizeof(struct cmsghdr)) {
		msg->msg_flags |= MSG_CTRUNC;
		return;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cmhdr = (struct cmsghdr){ cmlen, level, type };
	if (copy_to_user(cm, &cmhdr, sizeof(cmhdr)) ||
	    copy_to_user(CMSG_DATA(cm), data, cmlen - sizeof(cmhdr)))
		return;
	cmlen = MIN(CMSG_SPACE(len), msg->msg_controllen);
	msg->msg_control = (char __user *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
}

/* Linux: include/net/scm.h scm_recv() — ids -1 read as the overflow
 * ids (from_kuid_munged) */
void scm_recv(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm,
	      int flags)
{
	bool passcred = sock->sk->sk_passcred;

	if (!msg->msg_control) {
		if (passcred || scm->fp)
			msg->msg_flags |= MSG_CTRUNC;
		scm_destroy(scm);
		return;
	}
	if (passcred) {
		struct ucred uc = scm->creds;

		if (uc.uid == (__kernel_uid_t)-1)
			uc.uid = OVERFLOWUID;
		if (uc.gid == (__kernel_gid_t)-1)
			uc.gid = OVERFLOWGID;
		put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, sizeof(uc), &uc);
	}
	if (scm->fp)
		scm_detach_fds(msg, scm);
}
