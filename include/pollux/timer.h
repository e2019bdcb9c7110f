/* The tick and timers (kernel/proc/timer.c).  Linux: kernel/time/timer.c */
#ifndef POLLUX_TIMER_H
#define POLLUX_TIMER_H

#include <pollux/list.h>

#define HZ 1000
extern volatile u64 jiffies;

/* The PIT counts down from LATCH at PIT_TICK_RATE: a tick lasts LATCH /
 * PIT_TICK_RATE s, TICK_NSEC ns (999847, not quite 1 ms).
 * Linux: include/linux/timex.h, include/linux/jiffies.h */
#define PIT_TICK_RATE	1193182UL
#define LATCH		((PIT_TICK_RATE + HZ / 2) / HZ)
#define TICK_NSEC	((long)(LATCH * 1000000000UL / PIT_TICK_RATE))

struct timer_list {
	u64 expires;			/* in jiffies */
	void (*function)(struct timer_list *);
	struct list_head entry;
	void *data;
};

void timer_init(void);
void tick_handle_periodic(void);	/* each CPU's tick (apic.c) */
void add_timer(struct timer_list *t);
/* Waits for a running function of t (Linux: timer_delete_sync()) */
void del_timer(struct timer_list *t);
/* Without that wait, so a timer's function may call them on its own
 * timer; true if t was queued.  Linux: timer_delete(), mod_timer() */
bool timer_delete(struct timer_list *t);
bool mod_timer(struct timer_list *t, u64 expires);

#endif
