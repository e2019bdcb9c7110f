-: /tmp/sz.c include/pollux/poll.h include/pollux/fs.h \
 include/pollux/list.h include/pollux/types.h include/pollux/wait.h \
 include/pollux/spinlock.h include/uapi/fcntl.h include/uapi/stat.h \
 include/uapi/poll.h include/uapi/epoll.h include/uapi/types.h \
 include/pollux/sched.h include/pollux/mm.h include/pollux/arch/arch.h \
 include/pollux/arch/trapframe.h
include/pollux/poll.h:
include/pollux/fs.h:
include/pollux/list.h:
include/pollux/types.h:
include/pollux/wait.h:
include/pollux/spinlock.h:
include/uapi/fcntl.h:
include/uapi/stat.h:
include/uapi/poll.h:
include/uapi/epoll.h:
include/uapi/types.h:
include/pollux/sched.h:
include/pollux/mm.h:
include/pollux/arch/arch.h:
include/pollux/arch/trapframe.h:
