/* The system call path and the return to user mode (kernel/entry/common.c).
 * Linux: include/linux/entry-common.h */
#ifndef POLLUX_ENTRY_COMMON_H
#define POLLUX_ENTRY_COMMON_H

#include <pollux/arch/trapframe.h>

/* Called on every return to user mode: reschedule, deliver signals. */
void exit_to_user_mode(struct trapframe *tf);
/* An interrupt's return to kernel mode: preempt=full's preemption point */
void irqentry_exit_cond_resched(struct trapframe *tf);
/* 0, or SIGSEGV if the CPU cannot return to user mode at tf->rip. */
int check_user_return(const struct trapframe *tf);
/* syscall_entry's C half: runs the call, then exit_to_user_mode();
 * false if the return must take iretq rather than sysret. */
bool syscall_dispatch(struct trapframe *tf);
/* Runs system call nr with tf's arguments (kernel/syscall_table.c). */
long x64_sys_call(const struct trapframe *tf, u64 nr);
/* Linux's name of system call nr ("epoll_wait"), or "no name" */
const char *syscall_name(u64 nr);

#endif
