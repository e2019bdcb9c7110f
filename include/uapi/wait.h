/* wait4() options and the exit status encoding
 * (Linux: include/uapi/linux/wait.h; status layout from kernel/exit.c). */
#ifndef _UAPI_WAIT_H
#define _UAPI_WAIT_H

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT    0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000

/*
 * The status word: exit code in bits 8..15 with the low 7 bits zero;
 * killed: signal number in bits 0..6 (bit 7 = core dumped);
 * stopped: 0x7f in the low byte, signal in bits 8..15; continued: 0xffff.
 */
#define W_EXITCODE(ret, sig) ((ret) << 8 | (sig))
#define W_STOPCODE(sig)      ((sig) << 8 | 0x7f)
#define WCOREFLAG            0x80

#define WEXITSTATUS(s)  (((s) & 0xff00) >> 8)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WCOREDUMP(s)    ((s) & WCOREFLAG)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSIGNALED(s)  (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

/* P_* id types for waitid(). */
#define P_ALL  0
#define P_PID  1
#define P_PGID 2

#endif
