/*
 * eventpoll (epoll) hooks for the rest of the kernel: boot-time setup and
 * the VFS's last-close hook.  The structures and the syscalls live in
 * kernel/fs/eventpoll.c.  Linux: include/linux/eventpoll.h.
 */
#ifndef POLLUX_EVENTPOLL_H
#define POLLUX_EVENTPOLL_H

#include <pollux/fs.h>

/* Creates the epitem/eppoll_entry caches, computes max_user_watches and
 * reads the "trace=epoll" command-line switch.  Called once from kmain. */
void eventpoll_init(void);

/* The lines of /proc/pollux/epoll_stats: how often eventpoll's
 * concurrent paths ran (ovflist, mtx_contended, dying, exclusive_wakeups).
 * Pollux-only. */
struct seq_file;
int ep_stats_show(struct seq_file *m);

/* Removes every epitem that watches file, in every epoll instance. */
void eventpoll_release_file(struct file *file);

/*
 * Called by the last fput() of any file, before its ->release: epoll(7)'s
 * rule that a file leaves every interest set when its last reference
 * (not merely one fd) goes away.  Linux: include/linux/eventpoll.h.
 */
static inline void eventpoll_release(struct file *file)
{
	/* Fast check: most files are watched by no epoll instance. */
	if (list_empty(&file->f_ep_links))
		return;
	eventpoll_release_file(file);
}

#endif
