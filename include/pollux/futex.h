/*
 * Futexes (kernel/futex/): the calls other parts of the kernel make.
 * Linux: include/linux/futex.h and kernel/futex/futex.h.
 *   futex_wake: wake up to nr_wake waiters on uaddr whose bitset meets
 *     bitset; how many woke, or -EINVAL/-EFAULT.  mm_release calls it
 *     for clear_child_tid (FLAGS_SHARED, FUTEX_BITSET_MATCH_ANY).
 *   futex_exit_release, futex_exec_release: walk tsk's robust list: each
 *     lock it still holds gets FUTEX_OWNER_DIED and one waiter is woken.
 *     tsk is current, and current->mm and the active page tables are
 *     still the old mm (the list is its memory, and the wake-ups key on
 *     it): execve calls futex_exec_release before it sets and activates
 *     the new mm, as Linux's exec_mm_release() in exec_mmap().
 */
#ifndef POLLUX_FUTEX_H
#define POLLUX_FUTEX_H

#include <pollux/types.h>
#include <uapi/futex.h>

struct task_struct;

/* flags: how futex(2)'s op bits reach the code.  Linux: kernel/futex/futex.h */
#define FLAGS_SHARED		0x01	/* no FUTEX_PRIVATE_FLAG */
#define FLAGS_CLOCKRT		0x02	/* FUTEX_CLOCK_REALTIME */

int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);
/* The hash buckets, at boot.  Linux: futex_init() */
void futex_init(void);
void futex_exit_release(struct task_struct *tsk);
void futex_exec_release(struct task_struct *tsk);

#endif
